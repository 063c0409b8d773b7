package triad.security.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a request claims about its signature, read from the Authorization header or from presigned
 * query parameters, before anything is checked against a secret.
 *
 * @param accessKeyId the first field of the credential scope
 * @param date the scope's date, YYYYMMDD
 * @param timestamp the request time as signed, ISO 8601 basic (20260101T000000Z)
 * @param time {@code timestamp} as an instant
 * @param signedHeaders header names as the client listed them (SigV4 wants them lowercase and sorted)
 * @param expiresSeconds X-Amz-Expires of a presigned request; 0 for the header form
 * @param query the query parameters that take part in the canonical request
 */
record Claim(
    String accessKeyId,
    String date,
    String region,
    String service,
    String terminator,
    String timestamp,
    Instant time,
    List<String> signedHeaders,
    String signature,
    long expiresSeconds,
    boolean securityToken,
    List<QueryParam> query) {

  static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
      .withResolverStyle(ResolverStyle.STRICT).withZone(ZoneOffset.UTC);
  private static final String SECURITY_TOKEN = "X-Amz-Security-Token";
  private static final List<String> PRESIGNED_PARAMS =
      List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Expires");

  boolean presigned() {
    return expiresSeconds > 0;
  }

  String scope() {
    return date + "/" + region + "/" + service + "/" + terminator;
  }

  String signedHeadersLine() {
    return String.join(";", signedHeaders);
  }

  /** Reads the claim from whichever form the request uses. */
  static Claim of(SignedRequest r, long presignedExpiresMaxSeconds) {
    List<QueryParam> query = QueryParam.parse(r.rawQuery());
    Map<String, String> params = signatureParams(query);
    List<String> authorization = r.header("authorization");
    if (authorization.size() != 1 || authorization.get(0).isBlank()) {
      authorization = authorization.stream().filter(v -> !v.isBlank()).toList();
    }
    boolean tokenSent = !r.header(SECURITY_TOKEN).isEmpty() || query.stream().anyMatch(p -> p.name().equals(SECURITY_TOKEN));
    if (!authorization.isEmpty() && !params.isEmpty()) {
      throw AuthFailure.incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter,"
          + " Signature query string parameter or the Authorization header should be specified");
    }
    if (!params.isEmpty()) {
      return fromQuery(params, query, tokenSent, presignedExpiresMaxSeconds);
    }
    if (authorization.isEmpty()) {
      throw AuthFailure.missingToken();
    }
    if (authorization.size() > 1) {
      throw AuthFailure.incomplete("Only one Authorization header is allowed");
    }
    return fromHeader(authorization.get(0), r, query, tokenSent);
  }

  /** The X-Amz-* parameters of the presigned form, if any is present. */
  private static Map<String, String> signatureParams(List<QueryParam> query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return out; // the common case: DynamoDB clients sign the header, not the query
    }
    boolean presigned = query.stream().anyMatch(p -> p.name().equals("X-Amz-Algorithm") || p.name().equals("X-Amz-Credential")
        || p.name().equals("X-Amz-Signature"));
    if (!presigned) {
      return out;
    }
    for (QueryParam p : query) {
      if ((PRESIGNED_PARAMS.contains(p.name()) || p.name().equals(SECURITY_TOKEN)) && out.put(p.name(), p.value()) != null) {
        throw AuthFailure.incomplete("Query parameter " + p.name() + " is given more than once");
      }
    }
    return out;
  }

  private static Claim fromHeader(String header, SignedRequest r, List<QueryParam> query, boolean tokenSent) {
    String value = header.strip();
    int space = value.indexOf(' ');
    String algorithm = space < 0 ? value : value.substring(0, space);
    if (!algorithm.equals(SigV4Verifier.ALGORITHM)) {
      throw AuthFailure.incomplete("Unsupported Authorization type: only " + SigV4Verifier.ALGORITHM + " is accepted");
    }
    Map<String, String> parts = components(space < 0 ? "" : value.substring(space + 1));
    List<String> dates = r.header("x-amz-date").isEmpty() ? r.header("date") : r.header("x-amz-date");
    StringBuilder missing = new StringBuilder();
    for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
      if (parts.getOrDefault(name, "").isEmpty()) {
        missing.append("Authorization header requires '").append(name).append("' parameter. ");
      }
    }
    if (dates.isEmpty()) {
      missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
    }
    if (!missing.isEmpty()) {
      throw AuthFailure.incomplete(missing.toString().strip());
    }
    if (dates.size() > 1) {
      throw AuthFailure.incomplete("Only one X-Amz-Date or Date header is allowed");
    }
    boolean amzDate = !r.header("x-amz-date").isEmpty();
    Instant time = amzDate ? basicDate(dates.get(0)) : httpDate(dates.get(0));
    return claim(parts.get("Credential"), amzDate ? dates.get(0) : BASIC.format(time), time, parts.get("SignedHeaders"), parts.get("Signature"), 0,
        tokenSent, query);
  }

  /** "Credential=..., SignedHeaders=..., Signature=..." with any spacing after the commas. */
  private static Map<String, String> components(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : s.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw AuthFailure.incomplete("Invalid key=value pair (missing equal-sign) in Authorization header");
      }
      if (out.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip()) != null) {
        throw AuthFailure.incomplete("Authorization header has a repeated '" + p.substring(0, eq).strip() + "' parameter");
      }
    }
    return out;
  }

  private static Claim fromQuery(Map<String, String> params, List<QueryParam> query, boolean tokenSent, long expiresMaxSeconds) {
    for (String name : PRESIGNED_PARAMS) {
      if (params.getOrDefault(name, "").isEmpty()) {
        throw AuthFailure.incomplete("AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential',"
            + " 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'. Re-examine the query-string parameters.");
      }
    }
    if (!params.get("X-Amz-Algorithm").equals(SigV4Verifier.ALGORITHM)) {
      throw AuthFailure.incomplete("X-Amz-Algorithm only supports '" + SigV4Verifier.ALGORITHM + "'");
    }
    long expires = expires(params.get("X-Amz-Expires"), expiresMaxSeconds);
    Instant time = basicDate(params.get("X-Amz-Date"));
    // The signature is the one parameter that cannot sign itself.
    List<QueryParam> signed = query.stream().filter(p -> !p.name().equals("X-Amz-Signature")).toList();
    return claim(params.get("X-Amz-Credential"), params.get("X-Amz-Date"), time, params.get("X-Amz-SignedHeaders"),
        params.get("X-Amz-Signature"), expires, tokenSent, signed);
  }

  private static long expires(String value, long maxSeconds) {
    long seconds = value.matches("\\d{1,10}") ? Long.parseLong(value) : -1;
    if (seconds < 1 || seconds > maxSeconds) {
      throw AuthFailure.incomplete("X-Amz-Expires must be a whole number of seconds from 1 to " + maxSeconds);
    }
    return seconds;
  }

  private static Claim claim(String credential, String timestamp, Instant time, String signedHeaders, String signature,
      long expires, boolean tokenSent, List<QueryParam> query) {
    String[] scope = credential.split("/", -1);
    if (scope.length != 5 || List.of(scope).contains("")) {
      throw AuthFailure.incomplete("Credential must have the form <AccessKeyId>/<YYYYMMDD>/<region>/<service>/aws4_request");
    }
    List<String> headers = List.of(signedHeaders.split(";", -1));
    if (headers.contains("")) {
      throw AuthFailure.incomplete("SignedHeaders must be a ';'-separated list of header names");
    }
    return new Claim(scope[0], scope[1], scope[2], scope[3], scope[4], timestamp, time, headers, signature,
        expires, tokenSent, query);
  }

  /** yyyyMMdd'T'HHmmss'Z', read by hand: DateTimeFormatter costs more than the rest of a verification. */
  private static Instant basicDate(String value) {
    if (basicShape(value)) {
      try {
        return LocalDateTime.of(digits(value, 0, 4), digits(value, 4, 6), digits(value, 6, 8), digits(value, 9, 11),
            digits(value, 11, 13), digits(value, 13, 15)).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        // falls through to the same answer as a wrong shape
      }
    }
    throw AuthFailure.incomplete("Date must be in ISO-8601 'basic format'. Got '" + value + "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }

  /** \d{8}T\d{6}Z, checked by hand for the same reason. */
  private static boolean basicShape(String v) {
    if (v.length() != 16 || v.charAt(8) != 'T' || v.charAt(15) != 'Z') {
      return false;
    }
    for (int i = 0; i < 15; i++) {
      char c = v.charAt(i);
      if (i != 8 && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  private static int digits(String s, int from, int to) {
    return Integer.parseInt(s, from, to, 10);
  }

  private static Instant httpDate(String value) {
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      throw AuthFailure.incomplete("Date header must be an RFC 1123 date (Wed, 01 Jan 2026 00:00:00 GMT). Got '" + value + "'.");
    }
  }
}
