package triad.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import triad.testkit.Commands;
import triad.testkit.NodeProcess;

/**
 * Non-Java clients against a real node process: boto3 (with its CRC32 check of every response)
 * and the AWS CLI with its waiters. `.ci/run` installs Debian's python3-boto3 and awscli.
 */
class OtherClientsIT {
  @TempDir
  static Path dir;
  static NodeProcess node;

  @BeforeAll
  static void start() throws IOException {
    node = NodeProcess.singleNode(dir, "").start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Commands.Finished f = Commands.run(new ProcessBuilder(command), dir, Duration.ofMinutes(5));
    assertEquals(0, f.exit(), f.output());
    return f.output();
  }

  static String script(String name) {
    return Path.of(System.getProperty("triad.home", "."), "src", "test", "clients", name).toString();
  }

  @Test
  void boto3WorksUnchanged() throws Exception {
    assertTrue(run(List.of("/usr/bin/python3", script("boto3_smoke.py"), node.endpoint().toString())).contains("boto3 smoke test passed"));
  }

  @Test
  void awsCliWorksUnchanged() throws Exception {
    String aws = Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws";
    assertTrue(run(List.of("env", "AWS_CLI=" + aws, "bash", script("cli_smoke.sh"), node.endpoint().toString())).contains("AWS CLI smoke test passed"));
  }
}
