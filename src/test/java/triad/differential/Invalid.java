package triad.differential;

import static triad.differential.CaseGenerator.obj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import triad.differential.Case.Step;
import triad.differential.Case.Table;

/**
 * Requests DynamoDB must reject, each with the error type (and message) DynamoDB Local gives:
 * malformed JSON, wrong shapes and types, bad keys, bad numbers, oversize values, unknown tables,
 * bad enums, broken expressions, unused or undefined placeholders, and exceeded limits.
 */
final class Invalid {
  private static final int VARIANTS = 40;

  private Invalid() {}

  static Step step(CaseGenerator g) {
    Random r = g.random();
    Table t = g.table();
    String name = t.name();
    return switch (r.nextInt(VARIANTS)) {
      // Not JSON, or not an object.
      case 0 -> Step.single(g.pick("PutItem", "GetItem", "Query", "CreateTable"),
          g.pick("{", "", "not json", "[1,2]", "{\"TableName\": }", "{\"TableName\":\"" + name + "\"", "nul", "{}}"));
      // An operation that does not exist.
      case 1 -> Step.single(g.pick("FrobnicateItem", "getitem", ""), Json.write(obj("TableName", name)));
      // Members of the wrong JSON type.
      case 2 -> Step.single("GetItem", Json.write(obj("TableName", 5, "Key", g.existingOrNewKey(t))));
      case 3 -> Step.single("Query", Json.write(obj("TableName", name, "Limit", "ten",
          "KeyConditionExpression", "#h = :h", "ExpressionAttributeNames", obj("#h", t.hashName()),
          "ExpressionAttributeValues", obj(":h", g.existingOrNewKey(t).get(t.hashName())))));
      case 4 -> Step.single("PutItem", Json.write(obj("TableName", name, "Item", List.of())));
      // Required members missing.
      case 5 -> Step.single("PutItem", Json.write(obj("TableName", name)));
      case 6 -> Step.single("GetItem", Json.write(obj("Key", g.existingOrNewKey(t))));
      case 7 -> Step.single(g.pick("GetItem", "DeleteItem"), Json.write(obj("TableName", name)));
      // Key attributes missing, mistyped, extra, empty, too long.
      case 8 -> Step.single("GetItem", Json.write(obj("TableName", name, "Key", withoutHash(g, t))));
      case 9 -> Step.single("PutItem", Json.write(obj("TableName", name, "Item", withoutHash(g, t))));
      case 10 -> {
        String op = g.pick("GetItem", "DeleteItem", "PutItem");
        yield Step.single(op, Json.write(obj("TableName", name, op.equals("PutItem") ? "Item" : "Key", retyped(g, t))));
      }
      case 11 -> Step.single(g.pick("GetItem", "DeleteItem", "UpdateItem"), Json.write(obj("TableName", name,
          "Key", with(g.existingOrNewKey(t), "extra", Values.av("S", "x")))));
      case 12 -> {
        String op = g.pick("GetItem", "PutItem");
        yield Step.single(op, Json.write(obj("TableName", name, op.equals("PutItem") ? "Item" : "Key",
            with(g.existingOrNewKey(t), t.hashName(), Values.av(String.valueOf(t.hashType()), "")))));
      }
      case 13 -> Step.single("PutItem", Json.write(obj("TableName", name, "Item",
          with(g.existingOrNewKey(t), t.hashName(), longKey(t.hashType(), 2049)))));
      case 14 -> t.rangeName() == null
          ? Step.single("PutItem", Json.write(obj("TableName", name, "Item", with(g.item(t), t.hashName(), longKey(t.hashType(), 2048)))))
          : Step.single("PutItem", Json.write(obj("TableName", name, "Item", with(g.item(t), t.rangeName(), longKey(t.rangeType(), 1025)))));
      // Numbers DynamoDB cannot hold or parse.
      case 15 -> Step.single("PutItem", Json.write(obj("TableName", name, "Item", with(g.item(t), "n",
          Values.av("N", g.pick("abc", "1e500", "1E-131", "123456789012345678901234567890123456789", "", "--1", " 1", "1.", ".5", "0x10", "Infinity", "NaN"))))));
      case 16 -> Step.single("PutItem", Json.write(obj("TableName", name, "Item", with(g.item(t), "ns",
          Values.av("NS", List.of("1", g.pick("1.0", "abc", "1E+126")))))));
      // Malformed attribute values.
      case 17 -> Step.single("PutItem", Json.write(obj("TableName", name, "Item", with(g.item(t), "a",
          switch (r.nextInt(8)) {
            case 0 -> obj("S", "x", "N", "1");
            case 1 -> obj("X", "x");
            case 2 -> obj();
            case 3 -> obj("NULL", false);
            case 4 -> obj("SS", List.of());
            case 5 -> obj("SS", List.of("x", "x"));
            case 6 -> obj("M", obj("", Values.av("S", "x")));
            default -> obj("B", "not base64!");
          }))));
      // An item over 400 KB.
      case 18 -> Step.single("PutItem", Json.write(obj("TableName", name, "Item",
          with(g.existingOrNewKey(t), "big", Values.av("S", "x".repeat(400 * 1024 + r.nextInt(1024)))))));
      // A table that does not exist, a table name DynamoDB does not accept.
      case 19 -> Step.single(g.pick("GetItem", "DescribeTable", "DeleteTable", "Query", "Scan"), Json.write(obj("TableName", "missing_" + name,
          "Key", g.existingOrNewKey(t))));
      case 20 -> Step.single(g.pick("DescribeTable", "GetItem"), Json.write(obj("TableName", g.pick("a", "bad name!", "x".repeat(256)),
          "Key", g.existingOrNewKey(t))));
      // Enum values that are not allowed.
      case 21 -> Step.single("PutItem", Json.write(obj("TableName", name, "Item", g.item(t),
          "ReturnValues", g.pick("ALL_NEW", "UPDATED_OLD", "UPDATED_NEW", "BOGUS", "all_old"))));
      case 22 -> Step.single(g.pick("GetItem", "DeleteItem"), Json.write(obj("TableName", name, "Key", g.existingOrNewKey(t),
          g.pick("ReturnConsumedCapacity", "ReturnValues"), "SOMETIMES")));
      // Expressions that do not parse or do not type-check.
      case 23 -> badExpression(g, t);
      // Placeholders defined but unused, used but undefined, or an empty map.
      case 24 -> placeholders(g, t);
      // Limits: Limit, batch sizes, duplicates in a batch, segments.
      case 25 -> Step.single("Query", Json.write(obj("TableName", name, "Limit", r.nextBoolean() ? 0 : -1,
          "KeyConditionExpression", "#h = :h", "ExpressionAttributeNames", obj("#h", t.hashName()),
          "ExpressionAttributeValues", obj(":h", g.existingOrNewKey(t).get(t.hashName())))));
      case 26 -> Step.single("BatchWriteItem", Json.write(obj("RequestItems", obj(name, puts(t, 26)))));
      case 27 -> {
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
          keys.add(uniqueKey(t, i));
        }
        yield Step.single("BatchGetItem", Json.write(obj("RequestItems", obj(name, obj("Keys", keys)))));
      }
      case 28 -> {
        Map<String, Object> k = g.existingOrNewKey(t);
        yield r.nextBoolean()
            ? Step.single("BatchGetItem", Json.write(obj("RequestItems", obj(name, obj("Keys", List.of(k, k))))))
            : Step.single("BatchWriteItem", Json.write(obj("RequestItems", obj(name,
                List.of(obj("PutRequest", obj("Item", k)), obj("DeleteRequest", obj("Key", k)))))));
      }
      case 29 -> Step.single(g.pick("BatchWriteItem", "BatchGetItem"), Json.write(obj("RequestItems", obj())));
      case 30 -> Step.single("Scan", Json.write(switch (r.nextInt(4)) {
        case 0 -> obj("TableName", name, "Segment", 0);
        case 1 -> obj("TableName", name, "Segment", 3, "TotalSegments", 3);
        case 2 -> obj("TableName", name, "Segment", 0, "TotalSegments", 1_000_001);
        default -> obj("TableName", name, "TotalSegments", 0, "Segment", 0);
      }));
      // Query key conditions DynamoDB rejects.
      case 31 -> badKeyCondition(g, t);
      // Select and projection that contradict each other; old and new parameters mixed.
      case 32 -> Step.single("Query", Json.write(with(queryBase(g, t), "Select", g.pick("SPECIFIC_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "COUNT"))));
      case 33 -> Step.single("GetItem", Json.write(obj("TableName", name, "Key", g.existingOrNewKey(t),
          "AttributesToGet", List.of("a"), "ProjectionExpression", "b")));
      // CreateTable with a broken schema, or a name in use.
      case 34 -> badCreateTable(g, t);
      // Updates that touch the key or overlap.
      case 35 -> Step.single("UpdateItem", Json.write(obj("TableName", name, "Key", g.existingOrNewKey(t),
          "UpdateExpression", "SET #k = :v", "ExpressionAttributeNames", obj("#k", t.hashName()),
          "ExpressionAttributeValues", obj(":v", Values.key(r, t.hashType())))));
      case 36 -> Step.single("UpdateItem", Json.write(obj("TableName", name, "Key", g.existingOrNewKey(t),
          "UpdateExpression", g.pick("SET #m = :v, #m.#a = :v", "SET #m = :v REMOVE #m", "SET #m.#a = :v REMOVE #m"),
          "ExpressionAttributeNames", obj("#m", "m", "#a", "a"), "ExpressionAttributeValues", obj(":v", Values.av("S", "x")))));
      // A condition that fails with ReturnValuesOnConditionCheckFailure: the old item comes back in the error.
      case 37 -> Step.single("PutItem", Json.write(obj("TableName", name, "Item", g.item(t),
          "ConditionExpression", "attribute_not_exists(#h)", "ExpressionAttributeNames", obj("#h", t.hashName()),
          "ReturnValuesOnConditionCheckFailure", "ALL_OLD")));
      // Attribute values nested deeper than 32 levels.
      case 38 -> Step.single("PutItem", Json.write(obj("TableName", name, "Item", with(g.item(t), "deep", deepen(r, 33)))));
      // ExpressionAttributeNames whose keys are not #names, values whose keys are not :values.
      default -> Step.single("GetItem", Json.write(obj("TableName", name, "Key", g.existingOrNewKey(t),
          "ProjectionExpression", "a", "ExpressionAttributeNames", obj("a", "b"))));
    };
  }

  private static Map<String, Object> deepen(Random r, int depth) {
    Map<String, Object> v = Values.av("S", "deep");
    for (int i = 0; i < depth; i++) {
      v = r.nextBoolean() ? Values.av("L", List.of(v)) : Values.av("M", obj("d", v));
    }
    return v;
  }

  private static Map<String, Object> withoutHash(CaseGenerator g, Table t) {
    Map<String, Object> k = g.existingOrNewKey(t);
    k.remove(t.hashName());
    if (t.rangeName() == null) {
      k.put("other", Values.av("S", "x"));
    }
    return k;
  }

  /** The key with its hash attribute given a type the table does not declare. */
  private static Map<String, Object> retyped(CaseGenerator g, Table t) {
    Map<String, Object> k = g.existingOrNewKey(t);
    String wrong = switch (t.hashType()) {
      case 'S' -> "N";
      case 'N' -> "B";
      default -> "S";
    };
    k.put(t.hashName(), switch (wrong) {
      case "N" -> Values.av("N", "1");
      case "B" -> Values.av("B", "AQ==");
      default -> Values.av("S", "x");
    });
    return k;
  }

  private static Map<String, Object> longKey(char type, int bytes) {
    return switch (type) {
      case 'B' -> Values.av("B", java.util.Base64.getEncoder().encodeToString(new byte[bytes]));
      case 'N' -> Values.av("N", "1E+126");
      default -> Values.av("S", "k".repeat(bytes));
    };
  }

  private static Map<String, Object> uniqueKey(Table t, int i) {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put(t.hashName(), switch (t.hashType()) {
      case 'N' -> Values.av("N", Integer.toString(i));
      case 'B' -> Values.av("B", java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) i, 1}));
      default -> Values.av("S", "u" + i);
    });
    if (t.rangeName() != null) {
      k.put(t.rangeName(), switch (t.rangeType()) {
        case 'N' -> Values.av("N", "1");
        case 'B' -> Values.av("B", "AQ==");
        default -> Values.av("S", "r");
      });
    }
    return k;
  }

