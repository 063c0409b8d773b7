package triad.expression.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import triad.expression.core.Bound.Expr;
import triad.expression.core.DocPath.Index;
import triad.expression.core.DocPath.Key;
import triad.expression.core.DocPath.Step;
import triad.expression.core.Syntax.Action;
import triad.expression.core.Syntax.Clause;
import triad.expression.core.Syntax.Section;
import triad.expression.core.Syntax.UpdateSyntax;
import triad.expression.core.Syntax.ValueOp;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.Num;

/**
 * A bound UpdateExpression, applied in one walk down the merged path tree. SET values are computed
 * from the old item, whatever the walk has changed. List elements are addressed by their index in
 * the old list: SETs there replace, REMOVEs drop (so later elements shift down), and SETs or ADDs
 * past the end append in index order.
 *
 * <p>The walk visits each node's children in DynamoDB's order ({@link PathTrie}), and each step
 * fails as soon as it finds a problem, so of several runtime errors the one reported is DynamoDB's:
 * a document path that does not fit the item ("invalid for update") when the walk reaches it, a
 * SET operand missing or of the wrong type when its action is reached, an ADD or DELETE operand
 * that does not fit the attribute likewise. Text order and clause do not matter.
 */
final class UpdateImpl implements Update {
  private static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
  private static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

  /** One action with its path and operand bound; {@code value} for SET, {@code operand} for ADD and DELETE. */
  private record BoundAction(Clause clause, DocPath path, Expr value, AttributeValue operand) {}

  private final List<BoundAction> actions;
  /** Each path carries the position of its action in {@link #actions}. */
  private final PathTrie<Integer> trie;
  private final Set<String> topLevelNames;
  private final Projection updatedPaths;

  private UpdateImpl(List<BoundAction> actions, PathTrie<Integer> trie) {
    this.actions = actions;
    this.trie = trie;
    List<DocPath> paths = actions.stream().map(BoundAction::path).toList();
    this.updatedPaths = new ProjectionImpl(trie, paths);
    this.topLevelNames = updatedPaths.topLevelNames();
  }

  /**
   * Binds in DynamoDB's order: the target paths from the last action to the first, each merged
   * at once (so an overlap can be reported before a later name is found undefined); then the
   * operands, again from the last action to the first.
   */
  static UpdateImpl bind(UpdateSyntax syntax, Binder binder) {
    List<Action> parsed = new ArrayList<>();
    for (Section s : syntax.sections()) {
      parsed.addAll(s.actions());
    }
    int n = parsed.size();
    DocPath[] paths = new DocPath[n];
    PathTrie<Integer> trie = new PathTrie<>();
    for (int i = n - 1; i >= 0; i--) {
      paths[i] = binder.path(parsed.get(i).path());
      trie.add(paths[i], i);
    }
    BoundAction[] bound = new BoundAction[n];
    for (int i = n - 1; i >= 0; i--) {
      Action a = parsed.get(i);
      bound[i] = switch (a.clause()) {
        case SET -> new BoundAction(a.clause(), paths[i], binder.operand(a.value()), null);
        case REMOVE -> new BoundAction(a.clause(), paths[i], null, null);
        case ADD, DELETE -> new BoundAction(a.clause(), paths[i], null, setOperand(a.clause(), binder.value(((ValueOp) a.value()).ref())));
      };
    }
    return new UpdateImpl(List.of(bound), trie);
  }

  private static AttributeValue setOperand(Clause clause, AttributeValue v) {
    boolean isSet = v instanceof AttributeValue.SS || v instanceof AttributeValue.NS || v instanceof AttributeValue.BS;
    boolean allowed = isSet || (clause == Clause.ADD && v instanceof AttributeValue.N);
    if (!allowed) {
      throw new Invalid("Incorrect operand type for operator or function; operator: " + clause + ", operand type: " + typeName(v)
          + ", typeSet: ALLOWED_FOR_" + clause + "_OPERAND");
    }
    return v;
  }

  static String typeName(AttributeValue v) {
    return switch (v) {
      case AttributeValue.S s -> "STRING";
      case AttributeValue.N x -> "NUMBER";
      case AttributeValue.B b -> "BINARY";
      case AttributeValue.Bool b -> "BOOLEAN";
      case AttributeValue.Null x -> "NULL";
      case AttributeValue.L l -> "LIST";
      case AttributeValue.M m -> "MAP";
      case AttributeValue.SS ss -> "STRING_SET";
      case AttributeValue.NS ns -> "NUMBER_SET";
      case AttributeValue.BS bs -> "BINARY_SET";
    };
  }

  @Override
  public Map<String, AttributeValue> apply(Map<String, AttributeValue> oldItem) {
    return applyToMap(oldItem, trie.root, oldItem);
  }

  @Override
  public Set<String> topLevelNames() {
    return topLevelNames;
  }

  @Override
  public Projection updatedPaths() {
    return updatedPaths;
  }

  private Map<String, AttributeValue> applyToMap(Map<String, AttributeValue> old, PathTrie.Node<Integer> node, Map<String, AttributeValue> oldItem) {
    Map<String, AttributeValue> out = new LinkedHashMap<>(old);
    for (Map.Entry<Step, PathTrie.Node<Integer>> e : node.childrenInDynamoDbOrder()) {
      String key = ((Key) e.getKey()).name();
      AttributeValue updated = applyAt(old.get(key), e.getValue(), oldItem);
      if (updated == null) {
        out.remove(key);
      } else {
        out.put(key, updated);
      }
    }
    return out;
  }

