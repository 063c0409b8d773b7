package triad.security.core;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * An AES-256 key that encrypts values, identified by a key id that every sealed value carries.
 * Stored only wrapped by the master key ({@link Envelope#wrap}); prints as redacted.
 */
public final class DataKey {
  static final int BYTES = 32;

  private final long keyId;
  private final SecretKey key;

  DataKey(long keyId, byte[] bytes) {
    if (keyId < 0) {
      throw new IllegalArgumentException("key id must not be negative: " + keyId);
    }
    this.keyId = keyId;
    this.key = new SecretKeySpec(bytes, "AES");
  }

  public long keyId() {
    return keyId;
  }

  SecretKey key() {
    return key;
  }

  @Override
  public String toString() {
    return "DataKey[id=" + keyId + ", key=<redacted>]";
  }
}
