package triad.expression.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import triad.expression.core.DocPath.Key;
import triad.expression.core.KeyConditions.Atom;
import triad.expression.core.SortKeyCondition.Op;
import triad.expression.core.Syntax.Comparator;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.KeySchema;

/**
 * DynamoDB's parameters from before expressions — Expected, QueryFilter, ScanFilter,
 * KeyConditions, AttributeUpdates, AttributesToGet — turned into the same {@link Condition},
 * {@link KeyCondition}, {@link Update} and {@link Projection} as expressions, with DynamoDB's
 * checks and messages (as DynamoDB Local gives them). Attribute names are literal top-level names:
 * no placeholders, no paths, no reserved words.
 *
 * <p>For a Query, DynamoDB checks KeyConditions completely before QueryFilter. Refusing a request
 * that mixes these parameters with expressions is the caller's: its message names the request's
 * parameters.
 */
public final class Legacy {
  private static final String INVALID = "One or more parameter values were invalid: ";
  private static final String TYPE_MISMATCH = "Type mismatch for attribute to update";

  /** One entry of Expected; any field may be null. */
  public record ExpectedValue(AttributeValue value, Boolean exists, String comparisonOperator, List<AttributeValue> attributeValueList) {}

  /** One entry of QueryFilter, ScanFilter or KeyConditions; either field may be null. */
  public record Filter(String comparisonOperator, List<AttributeValue> attributeValueList) {}

  public enum ConditionalOperator {
    AND,
    OR
  }

  public enum Action {
    PUT,
    ADD,
    DELETE
  }

  /** One entry of AttributeUpdates; a null action means PUT, a null value is only for DELETE. */
  public record AttributeUpdate(AttributeValue value, Action action) {}

  /** The comparison operators, with how many values each takes and of which types. */
  private enum Operator {
    EQ(1, 1, null),
    NE(1, 1, null),
    LE(1, 1, Set.of("S", "N", "B")),
    LT(1, 1, Set.of("S", "N", "B")),
    GE(1, 1, Set.of("S", "N", "B")),
    GT(1, 1, Set.of("S", "N", "B")),
    NULL(0, 0, null),
    NOT_NULL(0, 0, null),
    CONTAINS(1, 1, Set.of("S", "N", "B", "BOOL", "NULL")),
    NOT_CONTAINS(1, 1, Set.of("S", "N", "B", "BOOL", "NULL")),
    BEGINS_WITH(1, 1, Set.of("S", "B")),
    IN(1, Integer.MAX_VALUE, Set.of("S", "N", "B")),
    BETWEEN(2, 2, Set.of("S", "N", "B"));

    final int argumentsMin;
    final int argumentsMax;
    /** The value types allowed, or null for all. */
    final Set<String> types;

    Operator(int argumentsMin, int argumentsMax, Set<String> types) {
      this.argumentsMin = argumentsMin;
      this.argumentsMax = argumentsMax;
      this.types = types;
    }

    static Operator named(String name) {
      for (Operator o : values()) {
        if (o.name().equals(name)) {
          return o;
        }
      }
      throw DbException.validation("Comparison type does not exist in DynamoDB");
    }
  }

  private Legacy() {}

  /** Expected with its ConditionalOperator (null when absent); an empty map always holds. */
  public static Condition expected(Map<String, ExpectedValue> expected, ConditionalOperator operator) {
    List<Pred> terms = new ArrayList<>();
    expected.forEach((name, e) -> terms.add(expectation(name, e)));
    return BoundCondition.of(combine(terms, operator));
  }

  /** QueryFilter or ScanFilter with its ConditionalOperator (null when absent). */
  public static Condition filter(Map<String, Filter> filter, ConditionalOperator operator) {
    List<Pred> terms = new ArrayList<>();
    filter.forEach((name, f) -> terms.add(comparison(name, requireOperator(f), arguments(f))));
    return BoundCondition.of(combine(terms, operator));
  }

  /** KeyConditions for the key schema of the table or index queried. */
  public static KeyCondition keyConditions(Map<String, Filter> conditions, KeySchema schema) {
    List<Atom> atoms = new ArrayList<>();
    conditions.forEach((name, f) -> {
      Operator op = requireOperator(f);
      List<AttributeValue> args = arguments(f);
      comparison(name, op, args);
      atoms.add(keyAtom(name, op, args));
    });
    if (atoms.isEmpty()) {
      throw DbException.validation("Conditions must be at least length 1");
    }
    if (atoms.size() > 2) {
      throw DbException.validation("Conditions can be of length 1 or 2 only");
    }
    return KeyConditions.resolve(atoms, schema);
  }

