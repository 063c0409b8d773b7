package triad.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import triad.arch.fixture.core.ImpureCore;

/**
 * Keeps the protocol and logic cores pure: no Pekko, no I/O, no clocks, no hidden randomness, no
 * threads. Time and randomness are injected; the shells around the cores do the rest.
 */
class CoreIsolationTest {
  private static final ArchRule CORES_USE_ONLY_PURE_LIBRARIES_AND_OTHER_CORES =
      classes().that().resideInAPackage("triad..core..")
          .should().onlyDependOnClassesThat().resideInAnyPackage(
              "java.lang", "java.lang.runtime", "java.lang.invoke", "java.lang.constant", "java.lang.reflect", "java.util..", "java.math",
              "java.nio", "java.nio.charset", "java.io", "java.time..", "java.security..", "javax.crypto..",
              "com.fasterxml.jackson.core..", "triad..core..");

  private static final ArchRule CORES_DO_NOT_USE_PEKKO =
      noClasses().that().resideInAPackage("triad..core..")
          .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "scala..", "com.typesafe..", "org.fusesource..", "org.iq80..");

  private static final ArchRule CORES_DO_NO_IO =
      noClasses().that().resideInAPackage("triad..core..")
          .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..", "java.nio.channels..")
          .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
          .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
          .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
          .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile");

  private static final ArchRule CORES_READ_NO_CLOCK =
      noClasses().that().resideInAPackage("triad..core..")
          .should().callMethod(System.class, "currentTimeMillis")
          .orShould().callMethod(System.class, "nanoTime")
          .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
          .orShould().callMethod(java.time.Instant.class, "now")
          .orShould().callMethod(java.time.LocalDateTime.class, "now");

  private static final ArchRule CORES_HAVE_NO_HIDDEN_RANDOMNESS_OR_THREADS =
      noClasses().that().resideInAPackage("triad..core..")
          .should().callConstructor(java.util.Random.class)
          .orShould().callConstructor(java.util.Random.class, long.class)
          .orShould().callConstructor(java.security.SecureRandom.class)
          .orShould().callMethod(java.util.concurrent.ThreadLocalRandom.class, "current")
          .orShould().callMethod(java.util.UUID.class, "randomUUID")
          .orShould().callMethod(Math.class, "random")
          .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
          .orShould().dependOnClassesThat().areAssignableTo(java.util.concurrent.Executor.class);

  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("triad");
  }

  @Test
  void coresUseOnlyPureLibrariesAndOtherCores() {
    CORES_USE_ONLY_PURE_LIBRARIES_AND_OTHER_CORES.check(classes);
  }

  @Test
  void coresDoNotUsePekko() {
    CORES_DO_NOT_USE_PEKKO.check(classes);
  }

  @Test
  void coresDoNoIo() {
    CORES_DO_NO_IO.check(classes);
  }

  @Test
  void coresReadNoClock() {
    CORES_READ_NO_CLOCK.check(classes);
  }

  @Test
  void coresHaveNoHiddenRandomnessOrThreads() {
    CORES_HAVE_NO_HIDDEN_RANDOMNESS_OR_THREADS.check(classes);
  }

  /** Each rule rejects a core class that breaks it: the rules above are not vacuous. */
  @Test
  void everyRuleCatchesAnImpureCore() {
    JavaClasses impure = new ClassFileImporter().importClasses(ImpureCore.class);
    for (ArchRule rule : List.of(CORES_USE_ONLY_PURE_LIBRARIES_AND_OTHER_CORES, CORES_DO_NOT_USE_PEKKO, CORES_DO_NO_IO, CORES_READ_NO_CLOCK, CORES_HAVE_NO_HIDDEN_RANDOMNESS_OR_THREADS)) {
      assertThrows(AssertionError.class, () -> rule.check(impure), rule.getDescription());
    }
  }
}
