package triad.expression.core;

import java.util.Map;
import java.util.Set;
import triad.item.core.AttributeValue;

/** A compiled ConditionExpression or FilterExpression, bound to its request's names and values. */
public interface Condition {
  /** Whether the item satisfies the condition; an empty map stands for "no item". */
  boolean test(Map<String, AttributeValue> item);

  /**
   * The top-level attribute names the condition reads, in the order they appear (a Query's filter
   * must not name key attributes).
   */
  Set<String> topLevelNames();
}
