package triad.item.core;

import java.util.Map;

/**
 * A table's or index's primary key: a partition key, and optionally a sort key, each with its
 * scalar type.
 */
public record KeySchema(String partitionKey, ScalarType partitionKeyType, String sortKey, ScalarType sortKeyType) {

  public static KeySchema hashOnly(String name, ScalarType type) {
    return new KeySchema(name, type, null, null);
  }

  public boolean hasSortKey() {
    return sortKey != null;
  }

  public boolean isKeyAttribute(String name) {
    return name.equals(partitionKey) || name.equals(sortKey);
  }

  /** Extracts the key from a validated item (the caller checked it has the key attributes). */
  public PrimaryKey keyOf(Map<String, AttributeValue> item) {
    return new PrimaryKey(item.get(partitionKey), hasSortKey() ? item.get(sortKey) : null);
  }
}
