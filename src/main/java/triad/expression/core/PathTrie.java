package triad.expression.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import triad.expression.core.DocPath.Index;
import triad.expression.core.DocPath.Key;
import triad.expression.core.DocPath.Step;

/**
 * The document paths of a projection or an update, merged into a tree, refusing paths that
 * overlap (one is a prefix of, or equal to, another) or conflict (one indexes a list where
 * another looks up a map key).
 *
 * <p>DynamoDB merges the paths from the last to the first and stops at the first clash: "path
 * one" is the path being merged, "path two" is the first path, in DynamoDB's child order, below
 * the node where the clash was found (following the first child down until a path ends) — often
 * not a path that clashes at all. The caller feeds {@link #add} in that order so messages match
 * DynamoDB's word for word.
 *
 * <h2>DynamoDB's child order</h2>
 *
 * DynamoDB keeps a node's children in a hash table and visits them in the table's order: when it
 * names "path two" and when it applies an update (so the first child visited is the one whose
 * error is reported). Measured against DynamoDB Local, the order is that of a {@code
 * java.util.HashMap} whose keys hash as the step plus {@link #STEP_HASH_OFFSET}: {@code
 * String.hashCode()} of a name, the index itself for a list element. A table holds 16 buckets
 * and doubles whenever it would be more than 3/4 full; a key's bucket is its hash with the high
 * half folded into the low one ({@code h ^ h >>> 16}), masked to the table size; buckets are
 * visited in increasing order, keys sharing a bucket in the order they were merged.
 *
 * @param <P> what each path carries (an update's action; nothing for a projection)
 */
final class PathTrie<P> {
  /**
   * Added to a step's hash before it is bucketed. Found by fitting DynamoDB Local's answers for
   * thousands of name and index pairs; checked for nodes of up to 260 children (the bits above
   * the 25th would only matter for more than 384).
   */
  static final int STEP_HASH_OFFSET = 0xFDF81;
  private static final int BUCKETS_INITIAL = 16;

  static final class Node<P> {
    /** Children in the order they were merged. */
    final Map<Step, Node<P>> children = new LinkedHashMap<>();
    /** The path ending here, if one does; such a node has no children. */
    DocPath terminal;
    P payload;

    /** The children in DynamoDB's order (see {@link PathTrie}). */
    List<Map.Entry<Step, Node<P>>> childrenInDynamoDbOrder() {
      int buckets = BUCKETS_INITIAL;
      while (children.size() > buckets / 4 * 3) {
        buckets *= 2;
      }
      int mask = buckets - 1;
      List<Map.Entry<Step, Node<P>>> out = new ArrayList<>(children.entrySet());
      out.sort(Comparator.comparingInt(e -> bucket(e.getKey(), mask))); // stable: merge order within a bucket
      return out;
    }
  }

  final Node<P> root = new Node<>();

  void add(DocPath path, P payload) {
    Node<P> node = root;
    for (int i = 0; i < path.size(); i++) {
      Step step = path.step(i);
      if (!node.children.isEmpty() && isIndex(node.children.keySet().iterator().next()) != isIndex(step)) {
        throw clash("conflict", path, firstPath(node));
      }
      Node<P> child = node.children.get(step);
      boolean last = i == path.size() - 1;
      if (child == null) {
        child = new Node<>();
        node.children.put(step, child);
      } else if (last || child.terminal != null) {
        throw clash("overlap", path, firstPath(node));
      }
      node = child;
    }
    node.terminal = path;
    node.payload = payload;
  }

  static int bucket(Step step, int mask) {
    int h = switch (step) {
      case Key k -> k.name().hashCode();
      case Index i -> i.index();
    } + STEP_HASH_OFFSET;
    return (h ^ (h >>> 16)) & mask;
  }

  private static boolean isIndex(Step s) {
    return s instanceof Index;
  }

  private static <P> DocPath firstPath(Node<P> node) {
    while (node.terminal == null) {
      node = node.childrenInDynamoDbOrder().get(0).getValue();
    }
    return node.terminal;
  }

  private static Invalid clash(String how, DocPath one, DocPath two) {
    return new Invalid("Two document paths " + how + " with each other; must remove or rewrite one of these paths; path one: "
        + one + ", path two: " + two);
  }
}
