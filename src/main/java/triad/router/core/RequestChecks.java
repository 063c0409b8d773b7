package triad.router.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import triad.api.core.model.AttributeValueUpdate;
import triad.api.core.model.DeleteItemInput;
import triad.api.core.model.ExpectedAttributeValue;
import triad.api.core.model.KeysAndAttributes;
import triad.api.core.model.PutItemInput;
import triad.api.core.model.QueryInput;
import triad.api.core.model.ScanInput;
import triad.api.core.model.UpdateItemInput;
import triad.api.core.model.WriteRequest;
import triad.expression.core.KeyCondition;
import triad.expression.core.Projection;
import triad.expression.core.Legacy;
import triad.expression.core.Update;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.KeySchema;
import triad.item.core.PrimaryKey;
import triad.metadata.core.IndexDefinition;
import triad.metadata.core.TableDescriptor;
import triad.storage.core.Expr;
import triad.storage.core.LegacyParams;

/**
 * The checks a router makes before it forwards anything, with DynamoDB's messages: parameter
 * combinations, ReturnValues, and compiling every expression of the request (which also proves
 * each placeholder is defined and used). Replicas compile the same text again from the cache.
 */
public final class RequestChecks {
  /** DynamoDB's BatchGetItem and BatchWriteItem limits. */
  public static final int BATCH_GET_KEYS_MAX = 100;
  public static final int BATCH_WRITE_REQUESTS_MAX = 25;

  private RequestChecks() {}

  /** A write request's expressions, compiled once here and carried as text. */
  public record Compiled(Expr expr, String returnValues, boolean returnOldOnFailure, Set<String> updatedAttributes) {}

  /**
   * Parameters that exclude each other (legacy and expression forms): DynamoDB refuses such a
   * request before it looks for the table.
   */
  public static void combinations(Object input) {
    switch (input) {
      case PutItemInput in -> legacy(in.expected() != null, "Expected", in.conditionExpression() != null, "ConditionExpression");
      case DeleteItemInput in -> legacy(in.expected() != null, "Expected", in.conditionExpression() != null, "ConditionExpression");
      case UpdateItemInput in -> {
        List<String> legacyNames = new ArrayList<>();
        if (in.attributeUpdates() != null) {
          legacyNames.add("AttributeUpdates");
        }
        if (in.expected() != null) {
          legacyNames.add("Expected");
        }
        List<String> exprNames = new ArrayList<>();
        if (in.updateExpression() != null) {
          exprNames.add("UpdateExpression");
        }
        if (in.conditionExpression() != null) {
          exprNames.add("ConditionExpression");
        }
        if (!legacyNames.isEmpty() && !exprNames.isEmpty()) {
          throw mixed(legacyNames, exprNames);
        }
      }
      case triad.api.core.model.GetItemInput in ->
          legacy(in.attributesToGet() != null, "AttributesToGet", in.projectionExpression() != null, "ProjectionExpression");
      case QueryInput in -> {
        if (in.keyConditions() != null && in.keyConditionExpression() != null) {
          throw mixed(List.of("KeyConditions"), List.of("KeyConditionExpression"));
        }
        legacy(in.queryFilter() != null, "QueryFilter", in.filterExpression() != null, "FilterExpression");
        legacy(in.attributesToGet() != null, "AttributesToGet", in.projectionExpression() != null, "ProjectionExpression");
      }
      case ScanInput in -> {
        legacy(in.scanFilter() != null, "ScanFilter", in.filterExpression() != null, "FilterExpression");
        legacy(in.attributesToGet() != null, "AttributesToGet", in.projectionExpression() != null, "ProjectionExpression");
      }
      default -> { }
    }
  }

  public static Compiled put(PutItemInput in) {
    return conditional(in.expected(), in.conditionalOperator(), in.returnValues(), in.conditionExpression(),
        in.expressionAttributeNames(), in.expressionAttributeValues(), in.returnValuesOnConditionCheckFailure());
  }

  public static Compiled delete(DeleteItemInput in) {
    return conditional(in.expected(), in.conditionalOperator(), in.returnValues(), in.conditionExpression(),
        in.expressionAttributeNames(), in.expressionAttributeValues(), in.returnValuesOnConditionCheckFailure());
  }

