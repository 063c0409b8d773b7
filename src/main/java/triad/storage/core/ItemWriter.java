package triad.storage.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import triad.expression.core.Condition;
import triad.expression.core.Update;
import triad.item.core.AttributeValue;
import triad.item.core.Capacity;
import triad.item.core.DbException;
import triad.item.core.ItemSize;
import triad.item.core.KeySchema;

/**
 * Evaluates a write against the item's current state, as the partition leader does before it
 * logs anything: condition, new image, returned values, capacity. Conditions that fail produce
 * no log record.
 */
public final class ItemWriter {
  private ItemWriter() {}

  public static WriteOutcome evaluate(WriteOp op, KeySchema schema, List<LocalIndex> indexes, Map<String, AttributeValue> current) {
    Expr.Compiler compiler = new Expr.Compiler(op.expr());
    Update update = op instanceof WriteOp.Update ? compiler.update() : null;
    Condition condition = compiler.condition();
    long oldSize = current == null ? -1 : ItemSize.of(current);
    if (condition != null && !condition.test(current == null ? Map.of() : current)) {
      Map<String, AttributeValue> item = op.returnItemOnConditionFailure() ? current : null;
      return new WriteOutcome.ConditionFailed(item, Capacity.write(Math.max(oldSize, 0), 0));
    }
    Map<String, AttributeValue> newItem = switch (op) {
      case WriteOp.Put put -> put.item();
      case WriteOp.Delete delete -> null;
      case WriteOp.Update u -> applyUpdate(update, schema, op, current);
    };
    long newSize = newItem == null ? -1 : ItemSize.of(newItem);
    if (newSize > ItemSize.ITEM_BYTES_MAX) {
      throw DbException.validation(op instanceof WriteOp.Update
          ? "Item size to update has exceeded the maximum allowed size"
          : "Item size has exceeded the maximum allowed size");
    }
    Map<String, AttributeValue> returned = returned(op, update, current, newItem);
    double units = Capacity.write(Math.max(oldSize, 0), Math.max(newSize, 0));
    Map<String, Double> indexUnits = new LinkedHashMap<>();
    long delta = Math.max(newSize, 0) - Math.max(oldSize, 0);
    for (LocalIndex ix : indexes) {
      Map<String, AttributeValue> before = current == null || !current.containsKey(ix.keySchema().sortKey()) ? null : ix.project(schema, current);
      Map<String, AttributeValue> after = newItem == null || !newItem.containsKey(ix.keySchema().sortKey()) ? null : ix.project(schema, newItem);
      long b = before == null ? 0 : ItemSize.of(before);
      long a = after == null ? 0 : ItemSize.of(after);
      delta += a - b;
      // An entry that keeps its index key is one write; one that moves is a delete and a put.
      boolean moved = before != null && after != null && !before.get(ix.keySchema().sortKey()).equals(after.get(ix.keySchema().sortKey()));
      double u = before == null && after == null ? 0
          : before != null && after != null && !moved ? Capacity.write(b, a)
          : (before == null ? 0 : Capacity.write(b, 0)) + (after == null ? 0 : Capacity.write(0, a));
      if (u > 0) {
        indexUnits.put(ix.name(), u);
      }
    }
    return new WriteOutcome.Change(newItem, returned, oldSize, newSize, units, indexUnits, delta);
  }

  private static Map<String, AttributeValue> applyUpdate(Update update, KeySchema schema, WriteOp op, Map<String, AttributeValue> current) {
    Map<String, AttributeValue> base = current != null ? current : op.key().toItem(schema);
    if (update == null) {
      return base;
    }
    Map<String, AttributeValue> result = update.apply(base);
    // The key attributes are immutable; the router rejects updates that name them.
    Map<String, AttributeValue> withKey = new LinkedHashMap<>(result);
    withKey.putAll(op.key().toItem(schema));
    return withKey;
  }

  private static Map<String, AttributeValue> returned(WriteOp op, Update update, Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
    return switch (op.returnValues() == null ? "NONE" : op.returnValues()) {
      case "ALL_OLD" -> oldItem;
      case "ALL_NEW" -> newItem;
      case "UPDATED_OLD" -> oldItem == null || update == null ? null : nonEmpty(touched(oldItem, update));
      case "UPDATED_NEW" -> newItem == null || update == null ? null : nonEmpty(touched(newItem, update));
      default -> null;
    };
  }

  /**
   * The whole top-level attributes in which an updated path exists in {@code item}, as DynamoDB
   * Local answers UPDATED_OLD / UPDATED_NEW (a nested update returns its whole attribute).
   */
  private static Map<String, AttributeValue> touched(Map<String, AttributeValue> item, Update update) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (String n : update.updatedPaths().apply(item).keySet()) {
      out.put(n, item.get(n));
    }
    return out;
  }

  private static Map<String, AttributeValue> nonEmpty(Map<String, AttributeValue> m) {
    return m == null || m.isEmpty() ? null : m;
  }
}
