package triad.item.core;

/**
 * Capacity units as DynamoDB charges them: a read is one unit per 4 KB (half for eventually
 * consistent), a write one unit per 1 KB of the larger of the old and new item; never less than
 * one unit (half a unit for an eventually consistent read).
 */
public final class Capacity {
  public static final int READ_UNIT_BYTES = 4096;
  public static final int WRITE_UNIT_BYTES = 1024;

  private Capacity() {}

  public static double read(long bytes, boolean consistent) {
    long units = Math.max(1, ceilDiv(bytes, READ_UNIT_BYTES));
    return consistent ? units : units / 2.0;
  }

  public static double write(long oldBytes, long newBytes) {
    return Math.max(1, ceilDiv(Math.max(oldBytes, newBytes), WRITE_UNIT_BYTES));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
