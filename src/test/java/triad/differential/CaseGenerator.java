package triad.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import triad.differential.Case.Kind;
import triad.differential.Case.Step;
import triad.differential.Case.Table;

/**
 * Generates a {@link Case} from a seed: CreateTable, then a mix of valid reads and writes (mostly
 * on keys written before, so that conditions, updates and queries meet real items) and invalid
 * requests, sometimes a DeleteTable and requests to the table that is gone. The generator keeps
 * only what it wrote, never what a server answered, so the requests depend on the seed alone.
 */
final class CaseGenerator {
  private static final int STEPS_MIN = 15;
  private static final int STEPS_MAX = 40;
  private static final char[] KEY_TYPES = {'S', 'N', 'B'};

  private final Random r;
  private final long seed;
  private final List<Table> tables = new ArrayList<>();
  /** Per table: the keys written so far (as DynamoDB JSON), and the partition key values used. */
  private final Map<String, List<Map<String, Object>>> keys = new LinkedHashMap<>();
  private final Map<String, List<Map<String, Object>>> hashValues = new LinkedHashMap<>();
  private final List<Step> steps = new ArrayList<>();

  private CaseGenerator(long seed) {
    this.seed = seed;
    this.r = new Random(seed);
  }

  static Case generate(long seed) {
    return new CaseGenerator(seed).build();
  }

  private Case build() {
    int tableCount = r.nextInt(4) == 0 ? 2 : 1;
    for (int i = 0; i < tableCount; i++) {
      Table t = newTable("diff" + seed + "_" + (char) ('a' + i));
      tables.add(t);
      keys.put(t.name(), new ArrayList<>());
      hashValues.put(t.name(), new ArrayList<>());
      steps.add(Step.single("CreateTable", createTable(t)));
    }
    int n = STEPS_MIN + r.nextInt(STEPS_MAX - STEPS_MIN + 1);
    int deleteAt = r.nextInt(10) == 0 ? n * 2 / 3 : -1;
    for (int i = 0; i < n; i++) {
      if (i == deleteAt) {
        steps.add(Step.single("DeleteTable", Json.write(obj("TableName", tables.get(0).name()))));
        continue;
      }
      steps.add(next());
    }
    return new Case(seed, List.copyOf(tables), List.copyOf(steps));
  }

  private Table newTable(String name) {
    String hashName = pick("pk", "id", "Kéy");
    char hashType = KEY_TYPES[r.nextInt(3)];
    if (r.nextBoolean()) {
      return new Table(name, hashName, hashType, null, ' ');
    }
    return new Table(name, hashName, hashType, pick("sk", "rng", "sort key"), KEY_TYPES[r.nextInt(3)]);
  }

  private String createTable(Table t) {
    List<Object> schema = new ArrayList<>(List.of(obj("AttributeName", t.hashName(), "KeyType", "HASH")));
    List<Object> defs = new ArrayList<>(List.of(obj("AttributeName", t.hashName(), "AttributeType", String.valueOf(t.hashType()))));
    if (t.rangeName() != null) {
      schema.add(obj("AttributeName", t.rangeName(), "KeyType", "RANGE"));
      defs.add(obj("AttributeName", t.rangeName(), "AttributeType", String.valueOf(t.rangeType())));
    }
    Map<String, Object> body = obj("TableName", t.name(), "KeySchema", schema, "AttributeDefinitions", defs);
    if (r.nextBoolean()) {
      body.put("BillingMode", "PAY_PER_REQUEST");
    } else {
      body.put("ProvisionedThroughput", obj("ReadCapacityUnits", 1 + r.nextInt(20), "WriteCapacityUnits", 1 + r.nextInt(20)));
    }
    return Json.write(body);
  }

  private Step next() {
    int roll = r.nextInt(100);
    if (roll < 18) {
      return Step.single("PutItem", putItem());
    } else if (roll < 28) {
      return Step.single("GetItem", getItem());
    } else if (roll < 42) {
      return Step.single("UpdateItem", updateItem());
    } else if (roll < 47) {
      return Step.single("DeleteItem", deleteItem());
    } else if (roll < 59) {
      return new Step(Kind.QUERY_PAGES, "Query", query(), 0);
    } else if (roll < 65) {
      return scan();
    } else if (roll < 70) {
      return Step.single("BatchWriteItem", batchWrite());
    } else if (roll < 75) {
      return Step.single("BatchGetItem", batchGet());
    } else if (roll < 78) {
      return Step.single("DescribeTable", Json.write(obj("TableName", table().name())));
    } else if (roll < 80) {
      return Step.single("ListTables", listTables());
    }
    return Invalid.step(this);
  }

