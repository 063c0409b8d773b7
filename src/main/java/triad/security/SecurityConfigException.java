package triad.security;

/**
 * A security file or setting that cannot be used, with a message an operator can act on. Messages
 * name files and lines, never secrets or key bytes.
 */
public final class SecurityConfigException extends RuntimeException {
  public SecurityConfigException(String message) {
    super(message);
  }

  public SecurityConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
