package triad.expression.core;

import triad.item.core.AttributeValue;

/**
 * A compiled KeyConditionExpression: the partition key value, and the sort key condition or null
 * when only the partition key is constrained. Values are checked against the key schema's types.
 */
public record KeyCondition(AttributeValue partitionValue, SortKeyCondition sort) {}
