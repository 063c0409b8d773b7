package triad.testkit;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DynamoDB Local (the oracle) as its own JVM, in memory, on a free port, from the jars the build
 * copies to target/dynamodb-local. Its own classpath keeps its AWS SDK, Log4j and Jetty away from
 * ours; its own process lets the benchmark read its CPU time from /proc.
 */
public final class DynamoDbLocalProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final String MAIN = "software.amazon.dynamodb.services.local.main.ServerRunner";

  private final Process process;
  private final int httpPort;
  private final Path log;

  private DynamoDbLocalProcess(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  /** Starts DynamoDB Local with the JVM's default options, logging to {@code log}. */
  public static DynamoDbLocalProcess start(Path log) throws IOException {
    return start(log, List.of());
  }

  /**
   * Starts DynamoDB Local with {@code jvmOptions} (heap, GC: the benchmark gives both servers the
   * same ones) and returns once it answers HTTP.
   */
  public static DynamoDbLocalProcess start(Path log, List<String> jvmOptions) throws IOException {
    Path dir = directory();
    int port = NodeProcess.freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED",
        "-Djava.library.path=" + dir, "-cp", dir + "/*", MAIN,
        "-inMemory", "-port", Integer.toString(port)));
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    DynamoDbLocalProcess local = new DynamoDbLocalProcess(process, port, log);
    try {
      local.awaitReady();
    } catch (RuntimeException e) {
      local.close();
      throw e;
    }
    return local;
  }

  /** target/dynamodb-local, resolved like NodeProcess resolves target/ (from -Dtriad.home). */
  public static Path directory() {
    Path home = Path.of(System.getProperty("triad.home", ".")).toAbsolutePath();
    Path dir = home.resolve("target").resolve("dynamodb-local");
    if (!Files.isDirectory(dir) || !hasJar(dir)) {
      throw new IllegalStateException(dir + " has no DynamoDB Local: run `mvn generate-test-resources` (or `mvn -f "
          + "tools/dynamodb-local/pom.xml dependency:copy-dependencies -DoutputDirectory=" + dir + "`)");
    }
    return dir;
  }

  private static boolean hasJar(Path dir) {
    try (var files = Files.list(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("DynamoDBLocal"));
    } catch (IOException e) {
      return false;
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** SIGKILL: DynamoDB Local is in memory, so there is nothing to flush. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Any HTTP answer means Jetty is up; an unsigned GET gets a 400, which is fine. */
  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("DynamoDB Local exited with " + process.exitValue() + " before it was ready; see " + log);
      }
      try {
        HttpURLConnection c = (HttpURLConnection) endpoint().toURL().openConnection();
        c.setConnectTimeout(200);
        c.setReadTimeout(1000);
        if (c.getResponseCode() > 0) {
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
    throw new IllegalStateException("DynamoDB Local not ready within " + READY_TIMEOUT + "; see " + log);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
