package triad.api.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import triad.item.core.AttributeValue;
import triad.item.core.Bytes;
import triad.item.core.DbException;
import triad.item.core.Num;

/**
 * DynamoDB's attribute-value JSON ({"S":"x"}, {"M":{...}}, ...). Type mismatches in the JSON are
 * SerializationExceptions thrown at once; invalid values (empty, two types, empty or duplicate
 * sets, bad numbers, null values, too deep) are ValidationExceptions with DynamoDB's wording,
 * deferred in the {@link ReadContext} because DynamoDB reports them after the model constraints.
 */
public final class AttributeValueJson {
  /** DynamoDB's limit on nesting, counting the item itself as level 1. */
  public static final int NESTING_LEVELS_MAX = 32;

  static final String EMPTY = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
  static final String SEVERAL_TYPES =
      "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";
  static final String NULL_IN_ITEM = "The supplied Item contains a null AttributeValue";
  static final String INVALID = "One or more parameter values were invalid: ";
  static final String NESTING = "Nesting Levels have exceeded supported limits: "
      + "Attributes in the item have nested levels beyond supported limit";
  static final String NUMBER = "A value provided cannot be converted into a number";
  static final String EXPRESSION_VALUES = "ExpressionAttributeValues contains invalid value: ";

  private static final int TYPE_S = 1;
  private static final int TYPE_N = 1 << 1;
  private static final int TYPE_B = 1 << 2;
  private static final int TYPE_BOOL = 1 << 3;
  private static final int TYPE_NULL = 1 << 4;
  private static final int TYPE_M = 1 << 5;
  private static final int TYPE_L = 1 << 6;
  private static final int TYPE_SS = 1 << 7;
  private static final int TYPE_NS = 1 << 8;
  private static final int TYPE_BS = 1 << 9;

  private AttributeValueJson() {}

