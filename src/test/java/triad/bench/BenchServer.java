package triad.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import triad.testkit.DynamoDbLocalProcess;
import triad.testkit.NodeProcess;

/** A server process under test: where to send requests and whose CPU time to read. */
sealed interface BenchServer extends AutoCloseable permits BenchServer.Triad, BenchServer.Local {

  String name();

  URI endpoint();

  long pid();

  @Override
  void close();

  /** How to start one kind of server; start-up is timed around {@link #launch}. */
  interface Launcher {
    String name();

    BenchServer launch(Path workDir) throws IOException;
  }

  static Launcher triad(List<String> jvmOptions) {
    return new Launcher() {
      public String name() {
        return "TriadDB";
      }

      public BenchServer launch(Path workDir) throws IOException {
        return Triad.start(workDir, jvmOptions);
      }
    };
  }

  static Launcher dynamoDbLocal(String name, List<String> jvmOptions) {
    return new Launcher() {
      public String name() {
        return name;
      }

      public BenchServer launch(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        return new Local(name, DynamoDbLocalProcess.start(workDir.resolve("dynamodb-local.log"), jvmOptions));
      }
    };
  }

  record Local(String name, DynamoDbLocalProcess process) implements BenchServer {
    public URI endpoint() {
      return process.endpoint();
    }

    public long pid() {
      return process.pid();
    }

    public void close() {
      process.close();
    }
  }

  /**
   * A single-node TriadDB with the default config and its data on disk, started like bin/triad
   * starts it. NodeProcess cannot be used here: it pins test JVM options (C1 only, 512 MB, serial
   * GC) that make a node start fast but run slower than it would in production.
   */
  final class Triad implements BenchServer {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private final Process process;
    private final int port;
    private final Path log;

    private Triad(Process process, int port, Path log) {
      this.process = process;
      this.port = port;
      this.log = log;
    }

    static Triad start(Path dir, List<String> jvmOptions) throws IOException {
      Path home = Path.of(System.getProperty("triad.home", ".")).toAbsolutePath();
      Path target = home.resolve("target");
      if (!Files.exists(target.resolve("triad.jar"))) {
        throw new IllegalStateException(target.resolve("triad.jar") + " is missing: run `mvn -DskipTests package`");
      }
      Files.createDirectories(dir);
      int port = NodeProcess.freePort();
      Path config = dir.resolve("node.conf");
      // The same config NodeProcess.singleNode writes: the single-node default, a port, a data dir.
      Files.writeString(config, "include classpath(\"single-node.conf\")\n"
          + "triad.http.port = " + port + "\n"
          + "triad.node.data-dir = \"" + dir.resolve("data").toAbsolutePath() + "\"\n");
      // Launched as an operator launches it: bin/triad (which execs the JVM, so the PID is the
      // server's), with its class-data-sharing archive, and these JVM options.
      List<String> cmd = List.of(home.resolve("bin/triad").toString(), "--config", config.toString());
      Path log = dir.resolve("node.log");
      ProcessBuilder builder = new ProcessBuilder(cmd);
      builder.environment().put("TRIAD_JAVA_OPTS", String.join(" ", jvmOptions));
      Process process = builder.redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      Triad triad = new Triad(process, port, log);
      try {
        triad.awaitReady();
      } catch (RuntimeException e) {
        triad.close();
        throw e;
      }
      return triad;
    }

    public String name() {
      return "TriadDB";
    }

    public URI endpoint() {
      return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
      return process.pid();
    }

    /** The node's health check (GET / answers 200), polled as NodeProcess polls it. */
    private void awaitReady() {
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("TriadDB exited with " + process.exitValue() + " before it was ready; see " + log);
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
      throw new IllegalStateException("TriadDB not ready within " + READY_TIMEOUT + "; see " + log);
    }

    public void close() {
      if (process.isAlive()) {
        process.destroy();
        try {
          if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          process.destroyForcibly();
        }
      }
    }
  }
}
