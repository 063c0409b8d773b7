package triad.expression.core;

import java.util.Arrays;
import triad.item.core.AttributeValue;
import triad.item.core.Bytes;

/** How conditions compare and inspect attribute values, as DynamoDB does. */
final class Values {
  private Values() {}

  /** Whether the type can be ordered: strings, numbers and binaries only. */
  static boolean isOrderable(String type) {
    return type.equals("S") || type.equals("N") || type.equals("B");
  }

  /**
   * Orders two values of the same orderable type: numbers numerically, strings by their UTF-8
   * bytes (which is code point order), binaries as unsigned bytes. Null when they cannot be
   * compared, which makes any comparison false.
   */
  static Integer compare(AttributeValue a, AttributeValue b) {
    if (a == null || b == null) {
      return null;
    }
    return switch (a) {
      case AttributeValue.N n when b instanceof AttributeValue.N m -> n.value().compareTo(m.value());
      case AttributeValue.S s when b instanceof AttributeValue.S t -> compareCodePoints(s.value(), t.value());
      case AttributeValue.B x when b instanceof AttributeValue.B y -> x.value().compareTo(y.value());
      default -> null;
    };
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** DynamoDB's size(): string length in UTF-16 units, binary length, element counts; null otherwise. */
  static AttributeValue size(AttributeValue v) {
    if (v == null) {
      return null;
    }
    return switch (v) {
      case AttributeValue.S s -> AttributeValue.n(s.value().length());
      case AttributeValue.B b -> AttributeValue.n(b.value().length());
      case AttributeValue.SS ss -> AttributeValue.n(ss.value().size());
      case AttributeValue.NS ns -> AttributeValue.n(ns.value().size());
      case AttributeValue.BS bs -> AttributeValue.n(bs.value().size());
      case AttributeValue.L l -> AttributeValue.n(l.value().size());
      case AttributeValue.M m -> AttributeValue.n(m.value().size());
      default -> null;
    };
  }

  static boolean beginsWith(AttributeValue v, AttributeValue prefix) {
    if (v == null || prefix == null) {
      return false;
    }
    return switch (v) {
      case AttributeValue.S s when prefix instanceof AttributeValue.S p -> s.value().startsWith(p.value());
      case AttributeValue.B b when prefix instanceof AttributeValue.B p -> b.value().startsWith(p.value());
      default -> false;
    };
  }

  /** Substring of a string or binary, member of a set of the operand's type, or element of a list. */
  static boolean contains(AttributeValue v, AttributeValue operand) {
    if (v == null || operand == null) {
      return false;
    }
    return switch (v) {
      case AttributeValue.S s when operand instanceof AttributeValue.S o -> s.value().contains(o.value());
      case AttributeValue.B b when operand instanceof AttributeValue.B o -> indexOf(b.value(), o.value()) >= 0;
      case AttributeValue.SS ss when operand instanceof AttributeValue.S o -> ss.value().contains(o.value());
      case AttributeValue.NS ns when operand instanceof AttributeValue.N o -> ns.value().contains(o.value());
      case AttributeValue.BS bs when operand instanceof AttributeValue.B o -> bs.value().contains(o.value());
      case AttributeValue.L l -> l.value().contains(operand);
      default -> false;
    };
  }

  private static int indexOf(Bytes haystack, Bytes needle) {
    byte[] h = haystack.unsafeArray();
    byte[] n = needle.unsafeArray();
    for (int i = 0; i + n.length <= h.length; i++) {
      if (Arrays.equals(h, i, i + n.length, n, 0, n.length)) {
        return i;
      }
    }
    return -1;
  }

  /** How DynamoDB prints a value in a BETWEEN message: {@code {N:1}}, {@code {S:x}}, binaries as Java prints a ByteBuffer. */
  static String describe(AttributeValue v) {
    String body = switch (v) {
      case AttributeValue.S s -> s.value();
      case AttributeValue.N n -> n.value().text();
      case AttributeValue.B b -> "java.nio.HeapByteBuffer[pos=0 lim=" + b.value().length() + " cap=" + b.value().length() + "]";
      default -> v.toString();
    };
    return "AttributeValue: {" + v.type() + ":" + body + "}";
  }
}
