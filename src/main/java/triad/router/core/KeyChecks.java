package triad.router.core;

import java.util.Map;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.ItemSize;
import triad.item.core.KeySchema;
import triad.item.core.PrimaryKey;
import triad.item.core.ScalarType;

/** Validation of keys and items against a table's key schema, with DynamoDB's messages. */
public final class KeyChecks {
  public static final int PARTITION_KEY_BYTES_MAX = 2048;
  public static final int SORT_KEY_BYTES_MAX = 1024;

  private KeyChecks() {}

  /** A `Key` parameter (GetItem, DeleteItem, UpdateItem, batch keys): exactly the key attributes. */
  public static PrimaryKey key(Map<String, AttributeValue> key, KeySchema schema) {
    int expected = schema.hasSortKey() ? 2 : 1;
    if (key == null || key.size() != expected) {
      throw DbException.validation("The number of conditions on the keys is invalid");
    }
    return extract(key, schema);
  }

  /** A PutItem `Item`: must hold the key attributes with the right types. */
  public static PrimaryKey itemKey(Map<String, AttributeValue> item, KeySchema schema) {
    if (!item.containsKey(schema.partitionKey())) {
      throw DbException.validation("One or more parameter values were invalid: Missing the key " + schema.partitionKey() + " in the item");
    }
    if (schema.hasSortKey() && !item.containsKey(schema.sortKey())) {
      throw DbException.validation("One or more parameter values were invalid: Missing the key " + schema.sortKey() + " in the item");
    }
    return extract(item, schema);
  }

  public static void itemSize(Map<String, AttributeValue> item) {
    if (ItemSize.of(item) > ItemSize.ITEM_BYTES_MAX) {
      throw DbException.validation("Item size has exceeded the maximum allowed size");
    }
  }

  private static PrimaryKey extract(Map<String, AttributeValue> m, KeySchema schema) {
    AttributeValue pk = m.get(schema.partitionKey());
    if (pk == null) {
      throw DbException.validation("One of the required keys was not given a value");
    }
    check(schema.partitionKey(), pk, schema.partitionKeyType(), PARTITION_KEY_BYTES_MAX, true);
    AttributeValue sk = null;
    if (schema.hasSortKey()) {
      sk = m.get(schema.sortKey());
      if (sk == null) {
        throw DbException.validation("One of the required keys was not given a value");
      }
      check(schema.sortKey(), sk, schema.sortKeyType(), SORT_KEY_BYTES_MAX, false);
    }
    return new PrimaryKey(pk, sk);
  }

  private static void check(String name, AttributeValue v, ScalarType type, int bytesMax, boolean partition) {
    ScalarType actual = ScalarType.of(v);
    if (actual != type) {
      throw DbException.validation("One or more parameter values were invalid: Type mismatch for key " + name + " expected: " + type
          + " actual: " + v.type());
    }
    long size = ItemSize.of(v);
    if (size == 0 && type != ScalarType.N) {
      throw DbException.validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
          + (type == ScalarType.S ? "string" : "binary") + " value. Key: " + name);
    }
    if (size > bytesMax) {
      throw DbException.validation(partition
          ? "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of" + bytesMax + " bytes"
          : "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of " + bytesMax + " bytes");
    }
  }
}
