package triad.api;

import triad.item.core.DbException;

/** The one place where failures get DynamoDB's wire error types and HTTP status codes. */
final class ErrorTypes {
  private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
  private static final String CORAL_VALIDATE = "com.amazon.coral.validate#";
  private static final String CORAL_SERVICE = "com.amazon.coral.service#";

  private ErrorTypes() {}

  static String type(DbException.Kind kind) {
    return switch (kind) {
      case VALIDATION -> CORAL_VALIDATE + "ValidationException";
      case SERIALIZATION -> CORAL_SERVICE + "SerializationException";
      case UNKNOWN_OPERATION -> CORAL_SERVICE + "UnknownOperationException";
      case MISSING_AUTHENTICATION_TOKEN -> CORAL_SERVICE + "MissingAuthenticationTokenException";
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

  /** Client errors are 400; transient server trouble is 5xx, which every SDK retries. */
  static int status(DbException.Kind kind) {
    return switch (kind) {
      case SERVICE_UNAVAILABLE -> 503;
      case INTERNAL_SERVER_ERROR -> 500;
      default -> 400;
    };
  }
}
