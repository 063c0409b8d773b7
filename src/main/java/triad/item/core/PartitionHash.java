package triad.item.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The cryptographic hash that places a partition key in the 128-bit hash space. Partitions are
 * contiguous ranges of its first 64 bits, read as an unsigned number.
 */
public final class PartitionHash {
  public static final int BYTES = 16;
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every JDK", e);
    }
  });

  private PartitionHash() {}

  public static byte[] of(AttributeValue partitionKey) {
    return MD5.get().digest(KeyEncoding.canonical(partitionKey));
  }

  /** The first 64 bits of a hash, compared with {@link Long#compareUnsigned}. */
  public static long prefix(byte[] hash) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (hash[i] & 0xFF);
    }
    return v;
  }
}