  /**
   * An attribute map (an item, a key, ExpressionAttributeValues). Errors in ExpressionAttributeValues
   * carry DynamoDB's "contains invalid value ... for key" wrapping.
   */
  public static Map<String, AttributeValue> readItem(JsonParser p, JsonToken t, ReadContext c, boolean expressionValues)
      throws IOException {
    if (!JsonIn.startObject(t)) {
      return null;
    }
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      if (!expressionValues) {
        item.put(name, mapEntry(p, v, c, name, 1));
        continue;
      }
      DbException before = c.deferred();
      if (v == JsonToken.VALUE_NULL) {
        c.defer(validation(EXPRESSION_VALUES + NULL_IN_ITEM + " for key " + name));
        item.put(name, null);
        continue;
      }
      item.put(name, value(p, v, c, 1));
      if (before == null && c.deferred() != null) {
        c.replaceDeferred(validation(EXPRESSION_VALUES + c.deferred().getMessage() + " for key " + name));
      }
    }
    return Collections.unmodifiableMap(item);
  }

  /** A list of attribute values (Condition.AttributeValueList). */
  public static List<AttributeValue> readList(JsonParser p, JsonToken t, ReadContext c) throws IOException {
    if (!JsonIn.startArray(t)) {
      return null;
    }
    return Collections.unmodifiableList(listElements(p, c, 1));
  }

  /** One attribute value that is a member of a structure; JSON null means absent. */
  public static AttributeValue readValue(JsonParser p, JsonToken t, ReadContext c) throws IOException {
    return t == JsonToken.VALUE_NULL ? null : value(p, t, c, 1);
  }

  private static AttributeValue mapEntry(JsonParser p, JsonToken v, ReadContext c, String name, int level)
      throws IOException {
    if (name.isEmpty()) {
      c.defer(validation("Empty attribute name"));
    }
    if (v == JsonToken.VALUE_NULL) {
      c.defer(validation(NULL_IN_ITEM + ": " + name + " is null"));
      return null;
    }
    return value(p, v, c, level);
  }

  private static List<AttributeValue> listElements(JsonParser p, ReadContext c, int level) throws IOException {
    List<AttributeValue> list = new ArrayList<>();
    for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
      if (v == JsonToken.VALUE_NULL) {
        c.defer(validation(NULL_IN_ITEM));
        list.add(null);
      } else {
        list.add(value(p, v, c, level));
      }
    }
    return list;
  }

  /**
   * Reads {"type": value} in a container at {@code level}; returns null when the value is invalid
   * (the error is deferred in {@code c}).
   */
  private static AttributeValue value(JsonParser p, JsonToken t, ReadContext c, int level) throws IOException {
    if (!JsonIn.startObject(t)) {
      return null;
    }
    int types = 0;
    AttributeValue result = null;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "S" -> {
          result = new AttributeValue.S(JsonIn.string(p, v));
          types |= TYPE_S;
        }
        case "N" -> {
          result = number(JsonIn.string(p, v), c);
          types |= TYPE_N;
        }
        case "B" -> {
          result = new AttributeValue.B(JsonIn.blob(p, v));
          types |= TYPE_B;
        }
        case "BOOL" -> {
          result = AttributeValue.bool(JsonIn.bool(p, v));
          types |= TYPE_BOOL;
        }
        case "NULL" -> {
          if (!JsonIn.bool(p, v)) {
            c.defer(validation(INVALID + "Null attribute value types must have the value of true"));
          }
          result = AttributeValue.Null.INSTANCE;
          types |= TYPE_NULL;
        }
        case "M" -> {
          result = nested(p, v, c, level, true);
          types |= TYPE_M;
        }
        case "L" -> {
          result = nested(p, v, c, level, false);
          types |= TYPE_L;
        }
        case "SS" -> {
          result = stringSet(p, v, c);
          types |= TYPE_SS;
        }
        case "NS" -> {
          result = numberSet(p, v, c);
          types |= TYPE_NS;
        }
        case "BS" -> {
          result = binarySet(p, v, c);
          types |= TYPE_BS;
        }
        default -> p.skipChildren();
      }
    }
    if (types == 0) {
      c.defer(validation(EMPTY));
      return null;
    }
    if (Integer.bitCount(types) > 1) {
      c.defer(validation(SEVERAL_TYPES));
      return null;
    }
    return result;
  }

  private static AttributeValue nested(JsonParser p, JsonToken t, ReadContext c, int level, boolean map)
      throws IOException {
    if (map ? !JsonIn.startObject(t) : !JsonIn.startArray(t)) {
      return null;
    }
    if (level + 1 > NESTING_LEVELS_MAX) {
      c.defer(validation(NESTING));
      p.skipChildren();
      return null;
    }
    if (!map) {
      return new AttributeValue.L(nullSafe(listElements(p, c, level + 1)));
    }
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      m.put(name, mapEntry(p, p.nextToken(), c, name, level + 1));
    }
    return new AttributeValue.M(m);
  }

  /** A list with an invalid element is only a placeholder (the request fails), but L must not hold null. */
  private static List<AttributeValue> nullSafe(List<AttributeValue> list) {
    return list.contains(null) ? List.of() : list;
  }

  private static AttributeValue number(String text, ReadContext c) {
    try {
      return new AttributeValue.N(Num.parse(text));
    } catch (DbException e) {
      c.defer(e);
      return null;
    }
  }

  private static AttributeValue stringSet(JsonParser p, JsonToken t, ReadContext c) throws IOException {
    if (!JsonIn.startArray(t)) {
      return null;
    }
    List<String> members = new ArrayList<>();
    for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
      if (v == JsonToken.VALUE_NULL) {
        c.defer(validation(INVALID + "An string set may not have a null string as a member"));
      } else {
        members.add(JsonIn.string(p, v));
      }
    }
    if (members.isEmpty()) {
      c.defer(validation(INVALID + "An string set  may not be empty"));
    } else if (new HashSet<>(members).size() != members.size()) {
      c.defer(validation(INVALID + "Input collection " + members + " contains duplicates"));
    }
    return new AttributeValue.SS(new LinkedHashSet<>(members));
  }

  private static AttributeValue numberSet(JsonParser p, JsonToken t, ReadContext c) throws IOException {
    if (!JsonIn.startArray(t)) {
      return null;
    }
    List<Num> members = new ArrayList<>();
    int count = 0;
    for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
      count++;
      if (v == JsonToken.VALUE_NULL) {
        c.defer(validation(NUMBER));
        continue;
      }
      AttributeValue n = number(JsonIn.string(p, v), c);
      if (n instanceof AttributeValue.N num) {
        members.add(num.value());
      }
    }
    if (count == 0) {
      c.defer(validation(INVALID + "An number set  may not be empty"));
    } else if (new HashSet<>(members).size() != members.size()) {
      c.defer(validation("Input collection contains duplicates"));
    }
    return new AttributeValue.NS(new LinkedHashSet<>(members));
  }

  private static AttributeValue binarySet(JsonParser p, JsonToken t, ReadContext c) throws IOException {
    if (!JsonIn.startArray(t)) {
      return null;
    }
    List<Bytes> members = new ArrayList<>();
    int count = 0;
    for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
      count++;
      if (v == JsonToken.VALUE_NULL) {
        c.defer(validation(INVALID + "Binary sets may not contain null members"));
      } else {
        members.add(JsonIn.blob(p, v));
      }
    }
    if (count == 0) {
      c.defer(validation(INVALID + "Binary sets should not be empty"));
    } else if (new HashSet<>(members).size() != members.size()) {
      c.defer(validation(INVALID + "Input collection of type BS contains duplicates."));
    }
    return new AttributeValue.BS(new LinkedHashSet<>(members));
  }

  private static DbException validation(String message) {
    return DbException.validation(message);
  }

  public static void writeItem(JsonGenerator g, Map<String, AttributeValue> item) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      g.writeFieldName(e.getKey());
      write(g, e.getValue());
    }
    g.writeEndObject();
  }

  public static void writeList(JsonGenerator g, List<AttributeValue> list) throws IOException {
    g.writeStartArray();
    for (AttributeValue v : list) {
      write(g, v);
    }
    g.writeEndArray();
  }

  public static void write(JsonGenerator g, AttributeValue v) throws IOException {
    g.writeStartObject();
    g.writeFieldName(v.type());
    switch (v) {
      case AttributeValue.S s -> g.writeString(s.value());
      case AttributeValue.N n -> g.writeString(n.value().toString());
      case AttributeValue.B b -> g.writeString(b.value().toBase64());
      case AttributeValue.Bool b -> g.writeBoolean(b.value());
      case AttributeValue.Null n -> g.writeBoolean(true);
      case AttributeValue.M m -> writeItem(g, m.value());
      case AttributeValue.L l -> writeList(g, l.value());
      case AttributeValue.SS ss -> {
        g.writeStartArray();
        for (String s : ss.value()) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      case AttributeValue.NS ns -> {
        g.writeStartArray();
        for (Num n : ns.value()) {
          g.writeString(n.toString());
        }
        g.writeEndArray();
      }
      case AttributeValue.BS bs -> {
        g.writeStartArray();
        for (Bytes b : bs.value()) {
          g.writeString(b.toBase64());
        }
        g.writeEndArray();
      }
    }
    g.writeEndObject();
  }
}
