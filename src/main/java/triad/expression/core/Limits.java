package triad.expression.core;

/** DynamoDB's published expression limits, with the messages it rejects them with. */
final class Limits {
  /** Characters (UTF-16 units, as DynamoDB counts them) in any one expression. */
  static final int EXPRESSION_CHARS_MAX = 4096;
  /** Operators and functions in one condition, filter or key condition expression. */
  static final int OPERATORS_MAX = 300;
  /** Right-hand operands of one IN. */
  static final int IN_OPERANDS_MAX = 100;
  /** Elements of one document path. */
  static final int PATH_DEPTH_MAX = 32;
  /** Characters of an expression plus the bytes of the names and values it substitutes. */
  static final long SUBSTITUTED_BYTES_MAX = 1024 * 1024;

  static final String REDUNDANT_PARENTHESES = "The expression has redundant parentheses;";
  static final String EXPRESSION_TOO_LARGE = "Expression size has exceeded the maximum allowed size;";

  private Limits() {}

  /** DynamoDB stops counting at the first operator over the limit, so the count quoted is fixed. */
  static String tooManyOperators() {
    return "The expression contains too many operators; operator count: " + (OPERATORS_MAX + 1);
  }
}
