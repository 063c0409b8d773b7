package triad.security.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256, HMAC-SHA256, AES-GCM and lowercase hex. JCA instances are kept per thread: looking one
 * up costs more than hashing a request, and they are not thread-safe.
 */
final class Crypto {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> jca(() -> MessageDigest.getInstance("SHA-256")));
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> jca(() -> Mac.getInstance("HmacSHA256")));

  private Crypto() {}

  static byte[] sha256(byte[] data) {
    return SHA256.get().digest(data);
  }

  static byte[] hmacSha256(byte[] key, String data) {
    Mac mac = HMAC.get();
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HMAC key rejected", e);
    }
    return mac.doFinal(data.getBytes(UTF_8));
  }

  /** A new AES-GCM cipher. */
  static Cipher aesGcm() {
    return jca(() -> Cipher.getInstance("AES/GCM/NoPadding"));
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  private interface Lookup<T> {
    T get() throws GeneralSecurityException;
  }

  private static <T> T jca(Lookup<T> lookup) {
    try {
      return lookup.get();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks a required algorithm", e);
    }
  }
}