  private static List<Object> puts(Table t, int n) {
    List<Object> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(obj("PutRequest", obj("Item", uniqueKey(t, i))));
    }
    return l;
  }

  private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
    Map<String, Object> copy = new LinkedHashMap<>(m);
    copy.put(k, v);
    return copy;
  }

  private static Map<String, Object> queryBase(CaseGenerator g, Table t) {
    return obj("TableName", t.name(), "KeyConditionExpression", "#h = :h",
        "ExpressionAttributeNames", obj("#h", t.hashName()),
        "ExpressionAttributeValues", obj(":h", g.existingOrNewKey(t).get(t.hashName())));
  }

  private static Step badExpression(CaseGenerator g, Table t) {
    Random r = g.random();
    Map<String, Object> key = g.existingOrNewKey(t);
    return switch (r.nextInt(6)) {
      case 0 -> Step.single("PutItem", Json.write(obj("TableName", t.name(), "Item", g.item(t),
          "ConditionExpression", g.pick("a = ", "a = = :v", "(a = :v", "foo(a)", "a BETWEEN :v", "a IN ()", "size(a)", "NOT"),
          "ExpressionAttributeValues", obj(":v", Values.av("S", "x")))));
      case 1 -> Step.single("UpdateItem", Json.write(obj("TableName", t.name(), "Key", key,
          "UpdateExpression", g.pick("SET", "SET a = :v :v", "SET a = :v SET b = :v", "REMOVE", "SET a + :v", "DELETE", "set a = :v, "),
          "ExpressionAttributeValues", obj(":v", Values.av("N", "1")))));
      case 2 -> Step.single("UpdateItem", Json.write(obj("TableName", t.name(), "Key", key,
          "UpdateExpression", "SET " + g.pick("status", "size", "name", "data", "value") + " = :v",
          "ExpressionAttributeValues", obj(":v", Values.av("N", "1")))));
      case 3 -> Step.single("UpdateItem", Json.write(obj("TableName", t.name(), "Key", key,
          "UpdateExpression", g.pick("SET #a = :s + :n", "SET #a = list_append(:s, :n)", "SET #a = if_not_exists(:s, #a)"),
          "ExpressionAttributeNames", obj("#a", "a"),
          "ExpressionAttributeValues", obj(":s", Values.av("S", "x"), ":n", Values.av("N", "1")))));
      case 4 -> Step.single("Query", Json.write(with(queryBase(g, t), "FilterExpression", g.pick("#h = :h", "size(#h) > :h"))));
      default -> Step.single("GetItem", Json.write(obj("TableName", t.name(), "Key", key,
          "ProjectionExpression", g.pick("a,", "a..b", "a[x]", "#missing", "a, a", "a[0], a"))));
    };
  }

  private static Step placeholders(CaseGenerator g, Table t) {
    Random r = g.random();
    Map<String, Object> key = g.existingOrNewKey(t);
    return switch (r.nextInt(5)) {
      case 0 -> Step.single("UpdateItem", Json.write(obj("TableName", t.name(), "Key", key,
          "UpdateExpression", "SET a = :v",
          "ExpressionAttributeValues", obj(":v", Values.av("N", "1"), ":unused", Values.av("S", "x")))));
      case 1 -> Step.single("UpdateItem", Json.write(obj("TableName", t.name(), "Key", key,
          "UpdateExpression", "SET a = :v", "ExpressionAttributeNames", obj("#unused", "b"),
          "ExpressionAttributeValues", obj(":v", Values.av("N", "1")))));
      case 2 -> Step.single("UpdateItem", Json.write(obj("TableName", t.name(), "Key", key,
          "UpdateExpression", "SET #a = :missing", "ExpressionAttributeNames", obj("#a", "a"),
          "ExpressionAttributeValues", obj(":v", Values.av("N", "1")))));
      case 3 -> Step.single("GetItem", Json.write(obj("TableName", t.name(), "Key", key,
          "ProjectionExpression", "#undefined")));
      default -> Step.single("DeleteItem", Json.write(obj("TableName", t.name(), "Key", key,
          "ConditionExpression", "attribute_exists(a)", "ExpressionAttributeValues", obj(),
          "ExpressionAttributeNames", obj())));
    };
  }

  private static Step badKeyCondition(CaseGenerator g, Table t) {
    Map<String, Object> hash = g.existingOrNewKey(t);
    Object h = hash.get(t.hashName());
    String cond = g.pick("#h < :h", "#h = :h OR #h = :h", "#o = :h", "begins_with(#h, :h)", "#h = :h AND #h = :h",
        "#h = :h AND #o = :h", "#h BETWEEN :h AND :h", "#h IN (:h)", "attribute_exists(#h)");
    // Only the placeholders the condition uses: an unused one is an error of its own, found first.
    Map<String, Object> names = obj();
    if (cond.contains("#h")) {
      names.put("#h", t.hashName());
    }
    if (cond.contains("#o")) {
      names.put("#o", "other");
    }
    Map<String, Object> body = obj("TableName", t.name(), "KeyConditionExpression", cond, "ExpressionAttributeNames", names);
    if (cond.contains(":h")) {
      body.put("ExpressionAttributeValues", obj(":h", h));
    }
    return Step.single("Query", Json.write(body));
  }

  private static Step badCreateTable(CaseGenerator g, Table t) {
    Random r = g.random();
    String fresh = t.name() + "_x";
    Map<String, Object> hash = obj("AttributeName", "h", "KeyType", "HASH");
    Map<String, Object> hashDef = obj("AttributeName", "h", "AttributeType", "S");
    Map<String, Object> body = switch (r.nextInt(7)) {
      case 0 -> obj("TableName", fresh, "KeySchema", List.of(hash), "AttributeDefinitions", List.of(), "BillingMode", "PAY_PER_REQUEST");
      case 1 -> obj("TableName", fresh, "KeySchema", List.of(hash),
          "AttributeDefinitions", List.of(hashDef, obj("AttributeName", "x", "AttributeType", "S")), "BillingMode", "PAY_PER_REQUEST");
      case 2 -> obj("TableName", fresh, "KeySchema", List.of(hash, obj("AttributeName", "g", "KeyType", "HASH")),
          "AttributeDefinitions", List.of(hashDef, obj("AttributeName", "g", "AttributeType", "S")), "BillingMode", "PAY_PER_REQUEST");
      case 3 -> obj("TableName", fresh, "KeySchema", List.of(hash),
          "AttributeDefinitions", List.of(obj("AttributeName", "h", "AttributeType", g.pick("X", "BOOL", "SS"))), "BillingMode", "PAY_PER_REQUEST");
      case 4 -> obj("TableName", fresh, "KeySchema", List.of(hash), "AttributeDefinitions", List.of(hashDef), "BillingMode", "PROVISIONED");
      case 5 -> obj("TableName", fresh, "KeySchema", List.of(hash), "AttributeDefinitions", List.of(hashDef),
          "BillingMode", "PAY_PER_REQUEST", "ProvisionedThroughput", obj("ReadCapacityUnits", 1, "WriteCapacityUnits", 1));
      default -> obj("TableName", t.name(), "KeySchema", List.of(hash), "AttributeDefinitions", List.of(hashDef), "BillingMode", "PAY_PER_REQUEST");
    };
    return Step.single("CreateTable", Json.write(body));
  }
}
