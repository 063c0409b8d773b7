package triad.expression.core;

/** The functions of DynamoDB's expression language, named exactly (case-sensitively) as written. */
enum Function {
  ATTRIBUTE_EXISTS("attribute_exists", true, false),
  ATTRIBUTE_NOT_EXISTS("attribute_not_exists", true, false),
  ATTRIBUTE_TYPE("attribute_type", true, false),
  BEGINS_WITH("begins_with", true, false),
  CONTAINS("contains", true, false),
  SIZE("size", false, false),
  IF_NOT_EXISTS("if_not_exists", false, true),
  LIST_APPEND("list_append", false, true);

  final String text;
  /** Whether it is a condition on its own rather than an operand. */
  final boolean isCondition;
  /** Whether it belongs to UpdateExpression rather than to condition expressions. */
  final boolean isUpdate;

  Function(String text, boolean isCondition, boolean isUpdate) {
    this.text = text;
    this.isCondition = isCondition;
    this.isUpdate = isUpdate;
  }

  int arity() {
    return switch (this) {
      case ATTRIBUTE_EXISTS, ATTRIBUTE_NOT_EXISTS, SIZE -> 1;
      default -> 2;
    };
  }

  static Function named(String name) {
    for (Function f : values()) {
      if (f.text.equals(name)) {
        return f;
      }
    }
    return null;
  }
}
