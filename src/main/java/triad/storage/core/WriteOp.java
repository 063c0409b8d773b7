package triad.storage.core;

import java.util.Map;
import triad.item.core.AttributeValue;
import triad.item.core.PrimaryKey;

/**
 * A single-item write as the partition leader evaluates it against the item's latest state:
 * optionally conditional, with what to return. {@code returnValues} is DynamoDB's ReturnValue
 * (NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW).
 */
public sealed interface WriteOp {
  PrimaryKey key();

  Expr expr();

  String returnValues();

  /** ReturnValuesOnConditionCheckFailure = ALL_OLD. */
  boolean returnItemOnConditionFailure();

  record Put(PrimaryKey key, Map<String, AttributeValue> item, Expr expr, String returnValues, boolean returnItemOnConditionFailure)
      implements WriteOp {}

  record Delete(PrimaryKey key, Expr expr, String returnValues, boolean returnItemOnConditionFailure) implements WriteOp {}

  record Update(PrimaryKey key, Expr expr, String returnValues, boolean returnItemOnConditionFailure) implements WriteOp {}
}
