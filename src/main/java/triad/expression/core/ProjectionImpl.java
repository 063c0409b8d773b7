package triad.expression.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import triad.expression.core.DocPath.Index;
import triad.expression.core.DocPath.Key;
import triad.expression.core.DocPath.Step;
import triad.item.core.AttributeValue;

/** Projects items onto the paths of a {@link PathTrie} that no longer changes. */
final class ProjectionImpl implements Projection {
  private final PathTrie.Node<?> root;
  private final Set<String> topLevelNames;

  /** {@code paths} are the trie's paths in the order the expression wrote them. */
  ProjectionImpl(PathTrie<?> trie, List<DocPath> paths) {
    this.root = trie.root;
    Set<String> names = new LinkedHashSet<>();
    paths.forEach(p -> names.add(p.topLevelName()));
    this.topLevelNames = Collections.unmodifiableSet(names);
  }

  @Override
  public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    root.children.forEach((step, node) -> {
      String name = ((Key) step).name();
      AttributeValue v = project(item.get(name), node);
      if (v != null) {
        out.put(name, v);
      }
    });
    return out;
  }

  @Override
  public Set<String> topLevelNames() {
    return topLevelNames;
  }

  private static AttributeValue project(AttributeValue v, PathTrie.Node<?> node) {
    if (v == null || node.terminal != null) {
      return v;
    }
    return isListNode(node) ? projectList(v, node) : projectMap(v, node);
  }

  private static AttributeValue projectMap(AttributeValue v, PathTrie.Node<?> node) {
    if (!(v instanceof AttributeValue.M m)) {
      return null;
    }
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    node.children.forEach((step, child) -> {
      String key = ((Key) step).name();
      AttributeValue projected = project(m.value().get(key), child);
      if (projected != null) {
        out.put(key, projected);
      }
    });
    return out.isEmpty() ? null : new AttributeValue.M(out);
  }

  private static AttributeValue projectList(AttributeValue v, PathTrie.Node<?> node) {
    if (!(v instanceof AttributeValue.L l)) {
      return null;
    }
    Map<Integer, PathTrie.Node<?>> byIndex = new TreeMap<>();
    node.children.forEach((step, child) -> byIndex.put(((Index) step).index(), child));
    List<AttributeValue> out = new ArrayList<>();
    byIndex.forEach((i, child) -> {
      AttributeValue projected = i < l.value().size() ? project(l.value().get(i), child) : null;
      if (projected != null) {
        out.add(projected);
      }
    });
    return out.isEmpty() ? null : new AttributeValue.L(out);
  }

  /** Whether the paths below an inner node index a list (rather than look up map keys). */
  static boolean isListNode(PathTrie.Node<?> node) {
    Step first = node.children.keySet().iterator().next();
    return first instanceof Index;
  }
}
