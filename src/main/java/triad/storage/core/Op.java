package triad.storage.core;

/** The sort key conditions of a Query's key condition expression. */
public enum Op {
  EQ,
  LT,
  LE,
  GT,
  GE,
  BETWEEN,
  /** Only for S and B sort keys, as in DynamoDB. */
  BEGINS_WITH
}
