package dev.ingestion.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ingestion.testkit.tags.SlowTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering described in docs/architecture.md, enforced. */
@SlowTest
class LayeringTest {
  static JavaClasses core;

  @BeforeAll
  static void load() {
    core = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("testkit"))
        .importPackages("dev.ingestion");
  }

  @Test
  void model_depends_on_java_only() {
    classes().that().resideInAPackage("dev.ingestion.model..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.ingestion.model..")
        .check(core);
  }

  @Test
  void only_parse_touches_tika() {
    noClasses().that().resideOutsideOfPackage("dev.ingestion.parse..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.tika..")
        .check(core);
  }

  @Test
  void only_store_and_the_jdbc_source_touch_jdbc() {
    // the JDBC source reads a user's database through java.sql the way the store reads ours;
    // everything else stays free of it
    noClasses().that().resideOutsideOfPackages("dev.ingestion.store..", "dev.ingestion.source.jdbc..")
        .should().dependOnClassesThat().resideInAPackage("java.sql..")
        .check(core);
  }

  @Test
  void core_has_no_web_or_cli_framework() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "picocli..")
        .check(core);
  }

  @Test
  void a_source_implementation_never_imports_a_sibling() {
    slices().matching("dev.ingestion.source.(*)..").should().notDependOnEachOther().check(core);
  }

  @Test
  void top_level_packages_have_no_cycles() {
    slices().matching("dev.ingestion.(*)..").should().beFreeOfCycles().check(core);
  }
}
