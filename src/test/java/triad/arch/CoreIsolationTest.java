package triad.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the protocol and logic cores pure: no Pekko, no I/O, no clocks, no hidden randomness, no
 * threads. Time and randomness are injected; the shells around the cores do the rest.
 */
class CoreIsolationTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("triad");
  }

  @Test
  void coresUseOnlyPureLibrariesAndOtherCores() {
    classes().that().resideInAPackage("triad..core..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "java.lang", "java.lang.runtime", "java.lang.invoke", "java.lang.constant", "java.lang.reflect", "java.util..", "java.math",
            "java.nio", "java.nio.charset", "java.io", "java.time..", "java.security..", "javax.crypto..",
            "com.fasterxml.jackson.core..", "triad..core..")
        .check(classes);
  }

  @Test
  void coresDoNotUsePekko() {
    noClasses().that().resideInAPackage("triad..core..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "scala..", "com.typesafe..", "org.fusesource..", "org.iq80..")
        .check(classes);
  }

  @Test
  void coresDoNoIo() {
    noClasses().that().resideInAPackage("triad..core..")
        .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.nio.channels..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
        .check(classes);
  }

  @Test
  void coresReadNoClock() {
    noClasses().that().resideInAPackage("triad..core..")
        .should().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.LocalDateTime.class, "now")
        .check(classes);
  }

  @Test
  void coresHaveNoHiddenRandomnessOrThreads() {
    noClasses().that().resideInAPackage("triad..core..")
        .should().callConstructor(java.util.Random.class)
        .orShould().callConstructor(java.util.Random.class, long.class)
        .orShould().callConstructor(java.security.SecureRandom.class)
        .orShould().callMethod(java.util.concurrent.ThreadLocalRandom.class, "current")
        .orShould().callMethod(java.util.UUID.class, "randomUUID")
        .orShould().callMethod(Math.class, "random")
        .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
        .orShould().dependOnClassesThat().areAssignableTo(java.util.concurrent.Executor.class)
        .check(classes);
  }
}
