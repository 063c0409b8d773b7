package triad.expression.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import triad.expression.core.Syntax.Comparator;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.Num;

/**
 * Expressions bound to one request: placeholders replaced by names and values, checked, ready to
 * evaluate against items. A condition never fails on an item: a missing attribute or a type
 * mismatch makes a comparison false, as in DynamoDB.
 */
final class Bound {
  private Bound() {}

  /** An operand of a condition or of a SET value. */
  sealed interface Expr permits PathExpr, ConstExpr, SizeExpr, IfNotExistsExpr, ListAppendExpr, ArithExpr {
    /** The type the operand is known to have before any item is seen, or null. */
    String staticType();
  }

  record PathExpr(DocPath path) implements Expr {
    public String staticType() {
      return null;
    }
  }

  record ConstExpr(AttributeValue value) implements Expr {
    public String staticType() {
      return value.type();
    }
  }

  record SizeExpr(Expr arg) implements Expr {
    public String staticType() {
      return "N";
    }
  }

  record IfNotExistsExpr(DocPath path, Expr fallback) implements Expr {
    public String staticType() {
      return null;
    }
  }

  record ListAppendExpr(Expr first, Expr second) implements Expr {
    public String staticType() {
      return "L";
    }
  }

  record ArithExpr(boolean plus, Expr left, Expr right) implements Expr {
    public String staticType() {
      return "N";
    }
  }

  /**
   * The value of an operand in an item. Leniently (conditions) a missing attribute or a type that
   * does not fit gives null; strictly (SET values) it fails with DynamoDB's update error, checking
   * as DynamoDB does each operand's type as soon as it has its value (so in {@code a + b} a string
   * {@code a} is reported before a missing {@code b}).
   */
  static AttributeValue value(Expr e, Map<String, AttributeValue> item, boolean strict) {
    return switch (e) {
      case PathExpr p -> {
        AttributeValue v = p.path().get(item);
        if (v == null && strict) {
          throw DbException.validation("The provided expression refers to an attribute that does not exist in the item");
        }
        yield v;
      }
      case ConstExpr c -> c.value();
      case SizeExpr s -> Values.size(value(s.arg(), item, strict));
      case IfNotExistsExpr i -> {
        // DynamoDB evaluates the fallback even when the path exists, so a missing fallback fails.
        AttributeValue v = i.path().get(item);
        AttributeValue fallback = v == null || strict ? value(i.fallback(), item, strict) : null;
        yield v != null ? v : fallback;
      }
      case ListAppendExpr l -> {
        if (!(value(l.first(), item, strict) instanceof AttributeValue.L x)) {
          yield wrongType(strict);
        }
        if (!(value(l.second(), item, strict) instanceof AttributeValue.L y)) {
          yield wrongType(strict);
        }
        List<AttributeValue> joined = new ArrayList<>(x.value());
        joined.addAll(y.value());
        yield new AttributeValue.L(joined);
      }
      case ArithExpr a -> {
        if (!(value(a.left(), item, strict) instanceof AttributeValue.N x)) {
          yield wrongType(strict);
        }
        if (!(value(a.right(), item, strict) instanceof AttributeValue.N y)) {
          yield wrongType(strict);
        }
        BigDecimal l = x.value().bigDecimal();
        BigDecimal r = y.value().bigDecimal();
        yield new AttributeValue.N(Num.of(a.plus() ? l.add(r) : l.subtract(r)));
      }
    };
  }

  private static AttributeValue wrongType(boolean strict) {
    if (strict) {
      throw DbException.validation("An operand in the update expression has an incorrect data type");
    }
    return null;
  }

  sealed interface Pred permits AndPred, OrPred, NotPred, ComparePred, BetweenPred, InPred, ExistsPred, TypePred, BeginsWithPred, ContainsPred {
    boolean test(Map<String, AttributeValue> item);
  }

  record AndPred(List<Pred> terms) implements Pred {
    public boolean test(Map<String, AttributeValue> item) {
      for (Pred p : terms) {
        if (!p.test(item)) {
          return false;
        }
      }
      return true;
    }
  }

