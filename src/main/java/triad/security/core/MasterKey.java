package triad.security.core;

import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit key that wraps every data key. Its bytes cannot be read back out of this object, and
 * it prints as redacted. {@link #checkValue()} identifies it without revealing anything about it.
 */
public final class MasterKey {
  public static final int BYTES = 32;

  private final SecretKey key;
  private final int checkValue;

  private MasterKey(byte[] bytes) {
    this.key = new SecretKeySpec(bytes, "AES");
    byte[] check = Crypto.hmacSha256(bytes, "triad master key check value");
    this.checkValue = ((check[0] & 0xff) << 24) | ((check[1] & 0xff) << 16) | ((check[2] & 0xff) << 8) | (check[3] & 0xff);
  }

  /** A master key from exactly 32 bytes, which are copied: the caller should zero its array. */
  public static MasterKey of(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      throw new IllegalArgumentException("a master key is exactly " + BYTES + " bytes");
    }
    return new MasterKey(Arrays.copyOf(bytes, BYTES));
  }

  SecretKey key() {
    return key;
  }

  /** 32 bits of HMAC(key, label): tells two master keys apart in messages, reveals nothing usable. */
  public int checkValue() {
    return checkValue;
  }

  @Override
  public String toString() {
    return "MasterKey[check=" + String.format("%08x", checkValue) + ", key=<redacted>]";
  }
}
