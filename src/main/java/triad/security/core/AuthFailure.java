package triad.security.core;

/**
 * A request refused by authentication or authorization, as a value with DynamoDB's wire error
 * type and HTTP status. {@link triad.item.core.DbException} has no kinds for these, so they are
 * carried here; the API layer writes {@link Kind#type()} as {@code __type} and the message as is.
 *
 * <p>Messages never contain secrets, signatures computed by the server, or the caller's
 * Authorization header (a client sending a bearer token by mistake must not see it echoed).
 */
public final class AuthFailure extends RuntimeException {

  /** DynamoDB's error for each way a request can be refused; all are HTTP 400, as in DynamoDB. */
  public enum Kind {
    /** No Authorization header and no presigned query parameters. */
    MISSING_AUTHENTICATION_TOKEN("com.amazon.coral.service#MissingAuthenticationTokenException"),
    /** Unknown access key id, or a session token this server does not issue. */
    UNRECOGNIZED_CLIENT("com.amazon.coral.service#UnrecognizedClientException"),
    /** Well-formed but wrong: signature, scope, date, expiry or payload hash. */
    INVALID_SIGNATURE("com.amazon.coral.service#InvalidSignatureException"),
    /** Malformed Authorization header or presigned parameters. */
    INCOMPLETE_SIGNATURE("com.amazon.coral.service#IncompleteSignatureException"),
    /** Authenticated, but no policy allows the action, or one denies it. */
    ACCESS_DENIED("com.amazon.coral.service#AccessDeniedException");

    private final String type;

    Kind(String type) {
      this.type = type;
    }

    /** The {@code __type} of DynamoDB's JSON error body. */
    public String type() {
      return type;
    }

    /** DynamoDB answers every authentication and authorization failure with 400. */
    public int httpStatus() {
      return 400;
    }
  }

  public static final String MISSING_TOKEN_MESSAGE = "Request is missing Authentication Token";
  public static final String UNRECOGNIZED_MESSAGE = "The security token included in the request is invalid.";
  public static final String SIGNATURE_MISMATCH_MESSAGE = "The request signature we calculated does not match the"
      + " signature you provided. Check your AWS Secret Access Key and signing method. Consult the service"
      + " documentation for details.";

  private final Kind kind;

  public AuthFailure(Kind kind, String message) {
    // No stack trace: this is an expected answer on the data path, not a bug.
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static AuthFailure missingToken() {
    return new AuthFailure(Kind.MISSING_AUTHENTICATION_TOKEN, MISSING_TOKEN_MESSAGE);
  }

  static AuthFailure unrecognized() {
    return new AuthFailure(Kind.UNRECOGNIZED_CLIENT, UNRECOGNIZED_MESSAGE);
  }

  static AuthFailure mismatch() {
    return new AuthFailure(Kind.INVALID_SIGNATURE, SIGNATURE_MISMATCH_MESSAGE);
  }

  static AuthFailure invalid(String message) {
    return new AuthFailure(Kind.INVALID_SIGNATURE, message);
  }

  static AuthFailure incomplete(String message) {
    return new AuthFailure(Kind.INCOMPLETE_SIGNATURE, message);
  }

  static AuthFailure accessDenied(String message) {
    return new AuthFailure(Kind.ACCESS_DENIED, message);
  }
}
