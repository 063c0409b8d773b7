package triad.expression.core;

import java.util.Map;
import java.util.Set;
import triad.item.core.AttributeValue;

/** A compiled UpdateExpression, bound to its request's names and values. */
public interface Update {
  /**
   * The new item from the old one (an empty map when the item does not exist), or a
   * ValidationException DbException with DynamoDB's message: "The provided expression refers to
   * an attribute that does not exist in the item", "An operand in the update expression has an
   * incorrect data type", "The document path provided in the update expression is invalid for
   * update", or a number outside DynamoDB's range or precision.
   */
  Map<String, AttributeValue> apply(Map<String, AttributeValue> oldItem);

  /** Top-level attribute names the update writes or removes (for key-attribute checks). */
  Set<String> topLevelNames();

  /**
   * The updated paths as a projection: applied to the old and to the new item it gives
   * ReturnValues UPDATED_OLD and UPDATED_NEW.
   */
  Projection updatedPaths();
}
