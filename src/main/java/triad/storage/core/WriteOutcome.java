package triad.storage.core;

import java.util.Map;
import triad.item.core.AttributeValue;

/** What evaluating a {@link WriteOp} against the current item decided. */
public sealed interface WriteOutcome {

  /** The condition was false: nothing is written. {@code item} is returned only when asked for. */
  record ConditionFailed(Map<String, AttributeValue> item, double capacityUnits) implements WriteOutcome {}

  /**
   * The item becomes {@code newItem} (null: deleted). {@code returned} is what ReturnValues asked
   * for (null: nothing); sizes are DynamoDB item sizes, -1 when there is no item. {@code
   * capacityUnits} is the table's; {@code indexUnits} each local index's it changes; {@code
   * collectionDelta} how much the item collection grows (items and index entries).
   */
  record Change(Map<String, AttributeValue> newItem, Map<String, AttributeValue> returned, long oldSize, long newSize, double capacityUnits,
      Map<String, Double> indexUnits, long collectionDelta) implements WriteOutcome {

    /** Deleting an absent item changes nothing, but still answers (and still costs a unit). */
    public boolean isNoop() {
      return newItem == null && oldSize < 0;
    }
  }
}
