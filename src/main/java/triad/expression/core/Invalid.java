package triad.expression.core;

/**
 * An expression DynamoDB rejects, carrying the detail that follows "Invalid XExpression: " in its
 * ValidationException. It never leaves this package: {@link Expressions} turns it into a
 * {@code DbException} with the prefix of the expression parameter at fault.
 */
final class Invalid extends RuntimeException {
  Invalid(String detail) {
    super(detail, null, false, false);
  }

  String detail() {
    return getMessage();
  }
}