  /** DynamoDB's refusal of a QueryFilter on a key attribute of the key schema queried. */
  public static void checkQueryFilter(Map<String, Filter> queryFilter, KeySchema schema) {
    for (String key : new String[] {schema.partitionKey(), schema.sortKey()}) {
      if (key != null && queryFilter.containsKey(key)) {
        throw DbException.validation("QueryFilter can only contain non-primary key attributes: Primary key attribute: " + key);
      }
    }
  }

  public static Update attributeUpdates(Map<String, AttributeUpdate> updates) {
    Map<String, AttributeUpdate> checked = new LinkedHashMap<>();
    updates.forEach((name, u) -> {
      Action action = u.action() == null ? Action.PUT : u.action();
      requireNoEmptySet(u.value());
      if (u.value() == null && action != Action.DELETE) {
        throw DbException.validation(INVALID + "Only DELETE action is allowed when no attribute value is specified");
      }
      if (action == Action.ADD && !isNumberSetOrList(u.value())) {
        throw DbException.validation(INVALID + "ADD action is not supported for the type " + UpdateImpl.typeName(u.value()));
      }
      if (action == Action.DELETE && u.value() != null && !isSet(u.value())) {
        throw DbException.validation(INVALID + "DELETE action with value is not supported for the type " + UpdateImpl.typeName(u.value()));
      }
      checked.put(name, new AttributeUpdate(u.value(), action));
    });
    return new LegacyUpdate(Collections.unmodifiableMap(checked));
  }

