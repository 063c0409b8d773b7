package triad.expression.core;

import java.util.List;

/**
 * The syntax tree of an expression exactly as written: placeholders unresolved, parentheses kept
 * (DynamoDB rejects redundant ones), functions not yet checked. Trees are immutable and cached
 * by expression text; binding to a request's names and values happens later.
 */
final class Syntax {
  private Syntax() {}

  /** One element of a document path as written. */
  sealed interface Elem permits NameLit, NameRef, IndexLit {}

  record NameLit(String name) implements Elem {}

  record NameRef(String ref) implements Elem {}

  /** A list index; the digits are kept so range errors can quote them. */
  record IndexLit(String digits) implements Elem {}

  record Path(List<Elem> elems) {
    Path {
      elems = List.copyOf(elems);
    }
  }

  sealed interface Operand permits PathOp, ValueOp, FuncOp, ParenOp, ArithOp {}

  record PathOp(Path path) implements Operand {}

  record ValueOp(String ref) implements Operand {}

  record FuncOp(Func func) implements Operand {}

  record ParenOp(Operand inner) implements Operand {}

  /** {@code a + b} or {@code a - b}, only in an UpdateExpression's SET. */
  record ArithOp(boolean plus, Operand left, Operand right) implements Operand {}

  record Func(String name, List<Operand> args) {
    Func {
      args = List.copyOf(args);
    }
  }

  sealed interface Cond permits OrCond, AndCond, NotCond, ParenCond, CompareCond, BetweenCond, InCond, FuncCond {}

  record OrCond(List<Cond> terms) implements Cond {
    OrCond {
      terms = List.copyOf(terms);
    }
  }

  record AndCond(List<Cond> terms) implements Cond {
    AndCond {
      terms = List.copyOf(terms);
    }
  }

  record NotCond(Cond inner) implements Cond {}

  record ParenCond(Cond inner) implements Cond {}

  record CompareCond(Comparator op, Operand left, Operand right) implements Cond {}

  record BetweenCond(Operand subject, Operand lower, Operand upper) implements Cond {}

  record InCond(Operand subject, List<Operand> candidates) implements Cond {
    InCond {
      candidates = List.copyOf(candidates);
    }
  }

  record FuncCond(Func func) implements Cond {}

  enum Comparator {
    EQ("="),
    NE("<>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }

    /** The comparator seen from the other side: {@code :v < a} is {@code a > :v}. */
    Comparator flipped() {
      return switch (this) {
        case LT -> GT;
        case LE -> GE;
        case GT -> LT;
        case GE -> LE;
        default -> this;
      };
    }
  }

  enum Clause {
    SET,
    REMOVE,
    ADD,
    DELETE
  }

  /** One action of an UpdateExpression; {@code value} is null for REMOVE. */
  record Action(Clause clause, Path path, Operand value) {}

  record Section(Clause clause, List<Action> actions) {
    Section {
      actions = List.copyOf(actions);
    }
  }

  record UpdateSyntax(List<Section> sections) {
    UpdateSyntax {
      sections = List.copyOf(sections);
    }
  }
}
