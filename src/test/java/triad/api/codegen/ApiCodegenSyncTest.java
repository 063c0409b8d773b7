package triad.api.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed wire model is exactly what ApiCodegen generates from the committed service model. */
class ApiCodegenSyncTest {
  private static final Path ROOT = Path.of(System.getProperty("triad.home", "."));
  private static final String RERUN = " differs from ApiCodegen's output: rerun the generator (see its Javadoc) and commit";

  @Test
  void committedSourcesMatchTheGenerator() throws IOException {
    Map<String, String> generated = ApiCodegen.generate(ApiCodegen.loadModel(),
        ApiCodegen.readIfExists(ROOT.resolve(ApiCodegen.COMPAT_DOC)));
    for (Map.Entry<String, String> f : generated.entrySet()) {
      assertEquals(f.getValue(), ApiCodegen.readIfExists(ROOT.resolve(f.getKey())), f.getKey() + RERUN);
    }
    Set<String> committed;
    try (Stream<Path> files = Files.list(ROOT.resolve(ApiCodegen.MODEL_DIR))) {
      committed = files.map(p -> ApiCodegen.MODEL_DIR + p.getFileName()).collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(new TreeSet<>(ApiCodegen.generatedModelFiles(generated)), committed, "files in " + ApiCodegen.MODEL_DIR + RERUN);
  }

  @Test
  void editedStatusesSurviveRegeneration() {
    String edited = ApiCodegen.generate(ApiCodegen.loadModel(), "")
        .get(ApiCodegen.COMPAT_DOC)
        .replace("| ReturnValues | String (enum ReturnValue) | no | parsed and validated |",
            "| ReturnValues | String (enum ReturnValue) | no | honoured |");
    String again = ApiCodegen.generate(ApiCodegen.loadModel(), edited).get(ApiCodegen.COMPAT_DOC);
    assertEquals(edited, again);
    assertTrue(again.contains("## PutItem"));
    assertTrue(again.contains("| ReturnValues | String (enum ReturnValue) | no | honoured |"));
  }

  @Test
  void javaNamesLowerTheLeadingCapitals() {
    assertEquals("tableName", ApiCodegen.javaName("TableName"));
    assertEquals("sseSpecification", ApiCodegen.javaName("SSESpecification"));
    assertEquals("kmsMasterKeyId", ApiCodegen.javaName("KMSMasterKeyId"));
    assertEquals("ns", ApiCodegen.javaName("NS"));
    assertEquals("sSESpecification", ApiCodegen.coralName("SSESpecification"));
  }
}
