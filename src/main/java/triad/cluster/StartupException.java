package triad.cluster;

/** A node cannot start; the message is the one line the operator sees. */
public final class StartupException extends RuntimeException {
  private final int exitCode;

  public StartupException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
