package triad.item.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A DynamoDB number: exact decimal, at most 38 significant digits, magnitude between 1E-130 and
 * 9.9999999999999999999999999999999999999E+125. Never a double. Values are kept normalized (no
 * trailing zeros) so that equal numbers are equal objects.
 */
public final class Num implements Comparable<Num> {
  public static final int PRECISION_DIGITS_MAX = 38;
  private static final BigDecimal MAX_MAGNITUDE = new BigDecimal("9.9999999999999999999999999999999999999E+125");
  private static final BigDecimal MIN_MAGNITUDE = new BigDecimal("1E-130");
  private static final int TEXT_LENGTH_MAX = 1024;
  public static final Num ZERO = new Num(BigDecimal.ZERO);

  private final BigDecimal value;
  /** The text a client sent, kept for DynamoDB's messages that quote it; null when computed. */
  private final String text;

  private Num(BigDecimal value) {
    this(value, null);
  }

  private Num(BigDecimal value, String text) {
    this.value = value;
    this.text = text;
  }

  /** Parses a number as the wire sends it, with DynamoDB's validation errors. */
  public static Num parse(String text) {
    if (text.isEmpty() || text.length() > TEXT_LENGTH_MAX || !isNumberSyntax(text)) {
      throw DbException.validation("A value provided cannot be converted into a number");
    }
    BigDecimal parsed;
    try {
      parsed = new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw DbException.validation("A value provided cannot be converted into a number");
    }
    return new Num(of(parsed).value, text);
  }

  /** Validates range and precision, with DynamoDB's messages. */
  public static Num of(BigDecimal raw) {
    if (raw.signum() == 0) {
      return ZERO;
    }
    BigDecimal v = raw.stripTrailingZeros();
    if (v.precision() > PRECISION_DIGITS_MAX) {
      throw DbException.validation("DynamoDB only supports precision up to 38 digits");
    }
    BigDecimal abs = v.abs();
    if (abs.compareTo(MAX_MAGNITUDE) > 0) {
      throw DbException.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
    }
    if (abs.compareTo(MIN_MAGNITUDE) < 0) {
      throw DbException.validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }
    return new Num(v);
  }

  public static Num of(long v) {
    return of(BigDecimal.valueOf(v));
  }

  /** DynamoDB accepts the syntax of Java's BigDecimal minus a few forms; reject hex, NaN, Infinity. */
  private static boolean isNumberSyntax(String s) {
    int i = 0;
    int n = s.length();
    if (s.charAt(i) == '+' || s.charAt(i) == '-') {
      i++;
    }
    boolean digits = false;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
      digits = true;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        digits = true;
      }
    }
    if (!digits) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      boolean expDigits = false;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        expDigits = true;
      }
      if (!expDigits) {
        return false;
      }
    }
    return i == n;
  }

  /** The number as the client wrote it (for messages that quote it), else its wire form. */
  public String text() {
    return text != null ? text : toString();
  }

  public BigDecimal bigDecimal() {
    return value;
  }

  public int signum() {
    return value.signum();
  }

  /** Significant digits, as DynamoDB counts them for item size. */
  public int precision() {
    return value.signum() == 0 ? 1 : value.precision();
  }

  public Num add(Num o) {
    return exact(value.add(o.value));
  }

  public Num subtract(Num o) {
    return exact(value.subtract(o.value));
  }

  private static Num exact(BigDecimal r) {
    if (r.signum() != 0 && r.stripTrailingZeros().precision() > PRECISION_DIGITS_MAX) {
      // DynamoDB refuses arithmetic whose exact result needs more than 38 digits.
      BigDecimal rounded = r.round(new MathContext(PRECISION_DIGITS_MAX, RoundingMode.HALF_EVEN));
      if (rounded.compareTo(r) != 0) {
        throw DbException.validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
      }
    }
    return of(r);
  }

  /** Whether this number is integral and fits in a long (used for list indexes, segments, limits). */
  public boolean isLong() {
    if (value.signum() == 0) {
      return true;
    }
    if (value.scale() > 0) {
      return false;
    }
    BigInteger bi = value.toBigIntegerExact();
    return bi.bitLength() < 64;
  }

  @Override
  public int compareTo(Num o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Num n && value.equals(n.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** DynamoDB's wire form: plain notation, no exponent, no trailing zeros. */
  @Override
  public String toString() {
    return value.signum() == 0 ? "0" : value.toPlainString();
  }
}
