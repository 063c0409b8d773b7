package triad.storage.core;

import java.util.Arrays;

/** Byte helpers shared by the key layouts: big-endian longs, varints, prefix successors. */
public final class KeyBytes {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private KeyBytes() {}

  public static void putLong(byte[] dst, int offset, long v) {
    for (int i = 7; i >= 0; i--) {
      dst[offset + i] = (byte) v;
      v >>>= 8;
    }
  }

  public static long getLong(byte[] src, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (src[offset + i] & 0xFF);
    }
    return v;
  }

  public static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    putLong(b, 0, v);
    return b;
  }

  public static long longOf(byte[] b) {
    if (b.length != 8) {
      throw new IllegalArgumentException("a long is 8 bytes, got " + b.length);
    }
    return getLong(b, 0);
  }

  /** Unsigned LEB128 length of {@code v}. */
  public static int varintLength(int v) {
    int n = 1;
    while ((v & ~0x7F) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  /** Writes {@code v} as unsigned LEB128, returns the offset after it. */
  public static int putVarint(byte[] dst, int offset, int v) {
    while ((v & ~0x7F) != 0) {
      dst[offset++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    dst[offset++] = (byte) v;
    return offset;
  }

  /** Reads an unsigned LEB128 int at {@code pos[0]} and advances it. */
  public static int getVarint(byte[] src, int[] pos) {
    int v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = src[pos[0]++] & 0xFF;
      v |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint longer than 5 bytes");
  }

  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** The smallest key greater than {@code key}: the key followed by one zero byte. */
  public static byte[] successor(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  /**
   * The smallest key greater than every key starting with {@code prefix}: trailing 0xFF bytes are
   * dropped and the last other byte incremented. Null when the prefix is all 0xFF (no such key:
   * the range runs to the end of the key space).
   */
  public static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xFF) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }

  public static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length * 2);
    for (byte x : b) {
      sb.append(HEX[(x >>> 4) & 0xF]).append(HEX[x & 0xF]);
    }
    return sb.toString();
  }
}
