package triad.expression.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static triad.expression.core.Ddb.ctx;
import static triad.expression.core.Ddb.rejects;
import static triad.expression.core.Ddb.value;

import org.junit.jupiter.api.Test;
import triad.expression.core.SortKeyCondition.Op;
import triad.item.core.KeySchema;
import triad.item.core.ScalarType;

/** KeyConditionExpression against hash-only and composite key schemas (verified against DynamoDB Local). */
class KeyConditionTest {
  private static final KeySchema HASH = KeySchema.hashOnly("pk", ScalarType.S);
  private static final KeySchema RANGE = new KeySchema("pk", ScalarType.S, "sk", ScalarType.N);
  private static final KeySchema BINARY_RANGE = new KeySchema("pk", ScalarType.S, "sk", ScalarType.B);

  /** Compiles with only the values the expression names, so unused values do not get in the way. */
  private static KeyCondition key(String expr, KeySchema schema) {
    StringBuilder values = new StringBuilder("{");
    for (String v : new String[] {":p':{'S':'x'}", ":n':{'N':'1'}", ":m':{'N':'2'}", ":s':{'S':'a'}", ":b':{'B':'AQ=='}"}) {
      if (expr.matches(".*" + v.substring(0, 2) + "(?![A-Za-z0-9_]).*")) {
        values.append(values.length() > 1 ? "," : "").append("'").append(v);
      }
    }
    String json = values.length() > 1 ? values.append("}").toString() : null;
    return Expressions.keyCondition(expr, ctx(json), schema);
  }

  private static void fails(String message, String expr, KeySchema schema) {
    rejects(message, () -> key(expr, schema));
  }

  @Test
  void partitionKeyOnly() {
    KeyCondition k = key("pk = :p", HASH);
    assertEquals(value("{'S':'x'}"), k.partitionValue());
    assertNull(k.sort());
    assertEquals(value("{'S':'x'}"), key("(:p = pk)", HASH).partitionValue());
  }

  @Test
  void sortKeyConditions() {
    assertEquals(new SortKeyCondition(Op.EQ, value("{'N':'1'}"), null), key("pk = :p AND sk = :n", RANGE).sort());
    assertEquals(new SortKeyCondition(Op.LT, value("{'N':'1'}"), null), key("sk < :n AND pk = :p", RANGE).sort());
    assertEquals(new SortKeyCondition(Op.LE, value("{'N':'1'}"), null), key("pk = :p AND sk <= :n", RANGE).sort());
    assertEquals(new SortKeyCondition(Op.GT, value("{'N':'1'}"), null), key("pk = :p AND :n < sk", RANGE).sort(), "flipped");
    assertEquals(new SortKeyCondition(Op.GE, value("{'N':'1'}"), null), key("(pk = :p) AND (:n <= sk)", RANGE).sort());
    assertEquals(new SortKeyCondition(Op.BETWEEN, value("{'N':'1'}"), value("{'N':'2'}")), key("pk = :p AND sk BETWEEN :n AND :m", RANGE).sort());
    assertEquals(new SortKeyCondition(Op.BEGINS_WITH, value("{'B':'AQ=='}"), null), key("pk = :p AND begins_with(sk, :b)", BINARY_RANGE).sort());
    KeyCondition named = Expressions.keyCondition("#a = :p AND #b = :n", ctx("{':p':{'S':'x'},':n':{'N':'1'}}", "#a", "pk", "#b", "sk"), RANGE);
    assertEquals(new KeyCondition(value("{'S':'x'}"), new SortKeyCondition(Op.EQ, value("{'N':'1'}"), null)), named);
  }

  @Test
  void unsupportedOperators() {
    fails("Invalid operator used in KeyConditionExpression: OR", "pk = :p OR sk = :n", RANGE);
    fails("Invalid operator used in KeyConditionExpression: OR", "pk = :p AND (sk = :n OR sk = :n)", RANGE);
    fails("Invalid operator used in KeyConditionExpression: NOT", "NOT pk = :p", RANGE);
    fails("Invalid operator used in KeyConditionExpression: IN", "pk IN (:p)", RANGE);
    fails("Invalid operator used in KeyConditionExpression: <>", "pk = :p AND sk <> :n", RANGE);
    fails("Invalid operator used in KeyConditionExpression: attribute_exists", "attribute_exists(pk)", RANGE);
    fails("Invalid operator used in KeyConditionExpression: contains", "pk = :p AND contains(sk, :n)", RANGE);
    fails("KeyConditionExpressions cannot contain nested operations", "pk = :p AND size(sk) = :n", RANGE);
    fails("KeyConditionExpressions cannot have conditions on nested attributes", "x.y = :p", RANGE);
    fails("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk", "pk = :p OR pk.x = :p", RANGE);
    fails("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: sk", "pk = :p AND sk[0] = :n", RANGE);
  }

