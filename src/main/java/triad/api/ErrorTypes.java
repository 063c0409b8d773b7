package triad.api;

import triad.item.core.DbException;

/** The one place where failures get DynamoDB's wire error types and HTTP status codes. */
public final class ErrorTypes {
  private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
  private static final String CORAL_VALIDATE = "com.amazon.coral.validate#";
  private static final String CORAL_SERVICE = "com.amazon.coral.service#";

  private ErrorTypes() {}

  public static String type(DbException.Kind kind) {
    return switch (kind) {
      case VALIDATION -> CORAL_VALIDATE + "ValidationException";
      case SERIALIZATION -> CORAL_SERVICE + "SerializationException";
      case UNKNOWN_OPERATION -> CORAL_SERVICE + "UnknownOperationException";
      case MISSING_AUTHENTICATION_TOKEN -> CORAL_SERVICE + "MissingAuthenticationTokenException";
      case UNRECOGNIZED_CLIENT -> CORAL_SERVICE + "UnrecognizedClientException";
      case INVALID_SIGNATURE -> CORAL_SERVICE + "InvalidSignatureException";
      case INCOMPLETE_SIGNATURE -> CORAL_SERVICE + "IncompleteSignatureException";
      case ACCESS_DENIED -> CORAL_SERVICE + "AccessDeniedException";
      case REQUEST_ENTITY_TOO_LARGE -> CORAL_SERVICE + "RequestEntityTooLargeException";
      case RESOURCE_NOT_FOUND -> DYNAMODB + "ResourceNotFoundException";
      case RESOURCE_IN_USE -> DYNAMODB + "ResourceInUseException";
      case CONDITIONAL_CHECK_FAILED -> DYNAMODB + "ConditionalCheckFailedException";
      case LIMIT_EXCEEDED -> DYNAMODB + "LimitExceededException";
      case ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED -> DYNAMODB + "ItemCollectionSizeLimitExceededException";
      case PROVISIONED_THROUGHPUT_EXCEEDED -> DYNAMODB + "ProvisionedThroughputExceededException";
      case THROTTLING -> DYNAMODB + "ThrottlingException";
      case REQUEST_LIMIT_EXCEEDED -> DYNAMODB + "RequestLimitExceeded";
      case SERVICE_UNAVAILABLE -> DYNAMODB + "ServiceUnavailable";
      case INTERNAL_SERVER_ERROR -> DYNAMODB + "InternalServerError";
    };
  }

  /**
   * Client errors are 400 (authentication and authorization failures too, as in DynamoDB);
   * transient server trouble is 5xx, which every SDK retries. An oversized body is 413, the status
   * DynamoDB's front end answers it with (SDKs do not retry it).
   */
  public static int status(DbException.Kind kind) {
    return switch (kind) {
      case REQUEST_ENTITY_TOO_LARGE -> 413;
      case SERVICE_UNAVAILABLE -> 503;
      case INTERNAL_SERVER_ERROR -> 500;
      default -> 400;
    };
  }
}
