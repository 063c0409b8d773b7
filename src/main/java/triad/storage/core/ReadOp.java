package triad.storage.core;

import triad.item.core.PrimaryKey;

/** A read a replica serves from its applied state. */
public sealed interface ReadOp {
  /** Strongly consistent reads are served only by a ready leader. */
  boolean consistent();

  record Get(PrimaryKey key, boolean consistent, Expr expr) implements ReadOp {}

  /**
   * One page of a Query in this partition: the key condition is in {@code expr.keyCondition()}.
   * {@code exclusiveStart} is the base-table key to resume after, or null.
   */
  record QueryPage(Expr expr, boolean forward, PrimaryKey exclusiveStart, int limit, long bytesBudget, boolean countOnly, boolean consistent)
      implements ReadOp {}

  /**
   * One page of a Scan of this partition's share of [hashStart, hashEnd] (inclusive, unsigned;
   * a parallel scan's segment may cover only part of the partition).
   */
  record ScanPage(long hashStart, long hashEnd, Expr expr, PrimaryKey exclusiveStart, int limit, long bytesBudget, boolean countOnly, boolean consistent)
      implements ReadOp {}
}
