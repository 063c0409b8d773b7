package triad.expression.core;

import triad.item.core.AttributeValue;

/**
 * The condition a Query puts on the sort key: {@code sortKey op value}, or for BETWEEN
 * {@code value <= sortKey <= upper} (upper is null otherwise). Written with the key on the left
 * whatever side the expression put it on.
 */
public record SortKeyCondition(Op op, AttributeValue value, AttributeValue upper) {
  public enum Op {
    EQ,
    LT,
    LE,
    GT,
    GE,
    BETWEEN,
    BEGINS_WITH
  }
}
