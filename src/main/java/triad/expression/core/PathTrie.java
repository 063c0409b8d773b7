package triad.expression.core;

import java.util.LinkedHashMap;
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
 * one" is the path being merged, "path two" is the greatest path (ordering steps by name or
 * index) among those already merged below the node where the clash was found. The caller feeds
 * {@link #add} in that order so messages match DynamoDB's word for word.
 *
 * @param <P> what each path carries (an update's action; nothing for a projection)
 */
final class PathTrie<P> {

  static final class Node<P> {
    /** Children in the order they were added. */
    final Map<Step, Node<P>> children = new LinkedHashMap<>();
    /** The path ending here, if one does; such a node has no children. */
    DocPath terminal;
    P payload;
  }

  final Node<P> root = new Node<>();

  void add(DocPath path, P payload) {
    Node<P> node = root;
    for (int i = 0; i < path.size(); i++) {
      Step step = path.step(i);
      if (!node.children.isEmpty() && isIndex(node.children.keySet().iterator().next()) != isIndex(step)) {
        throw clash("conflict", path, greatestPath(node));
      }
      Node<P> child = node.children.get(step);
      boolean last = i == path.size() - 1;
      if (child == null) {
        child = new Node<>();
        node.children.put(step, child);
      } else if (last || child.terminal != null) {
        throw clash("overlap", path, greatestPath(node));
      }
      node = child;
    }
    node.terminal = path;
    node.payload = payload;
  }

  private static boolean isIndex(Step s) {
    return s instanceof Index;
  }

  private static <P> DocPath greatestPath(Node<P> node) {
    while (node.terminal == null) {
      Map.Entry<Step, Node<P>> max = null;
      for (Map.Entry<Step, Node<P>> e : node.children.entrySet()) {
        if (max == null || compare(e.getKey(), max.getKey()) > 0) {
          max = e;
        }
      }
      node = max.getValue();
    }
    return node.terminal;
  }

  private static int compare(Step a, Step b) {
    return switch (a) {
      case Key k when b instanceof Key l -> k.name().compareTo(l.name());
      case Index i when b instanceof Index j -> Integer.compare(i.index(), j.index());
      default -> a instanceof Index ? -1 : 1;
    };
  }

  private static Invalid clash(String how, DocPath one, DocPath two) {
    return new Invalid("Two document paths " + how + " with each other; must remove or rewrite one of these paths; path one: "
        + one + ", path two: " + two);
  }
}
