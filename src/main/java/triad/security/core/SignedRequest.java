package triad.security.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An HTTP request as it arrived, before anything is decoded: what SigV4 signs. Header names are
 * case-insensitive (kept lowercase); a header sent several times keeps its values in order.
 *
 * @param method the HTTP method, e.g. "POST"
 * @param rawPath the path as sent on the wire, still percent-encoded, e.g. "/"
 * @param rawQuery the query string as sent, without '?', percent-encoded; "" when none
 * @param headers every header as received, including Host, Content-Type and Content-Length
 * @param body the request body as received
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

  public SignedRequest {
    Objects.requireNonNull(method, "method");
    rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    rawQuery = rawQuery == null ? "" : rawQuery;
    body = body == null ? new byte[0] : body;
    headers = lowercased(headers == null ? Map.of() : headers);
  }

  private static Map<String, List<String>> lowercased(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new TreeMap<>();
    headers.forEach((name, values) -> out.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
    out.replaceAll((name, values) -> List.copyOf(values));
    return Collections.unmodifiableMap(out);
  }

  /** Every value of a header, in the order received; empty when absent. */
  public List<String> header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** Printed without headers or body: they may carry tokens or data. */
  @Override
  public String toString() {
    return "SignedRequest[" + method + " " + rawPath + "]";
  }
}
