package triad.expression.core;

/** One token of an expression: its kind, its text as written, and its character span. */
record Token(Kind kind, String text, int start, int end) {

  enum Kind {
    NAME,
    NAME_REF,
    VALUE_REF,
    INDEX,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    DOT,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    PLUS,
    MINUS,
    AND,
    OR,
    NOT,
    BETWEEN,
    IN,
    SET,
    REMOVE,
    ADD,
    DELETE,
    /** A character no rule accepts; the parser always rejects it, naming it as the offending token. */
    UNKNOWN,
    EOF
  }

  boolean is(Kind k) {
    return kind == k;
  }

  boolean isComparator() {
    return switch (kind) {
      case EQ, NE, LT, LE, GT, GE -> true;
      default -> false;
    };
  }
}