  /** The new value where {@code node} sits, whose old value is {@code old} (null if absent); null removes it. */
  private AttributeValue applyAt(AttributeValue old, PathTrie.Node<Integer> node, Map<String, AttributeValue> oldItem) {
    if (node.terminal != null) {
      return act(node.payload, old, oldItem);
    }
    if (ProjectionImpl.isListNode(node)) {
      if (!(old instanceof AttributeValue.L l)) {
        throw DbException.validation(INVALID_PATH);
      }
      return new AttributeValue.L(applyToList(l.value(), node, oldItem));
    }
    if (!(old instanceof AttributeValue.M m)) {
      throw DbException.validation(INVALID_PATH);
    }
    return new AttributeValue.M(applyToMap(m.value(), node, oldItem));
  }

  private List<AttributeValue> applyToList(List<AttributeValue> old, PathTrie.Node<Integer> node, Map<String, AttributeValue> oldItem) {
    List<AttributeValue> slots = new ArrayList<>(old);
    boolean[] removed = new boolean[old.size()];
    Map<Integer, AttributeValue> appended = new TreeMap<>();
    for (Map.Entry<Step, PathTrie.Node<Integer>> e : node.childrenInDynamoDbOrder()) {
      int i = ((Index) e.getKey()).index();
      PathTrie.Node<Integer> child = e.getValue();
      if (i < old.size()) {
        AttributeValue updated = applyAt(old.get(i), child, oldItem);
        if (updated == null) {
          removed[i] = true;
        } else {
          slots.set(i, updated);
        }
      } else if (child.terminal == null) {
        throw DbException.validation(INVALID_PATH);
      } else {
        AttributeValue added = act(child.payload, null, oldItem);
        if (added != null) {
          appended.put(i, added);
        }
      }
    }
    List<AttributeValue> out = new ArrayList<>(slots.size() + appended.size());
    for (int i = 0; i < slots.size(); i++) {
      if (!removed[i]) {
        out.add(slots.get(i));
      }
    }
    out.addAll(appended.values());
    return out;
  }

  private AttributeValue act(int index, AttributeValue old, Map<String, AttributeValue> oldItem) {
    BoundAction a = actions.get(index);
    return switch (a.clause()) {
      case SET -> Bound.value(a.value(), oldItem, true);
      case REMOVE -> null;
      case ADD -> add(old, a.operand(), WRONG_TYPE);
      case DELETE -> delete(old, a.operand(), WRONG_TYPE);
    };
  }

  /**
   * ADD: a missing attribute starts from zero, the empty set (or, for legacy AttributeUpdates,
   * the empty list); otherwise numbers add, sets unite, lists append, and anything else fails
   * with {@code mismatch}.
   */
  static AttributeValue add(AttributeValue old, AttributeValue operand, String mismatch) {
    if (old == null) {
      return operand;
    }
    return switch (old) {
      case AttributeValue.N n when operand instanceof AttributeValue.N m -> new AttributeValue.N(Num.of(n.value().bigDecimal().add(m.value().bigDecimal())));
      case AttributeValue.SS s when operand instanceof AttributeValue.SS t -> new AttributeValue.SS(union(s.value(), t.value()));
      case AttributeValue.NS s when operand instanceof AttributeValue.NS t -> new AttributeValue.NS(union(s.value(), t.value()));
      case AttributeValue.BS s when operand instanceof AttributeValue.BS t -> new AttributeValue.BS(union(s.value(), t.value()));
      case AttributeValue.L l when operand instanceof AttributeValue.L m -> {
        List<AttributeValue> joined = new ArrayList<>(l.value());
        joined.addAll(m.value());
        yield new AttributeValue.L(joined);
      }
      default -> throw DbException.validation(mismatch);
    };
  }

  /** DELETE: nothing to do on a missing attribute; a set left empty disappears (null). */
  static AttributeValue delete(AttributeValue old, AttributeValue operand, String mismatch) {
    if (old == null) {
      return null;
    }
    return switch (old) {
      case AttributeValue.SS s when operand instanceof AttributeValue.SS t -> nonEmpty(minus(s.value(), t.value()), AttributeValue.SS::new);
      case AttributeValue.NS s when operand instanceof AttributeValue.NS t -> nonEmpty(minus(s.value(), t.value()), AttributeValue.NS::new);
      case AttributeValue.BS s when operand instanceof AttributeValue.BS t -> nonEmpty(minus(s.value(), t.value()), AttributeValue.BS::new);
      default -> throw DbException.validation(mismatch);
    };
  }

  private static <T> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return out;
  }

  private static <T> Set<T> minus(Set<T> a, Set<T> b) {
    Set<T> out = new LinkedHashSet<>(a);
    out.removeAll(b);
    return out;
  }

  private static <T> AttributeValue nonEmpty(Set<T> set, java.util.function.Function<Set<T>, AttributeValue> wrap) {
    return set.isEmpty() ? null : wrap.apply(set);
  }
}
