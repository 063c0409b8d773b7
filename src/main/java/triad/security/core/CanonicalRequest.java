package triad.security.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SigV4's canonical request: method, canonical URI, canonical query string, canonical headers,
 * signed header list and payload hash, one per line.
 */
final class CanonicalRequest {
  private CanonicalRequest() {}

  /** @throws AuthFailure a signature mismatch when a signed header is not in the request */
  static String of(SignedRequest r, Claim c, String payloadHash) {
    return r.method() + "\n"
        + uri(r.rawPath()) + "\n"
        + query(c.query()) + "\n"
        + headers(r, c.signedHeaders()) + "\n"
        + c.signedHeadersLine() + "\n"
        + payloadHash;
  }

  /**
   * The path without dot segments and repeated slashes (as botocore signs it, the reference for
   * "AWS services require consecutive slashes to be removed"), then URI-encoded once more: the
   * wire form is already encoded once, and services other than S3 sign the path encoded twice.
   */
  static String uri(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (!segments.isEmpty()) {
          segments.remove(segments.size() - 1);
        }
      } else {
        segments.add(s);
      }
    }
    String trailing = rawPath.endsWith("/") && !segments.isEmpty() ? "/" : "";
    return QueryParam.encode("/" + String.join("/", segments) + trailing, false);
  }

  /** Sorted by encoded name, then encoded value (not as "name=value" strings: '-' sorts before '='). */
  static String query(List<QueryParam> params) {
    List<String[]> encoded = new ArrayList<>();
    for (QueryParam p : params) {
      encoded.add(new String[] {QueryParam.encode(p.name(), true), QueryParam.encode(p.value(), true)});
    }
    encoded.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]));
    StringBuilder out = new StringBuilder();
    for (String[] e : encoded) {
      out.append(out.isEmpty() ? "" : "&").append(e[0]).append('=').append(e[1]);
    }
    return out.toString();
  }

  /** "name:value\n" per signed header; repeated headers joined by ',', whitespace runs folded to one space. */
  static String headers(SignedRequest r, List<String> signedHeaders) {
    StringBuilder out = new StringBuilder();
    for (String name : signedHeaders) {
      List<String> values = r.headers().get(name);
      if (values == null) {
        throw AuthFailure.mismatch();
      }
      out.append(name).append(':');
      for (int i = 0; i < values.size(); i++) {
        out.append(i == 0 ? "" : ",").append(fold(values.get(i)));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Trimmed, every run of whitespace one space (as the SDKs and botocore sign header values). */
  private static String fold(String value) {
    if (isFolded(value)) {
      return value; // nearly every header value a client sends
    }
    StringBuilder out = new StringBuilder(value.length());
    boolean space = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c)) {
        space = !out.isEmpty();
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isFolded(String value) {
    boolean space = true; // a leading space is not folded
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c)) {
        if (space || c != ' ') {
          return false;
        }
        space = true;
      } else {
        space = false;
      }
    }
    return !space || value.isEmpty();
  }
}
