package triad.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs an external command (a script, a client, the launcher) the way a user would, to its end. */
public final class Commands {
  private Commands() {}

  /** How it ended: exit code and everything it printed, stdout and stderr together. */
  public record Finished(int exit, String output) {}

  /**
   * Runs {@code command} with its output in a file under {@code dir} (a pipe could fill and stall
   * it); fails the test if it does not end within {@code timeout}.
   */
  public static Finished run(ProcessBuilder command, Path dir, Duration timeout) throws IOException, InterruptedException {
    Path out = dir.resolve("command-" + System.nanoTime() + ".log");
    Process p = command.redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command.command() + " did not finish within " + timeout + ":\n" + Files.readString(out));
    }
    return new Finished(p.exitValue(), Files.readString(out));
  }
}
