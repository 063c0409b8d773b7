package triad.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TriadDB node as a real separate JVM, started the way bin/triad starts it (target/triad.jar
 * and target/lib), from a config file, so tests can SIGKILL it and start it again on the same data.
 */
public final class NodeProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path configFile;
  private final Path log;
  private final int httpPort;
  private Process process;

  private NodeProcess(Path configFile, Path log, int httpPort) {
    this.configFile = configFile;
    this.log = log;
    this.httpPort = httpPort;
  }

  /** A single-node config in {@code dir}: data in dir/data, HTTP on a free port. */
  public static NodeProcess singleNode(Path dir, String extraConfig) throws IOException {
    int port = freePort();
    Path config = dir.resolve("node.conf");
    Files.writeString(config, "include classpath(\"single-node.conf\")\n"
        + "triad.http.port = " + port + "\n"
        + "triad.node.data-dir = \"" + dir.resolve("data").toString().replace("\\", "/") + "\"\n"
        + extraConfig + "\n");
    return new NodeProcess(config, dir.resolve("node.log"), port);
  }

  /** A node from a config text written to {@code dir}/node.conf, serving HTTP on {@code httpPort}. */
  public static NodeProcess withConfig(Path dir, String config, int httpPort) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("node.conf");
    Files.writeString(file, config);
    return new NodeProcess(file, dir.resolve("node.log"), httpPort);
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGSTOP / SIGCONT: the node stops answering anything, as if cut off, then resumes. */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  public NodeProcess start() throws IOException {
    Path home = Path.of(System.getProperty("triad.home", ".")).toAbsolutePath();
    Path target = home.resolve("target");
    if (!Files.exists(target.resolve("triad.jar"))) {
      throw new IllegalStateException("target/triad.jar is missing: run `mvn package` (failsafe runs after it)");
    }
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
        "-cp", target.resolve("triad.jar") + ":" + target.resolve("lib") + "/*",
        "triad.cluster.Main", "--config", configFile.toString()));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    awaitReady();
    return this;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the node shuts down cleanly. Returns the exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
    return process.exitValue();
  }

  public Path log() {
    return log;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node exited with " + process.exitValue() + " before it was ready; see " + log);
      }
      try {
        HttpURLConnection c = (HttpURLConnection) endpoint().toURL().openConnection();
        c.setConnectTimeout(200);
        c.setReadTimeout(1000);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("node not ready within " + READY_TIMEOUT + "; see " + log);
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