  /** PutItem and DeleteItem: an optional condition, ReturnValues NONE or ALL_OLD. */
  private static Compiled conditional(Map<String, ExpectedAttributeValue> expected, String conditionalOperator, String returnValues,
      String condition, Map<String, String> names, Map<String, AttributeValue> values, String onFailure) {
    legacy(expected != null, "Expected", condition != null, "ConditionExpression");
    operatorNeedsLegacy(conditionalOperator, expected != null);
    String rv = returnValues(returnValues, Set.of("NONE", "ALL_OLD"));
    requireExpressions(names, values, condition != null, "ConditionExpression is null");
    Expr expr = Expr.condition(condition, names, values).withLegacy(legacy(expected, null, null, null, conditionalOperator));
    Expr.Compiler c = new Expr.Compiler(expr);
    c.condition();
    c.context().checkAllUsed();
    return new Compiled(expr, rv, "ALL_OLD".equals(onFailure), Set.of());
  }

  public static Compiled update(UpdateItemInput in) {
    boolean expressions = in.conditionExpression() != null || in.updateExpression() != null;
    List<String> legacyNames = new ArrayList<>();
    if (in.attributeUpdates() != null) {
      legacyNames.add("AttributeUpdates");
    }
    if (in.expected() != null) {
      legacyNames.add("Expected");
    }
    if (!legacyNames.isEmpty() && expressions) {
      List<String> exprNames = new ArrayList<>();
      if (in.updateExpression() != null) {
        exprNames.add("UpdateExpression");
      }
      if (in.conditionExpression() != null) {
        exprNames.add("ConditionExpression");
      }
      throw mixed(legacyNames, exprNames);
    }
    operatorNeedsLegacy(in.conditionalOperator(), in.expected() != null);
    String rv = returnValues(in.returnValues(), Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"));
    requireExpressions(in.expressionAttributeNames(), in.expressionAttributeValues(), expressions,
        "UpdateExpression and ConditionExpression are null");
    Expr expr = new Expr(in.conditionExpression(), in.updateExpression(), null, null, null, in.expressionAttributeNames(),
        in.expressionAttributeValues()).withLegacy(legacy(in.expected(), in.attributeUpdates(), null, null, in.conditionalOperator()));
    Expr.Compiler c = new Expr.Compiler(expr);
    // DynamoDB compiles the update before the condition.
    Update u = c.update();
    c.condition();
    c.context().checkAllUsed();
    return new Compiled(expr, rv, "ALL_OLD".equals(in.returnValuesOnConditionCheckFailure()), u == null ? Set.of() : u.topLevelNames());
  }

  public static void updateLeavesKeyAlone(Compiled c, KeySchema schema) {
    for (String a : c.updatedAttributes()) {
      if (schema.isKeyAttribute(a)) {
        throw DbException.validation("One or more parameter values were invalid: Cannot update attribute " + a + ". This attribute is part of the key");
      }
    }
  }

  /** GetItem and BatchGetItem: a projection, given as an expression or as AttributesToGet. */
  public static Compiled get(String projection, List<String> attributesToGet, Map<String, String> names) {
    legacy(attributesToGet != null, "AttributesToGet", projection != null, "ProjectionExpression");
    if (attributesToGet != null) {
      return new Compiled(projectionOf(attributesToGet), "NONE", false, Set.of());
    }
    requireExpressions(names, null, projection != null, "ProjectionExpression is null");
    Expr expr = new Expr(null, null, projection, null, null, names, null);
    Expr.Compiler c = new Expr.Compiler(expr);
    c.projection();
    c.context().checkAllUsed();
    return new Compiled(expr, "NONE", false, Set.of());
  }

  /** AttributesToGet is a projection of top-level names; placeholders keep reserved words legal. */
  private static Expr projectionOf(List<String> attributes) {
    Set<String> seen = new HashSet<>();
    Map<String, String> names = new LinkedHashMap<>();
    StringJoiner text = new StringJoiner(", ");
    for (String a : attributes) {
      if (!seen.add(a)) {
        throw DbException.validation("One or more parameter values were invalid: Duplicate value in attribute name: " + a);
      }
      String placeholder = "#a" + names.size();
      names.put(placeholder, a);
      text.add(placeholder);
    }
    return new Expr(null, null, text.toString(), null, null, names, null);
  }

  /** A validated Query: the partition it reads and how. */
  /** @param singleItem the key condition can match one item at most (it pins the whole key) */
  public record Query(AttributeValue partitionValue, String index, Expr expr, Map<String, AttributeValue> exclusiveStart, int limit,
      boolean countOnly, boolean fetchItems, boolean consistent, boolean singleItem, String sortKey, AttributeValue lowest, AttributeValue highest) {

    /**
     * Whether a page ending at {@code last} may have a next one: as DynamoDB Local answers, not
     * on a table without sort key (one item per partition key), nor when the last item sits on
     * the inclusive bound of a range condition (&lt;=, &gt;=, BETWEEN) in the direction read.
     */
    public boolean mayContinueAfter(Map<String, AttributeValue> last, boolean forward) {
      if (last == null || singleItem) {
        return false;
      }
      AttributeValue bound = forward ? highest : lowest;
      return bound == null || !bound.equals(last.get(sortKey));
    }
  }

  public static Query query(QueryInput in, TableDescriptor d) {
    if (in.keyConditions() != null && in.keyConditionExpression() != null) {
      throw mixed(List.of("KeyConditions"), List.of("KeyConditionExpression"));
    }
    legacy(in.queryFilter() != null, "QueryFilter", in.filterExpression() != null, "FilterExpression");
    legacy(in.attributesToGet() != null, "AttributesToGet", in.projectionExpression() != null, "ProjectionExpression");
    if (in.keyConditions() == null && in.keyConditionExpression() == null) {
      throw DbException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
    }
    operatorNeedsLegacy(in.conditionalOperator(), in.queryFilter() != null);
    IndexDefinition index = index(in.indexName(), d);
    boolean countOnly = select(in.select(), in.indexName(), in.projectionExpression() != null || in.attributesToGet() != null);
    Expr expr = projected(new Expr(null, null, in.projectionExpression(), in.filterExpression(), in.keyConditionExpression(),
        in.expressionAttributeNames(), in.expressionAttributeValues()), in.attributesToGet())
        .withLegacy(legacy(null, null, in.keyConditions(), in.queryFilter(), in.conditionalOperator()));
    Expr.Compiler c = new Expr.Compiler(expr);
    KeySchema schema = index == null ? d.keySchema() : index.keySchema();
    Expr.Compiler.QueryParts parts = c.query(schema);
    KeyCondition kc = parts.keyCondition();
    c.context().checkAllUsed();
    Map<String, AttributeValue> start = null;
    if (in.exclusiveStartKey() != null) {
      start = startKey(in.exclusiveStartKey(), d.keySchema(), index);
      if (!start.get(d.keySchema().partitionKey()).equals(kc.partitionValue())) {
        throw DbException.validation("The provided starting key does not match the range key predicate");
      }
    }
    boolean singleItem = index == null && !d.keySchema().hasSortKey();
    AttributeValue lowest = null;
    AttributeValue highest = null;
    if (kc.sort() != null) {
      // Only range operators end on a bound (an equality answers a next page, as DynamoDB Local does).
      switch (kc.sort().op()) {
        case LE -> highest = kc.sort().value();
        case GE -> lowest = kc.sort().value();
        case BETWEEN -> {
          lowest = kc.sort().value();
          highest = kc.sort().upper();
        }
        default -> { }
      }
    }
    return new Query(kc.partitionValue(), in.indexName(), expr, start, in.limit() == null ? 0 : in.limit(), countOnly,
        fetchItems(index, d, in.select(), parts.projection()), Boolean.TRUE.equals(in.consistentRead()), singleItem, schema.sortKey(), lowest,
        highest);
  }

  /** A validated Scan: the hash range of its segment (inclusive, unsigned) and how to read it. */
  public record Scan(long hashStart, long hashEnd, String index, Expr expr, Map<String, AttributeValue> exclusiveStart, int limit, boolean countOnly,
      boolean fetchItems, boolean consistent) {}

  public static Scan scan(ScanInput in, TableDescriptor d) {
    legacy(in.scanFilter() != null, "ScanFilter", in.filterExpression() != null, "FilterExpression");
    legacy(in.attributesToGet() != null, "AttributesToGet", in.projectionExpression() != null, "ProjectionExpression");
    operatorNeedsLegacy(in.conditionalOperator(), in.scanFilter() != null);
    if (in.segment() != null && in.totalSegments() == null) {
      throw DbException.validation("If segment is specified, total segment must also be specified");
    }
    if (in.totalSegments() != null && in.segment() == null) {
      throw DbException.validation("If total segments is specified, a particular segment must also be specified for this request");
    }
    if (in.segment() != null && in.segment() >= in.totalSegments()) {
      throw DbException.validation("1 validation error detected: Value '" + in.segment()
          + "' at 'segment' failed to satisfy constraint: Member must have value less than or equal to " + (in.totalSegments() - 1));
    }
    IndexDefinition index = index(in.indexName(), d);
    boolean countOnly = select(in.select(), in.indexName(), in.projectionExpression() != null || in.attributesToGet() != null);
    if (in.filterExpression() == null && in.projectionExpression() == null) {
      requireExpressions(in.expressionAttributeNames(), in.expressionAttributeValues(), false, "FilterExpression is null");
    }
    Expr expr = projected(new Expr(null, null, in.projectionExpression(), in.filterExpression(), null, in.expressionAttributeNames(),
        in.expressionAttributeValues()), in.attributesToGet())
        .withLegacy(legacy(null, null, null, in.scanFilter(), in.conditionalOperator()));
    Expr.Compiler c = new Expr.Compiler(expr);
    c.filter();
    Projection projection = c.projection();
    c.context().checkAllUsed();
    long start = 0;
    long end = -1;
    if (in.segment() != null) {
      BigInteger space = BigInteger.ONE.shiftLeft(64);
      BigInteger total = BigInteger.valueOf(in.totalSegments());
      start = space.multiply(BigInteger.valueOf(in.segment())).divide(total).longValue();
      end = space.multiply(BigInteger.valueOf(in.segment() + 1L)).divide(total).subtract(BigInteger.ONE).longValue();
    }
    Map<String, AttributeValue> esk = in.exclusiveStartKey() == null ? null : startKey(in.exclusiveStartKey(), d.keySchema(), index);
    return new Scan(start, end, in.indexName(), expr, esk, in.limit() == null ? 0 : in.limit(), countOnly,
        fetchItems(index, d, in.select(), projection), Boolean.TRUE.equals(in.consistentRead()));
  }

  /** AttributesToGet, when given, becomes the projection (with placeholders of its own). */
  private static Expr projected(Expr expr, List<String> attributesToGet) {
    if (attributesToGet == null) {
      return expr;
    }
    Expr p = projectionOf(attributesToGet);
    return new Expr(expr.condition(), expr.update(), p.projection(), expr.filter(), expr.keyCondition(), merge(expr.names(), p.names()),
        expr.values());
  }

  /** The request's legacy parameters as replica-side data; null when it has none. */
  private static LegacyParams legacy(Map<String, ExpectedAttributeValue> expected, Map<String, AttributeValueUpdate> updates,
      Map<String, triad.api.core.model.Condition> keyConditions, Map<String, triad.api.core.model.Condition> filter, String operator) {
    if (expected == null && updates == null && keyConditions == null && filter == null) {
      return null;
    }
    return new LegacyParams(
        expected == null ? null : mapValues(expected, e -> new Legacy.ExpectedValue(e.value(), e.exists(), e.comparisonOperator(), e.attributeValueList())),
        updates == null ? null : mapValues(updates, u -> new Legacy.AttributeUpdate(u.value(), u.action() == null ? null : Legacy.Action.valueOf(u.action()))),
        keyConditions == null ? null : mapValues(keyConditions, RequestChecks::filter),
        filter == null ? null : mapValues(filter, RequestChecks::filter),
        operator == null ? null : Legacy.ConditionalOperator.valueOf(operator));
  }

  private static Legacy.Filter filter(triad.api.core.model.Condition c) {
    return new Legacy.Filter(c.comparisonOperator(), c.attributeValueList());
  }

  private static <A, B> Map<String, B> mapValues(Map<String, A> in, java.util.function.Function<A, B> f) {
    Map<String, B> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, f.apply(v)));
    return out;
  }

  private static void operatorNeedsLegacy(String conditionalOperator, boolean legacyGiven) {
    if (conditionalOperator != null && !legacyGiven) {
      throw DbException.validation("ConditionalOperator cannot be used without Filter or Expected");
    }
  }

  public static void batchGet(Map<String, KeysAndAttributes> requested) {
    int keys = 0;
    for (KeysAndAttributes ka : requested.values()) {
      keys += ka.keys() == null ? 0 : ka.keys().size();
      // Identical key maps are refused before the table is looked up, as DynamoDB does.
      if (ka.keys() != null && new HashSet<>(ka.keys()).size() < ka.keys().size()) {
        throw DbException.validation("Provided list of item keys contains duplicates");
      }
    }
    if (keys > BATCH_GET_KEYS_MAX) {
      throw DbException.validation("Too many items requested for the BatchGetItem call");
    }
  }

  public static void batchWrite(Map<String, List<WriteRequest>> requested) {
    int n = 0;
    for (List<WriteRequest> l : requested.values()) {
      for (WriteRequest w : l) {
        n++;
        if ((w.putRequest() == null) == (w.deleteRequest() == null)) {
          throw DbException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
      }
    }
    if (n > BATCH_WRITE_REQUESTS_MAX) {
      throw DbException.validation("Too many items requested for the BatchWriteItem call");
    }
  }

  private static IndexDefinition index(String indexName, TableDescriptor d) {
    if (indexName == null) {
      return null;
    }
    IndexDefinition index = d.index(indexName);
    if (index == null) {
      throw DbException.validation("The table does not have the specified index: " + indexName);
    }
    if (index.global()) {
      throw DbException.validation("Reading global secondary index " + indexName + " is not supported by this TriadDB version yet");
    }
    return index;
  }

  /**
   * Whether a read of a local index answers the table's items: it asks for all attributes, or
   * projects attributes the index does not hold. (An index read defaults to what the index holds.)
   */
  private static boolean fetchItems(IndexDefinition index, TableDescriptor d, String select, Projection projection) {
    if (index == null || index.projectionType().equals("ALL")) {
      return false;
    }
    if ("ALL_ATTRIBUTES".equals(select)) {
      return true;
    }
    if (projection == null) {
      return false;
    }
    for (String name : projection.topLevelNames()) {
      if (!d.keySchema().isKeyAttribute(name) && !index.keySchema().isKeyAttribute(name) && !index.nonKeyAttributes().contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** True when Select is COUNT. */
  private static boolean select(String select, String indexName, boolean projected) {
    if (select == null) {
      return false;
    }
    switch (select) {
      case "ALL_PROJECTED_ATTRIBUTES" -> {
        if (indexName == null) {
          throw DbException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
      }
      case "SPECIFIC_ATTRIBUTES" -> {
        if (!projected) {
          throw DbException.validation("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
        }
      }
      case "COUNT" -> {
        if (projected) {
          throw DbException.validation("Cannot specify the ProjectionExpression when choosing to get only the Count");
        }
        return true;
      }
      case "ALL_ATTRIBUTES" -> {
        if (projected) {
          throw DbException.validation("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
        }
      }
      default -> { }
    }
    return false;
  }

  /** An ExclusiveStartKey: the table's key, plus the index's sort key when an index is read. */
  private static Map<String, AttributeValue> startKey(Map<String, AttributeValue> esk, KeySchema schema, IndexDefinition index) {
    try {
      if (index == null) {
        return KeyChecks.key(esk, schema).toItem(schema);
      }
      String indexKey = index.keySchema().sortKey();
      AttributeValue indexValue = esk.get(indexKey);
      Map<String, AttributeValue> tableKey = new LinkedHashMap<>(esk);
      tableKey.remove(indexKey);
      if (indexValue == null || triad.item.core.ScalarType.of(indexValue) != index.keySchema().sortKeyType()) {
        throw DbException.validation("The provided key element does not match the schema");
      }
      Map<String, AttributeValue> out = KeyChecks.key(tableKey, schema).toItem(schema);
      out.put(indexKey, indexValue);
      return out;
    } catch (DbException e) {
      throw DbException.validation("The provided starting key is invalid: " + e.getMessage());
    }
  }

  private static void requireExpressions(Map<String, String> names, Map<String, AttributeValue> values, boolean expressions, String missing) {
    if (!expressions) {
      if (names != null) {
        throw DbException.validation("ExpressionAttributeNames can only be specified when using expressions");
      }
      if (values != null) {
        throw DbException.validation("ExpressionAttributeValues can only be specified when using expressions: " + missing);
      }
    }
  }

  private static String returnValues(String rv, Set<String> allowed) {
    if (rv == null) {
      return "NONE";
    }
    if (!allowed.contains(rv)) {
      throw DbException.validation("Return values set to invalid value");
    }
    return rv;
  }

  private static void legacy(boolean legacy, String legacyName, boolean expression, String expressionName) {
    if (legacy && expression) {
      throw mixed(List.of(legacyName), List.of(expressionName));
    }
  }

  private static DbException mixed(List<String> legacy, List<String> expressions) {
    return DbException.validation("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {"
        + String.join(", ", legacy) + "} Expression parameters: {" + String.join(", ", expressions) + "}");
  }

  private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> m = new LinkedHashMap<>();
    if (a != null) {
      m.putAll(a);
    }
    m.putAll(b);
    return m;
  }
}
