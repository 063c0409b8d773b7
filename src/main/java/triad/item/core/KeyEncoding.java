package triad.item.core;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Byte encodings of key values. {@link #sortable} preserves DynamoDB's order under unsigned
 * bytewise comparison (S by UTF-8 bytes, N numerically, B by bytes), so a range of sort keys is a
 * range of LevelDB keys. {@link #canonical} is the partition key's identity, the input of the
 * partition hash.
 */
public final class KeyEncoding {
  private static final int ZERO = 0x80;
  private static final int POSITIVE = 0xC0;
  private static final int NEGATIVE = 0x40;
  private static final int NEGATIVE_END = 0xFF;

  private KeyEncoding() {}

  public static byte[] canonical(AttributeValue v) {
    return switch (v) {
      case AttributeValue.S s -> s.value().getBytes(StandardCharsets.UTF_8);
      case AttributeValue.N n -> n.value().toString().getBytes(StandardCharsets.US_ASCII);
      case AttributeValue.B b -> b.value().unsafeArray();
      default -> throw new IllegalArgumentException("not a key type: " + v.type());
    };
  }

  public static byte[] sortable(AttributeValue v) {
    return switch (v) {
      case AttributeValue.S s -> s.value().getBytes(StandardCharsets.UTF_8);
      case AttributeValue.B b -> b.value().unsafeArray();
      case AttributeValue.N n -> sortableNumber(n.value());
      default -> throw new IllegalArgumentException("not a key type: " + v.type());
    };
  }

  /**
   * Zero is one byte. Others are sign marker, exponent of the normalized mantissa (0.d1d2... x
   * 10^e) on two bytes, then the digits; for negatives exponent and digits are inverted and a
   * terminator sorts a shorter mantissa after its extensions.
   */
  static byte[] sortableNumber(Num num) {
    BigDecimal v = num.bigDecimal();
    if (v.signum() == 0) {
      return new byte[] {(byte) ZERO};
    }
    String digits = v.unscaledValue().abs().toString();
    int exponent = v.precision() - v.scale() + 0x8000;
    boolean negative = v.signum() < 0;
    ByteArrayOutputStream out = new ByteArrayOutputStream(digits.length() + 4);
    out.write(negative ? NEGATIVE : POSITIVE);
    int e = negative ? 0xFFFF - exponent : exponent;
    out.write(e >>> 8);
    out.write(e & 0xFF);
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(i) - '0';
      out.write('0' + (negative ? 9 - d : d));
    }
    if (negative) {
      out.write(NEGATIVE_END);
    }
    return out.toByteArray();
  }

  /** Inverse of {@link #sortable}, given the key's type. */
  public static AttributeValue fromSortable(ScalarType type, byte[] bytes, int offset, int length) {
    return switch (type) {
      case S -> new AttributeValue.S(new String(bytes, offset, length, StandardCharsets.UTF_8));
      case B -> new AttributeValue.B(Bytes.wrap(java.util.Arrays.copyOfRange(bytes, offset, offset + length)));
      case N -> new AttributeValue.N(numberFromSortable(bytes, offset, length));
    };
  }

  private static Num numberFromSortable(byte[] b, int off, int len) {
    int marker = b[off] & 0xFF;
    if (marker == ZERO) {
      return Num.ZERO;
    }
    boolean negative = marker == NEGATIVE;
    int e = ((b[off + 1] & 0xFF) << 8) | (b[off + 2] & 0xFF);
    int exponent = (negative ? 0xFFFF - e : e) - 0x8000;
    int digitsEnd = off + len - (negative ? 1 : 0);
    StringBuilder digits = new StringBuilder(len);
    for (int i = off + 3; i < digitsEnd; i++) {
      int d = b[i] - '0';
      digits.append((char) ('0' + (negative ? 9 - d : d)));
    }
    BigDecimal unscaled = new BigDecimal(new java.math.BigInteger(digits.toString()));
    BigDecimal value = unscaled.scaleByPowerOfTen(exponent - digits.length());
    return Num.of(negative ? value.negate() : value);
  }
}
