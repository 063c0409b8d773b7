package triad.storage.core;

import java.util.Map;
import triad.item.core.AttributeValue;
import triad.item.core.PrimaryKey;

/** A read a replica serves from its applied state. */
public sealed interface ReadOp {
  /** Strongly consistent reads are served only by a ready leader. */
  boolean consistent();

  record Get(PrimaryKey key, boolean consistent, Expr expr) implements ReadOp {}

  /**
   * One page of a Query in this partition, of the table or of one of its local indexes ({@code
   * index} null: the table): the key condition is in {@code expr.keyCondition()}.
   * {@code exclusiveStart} is the LastEvaluatedKey to resume after, or null. {@code fetchItems}: an
   * index page answers whole items from the table (the index does not project all that is asked).
   */
  record QueryPage(Expr expr, String index, boolean forward, Map<String, AttributeValue> exclusiveStart, int limit, long bytesBudget,
      boolean countOnly, boolean fetchItems, boolean consistent) implements ReadOp {}

  /**
   * One page of a Scan of this partition's share of [hashStart, hashEnd] (inclusive, unsigned;
   * a parallel scan's segment may cover only part of the partition).
   */
  record ScanPage(long hashStart, long hashEnd, String index, Expr expr, Map<String, AttributeValue> exclusiveStart, int limit, long bytesBudget,
      boolean countOnly, boolean fetchItems, boolean consistent) implements ReadOp {}
}
