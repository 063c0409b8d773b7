package triad.expression.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import triad.expression.core.Bound.AndPred;
import triad.expression.core.Bound.BeginsWithPred;
import triad.expression.core.Bound.BetweenPred;
import triad.expression.core.Bound.ComparePred;
import triad.expression.core.Bound.ConstExpr;
import triad.expression.core.Bound.ContainsPred;
import triad.expression.core.Bound.ExistsPred;
import triad.expression.core.Bound.Expr;
import triad.expression.core.Bound.InPred;
import triad.expression.core.Bound.NotPred;
import triad.expression.core.Bound.OrPred;
import triad.expression.core.Bound.PathExpr;
import triad.expression.core.Bound.Pred;
import triad.expression.core.Bound.SizeExpr;
import triad.expression.core.Bound.TypePred;
import triad.expression.core.SortKeyCondition.Op;
import triad.expression.core.Syntax.Comparator;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.KeySchema;
import triad.item.core.ScalarType;

/**
 * Turns a bound condition into a Query's key condition, with DynamoDB's checks in its order: key
 * attributes used as documents; operators a key condition cannot have; then, condition by
 * condition, one not of the form {@code key op value} or a second one on the same key; more than
 * two conditions; values of the wrong type; and finally a missing or unusable partition key
 * condition or a second condition that is not on the sort key.
 */
final class KeyConditions {
  /**
   * One {@code key op value(s)} condition, the key on the left. {@code refusal} is set (and
   * {@code op} null) for a legacy operator a key cannot use: refused once the key is known good.
   */
  record Atom(String key, Op op, List<AttributeValue> values, String refusal) {
    Atom(String key, Op op, List<AttributeValue> values) {
      this(key, op, values, null);
    }
  }

  private KeyConditions() {}

  static KeyCondition of(Pred pred, KeySchema schema) {
    requireScalarKeys(pred, schema);
    requireSupportedOperators(pred);
    List<Pred> terms = new ArrayList<>();
    flatten(pred, terms);
    List<Atom> atoms = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (Pred p : terms) {
      Atom a = atom(p);
      if (!keys.add(a.key())) {
        throw DbException.validation("KeyConditionExpressions must only contain one condition per key");
      }
      atoms.add(a);
    }
    if (atoms.size() > 2) {
      throw DbException.validation("Conditions can be of length 1 or 2 only");
    }
    return resolve(atoms, schema);
  }

  /** The checks against the key schema, once the conditions are known to be well formed. */
  static KeyCondition resolve(List<Atom> atoms, KeySchema schema) {
    for (Atom a : atoms) {
      requireKeyType(a, schema);
    }
    if (atoms.size() > 1 && !schema.hasSortKey()) {
      // More conditions than key attributes, whichever attributes they name (as DynamoDB Local answers).
      throw DbException.validation("Query key condition not supported");
    }
    Atom partition = atoms.stream().filter(a -> a.key().equals(schema.partitionKey())).findFirst().orElse(null);
    if (partition == null) {
      throw DbException.validation("Query condition missed key schema element: " + schema.partitionKey());
    }
    if (partition.op() != Op.EQ) {
      throw DbException.validation("Query key condition not supported");
    }
    Atom sort = atoms.stream().filter(a -> a != partition).findFirst().orElse(null);
    if (sort == null) {
      return new KeyCondition(partition.values().get(0), null);
    }
    if (!schema.hasSortKey()) {
      throw DbException.validation("Query key condition not supported");
    }
    if (!sort.key().equals(schema.sortKey())) {
      throw DbException.validation("Query condition missed key schema element: " + schema.sortKey());
    }
    if (sort.refusal() != null) {
      throw DbException.validation(sort.refusal());
    }
    AttributeValue upper = sort.op() == Op.BETWEEN ? sort.values().get(1) : null;
    return new KeyCondition(partition.values().get(0), new SortKeyCondition(sort.op(), sort.values().get(0), upper));
  }

  private static void requireScalarKeys(Pred p, KeySchema schema) {
    for (DocPath path : Bound.paths(p)) {
      if (path.size() > 1 && schema.isKeyAttribute(path.topLevelName())) {
        throw DbException.validation(notScalar(path.topLevelName()));
      }
    }
  }

  static String notScalar(String key) {
    return "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: " + key;
  }

