package triad.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import triad.testkit.Commands;
import triad.testkit.NodeProcess;

/** `bin/triad` as an operator meets it: a bad config is one clear line and a non-zero exit. */
class LauncherIT {
  @TempDir
  Path dir;

  record Outcome(int exit, List<String> lines) {}

  Outcome triad(String... args) throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("triad.home", ".")).toAbsolutePath();
    List<String> cmd = new java.util.ArrayList<>(List.of(home.resolve("bin/triad").toString()));
    cmd.addAll(List.of(args));
    Commands.Finished f = Commands.run(new ProcessBuilder(cmd).directory(dir.toFile()), dir, Duration.ofSeconds(120));
    List<String> lines = f.output().lines().filter(l -> l.startsWith("triad:")).toList();
    return new Outcome(f.exit(), lines);
  }

  Path config(String body) throws IOException {
    Path f = dir.resolve("node-" + System.nanoTime() + ".conf");
    Files.writeString(f, "include classpath(\"single-node.conf\")\ntriad.node.data-dir = \"" + dir.resolve("data") + "\"\n" + body + "\n");
    return f;
  }

  static void oneLine(Outcome o, String expected) {
    assertTrue(o.exit() != 0, "exit code " + o.exit());
    assertEquals(1, o.lines().size(), o.lines().toString());
    assertTrue(o.lines().get(0).contains(expected), o.lines().get(0));
  }

  @Test
  void missingConfigFile() throws Exception {
    oneLine(triad("--config", dir.resolve("nope.conf").toString()), "config file not found");
  }

  @Test
  void keyOfTheWrongType() throws Exception {
    oneLine(triad("--config", config("triad.http.port = \"eighty\"").toString()), "triad.http.port");
  }

  @Test
  void unknownArgument() throws Exception {
    oneLine(triad("--frobnicate"), "unknown argument");
  }

  @Test
  void portInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      oneLine(triad("--config", config("triad.http.port = " + taken.getLocalPort()).toString()), "already in use");
    }
  }

  @Test
  void dataDirectoryNotWritable() throws Exception {
    // A path below a regular file can be created by nobody, root included.
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    Path f = dir.resolve("bad-data.conf");
    Files.writeString(f, "include classpath(\"single-node.conf\")\ntriad.http.port = " + NodeProcess.freePort()
        + "\ntriad.node.data-dir = \"" + file.resolve("data") + "\"\n");
    oneLine(triad("--config", f.toString()), "data directory");
  }

  @Test
  void theLocalPairIsNotServedToOtherHosts() throws Exception {
    oneLine(triad("--config", config("triad.http.host = \"0.0.0.0\"\ntriad.http.port = " + NodeProcess.freePort()).toString()),
        "public local pair");
  }

  @Test
  void credentialsFilesMustBePrivate() throws Exception {
    Path shared = Files.writeString(dir.resolve("shared.credentials"), "[default]\naws_access_key_id = k\naws_secret_access_key = 0123456789abcdef\n");
    Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    oneLine(triad("--config", config("triad.http.port = " + NodeProcess.freePort()).toString(), "--credentials", shared.toString()),
        "chmod 600");
    oneLine(triad("--credentials"), "--credentials needs a file");
  }
}
