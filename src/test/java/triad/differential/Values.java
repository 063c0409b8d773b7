package triad.differential;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Attribute values in DynamoDB JSON ({"S": "x"}, {"N": "1"}, ...), drawn from a seeded Random and
 * biased toward the edges: numbers at the limits of DynamoDB's 38-digit range, strings whose
 * UTF-8 and UTF-16 orders disagree, bytes with the sign bit set, empty strings and binaries.
 */
final class Values {
  private Values() {}

  /** Numbers at the edges: 38 digits, the smallest and largest magnitudes, -0, trailing zeros. */
  static final List<String> EDGE_NUMBERS = List.of(
      "0", "-0", "1", "-1", "42", "1.5", "1.500", "100", "1E+2", "0.001", "-0.001", "0.10", "1e3", "00012",
      "12345678901234567890123456789012345678", "-12345678901234567890123456789012345678",
      "0.12345678901234567890123456789012345678",
      "1E-130", "-1E-130", "9.9999999999999999999999999999999999999E+125", "-9.9999999999999999999999999999999999999E+125");

  /**
   * Characters for strings: ASCII, Latin-1, CJK, a combining accent, and a pair (U+FF01 vs U+1F600)
   * that sorts one way in UTF-8 and the other in UTF-16, which DynamoDB's byte order must follow.
   */
  private static final String[] CHARS = {
      "a", "b", "z", "A", "Z", "0", "9", " ", "_", "-", ".", "é", "ß", "ÿ", "中", "文", "\u0301", "！", "😀"};

  /** Non-key attribute names; "status" and "size" are reserved words, "x.y" and "with space" need #names. */
  static final List<String> NAMES = List.of("a", "b", "n", "s", "l", "m", "ss", "ns", "bs", "flag", "nul",
      "Dé😀", "with space", "x.y", "status");

  static Map<String, Object> av(String type, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(type, value);
    return m;
  }

  static String number(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> EDGE_NUMBERS.get(r.nextInt(EDGE_NUMBERS.size()));
      case 1 -> (r.nextInt(2001) - 1000) + "." + r.nextInt(100);
      default -> Integer.toString(r.nextInt(201) - 100);
    };
  }

  static String string(Random r, int lengthMax) {
    int n = r.nextInt(lengthMax + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(CHARS[r.nextInt(CHARS.length)]);
    }
    return sb.toString();
  }

  /** A string of 1..lengthMax characters that does not start with a combining accent. */
  static String nonEmptyString(Random r, int lengthMax) {
    String s = "";
    while (s.isEmpty() || s.startsWith("\u0301")) {
      s = string(r, lengthMax);
    }
    return s;
  }

  static String binary(Random r, int lengthMin, int lengthMax) {
    byte[] b = new byte[lengthMin + r.nextInt(lengthMax - lengthMin + 1)];
    byte[] edges = {0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0xff};
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextBoolean() ? edges[r.nextInt(edges.length)] : (byte) r.nextInt(256);
    }
    return Base64.getEncoder().encodeToString(b);
  }

  /** A key attribute value of type S, N or B (never empty: keys cannot be). */
  static Map<String, Object> key(Random r, char type) {
    return switch (type) {
      case 'S' -> av("S", nonEmptyString(r, 4));
      case 'N' -> av("N", number(r));
      case 'B' -> av("B", binary(r, 1, 3));
      default -> throw new IllegalArgumentException("key type " + type);
    };
  }

  /** Any of the ten types, nested up to {@code depthMax} levels of M and L. */
  static Map<String, Object> any(Random r, int depthMax) {
    int kinds = depthMax > 0 ? 10 : 8;
    return switch (r.nextInt(kinds)) {
      case 0 -> av("S", string(r, 6));
      case 1 -> av("N", number(r));
      case 2 -> av("B", binary(r, 0, 4));
      case 3 -> av("SS", distinct(r, () -> nonEmptyString(r, 4)));
      case 4 -> av("NS", distinctNumbers(r));
      case 5 -> av("BS", distinct(r, () -> binary(r, 1, 3)));
      case 6 -> av("BOOL", r.nextBoolean());
      case 7 -> av("NULL", true);
      case 8 -> av("M", map(r, depthMax - 1));
      default -> av("L", list(r, depthMax - 1));
    };
  }

  /** The value an item usually has under {@code name}, so that updates and filters often apply. */
  static Map<String, Object> typical(Random r, String name) {
    if (r.nextInt(10) == 0) {
      return any(r, 2);
    }
    return switch (name) {
      case "n" -> av("N", number(r));
      case "s", "status" -> av("S", string(r, 5));
      case "l" -> av("L", list(r, 1));
      case "m" -> av("M", map(r, 1));
      case "ss" -> av("SS", distinct(r, () -> nonEmptyString(r, 4)));
      case "ns" -> av("NS", distinctNumbers(r));
      case "bs" -> av("BS", distinct(r, () -> binary(r, 1, 3)));
      case "flag" -> av("BOOL", r.nextBoolean());
      case "nul" -> av("NULL", true);
      default -> any(r, 2);
    };
  }

  static Map<String, Object> map(Random r, int depthMax) {
    Map<String, Object> m = new LinkedHashMap<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      m.put(List.of("a", "b", "c", "Dé").get(r.nextInt(4)), any(r, depthMax));
    }
    return m;
  }

  static List<Object> list(Random r, int depthMax) {
    List<Object> l = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      l.add(any(r, depthMax));
    }
    return l;
  }

  private static List<Object> distinct(Random r, java.util.function.Supplier<String> gen) {
    Set<String> s = new LinkedHashSet<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n * 3 && s.size() < n; i++) {
      s.add(gen.get());
    }
    return new ArrayList<>(s);
  }

  /** Distinct by numeric value: "1" and "1.0" in one set is a different (invalid) request. */
  private static List<Object> distinctNumbers(Random r) {
    Map<java.math.BigDecimal, String> s = new LinkedHashMap<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n * 3 && s.size() < n; i++) {
      String v = number(r);
      s.putIfAbsent(new java.math.BigDecimal(v).stripTrailingZeros(), v);
    }
    return new ArrayList<>(s.values());
  }
}
