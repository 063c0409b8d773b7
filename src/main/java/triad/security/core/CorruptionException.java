package triad.security.core;

/**
 * Stored bytes that failed authentication or do not parse: tampered, truncated, moved from another
 * table, purpose or place, or wrapped under another master key. Never carries key material or
 * plaintext. The storage layer treats it as corruption (the value is not returned as data).
 */
public final class CorruptionException extends RuntimeException {
  public CorruptionException(String message) {
    super(message);
  }
}