  @Test
  void malformedConditions() {
    fails("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition", "pk = :p AND sk = pk", RANGE);
    fails("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition", "pk = :p AND sk BETWEEN pk AND :n", RANGE);
    fails("Invalid condition in KeyConditionExpression: No key attribute specified", "pk = :p AND :n = :n", RANGE);
    fails("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand",
        "pk = :p AND :n BETWEEN sk AND :m", RANGE);
    fails("Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand",
        "pk = :p AND begins_with(:s, sk)", RANGE);
    fails("KeyConditionExpressions must only contain one condition per key", "pk = :p AND pk = :p", HASH);
    fails("KeyConditionExpressions must only contain one condition per key", "pk = :p AND x = :n AND y = :n AND pk = :p", RANGE);
    fails("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition", "pk = :p AND x = :n AND sk = pk", RANGE);
    fails("Conditions can be of length 1 or 2 only", "pk = :p AND sk = :n AND x = :n", RANGE);
  }

  @Test
  void keySchemaMismatches() {
    String typeMismatch = "One or more parameter values were invalid: Condition parameter type does not match schema type";
    fails(typeMismatch, "pk = :n", HASH);
    fails(typeMismatch, "pk = :p AND sk = :s", RANGE);
    fails(typeMismatch, "pk = :p AND sk BETWEEN :s AND :s", RANGE);
    fails(typeMismatch, "pk = :p AND begins_with(sk, :s)", BINARY_RANGE);
    fails(typeMismatch, "pk = :n AND x = :n", RANGE);
    fails("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
        "pk = :p AND begins_with(sk, :n)", RANGE);
    fails("Query condition missed key schema element: pk", "x = :n", HASH);
    fails("Query condition missed key schema element: pk", "sk = :n", RANGE);
    fails("Query condition missed key schema element: sk", "pk = :p AND x < :n", RANGE);
    fails("Query key condition not supported", "pk < :p", HASH);
    fails("Query key condition not supported", "begins_with(pk, :p)", HASH);
    fails("Query key condition not supported", "pk < :p AND sk = :n", RANGE);
    fails("Query key condition not supported", "pk = :p AND sk = :n", HASH);
    fails("Query key condition not supported", "pk = :p AND x = :n", HASH);
    fails("Query key condition not supported", "x = :p AND y = :n", HASH); // found by differential seed 6328
  }

  @Test
  void genericErrorsComeFirstAndUnusedValuesBeforeTheKeyStructure() {
    fails("Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: name", "pk.x = :p AND name = :p", RANGE);
    fails("Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :undef",
        "pk.x = :undef", RANGE);
    fails("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
        + "lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}", "pk = :p AND sk BETWEEN :m AND :n", RANGE);
    rejects("Value provided in ExpressionAttributeValues unused in expressions: keys: {:n}",
        () -> Expressions.keyCondition("pk < :p", ctx("{':p':{'S':'x'},':n':{'N':'1'}}"), RANGE));
  }

  @Test
  void queryFiltersMustNotReadKeyAttributes() {
    ExpressionContext ctx = ctx("{':p':{'S':'x'}}");
    Condition filter = Expressions.filter("sk = :p AND pk = :p", ctx);
    Expressions.keyCondition("pk = :p", ctx, RANGE);
    rejects("Filter Expression can only contain non-primary key attributes: Primary key attribute: pk", () -> Expressions.checkQueryFilter(filter, RANGE));
    ExpressionContext ctx2 = ctx("{':p':{'S':'x'}}");
    Condition nested = Expressions.filter("pk.a = :p", ctx2);
    rejects("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk",
        () -> Expressions.checkQueryFilter(nested, RANGE));
    Expressions.checkQueryFilter(Expressions.filter("a.pk = :p", ctx("{':p':{'S':'x'}}")), RANGE);
  }
}
