package triad.expression.core;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import triad.expression.core.Syntax.Action;
import triad.expression.core.Syntax.AndCond;
import triad.expression.core.Syntax.ArithOp;
import triad.expression.core.Syntax.BetweenCond;
import triad.expression.core.Syntax.Clause;
import triad.expression.core.Syntax.CompareCond;
import triad.expression.core.Syntax.Cond;
import triad.expression.core.Syntax.Elem;
import triad.expression.core.Syntax.Func;
import triad.expression.core.Syntax.FuncCond;
import triad.expression.core.Syntax.FuncOp;
import triad.expression.core.Syntax.InCond;
import triad.expression.core.Syntax.IndexLit;
import triad.expression.core.Syntax.NameLit;
import triad.expression.core.Syntax.NameRef;
import triad.expression.core.Syntax.NotCond;
import triad.expression.core.Syntax.Operand;
import triad.expression.core.Syntax.OrCond;
import triad.expression.core.Syntax.ParenCond;
import triad.expression.core.Syntax.ParenOp;
import triad.expression.core.Syntax.Path;
import triad.expression.core.Syntax.PathOp;
import triad.expression.core.Syntax.Section;
import triad.expression.core.Syntax.UpdateSyntax;
import triad.expression.core.Syntax.ValueOp;

/**
 * The checks DynamoDB makes on a syntax tree before it looks at the request's names and values,
 * so their outcome can be cached with the tree. In DynamoDB's order: first redundant parentheses
 * anywhere; then, walking the tree in text order, reserved words, list index range, unknown
 * functions and functions used where they do not belong; for updates, a repeated section is
 * reported once that section has been walked.
 */
final class SyntaxChecks {
  private static final long LIST_INDEX_MAX = Integer.MAX_VALUE;

  /** Where an operand stands, which decides which functions may stand there. */
  private enum Slot {
    CONDITION,
    OPERAND,
    SET_VALUE
  }

  private final boolean update;

  private SyntaxChecks(boolean update) {
    this.update = update;
  }

  static void condition(Cond c) {
    Redundancy.check(c);
    new SyntaxChecks(false).cond(c);
  }

  static void projection(List<Path> paths) {
    SyntaxChecks checks = new SyntaxChecks(false);
    paths.forEach(checks::path);
  }

  static void update(UpdateSyntax u) {
    for (Section s : u.sections()) {
      for (Action a : s.actions()) {
        if (a.value() != null) {
          Redundancy.check(a.value());
        }
      }
    }
    SyntaxChecks checks = new SyntaxChecks(true);
    Set<Clause> seen = EnumSet.noneOf(Clause.class);
    for (Section s : u.sections()) {
      for (Action a : s.actions()) {
        checks.path(a.path());
        if (a.value() != null) {
          checks.operand(a.value(), a.clause() == Clause.SET ? Slot.SET_VALUE : Slot.OPERAND);
        }
      }
      if (!seen.add(s.clause())) {
        throw new Invalid("The \"" + s.clause() + "\" section can only be used once in an update expression;");
      }
    }
  }

  private void cond(Cond c) {
    switch (c) {
      case OrCond o -> o.terms().forEach(this::cond);
      case AndCond a -> a.terms().forEach(this::cond);
      case NotCond n -> cond(n.inner());
      case ParenCond p -> cond(p.inner());
      case CompareCond cmp -> {
        operand(cmp.left(), Slot.OPERAND);
        operand(cmp.right(), Slot.OPERAND);
      }
      case BetweenCond b -> {
        operand(b.subject(), Slot.OPERAND);
        operand(b.lower(), Slot.OPERAND);
        operand(b.upper(), Slot.OPERAND);
      }
      case InCond in -> {
        operand(in.subject(), Slot.OPERAND);
        in.candidates().forEach(o -> operand(o, Slot.OPERAND));
      }
      case FuncCond f -> function(f.func(), Slot.CONDITION);
    }
  }

  private void operand(Operand o, Slot slot) {
    switch (o) {
      case PathOp p -> path(p.path());
      case ValueOp v -> {}
      case FuncOp f -> function(f.func(), slot);
      case ParenOp p -> operand(p.inner(), slot);
      case ArithOp a -> {
        operand(a.left(), Slot.OPERAND);
        operand(a.right(), Slot.OPERAND);
      }
    }
  }

  private void function(Func f, Slot slot) {
    Function fn = Function.named(f.name());
    if (fn == null) {
      throw new Invalid("Invalid function name; function: " + f.name());
    }
    if (fn.isUpdate && !update) {
      throw new Invalid("The function is not allowed in a condition expression; function: " + f.name());
    }
    if (!fn.isUpdate && update) {
      throw new Invalid("The function is not allowed in an update expression; function: " + f.name());
    }
    boolean fits = switch (slot) {
      case CONDITION -> fn.isCondition;
      case OPERAND -> !fn.isCondition && fn != Function.LIST_APPEND;
      case SET_VALUE -> true;
    };
    if (!fits) {
      throw new Invalid("The function is not allowed to be used this way in an expression; function: " + f.name());
    }
    f.args().forEach(arg -> operand(arg, Slot.OPERAND));
  }

  private void path(Path p) {
    for (Elem e : p.elems()) {
      switch (e) {
        case NameLit n -> {
          if (ReservedWords.isReserved(n.name())) {
            throw new Invalid("Attribute name is a reserved keyword; reserved keyword: " + n.name());
          }
        }
        case IndexLit i -> {
          if (i.digits().length() > 10 || Long.parseLong(i.digits()) > LIST_INDEX_MAX) {
            throw new Invalid("List index is not within the allowable range; index: [" + i.digits() + "]");
          }
        }
        case NameRef r -> {}
      }
    }
  }

  /** A parenthesis whose only content is another parenthesis. */
  private static final class Redundancy {
    private Redundancy() {}

    static void check(Cond c) {
      switch (c) {
        case OrCond o -> o.terms().forEach(Redundancy::check);
        case AndCond a -> a.terms().forEach(Redundancy::check);
        case NotCond n -> check(n.inner());
        case ParenCond p -> {
          if (p.inner() instanceof ParenCond) {
            throw new Invalid(Limits.REDUNDANT_PARENTHESES);
          }
          check(p.inner());
        }
        case CompareCond cmp -> {
          check(cmp.left());
          check(cmp.right());
        }
        case BetweenCond b -> {
          check(b.subject());
          check(b.lower());
          check(b.upper());
        }
        case InCond in -> {
          check(in.subject());
          in.candidates().forEach(Redundancy::check);
        }
        case FuncCond f -> f.func().args().forEach(Redundancy::check);
      }
    }

    static void check(Operand o) {
      switch (o) {
        case ParenOp p -> {
          if (p.inner() instanceof ParenOp) {
            throw new Invalid(Limits.REDUNDANT_PARENTHESES);
          }
          check(p.inner());
        }
        case FuncOp f -> f.func().args().forEach(Redundancy::check);
        case ArithOp a -> {
          check(a.left());
          check(a.right());
        }
        case PathOp p -> {}
        case ValueOp v -> {}
      }
    }
  }
}