  // ---- valid requests ----

  private String putItem() {
    Table t = table();
    Map<String, Object> body = obj("TableName", t.name(), "Item", item(t));
    Expr e = new Expr();
    if (r.nextInt(3) == 0) {
      body.put("ConditionExpression", condition(e, t, 2));
    }
    if (r.nextInt(3) == 0) {
      body.put("ReturnValues", pick("NONE", "ALL_OLD"));
    }
    if (r.nextInt(8) == 0) {
      body.put("ReturnValuesOnConditionCheckFailure", pick("ALL_OLD", "NONE"));
    }
    capacity(body);
    e.into(body);
    return Json.write(body);
  }

  private String getItem() {
    Table t = table();
    Map<String, Object> body = obj("TableName", t.name(), "Key", existingOrNewKey(t));
    Expr e = new Expr();
    if (r.nextInt(3) == 0) {
      body.put("ProjectionExpression", projection(e));
    }
    if (r.nextBoolean()) {
      body.put("ConsistentRead", r.nextBoolean());
    }
    capacity(body);
    e.into(body);
    return Json.write(body);
  }

  private String deleteItem() {
    Table t = table();
    Map<String, Object> body = obj("TableName", t.name(), "Key", existingOrNewKey(t));
    Expr e = new Expr();
    if (r.nextInt(3) == 0) {
      body.put("ConditionExpression", condition(e, t, 2));
    }
    if (r.nextBoolean()) {
      body.put("ReturnValues", pick("NONE", "ALL_OLD"));
    }
    capacity(body);
    e.into(body);
    return Json.write(body);
  }

  private String updateItem() {
    Table t = table();
    Map<String, Object> key = existingOrNewKey(t);
    remember(t, key);
    Map<String, Object> body = obj("TableName", t.name(), "Key", key);
    Expr e = new Expr();
    body.put("UpdateExpression", update(e));
    if (r.nextInt(4) == 0) {
      body.put("ConditionExpression", condition(e, t, 2));
    }
    if (r.nextBoolean()) {
      body.put("ReturnValues", pick("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"));
    }
    capacity(body);
    e.into(body);
    return Json.write(body);
  }

