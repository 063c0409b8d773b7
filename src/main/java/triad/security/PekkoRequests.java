package triad.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import triad.security.core.SignedRequest;

/**
 * A Pekko HTTP request as {@link SignedRequest}: what the client signed, rebuilt from what Pekko
 * parsed. Pekko moves Content-Type and Content-Length from the headers to the entity, so they are
 * put back; the path comes from the {@code Raw-Request-URI} header when the server enables it
 * ({@code pekko.http.server.raw-request-uri-header = on}), the exact bytes the client sent, and
 * otherwise from Pekko's rendering of the parsed path, which is the same for every path a DynamoDB
 * client uses ("/").
 */
public final class PekkoRequests {
  private static final String RAW_URI = "raw-request-uri";

  private PekkoRequests() {}

  /**
   * @param request the request as received (before {@code toStrict}, so a chunked body is not
   *     given a Content-Length the client never sent)
   * @param body the whole body
   */
  public static SignedRequest signed(HttpRequest request, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String rawUri = null;
    for (HttpHeader h : request.getHeaders()) {
      String name = h.lowercaseName();
      if (name.equals(RAW_URI)) {
        rawUri = h.value();
      } else {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(h.value());
      }
    }
    if (!request.entity().getContentType().equals(ContentTypes.NO_CONTENT_TYPE)) {
      headers.put("content-type", List.of(request.entity().getContentType().toString()));
    }
    request.entity().getContentLengthOption().ifPresent(n -> headers.put("content-length", List.of(Long.toString(n))));
    String path = rawUri == null ? request.getUri().getPathString() : rawPath(rawUri);
    return new SignedRequest(request.method().value().toUpperCase(Locale.ROOT), path,
        request.getUri().rawQueryString().orElse(""), headers, body);
  }

  /** The path of a request target: origin form "/p?q", or absolute form "http://host/p?q". */
  private static String rawPath(String target) {
    int start = target.startsWith("/") ? 0 : target.indexOf('/', target.indexOf("//") + 2);
    if (start < 0) {
      return "/";
    }
    int query = target.indexOf('?', start);
    return query < 0 ? target.substring(start) : target.substring(start, query);
  }
}
