package triad.storage.core;

import java.util.Arrays;

/**
 * A half-open range of store keys in unsigned bytewise order. Empty when {@code fromInclusive}
 * is not below {@code toExclusive}.
 */
public record KeyRange(byte[] fromInclusive, byte[] toExclusive) {

  public KeyRange {
    if (fromInclusive == null || toExclusive == null) {
      throw new IllegalArgumentException("both bounds are required");
    }
  }

  public boolean isEmpty() {
    return Arrays.compareUnsigned(fromInclusive, toExclusive) >= 0;
  }

  public boolean contains(byte[] key) {
    return Arrays.compareUnsigned(fromInclusive, key) <= 0 && Arrays.compareUnsigned(key, toExclusive) < 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyRange r
        && Arrays.equals(fromInclusive, r.fromInclusive)
        && Arrays.equals(toExclusive, r.toExclusive);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(fromInclusive) + Arrays.hashCode(toExclusive);
  }

  @Override
  public String toString() {
    return "KeyRange[" + KeyBytes.hex(fromInclusive) + ", " + KeyBytes.hex(toExclusive) + ")";
  }
}