  record OrPred(List<Pred> terms) implements Pred {
    public boolean test(Map<String, AttributeValue> item) {
      for (Pred p : terms) {
        if (p.test(item)) {
          return true;
        }
      }
      return false;
    }
  }

  record NotPred(Pred inner) implements Pred {
    public boolean test(Map<String, AttributeValue> item) {
      return !inner.test(item);
    }
  }

  /** Equality needs both sides present; {@code <>} is its negation, so a missing side makes it true. */
  record ComparePred(Comparator op, Expr left, Expr right) implements Pred {
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue a = value(left, item, false);
      AttributeValue b = value(right, item, false);
      return switch (op) {
        case EQ -> a != null && a.equals(b);
        case NE -> a == null || !a.equals(b);
        default -> {
          Integer c = Values.compare(a, b);
          yield c != null && switch (op) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            default -> c >= 0;
          };
        }
      };
    }
  }

  record BetweenPred(Expr subject, Expr lower, Expr upper) implements Pred {
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue v = value(subject, item, false);
      Integer low = Values.compare(v, value(lower, item, false));
      Integer high = Values.compare(v, value(upper, item, false));
      return low != null && high != null && low >= 0 && high <= 0;
    }
  }

  record InPred(Expr subject, List<Expr> candidates) implements Pred {
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue v = value(subject, item, false);
      if (v == null) {
        return false;
      }
      for (Expr c : candidates) {
        if (v.equals(value(c, item, false))) {
          return true;
        }
      }
      return false;
    }
  }

  record ExistsPred(DocPath path, boolean exists) implements Pred {
    public boolean test(Map<String, AttributeValue> item) {
      return (path.get(item) != null) == exists;
    }
  }

  record TypePred(DocPath path, String type) implements Pred {
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue v = path.get(item);
      return v != null && v.type().equals(type);
    }
  }

  record BeginsWithPred(Expr subject, Expr prefix) implements Pred {
    public boolean test(Map<String, AttributeValue> item) {
      return Values.beginsWith(value(subject, item, false), value(prefix, item, false));
    }
  }

  record ContainsPred(Expr subject, Expr operand) implements Pred {
    public boolean test(Map<String, AttributeValue> item) {
      return Values.contains(value(subject, item, false), value(operand, item, false));
    }
  }

  /** Every document path the predicate reads, in text order. */
  static List<DocPath> paths(Pred p) {
    List<DocPath> out = new ArrayList<>();
    collect(p, out);
    return out;
  }

  private static void collect(Pred p, List<DocPath> out) {
    switch (p) {
      case AndPred a -> a.terms().forEach(t -> collect(t, out));
      case OrPred o -> o.terms().forEach(t -> collect(t, out));
      case NotPred n -> collect(n.inner(), out);
      case ComparePred c -> {
        collect(c.left(), out);
        collect(c.right(), out);
      }
      case BetweenPred b -> {
        collect(b.subject(), out);
        collect(b.lower(), out);
        collect(b.upper(), out);
      }
      case InPred in -> {
        collect(in.subject(), out);
        in.candidates().forEach(c -> collect(c, out));
      }
      case ExistsPred e -> out.add(e.path());
      case TypePred t -> out.add(t.path());
      case BeginsWithPred b -> {
        collect(b.subject(), out);
        collect(b.prefix(), out);
      }
      case ContainsPred c -> {
        collect(c.subject(), out);
        collect(c.operand(), out);
      }
    }
  }

  private static void collect(Expr e, List<DocPath> out) {
    switch (e) {
      case PathExpr p -> out.add(p.path());
      case SizeExpr s -> collect(s.arg(), out);
      case ConstExpr c -> {}
      case IfNotExistsExpr i -> {
        out.add(i.path());
        collect(i.fallback(), out);
      }
      case ListAppendExpr l -> {
        collect(l.first(), out);
        collect(l.second(), out);
      }
      case ArithExpr a -> {
        collect(a.left(), out);
        collect(a.right(), out);
      }
    }
  }
}
