package triad.expression.core;

import java.util.Map;
import java.util.Set;
import triad.item.core.AttributeValue;

/** A compiled ProjectionExpression, or the paths an update wrote. */
public interface Projection {
  /**
   * The item reduced to the projected paths, shaped as DynamoDB shapes it: maps keep only the
   * selected keys, lists only the selected elements (compacted, in index order); paths that do
   * not exist in the item are left out, and so are maps and lists left with nothing selected.
   */
  Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

  /** The top-level attribute names the projection touches. */
  Set<String> topLevelNames();
}
