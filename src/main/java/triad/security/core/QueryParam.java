package triad.security.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One query-string parameter, decoded, with its SigV4 encoding. SigV4 signs names and values
 * decoded and re-encoded strictly (RFC 3986 unreserved characters kept, everything else %XX), so
 * two clients that escape differently on the wire still sign the same canonical query.
 */
record QueryParam(String name, String value) {

  /** The parameters of a raw query string, in order; '+' is a literal plus, as in SigV4. */
  static List<QueryParam> parse(String rawQuery) {
    List<QueryParam> out = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.add(new QueryParam(decode(name), decode(value)));
    }
    return out;
  }

  /** Percent-decodes; a '%' not followed by two hex digits stays a literal '%'. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] in = s.getBytes(UTF_8);
    for (int i = 0; i < in.length; i++) {
      int hi = i + 2 < in.length && in[i] == '%' ? Character.digit(in[i + 1], 16) : -1;
      int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
      if (lo >= 0) {
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toString(UTF_8);
  }

  /** SigV4's URI encoding: unreserved characters as they are, every other UTF-8 byte as %XX. */
  static String encode(String s, boolean encodeSlash) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(UTF_8)) {
      char c = (char) (b & 0xff);
      if (unreserved(c) || (c == '/' && !encodeSlash)) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static boolean unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
  }
}