  /**
   * SET with +, -, if_not_exists and list_append, on top-level and nested paths; REMOVE. Each
   * action picks the attribute it suits ("n" for arithmetic, "l" for lists) most of the time, so
   * that most updates apply; the rest fail on a type, which is compared too.
   */
  String update(Expr e) {
    List<String> set = new ArrayList<>();
    List<String> used = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(9);
      String name = kind <= 2 ? usually("n") : kind <= 6 && kind >= 4 ? usually("l") : kind == 7 ? pick("m", "l") : anyName();
      // Two actions on one top-level attribute overlap (an error); keep that rare.
      if (used.contains(name) && r.nextInt(10) > 0) {
        continue;
      }
      used.add(name);
      String p = kind == 7 ? null : e.name(name);
      set.add(switch (kind) {
        case 0 -> p + " = " + e.value(Values.av("N", Values.number(r))) + " + " + p;
        case 1 -> p + " = if_not_exists(" + p + ", " + e.value(Values.av("N", "0")) + ") + " + e.value(Values.av("N", Values.number(r)));
        case 2 -> p + " = " + p + " - " + e.value(Values.av("N", Values.number(r)));
        case 3 -> p + " = if_not_exists(" + p + ", " + e.value(Values.typical(r, name)) + ")";
        case 4 -> p + " = list_append(" + p + ", " + e.value(Values.av("L", Values.list(r, 1))) + ")";
        case 5 -> p + " = list_append(" + e.value(Values.av("L", Values.list(r, 1))) + ", " + p + ")";
        case 6 -> p + " = list_append(if_not_exists(" + p + ", " + e.value(Values.av("L", List.of())) + "), "
            + e.value(Values.av("L", Values.list(r, 1))) + ")";
        case 7 -> nestedPath(e, name) + " = " + e.value(Values.any(r, 1));
        default -> p + " = " + e.value(Values.typical(r, name));
      });
    }
    List<String> remove = new ArrayList<>();
    int m = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0;
    for (int i = 0; i < m; i++) {
      boolean nested = r.nextInt(4) == 0;
      String name = nested ? pick("m", "l") : anyName();
      if (used.contains(name)) {
        continue;
      }
      used.add(name);
      remove.add(nested ? nestedPath(e, name) : e.name(name));
    }
    String expr = set.isEmpty() ? "" : "SET " + String.join(", ", set);
    if (!remove.isEmpty()) {
      expr = (expr.isEmpty() ? "" : expr + " ") + "REMOVE " + String.join(", ", remove);
    }
    return expr.isEmpty() ? "SET " + e.name("a") + " = " + e.value(Values.av("S", "x")) : expr;
  }

  /** {@code preferred} four times in five, else any attribute name. */
  private String usually(String preferred) {
    return r.nextInt(5) > 0 ? preferred : anyName();
  }

  private String anyName() {
    return Values.NAMES.get(r.nextInt(Values.NAMES.size()));
  }

  private String nestedPath(Expr e) {
    return nestedPath(e, pick("m", "l"));
  }

  /** m.a, m.b, m.c, or l[0..2]: a path into the map or list attribute an item usually has. */
  private String nestedPath(Expr e, String top) {
    return top.equals("m")
        ? e.name("m") + "." + e.name(pick("a", "b", "c"))
        : e.name("l") + "[" + r.nextInt(3) + "]";
  }

  private String query() {
    Table t = table();
    Map<String, Object> body = obj("TableName", t.name());
    Expr e = new Expr();
    Map<String, Object> hash = hashValue(t);
    String cond = e.name(t.hashName()) + " = " + e.value(hash);
    if (t.rangeName() != null && r.nextInt(4) > 0) {
      String sk = e.name(t.rangeName());
      cond += " AND " + switch (r.nextInt(7)) {
        case 0 -> sk + " = " + e.value(rangeValue(t));
        case 1 -> sk + " < " + e.value(rangeValue(t));
        case 2 -> sk + " <= " + e.value(rangeValue(t));
        case 3 -> sk + " > " + e.value(rangeValue(t));
        case 4 -> sk + " >= " + e.value(rangeValue(t));
        case 5 -> sk + " BETWEEN " + e.value(rangeValue(t)) + " AND " + e.value(rangeValue(t));
        default -> "begins_with(" + sk + ", " + e.value(prefix(t)) + ")";
      };
    }
    body.put("KeyConditionExpression", cond);
    readOptions(body, e, t);
    if (r.nextBoolean()) {
      body.put("ScanIndexForward", r.nextBoolean());
    }
    capacity(body);
    e.into(body);
    return Json.write(body);
  }

  private Step scan() {
    Table t = table();
    Map<String, Object> body = obj("TableName", t.name());
    Expr e = new Expr();
    readOptions(body, e, t);
    capacity(body);
    e.into(body);
    return new Step(Kind.SCAN_ALL, "Scan", Json.write(body), r.nextInt(4) == 0 ? 1 + r.nextInt(4) : 0);
  }

  /** Limit, Select COUNT, FilterExpression, ProjectionExpression, ConsistentRead of Query and Scan. */
  private void readOptions(Map<String, Object> body, Expr e, Table t) {
    if (r.nextInt(3) == 0) {
      body.put("Limit", 1 + r.nextInt(4));
    }
    if (r.nextInt(4) == 0) {
      body.put("FilterExpression", condition(e, t, 1));
    }
    if (r.nextInt(8) == 0) {
      body.put("Select", "COUNT");
    } else if (r.nextInt(5) == 0) {
      body.put("ProjectionExpression", projection(e));
    }
    if (r.nextInt(4) == 0) {
      body.put("ConsistentRead", r.nextBoolean());
    }
  }

  private String batchWrite() {
    Map<String, Object> items = new LinkedHashMap<>();
    for (Table t : tables) {
      if (items.isEmpty() || r.nextBoolean()) {
        List<Object> writes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
          boolean put = r.nextInt(3) > 0;
          Map<String, Object> item = put ? item(t) : existingOrNewKey(t);
          String k = Json.write(keyOf(t, item));
          if (seen.contains(k)) {
            continue;
          }
          seen.add(k);
          writes.add(put ? obj("PutRequest", obj("Item", item)) : obj("DeleteRequest", obj("Key", item)));
        }
        items.put(t.name(), writes);
      }
    }
    Map<String, Object> body = obj("RequestItems", items);
    capacity(body);
    return Json.write(body);
  }

  private String batchGet() {
    Map<String, Object> items = new LinkedHashMap<>();
    for (Table t : tables) {
      if (items.isEmpty() || r.nextBoolean()) {
        List<Object> ks = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
          Map<String, Object> k = existingOrNewKey(t);
          if (!seen.contains(Json.write(k))) {
            seen.add(Json.write(k));
            ks.add(k);
          }
        }
        Map<String, Object> spec = obj("Keys", ks);
        if (r.nextInt(4) == 0) {
          Expr e = new Expr();
          spec.put("ProjectionExpression", projection(e));
          e.into(spec);
        }
        if (r.nextInt(3) == 0) {
          spec.put("ConsistentRead", r.nextBoolean());
        }
        items.put(t.name(), spec);
      }
    }
    Map<String, Object> body = obj("RequestItems", items);
    capacity(body);
    return Json.write(body);
  }

  private String listTables() {
    Map<String, Object> body = obj();
    if (r.nextBoolean()) {
      body.put("Limit", 1 + r.nextInt(3));
    }
    if (r.nextInt(3) == 0) {
      body.put("ExclusiveStartTableName", tables.get(0).name());
    }
    return Json.write(body);
  }

  // ---- expressions ----

  /**
   * A condition over non-key attributes: comparisons, functions, BETWEEN, IN, AND/OR/NOT. Order
   * comparisons take numbers or strings, as DynamoDB only orders those (and binaries); a
   * comparison against another type fails validation, which is left to the rare random case.
   */
  String condition(Expr e, Table t, int depth) {
    if (depth > 0 && r.nextInt(3) == 0) {
      return switch (r.nextInt(3)) {
        case 0 -> "(" + condition(e, t, depth - 1) + ") AND (" + condition(e, t, depth - 1) + ")";
        case 1 -> condition(e, t, depth - 1) + " OR " + condition(e, t, depth - 1);
        default -> "NOT " + condition(e, t, depth - 1);
      };
    }
    int kind = r.nextInt(12);
    boolean ordered = kind == 6 || kind >= 9;
    String name = r.nextInt(10) == 0 && t.rangeName() == null ? t.hashName() : ordered ? usually(pick("n", "s")) : anyName();
    boolean nested = r.nextInt(6) == 0;
    String p = nested ? nestedPath(e) : e.name(name);
    return switch (kind) {
      case 0 -> "attribute_exists(" + p + ")";
      case 1 -> "attribute_not_exists(" + p + ")";
      case 2 -> "attribute_type(" + p + ", " + e.value(Values.av("S", pick("S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"))) + ")";
      case 3 -> "begins_with(" + p + ", " + e.value(Values.av("S", Values.string(r, 1))) + ")";
      case 4 -> "contains(" + p + ", " + e.value(Values.av("S", Values.nonEmptyString(r, 1))) + ")";
      case 5 -> "size(" + p + ") " + pick("<", ">", "=", ">=") + " " + e.value(Values.av("N", Integer.toString(r.nextInt(4))));
      case 6 -> {
        List<Map<String, Object>> bounds = ordered(name);
        yield p + " BETWEEN " + e.value(bounds.get(0)) + " AND " + e.value(bounds.get(1));
      }
      case 7 -> p + " IN (" + e.value(Values.typical(r, name)) + ", " + e.value(Values.typical(r, name)) + ")";
      case 8 -> p + " " + pick("=", "<>") + " " + e.value(Values.typical(r, name));
      default -> p + " " + pick("<", "<=", ">", ">=") + " " + e.value(r.nextInt(8) == 0 ? Values.any(r, 1) : scalar(name));
    };
  }

  /** A number for "n", a string otherwise. */
  private Map<String, Object> scalar(String name) {
    return name.equals("n") ? Values.av("N", Values.number(r)) : Values.av("S", Values.string(r, 3));
  }

  /** Two BETWEEN bounds of one type, lower first (DynamoDB rejects them the other way round). */
  private List<Map<String, Object>> ordered(String name) {
    if (name.equals("n")) {
      java.math.BigDecimal a = new java.math.BigDecimal(Values.number(r));
      java.math.BigDecimal b = new java.math.BigDecimal(Values.number(r));
      String lo = (a.compareTo(b) <= 0 ? a : b).toString();
      String hi = (a.compareTo(b) <= 0 ? b : a).toString();
      return List.of(Values.av("N", lo), Values.av("N", hi));
    }
    String a = Values.string(r, 3);
    String b = Values.string(r, 3);
    // DynamoDB orders strings by their UTF-8 bytes.
    boolean aFirst = java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8)) <= 0;
    return List.of(Values.av("S", aFirst ? a : b), Values.av("S", aFirst ? b : a));
  }

  /** 1-3 paths on distinct top-level attributes (overlapping paths are an error). */
  String projection(Expr e) {
    List<String> paths = new ArrayList<>();
    List<String> used = new ArrayList<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      boolean nested = r.nextInt(4) == 0;
      String name = nested ? pick("m", "l") : anyName();
      if (!used.contains(name)) {
        used.add(name);
        paths.add(nested ? nestedPath(e, name) : e.name(name));
      }
    }
    return String.join(", ", paths);
  }

  /**
   * Placeholders of one request: every name goes through #n placeholders (the names include
   * reserved words and dots), every value through :v placeholders, each defined once.
   */
  static final class Expr {
    final Map<String, Object> names = new LinkedHashMap<>();
    final Map<String, Object> values = new LinkedHashMap<>();

    String name(String attribute) {
      for (var e : names.entrySet()) {
        if (e.getValue().equals(attribute)) {
          return e.getKey();
        }
      }
      String p = "#n" + names.size();
      names.put(p, attribute);
      return p;
    }

    String value(Map<String, Object> av) {
      String p = ":v" + values.size();
      values.put(p, av);
      return p;
    }

    void into(Map<String, Object> body) {
      if (!names.isEmpty()) {
        body.put("ExpressionAttributeNames", names);
      }
      if (!values.isEmpty()) {
        body.put("ExpressionAttributeValues", values);
      }
    }
  }

  // ---- items and keys ----

  Map<String, Object> item(Table t) {
    Map<String, Object> item = new LinkedHashMap<>(existingOrNewKey(t));
    remember(t, item);
    // Most items have the number, list and map that updates and nested paths work on.
    for (String name : List.of("n", "l", "m")) {
      if (r.nextInt(10) < 7) {
        item.put(name, Values.typical(r, name));
      }
    }
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      String name = anyName();
      item.put(name, Values.typical(r, name));
    }
    return item;
  }

  /** A key written before (two times in three) or a new one, sharing partition keys often. */
  Map<String, Object> existingOrNewKey(Table t) {
    List<Map<String, Object>> known = keys.get(t.name());
    if (!known.isEmpty() && r.nextInt(3) > 0) {
      return new LinkedHashMap<>(known.get(r.nextInt(known.size())));
    }
    Map<String, Object> key = new LinkedHashMap<>();
    key.put(t.hashName(), hashValue(t));
    if (t.rangeName() != null) {
      key.put(t.rangeName(), Values.key(r, t.rangeType()));
    }
    return key;
  }

  private Map<String, Object> hashValue(Table t) {
    List<Map<String, Object>> used = hashValues.get(t.name());
    if (used.size() >= 3 || (!used.isEmpty() && r.nextBoolean())) {
      return used.get(r.nextInt(used.size()));
    }
    Map<String, Object> v = Values.key(r, t.hashType());
    used.add(v);
    return v;
  }

  private Map<String, Object> rangeValue(Table t) {
    List<Map<String, Object>> known = keys.get(t.name());
    if (!known.isEmpty() && r.nextBoolean()) {
      return castMap(known.get(r.nextInt(known.size())).get(t.rangeName()));
    }
    return Values.key(r, t.rangeType());
  }

  /** begins_with takes S or B; on an N sort key the request is invalid, which is compared too. */
  private Map<String, Object> prefix(Table t) {
    return switch (t.rangeType()) {
      case 'B' -> Values.av("B", Values.binary(r, 1, 1));
      case 'N' -> Values.av("N", "1");
      default -> Values.av("S", Values.nonEmptyString(r, 1));
    };
  }

  private void remember(Table t, Map<String, Object> itemOrKey) {
    Map<String, Object> key = keyOf(t, itemOrKey);
    String k = Json.write(key);
    List<Map<String, Object>> known = keys.get(t.name());
    if (known.stream().noneMatch(x -> Json.write(x).equals(k))) {
      known.add(key);
    }
  }

  static Map<String, Object> keyOf(Table t, Map<String, Object> item) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put(t.hashName(), item.get(t.hashName()));
    if (t.rangeName() != null) {
      key.put(t.rangeName(), item.get(t.rangeName()));
    }
    return key;
  }

  // ---- helpers shared with Invalid ----

  Random random() {
    return r;
  }

  Table table() {
    return tables.get(r.nextInt(tables.size()));
  }

  void capacity(Map<String, Object> body) {
    int roll = r.nextInt(10);
    if (roll < 6) {
      body.put("ReturnConsumedCapacity", "TOTAL");
    } else if (roll == 6) {
      body.put("ReturnConsumedCapacity", pick("INDEXES", "NONE"));
    }
  }

  String pick(String... options) {
    return options[r.nextInt(options.length)];
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  /** An insertion-ordered JSON object from alternating names and values. */
  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
