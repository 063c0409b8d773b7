package triad.item.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** The key of one item: a partition key value and, when the table has one, a sort key value. */
public record PrimaryKey(AttributeValue partition, AttributeValue sort) {

  public Map<String, AttributeValue> toItem(KeySchema schema) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put(schema.partitionKey(), partition);
    if (schema.hasSortKey()) {
      m.put(schema.sortKey(), sort);
    }
    return m;
  }
}
