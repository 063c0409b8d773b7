package triad.api.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import triad.item.core.AttributeValue;
import triad.item.core.Bytes;
import triad.item.core.DbException;

/**
 * Constraint violations of one request, collected in the model's member order and reported as AWS's
 * Coral framework reports them: "2 validation errors detected: Value 'x' at 'tableName' failed to
 * satisfy constraint: ...; Value null at ...".
 */
public final class Violations {
  /** Coral prints structures with Java's default toString of its generated classes. */
  private static final String STRUCTURE_PREFIX = "com.amazonaws.dynamodb.v20120810.";

  private final List<String> messages = new ArrayList<>();

  public void add(Object value, String path, String constraint) {
    messages.add("Value " + render(value) + " at '" + path + "' failed to satisfy constraint: " + constraint);
  }

  public void notNull(String path) {
    add(null, path, "Member must not be null");
  }

  public void throwIfAny() {
    if (messages.isEmpty()) {
      return;
    }
    int n = messages.size();
    StringJoiner joined = new StringJoiner("; ", n + (n == 1 ? " validation error" : " validation errors") + " detected: ", "");
    messages.forEach(joined::add);
    throw DbException.validation(joined.toString());
  }

  /** Joins path segments as Coral does: "keySchema.1.member.keyType". */
  public static String path(String parent, String member) {
    return parent.isEmpty() ? member : parent + "." + member;
  }

  private static String render(Object value) {
    return value == null ? "null" : "'" + text(value) + "'";
  }

  private static String text(Object value) {
    return switch (value) {
      case null -> "null";
      case String s -> s;
      case Number n -> n.toString();
      case Boolean b -> b.toString();
      case Bytes b -> "java.nio.HeapByteBuffer[pos=0 lim=" + b.length() + " cap=" + b.length() + "]";
      case List<?> list -> {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        list.forEach(e -> j.add(text(e)));
        yield j.toString();
      }
      case Map<?, ?> map -> {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        map.forEach((k, v) -> j.add(k + "=" + text(v)));
        yield j.toString();
      }
      case AttributeValue av -> STRUCTURE_PREFIX + "AttributeValue@" + Integer.toHexString(av.hashCode());
      default -> STRUCTURE_PREFIX + value.getClass().getSimpleName() + "@" + Integer.toHexString(value.hashCode());
    };
  }
}