  private static void requireSupportedOperators(Pred p) {
    switch (p) {
      case AndPred a -> a.terms().forEach(KeyConditions::requireSupportedOperators);
      case OrPred o -> throw invalidOperator("OR");
      case NotPred n -> throw invalidOperator("NOT");
      case InPred in -> throw invalidOperator("IN");
      case ExistsPred e -> throw invalidOperator(e.exists() ? Function.ATTRIBUTE_EXISTS.text : Function.ATTRIBUTE_NOT_EXISTS.text);
      case TypePred t -> throw invalidOperator(Function.ATTRIBUTE_TYPE.text);
      case ContainsPred c -> throw invalidOperator(Function.CONTAINS.text);
      case ComparePred c -> {
        if (c.op() == Comparator.NE) {
          throw invalidOperator(Comparator.NE.symbol);
        }
        requireSimpleOperands(c.left(), c.right());
      }
      case BetweenPred b -> requireSimpleOperands(b.subject(), b.lower(), b.upper());
      case BeginsWithPred b -> requireSimpleOperands(b.subject(), b.prefix());
    }
  }

  private static void requireSimpleOperands(Expr... operands) {
    for (Expr e : operands) {
      if (e instanceof SizeExpr) {
        throw DbException.validation("KeyConditionExpressions cannot contain nested operations");
      }
      if (e instanceof PathExpr p && p.path().size() > 1) {
        throw DbException.validation("KeyConditionExpressions cannot have conditions on nested attributes");
      }
    }
  }

  private static DbException invalidOperator(String operator) {
    return DbException.validation("Invalid operator used in KeyConditionExpression: " + operator);
  }

  private static void flatten(Pred p, List<Pred> out) {
    if (p instanceof AndPred a) {
      a.terms().forEach(t -> flatten(t, out));
    } else {
      out.add(p);
    }
  }

  private static Atom atom(Pred p) {
    return switch (p) {
      case ComparePred c -> {
        requireSingleKey(c.left(), c.right());
        if (!(c.left() instanceof PathExpr) && !(c.right() instanceof PathExpr)) {
          throw DbException.validation("Invalid condition in KeyConditionExpression: No key attribute specified");
        }
        boolean keyLeft = c.left() instanceof PathExpr;
        Expr key = keyLeft ? c.left() : c.right();
        Comparator op = keyLeft ? c.op() : c.op().flipped();
        yield new Atom(keyName(key), op(op), List.of(constant(keyLeft ? c.right() : c.left())));
      }
      case BetweenPred b -> {
        requireSingleKey(b.subject(), b.lower(), b.upper());
        requireKeyFirst("BETWEEN", b.subject());
        yield new Atom(keyName(b.subject()), Op.BETWEEN, List.of(constant(b.lower()), constant(b.upper())));
      }
      case BeginsWithPred b -> {
        requireSingleKey(b.subject(), b.prefix());
        requireKeyFirst(Function.BEGINS_WITH.text, b.subject());
        yield new Atom(keyName(b.subject()), Op.BEGINS_WITH, List.of(constant(b.prefix())));
      }
      default -> throw new IllegalStateException("unsupported key condition passed the operator check: " + p);
    };
  }

  private static void requireSingleKey(Expr... operands) {
    if (Arrays.stream(operands).filter(e -> e instanceof PathExpr).count() > 1) {
      throw DbException.validation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
    }
  }

  private static void requireKeyFirst(String operator, Expr first) {
    if (!(first instanceof PathExpr)) {
      throw DbException.validation("Invalid condition in KeyConditionExpression: " + operator + " operator must have the key attribute as its first operand");
    }
  }

  private static String keyName(Expr e) {
    return ((PathExpr) e).path().topLevelName();
  }

  private static AttributeValue constant(Expr e) {
    return ((ConstExpr) e).value();
  }

  private static Op op(Comparator c) {
    return switch (c) {
      case EQ -> Op.EQ;
      case LT -> Op.LT;
      case LE -> Op.LE;
      case GT -> Op.GT;
      case GE -> Op.GE;
      case NE -> throw new IllegalStateException("<> passed the operator check");
    };
  }

  private static void requireKeyType(Atom a, KeySchema schema) {
    ScalarType type = a.key().equals(schema.partitionKey()) ? schema.partitionKeyType()
        : a.key().equals(schema.sortKey()) ? schema.sortKeyType() : null;
    if (type == null) {
      return;
    }
    for (AttributeValue v : a.values()) {
      if (ScalarType.of(v) != type) {
        throw DbException.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
      }
    }
  }
}
