package triad.storage.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import triad.item.core.AttributeValue;
import triad.item.core.ItemCodec;
import triad.item.core.KeySchema;
import triad.item.core.PrimaryKey;

/**
 * One local secondary index of a table: same partition key, another sort key, and what it
 * projects (ALL, KEYS_ONLY, or INCLUDE with non-key attributes). Its entries live in the same
 * partition as the items they index ({@link IndexKeys}).
 *
 * @param ordinal the index's position among the table's local indexes, part of its entry keys
 */
public record LocalIndex(int ordinal, String name, KeySchema keySchema, String projectionType, List<String> nonKeyAttributes) {

  /** The item's entry in this index (key and projected item), or null when it has none (sparse index). */
  public Entry entry(long tableId, KeySchema table, Map<String, AttributeValue> item) {
    AttributeValue sortKey = item.get(keySchema.sortKey());
    if (sortKey == null) {
      return null;
    }
    PrimaryKey key = table.keyOf(item);
    byte[] k = IndexKeys.entryKey(tableId, ordinal, table, keySchema, key, sortKey);
    return new Entry(k, ItemCodec.encode(project(table, item)));
  }

  public record Entry(byte[] key, byte[] value) {}

  /** What the index holds of an item. */
  public Map<String, AttributeValue> project(KeySchema table, Map<String, AttributeValue> item) {
    if (projectionType.equals("ALL")) {
      return item;
    }
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      String n = e.getKey();
      if (table.isKeyAttribute(n) || keySchema.isKeyAttribute(n) || (projectionType.equals("INCLUDE") && nonKeyAttributes.contains(n))) {
        out.put(n, e.getValue());
      }
    }
    return out;
  }

  /** Whether every attribute named is in the index's projection. */
  public boolean projects(KeySchema table, Iterable<String> attributes) {
    if (projectionType.equals("ALL")) {
      return true;
    }
    for (String a : attributes) {
      if (!table.isKeyAttribute(a) && !keySchema.isKeyAttribute(a) && !(projectionType.equals("INCLUDE") && nonKeyAttributes.contains(a))) {
        return false;
      }
    }
    return true;
  }
}
