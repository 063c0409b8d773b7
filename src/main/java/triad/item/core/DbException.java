package triad.item.core;

import java.util.Map;

/**
 * A request that cannot be carried out, as a value with DynamoDB's meaning. The API layer maps
 * {@link Kind} to DynamoDB's error type in exactly one place; nothing else names wire types.
 */
public final class DbException extends RuntimeException {

  /** What went wrong, in DynamoDB's vocabulary. */
  public enum Kind {
    VALIDATION,
    SERIALIZATION,
    UNKNOWN_OPERATION,
    RESOURCE_NOT_FOUND,
    RESOURCE_IN_USE,
    CONDITIONAL_CHECK_FAILED,
    LIMIT_EXCEEDED,
    ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED,
    PROVISIONED_THROUGHPUT_EXCEEDED,
    THROTTLING,
    REQUEST_LIMIT_EXCEEDED,
    /** Transient trouble on the server side; SDKs retry it. */
    SERVICE_UNAVAILABLE,
    INTERNAL_SERVER_ERROR,
    /** No Authorization header and no presigned query parameters. */
    MISSING_AUTHENTICATION_TOKEN,
    /** Unknown access key id, or a session token this server does not issue. */
    UNRECOGNIZED_CLIENT,
    /** Well-formed but wrong: signature, scope, date, expiry or payload hash. */
    INVALID_SIGNATURE,
    /** Malformed Authorization header or presigned parameters. */
    INCOMPLETE_SIGNATURE,
    /** Authenticated, but no policy allows the action, one denies it, or the account is another. */
    ACCESS_DENIED,
    /** The request body is larger than the API accepts (DynamoDB: 16 MB). */
    REQUEST_ENTITY_TOO_LARGE
  }

  private final Kind kind;
  /** The item that failed a condition, when the request asked for it. */
  private final Map<String, AttributeValue> item;

  public DbException(Kind kind, String message) {
    this(kind, message, null);
  }

  public DbException(Kind kind, String message, Map<String, AttributeValue> item) {
    super(message, null, false, false);
    this.kind = kind;
    this.item = item;
  }

  public Kind kind() {
    return kind;
  }

  public Map<String, AttributeValue> item() {
    return item;
  }

  public static DbException validation(String message) {
    return new DbException(Kind.VALIDATION, message);
  }

  public static DbException serialization(String message) {
    return new DbException(Kind.SERIALIZATION, message);
  }

  public static DbException notFound(String message) {
    return new DbException(Kind.RESOURCE_NOT_FOUND, message);
  }

  public static DbException inUse(String message) {
    return new DbException(Kind.RESOURCE_IN_USE, message);
  }

  public static DbException unavailable(String message) {
    return new DbException(Kind.SERVICE_UNAVAILABLE, message);
  }
}
