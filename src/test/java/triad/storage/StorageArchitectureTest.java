package triad.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** storage.core is pure: no Pekko, LevelDB, files, clocks, threads or unseeded randomness. */
@AnalyzeClasses(packages = "triad.storage", importOptions = ImportOption.DoNotIncludeTests.class)
class StorageArchitectureTest {

  @ArchTest
  static final ArchRule coreUsesOnlyPureLibraries = classes().that().resideInAPackage("triad.storage.core..")
      .should().onlyDependOnClassesThat().resideInAnyPackage(
          "java.lang", "java.lang.runtime", "java.lang.invoke", "java.util", "java.util.function",
          "java.math", "java.nio.charset", "triad.item.core..", "triad.storage.core..");

  @ArchTest
  static final ArchRule coreReadsNoClockAndStartsNoThread = noClasses().that().resideInAPackage("triad.storage.core..")
      .should().callMethod(System.class, "currentTimeMillis")
      .orShould().callMethod(System.class, "nanoTime")
      .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
      .orShould().callConstructor(java.util.Random.class);
}
