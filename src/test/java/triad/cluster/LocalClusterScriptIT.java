package triad.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import triad.testkit.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/local-cluster.sh} as a user meets it: three nodes from {@code conf/cluster/}, the
 * AWS CLI through every node, a node killed with SIGKILL, and {@code start} bringing back just
 * that one. The data goes to a temporary directory ({@code TRIAD_CLUSTER_DIR}); the ports are the
 * script's own (HTTP 8000-8002, remoting 2551-2553), so the test is skipped, saying so, when
 * something else holds them (a developer's node on 8000, say).
 */
class LocalClusterScriptIT {
  private static final int NODES = 3;

  @TempDir
  Path dir;

  @Test
  void threeNodesServeTheAwsCliThroughAnyNodeAndStartBringsBackAKilledOne() throws Exception {
    List<Integer> ports = new ArrayList<>();
    IntStream.rangeClosed(1, NODES).forEach(n -> {
      ports.add(7999 + n);
      ports.add(2550 + n);
    });
    assumeTrue(ports.stream().allMatch(LocalClusterScriptIT::free), "deploy/local-cluster.sh needs ports " + ports + " free");
    try {
      Commands.Finished start = script("start");
      assertEquals(0, start.exit(), start.output());
      for (int n = 1; n <= NODES; n++) {
        assertTrue(start.output().contains("node-" + n + " ready"), start.output());
      }

      aws(8000, "create-table", "--table-name", "cli", "--attribute-definitions", "AttributeName=pk,AttributeType=S",
          "--key-schema", "AttributeName=pk,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST");
      aws(8002, "wait", "table-exists", "--table-name", "cli");
      List<String> expected = new ArrayList<>();
      for (int n = 1; n <= NODES; n++) {
        int port = 7999 + n;
        aws(port, "put-item", "--table-name", "cli", "--item", "{\"pk\":{\"S\":\"via-" + port + "\"}}");
        expected.add("via-" + port);
      }
      for (int n = 1; n <= NODES; n++) {
        assertEquals(new TreeSet<>(expected), keys(7999 + n), "a strongly consistent scan through node-" + n);
      }

      long pid = Long.parseLong(Files.readString(dir.resolve("node-2.pid")).trim());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!script("status").output().contains("node-2 not running")) {
        assertTrue(System.nanoTime() < deadline, "status still reports node-2 running 30 s after its SIGKILL");
        Thread.sleep(200);
      }
      // The AWS CLI retries the partitions' ServiceUnavailable while a new leader is elected.
      aws(8000, "put-item", "--table-name", "cli", "--item", "{\"pk\":{\"S\":\"while-node-2-was-down\"}}");
      expected.add("while-node-2-was-down");

      Commands.Finished again = script("start");
      assertEquals(0, again.exit(), again.output());
      assertTrue(again.output().contains("node-1 already running") && again.output().contains("node-3 already running")
          && again.output().contains("node-2 ready"), again.output());
      assertEquals(new TreeSet<>(expected), keys(8001), "node-2 serves every write, the one made while it was down too");
    } finally {
      Commands.Finished stop = script("stop");
      for (int n = 1; n <= NODES; n++) {
        Path pidFile = dir.resolve("node-" + n + ".pid");
        if (Files.exists(pidFile)) {
          ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
      assertEquals(0, stop.exit(), stop.output());
    }
  }

  private TreeSet<String> keys(int port) throws Exception {
    String out = aws(port, "scan", "--table-name", "cli", "--consistent-read", "--query", "Items[].pk.S", "--output", "text");
    return new TreeSet<>(Arrays.asList(out.trim().split("\\s+")));
  }

  private Commands.Finished script(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", home().resolve("deploy/local-cluster.sh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("TRIAD_CLUSTER_DIR", dir.toString());
    return Commands.run(pb, dir, Duration.ofSeconds(240));
  }

  private String aws(int port, String... args) throws IOException, InterruptedException {
    String cli = Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws";
    List<String> cmd = new ArrayList<>(List.of(cli, "dynamodb", "--endpoint-url", "http://127.0.0.1:" + port));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    // The README's local pair; the user's own AWS files must not change what the CLI sends.
    env.put("AWS_ACCESS_KEY_ID", "triadlocal");
    env.put("AWS_SECRET_ACCESS_KEY", "triadlocalsecret");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
    Commands.Finished r = Commands.run(pb, dir, Duration.ofSeconds(120));
    assertEquals(0, r.exit(), "aws dynamodb " + String.join(" ", args) + " via port " + port + ":\n" + r.output());
    return r.output();
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path home() {
    return Path.of(System.getProperty("triad.home", ".")).toAbsolutePath();
  }
}