  public static Projection attributesToGet(List<String> names) {
    PathTrie<Void> trie = new PathTrie<>();
    Set<String> seen = new HashSet<>();
    List<DocPath> paths = new ArrayList<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw DbException.validation("Cannot have two attributes with the same name");
      }
      DocPath path = new DocPath(List.of(new Key(name)));
      paths.add(path);
      trie.add(path, null);
    }
    return new ProjectionImpl(trie, paths);
  }

  // ---- conditions

  private static Pred expectation(String name, ExpectedValue e) {
    requireNoEmptySet(e.value());
    if (e.attributeValueList() != null) {
      e.attributeValueList().forEach(Legacy::requireNoEmptySet);
    }
    if (e.value() != null && e.attributeValueList() != null) {
      throw DbException.validation(INVALID + "Value and AttributeValueList cannot be used together for Attribute: " + name);
    }
    if (e.attributeValueList() != null && e.comparisonOperator() == null) {
      throw DbException.validation(INVALID + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
    }
    if (e.exists() != null && e.comparisonOperator() != null) {
      throw DbException.validation(INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: " + name);
    }
    if (e.comparisonOperator() != null) {
      List<AttributeValue> args = e.attributeValueList() != null ? e.attributeValueList() : e.value() != null ? List.of(e.value()) : List.of();
      boolean takesNone = e.comparisonOperator().equals("NULL") || e.comparisonOperator().equals("NOT_NULL");
      if (args.isEmpty() && e.attributeValueList() == null && !takesNone) {
        throw DbException.validation(INVALID + "Value or AttributeValueList must be used with ComparisonOperator: " + e.comparisonOperator()
            + " for Attribute: " + name);
      }
      return comparison(name, Operator.named(e.comparisonOperator()), args);
    }
    boolean exists = e.exists() == null || e.exists();
    if (exists && e.value() == null) {
      throw DbException.validation(INVALID + "Value must be provided when Exists is " + (e.exists() == null ? "null" : "true") + " for Attribute: " + name);
    }
    if (!exists && e.value() != null) {
      throw DbException.validation(INVALID + "Value cannot be used when Exists is false for Attribute: " + name);
    }
    return exists ? new ComparePred(Comparator.EQ, attribute(name), new ConstExpr(e.value())) : new ExistsPred(path(name), false);
  }

  private static Operator requireOperator(Filter f) {
    if (f.comparisonOperator() == null) {
      throw DbException.validation("Comparison type does not exist in DynamoDB");
    }
    Operator op = Operator.named(f.comparisonOperator());
    arguments(f).forEach(Legacy::requireNoEmptySet);
    return op;
  }

  private static List<AttributeValue> arguments(Filter f) {
    return f.attributeValueList() == null ? List.of() : f.attributeValueList();
  }

  /** Checks the values against the operator and builds the condition on the top-level attribute. */
  private static Pred comparison(String name, Operator op, List<AttributeValue> args) {
    if (args.size() < op.argumentsMin || args.size() > op.argumentsMax) {
      throw DbException.validation(INVALID + "Invalid number of argument(s) for the " + op + " ComparisonOperator");
    }
    for (AttributeValue v : args) {
      if (op.types != null && !op.types.contains(v.type())) {
        throw DbException.validation(INVALID + "ComparisonOperator " + op + " is not valid for " + v.type() + " AttributeValue type");
      }
    }
    for (AttributeValue v : args) {
      if (!v.type().equals(args.get(0).type())) {
        throw DbException.validation(INVALID + "AttributeValues inside AttributeValueList must be of same type");
      }
    }
    if (op == Operator.BETWEEN && Values.compare(args.get(0), args.get(1)) > 0) {
      throw DbException.validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
    }
    Expr subject = attribute(name);
    Expr first = args.isEmpty() ? null : new ConstExpr(args.get(0));
    return switch (op) {
      case EQ -> new ComparePred(Comparator.EQ, subject, first);
      case NE -> new ComparePred(Comparator.NE, subject, first);
      case LE -> new ComparePred(Comparator.LE, subject, first);
      case LT -> new ComparePred(Comparator.LT, subject, first);
      case GE -> new ComparePred(Comparator.GE, subject, first);
      case GT -> new ComparePred(Comparator.GT, subject, first);
      case NULL -> new ExistsPred(path(name), false);
      case NOT_NULL -> new ExistsPred(path(name), true);
      case CONTAINS -> new ContainsPred(subject, first);
      // Unlike NOT contains(), NOT_CONTAINS does not hold for a missing attribute.
      case NOT_CONTAINS -> new AndPred(List.of(new ExistsPred(path(name), true), new NotPred(new ContainsPred(subject, first))));
      case BEGINS_WITH -> new BeginsWithPred(subject, first);
      case IN -> new InPred(subject, args.stream().<Expr>map(ConstExpr::new).toList());
      case BETWEEN -> new BetweenPred(subject, first, new ConstExpr(args.get(1)));
    };
  }

  private static Pred combine(List<Pred> terms, ConditionalOperator operator) {
    if (operator != null && terms.size() < 2) {
      throw DbException.validation("ConditionalOperator can only be used when Filter or Expected has two or more elements");
    }
    return operator == ConditionalOperator.OR ? new OrPred(terms) : new AndPred(terms);
  }

  private static Atom keyAtom(String name, Operator op, List<AttributeValue> args) {
    Op keyOp = switch (op) {
      case EQ -> Op.EQ;
      case LE -> Op.LE;
      case LT -> Op.LT;
      case GE -> Op.GE;
      case GT -> Op.GT;
      case BEGINS_WITH -> Op.BEGINS_WITH;
      case BETWEEN -> Op.BETWEEN;
      default -> null;
    };
    if (keyOp != null) {
      return new Atom(name, keyOp, args);
    }
    String refusal = op == Operator.NULL || op == Operator.NOT_NULL ? "Only scalar types can be used as Range Key values"
        : "Attempted conditional constraint is not an indexable operation";
    return new Atom(name, null, args, refusal);
  }

  private static DocPath path(String name) {
    return new DocPath(List.of(new Key(name)));
  }

  private static Expr attribute(String name) {
    return new PathExpr(path(name));
  }

  private static void requireNoEmptySet(AttributeValue v) {
    String problem = v == null ? null : ExpressionContext.emptySetProblem(v);
    if (problem != null) {
      throw DbException.validation(INVALID + problem);
    }
  }

  private static boolean isSet(AttributeValue v) {
    return v instanceof AttributeValue.SS || v instanceof AttributeValue.NS || v instanceof AttributeValue.BS;
  }

  private static boolean isNumberSetOrList(AttributeValue v) {
    return v instanceof AttributeValue.N || v instanceof AttributeValue.L || isSet(v);
  }

  /** AttributeUpdates applied in order to top-level attributes. */
  private record LegacyUpdate(Map<String, AttributeUpdate> updates) implements Update {
    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> oldItem) {
      Map<String, AttributeValue> out = new LinkedHashMap<>(oldItem);
      updates.forEach((name, u) -> {
        AttributeValue updated = switch (u.action()) {
          case PUT -> u.value();
          case ADD -> UpdateImpl.add(oldItem.get(name), u.value(), TYPE_MISMATCH);
          case DELETE -> u.value() == null ? null : UpdateImpl.delete(oldItem.get(name), u.value(), TYPE_MISMATCH);
        };
        if (updated == null) {
          out.remove(name);
        } else {
          out.put(name, updated);
        }
      });
      return out;
    }

    @Override
    public Set<String> topLevelNames() {
      return Collections.unmodifiableSet(new LinkedHashSet<>(updates.keySet()));
    }

    @Override
    public Projection updatedPaths() {
      return attributesToGet(List.copyOf(updates.keySet()));
    }
  }
}
