package triad.expression.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import triad.item.core.AttributeValue;
import triad.item.core.Bytes;
import triad.item.core.DbException;
import triad.item.core.Num;

/**
 * Test helpers: DynamoDB JSON written with single quotes ({@code "{'a':{'N':'1'}}"}) turned into
 * items and values, and shortcuts to compile expressions and check DynamoDB's error messages.
 */
final class Ddb {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Ddb() {}

  /** An item, or a map of values, in DynamoDB JSON with single quotes. */
  static Map<String, AttributeValue> item(String json) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    read(json).properties().forEach(e -> out.put(e.getKey(), value(e.getValue())));
    return out;
  }

  static Map<String, String> names(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  static AttributeValue value(String json) {
    return value(read(json));
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static AttributeValue value(JsonNode n) {
    Map.Entry<String, JsonNode> e = n.properties().iterator().next();
    JsonNode v = e.getValue();
    return switch (e.getKey()) {
      case "S" -> new AttributeValue.S(v.asText());
      case "N" -> new AttributeValue.N(Num.parse(v.asText()));
      case "B" -> new AttributeValue.B(Bytes.wrap(Base64.getDecoder().decode(v.asText())));
      case "BOOL" -> AttributeValue.bool(v.asBoolean());
      case "NULL" -> AttributeValue.Null.INSTANCE;
      case "SS" -> new AttributeValue.SS(texts(v));
      case "NS" -> {
        Set<Num> nums = new LinkedHashSet<>();
        texts(v).forEach(t -> nums.add(Num.parse(t)));
        yield new AttributeValue.NS(nums);
      }
      case "BS" -> {
        Set<Bytes> bytes = new LinkedHashSet<>();
        texts(v).forEach(t -> bytes.add(Bytes.wrap(Base64.getDecoder().decode(t))));
        yield new AttributeValue.BS(bytes);
      }
      case "L" -> {
        List<AttributeValue> list = new ArrayList<>();
        v.forEach(x -> list.add(value(x)));
        yield new AttributeValue.L(list);
      }
      case "M" -> {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        v.properties().forEach(x -> m.put(x.getKey(), value(x.getValue())));
        yield new AttributeValue.M(m);
      }
      default -> throw new IllegalArgumentException("type " + e.getKey());
    };
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> out = new LinkedHashSet<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }

  static ExpressionContext ctx(String valuesJson, String... namePairs) {
    return new ExpressionContext(namePairs.length == 0 ? null : names(namePairs), valuesJson == null ? null : item(valuesJson));
  }

  /** Asserts the action fails with a ValidationException carrying exactly this message. */
  static void rejects(String message, Runnable action) {
    DbException e = assertThrows(DbException.class, action::run);
    assertEquals(DbException.Kind.VALIDATION, e.kind());
    assertEquals(message, e.getMessage());
  }
}
