package triad.security.core;

import triad.item.core.DbException;

/**
 * A request refused by authentication or authorization. Its {@link #kind()} is one of
 * DynamoDB's failure kinds (MISSING_AUTHENTICATION_TOKEN, UNRECOGNIZED_CLIENT,
 * INVALID_SIGNATURE, INCOMPLETE_SIGNATURE, ACCESS_DENIED), which the API layer maps to wire
 * types and HTTP status in its one place, like every other failure; the message goes out as is.
 *
 * <p>Messages never contain secrets, signatures computed by the server, or the caller's
 * Authorization header (a client sending a bearer token by mistake must not see it echoed).
 */
public final class AuthFailure extends RuntimeException {
  public static final String MISSING_TOKEN_MESSAGE = "Request is missing Authentication Token";
  public static final String UNRECOGNIZED_MESSAGE = "The security token included in the request is invalid.";
  public static final String SIGNATURE_MISMATCH_MESSAGE = "The request signature we calculated does not match the"
      + " signature you provided. Check your AWS Secret Access Key and signing method. Consult the service"
      + " documentation for details.";

  private final DbException.Kind kind;

  public AuthFailure(DbException.Kind kind, String message) {
    // No stack trace: this is an expected answer on the data path, not a bug.
    super(message, null, false, false);
    this.kind = kind;
  }

  public DbException.Kind kind() {
    return kind;
  }

  /** The same failure as the DbException the API answers with. */
  public DbException toDbException() {
    return new DbException(kind, getMessage());
  }

  static AuthFailure missingToken() {
    return new AuthFailure(DbException.Kind.MISSING_AUTHENTICATION_TOKEN, MISSING_TOKEN_MESSAGE);
  }

  static AuthFailure unrecognized() {
    return new AuthFailure(DbException.Kind.UNRECOGNIZED_CLIENT, UNRECOGNIZED_MESSAGE);
  }

  static AuthFailure mismatch() {
    return new AuthFailure(DbException.Kind.INVALID_SIGNATURE, SIGNATURE_MISMATCH_MESSAGE);
  }

  static AuthFailure invalid(String message) {
    return new AuthFailure(DbException.Kind.INVALID_SIGNATURE, message);
  }

  static AuthFailure incomplete(String message) {
    return new AuthFailure(DbException.Kind.INCOMPLETE_SIGNATURE, message);
  }

  static AuthFailure accessDenied(String message) {
    return new AuthFailure(DbException.Kind.ACCESS_DENIED, message);
  }
}
