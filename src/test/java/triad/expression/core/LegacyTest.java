package triad.expression.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static triad.expression.core.Ddb.item;
import static triad.expression.core.Ddb.rejects;
import static triad.expression.core.Ddb.value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import triad.expression.core.Legacy.Action;
import triad.expression.core.Legacy.AttributeUpdate;
import triad.expression.core.Legacy.ConditionalOperator;
import triad.expression.core.Legacy.ExpectedValue;
import triad.expression.core.Legacy.Filter;
import triad.item.core.AttributeValue;
import triad.item.core.KeySchema;
import triad.item.core.ScalarType;

/** Expected, QueryFilter/ScanFilter, KeyConditions, AttributeUpdates and AttributesToGet (verified against DynamoDB Local). */
class LegacyTest {
  private static final Map<String, AttributeValue> ITEM = item("""
      {'pk':{'S':'k'},'a':{'N':'1'},'s':{'S':'hello'},'ss':{'SS':['x','y']},'l':{'L':[{'N':'1'},{'S':'x'}]},'m':{'M':{'k':{'N':'1'}}}}""");
  private static final KeySchema RANGE = new KeySchema("pk", ScalarType.S, "sk", ScalarType.N);

  private static Filter f(String op, String... values) {
    return new Filter(op, java.util.Arrays.stream(values).map(Ddb::value).toList());
  }

  private static boolean filter(String name, Filter f) {
    return Legacy.filter(Map.of(name, f), null).test(ITEM);
  }

  private static boolean expected(String name, ExpectedValue e) {
    return Legacy.expected(Map.of(name, e), null).test(ITEM);
  }

  @Test
  void expectedValueAndExists() {
    assertTrue(expected("a", new ExpectedValue(value("{'N':'1'}"), null, null, null)));
    assertFalse(expected("a", new ExpectedValue(value("{'N':'2'}"), true, null, null)));
    assertTrue(expected("zz", new ExpectedValue(null, false, null, null)));
    assertFalse(expected("a", new ExpectedValue(null, false, null, null)));
    assertTrue(expected("a", new ExpectedValue(value("{'N':'0'}"), null, "GT", null)), "Value stands for a one-element list");
    assertTrue(Legacy.expected(Map.of(), null).test(ITEM));
    String invalid = "One or more parameter values were invalid: ";
    rejects(invalid + "Value must be provided when Exists is true for Attribute: a", () -> expected("a", new ExpectedValue(null, true, null, null)));
    rejects(invalid + "Value must be provided when Exists is null for Attribute: a", () -> expected("a", new ExpectedValue(null, null, null, null)));
    rejects(invalid + "Value cannot be used when Exists is false for Attribute: a",
        () -> expected("a", new ExpectedValue(value("{'N':'1'}"), false, null, null)));
    rejects(invalid + "Value and AttributeValueList cannot be used together for Attribute: a",
        () -> expected("a", new ExpectedValue(value("{'N':'1'}"), null, "EQ", List.of(value("{'N':'1'}")))));
    rejects(invalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: a",
        () -> expected("a", new ExpectedValue(null, false, null, List.of(value("{'N':'1'}")))));
    rejects(invalid + "Exists and ComparisonOperator cannot be used together for Attribute: a",
        () -> expected("a", new ExpectedValue(null, false, "NULL", null)));
    rejects(invalid + "Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: a",
        () -> expected("a", new ExpectedValue(null, null, "EQ", null)));
  }

  @Test
  void comparisonOperators() {
    assertTrue(filter("a", f("EQ", "{'N':'1'}")));
    assertTrue(filter("zz", f("NE", "{'N':'2'}")), "NE holds for a missing attribute");
    assertTrue(filter("a", f("LT", "{'N':'2'}")));
    assertFalse(filter("a", f("LT", "{'S':'2'}")));
    assertTrue(filter("a", f("NOT_NULL")));
    assertTrue(filter("zz", f("NULL")));
    assertTrue(filter("s", f("CONTAINS", "{'S':'ell'}")));
    assertTrue(filter("ss", f("CONTAINS", "{'S':'x'}")));
    assertTrue(filter("l", f("CONTAINS", "{'N':'1'}")));
    assertFalse(filter("zz", f("NOT_CONTAINS", "{'S':'x'}")), "NOT_CONTAINS does not hold for a missing attribute");
    assertTrue(filter("s", f("NOT_CONTAINS", "{'N':'1'}")));
    assertTrue(filter("s", f("BEGINS_WITH", "{'S':'he'}")));
    assertTrue(filter("a", f("IN", "{'N':'3'}", "{'N':'1'}")));
    assertTrue(filter("a", f("BETWEEN", "{'N':'0'}", "{'N':'2'}")));
    Map<String, Filter> two = new LinkedHashMap<>();
    two.put("a", f("EQ", "{'N':'1'}"));
    two.put("s", f("EQ", "{'S':'nope'}"));
    assertFalse(Legacy.filter(two, ConditionalOperator.AND).test(ITEM));
    assertTrue(Legacy.filter(two, ConditionalOperator.OR).test(ITEM));
  }

  @Test
  void comparisonErrors() {
    String invalid = "One or more parameter values were invalid: ";
    rejects("Comparison type does not exist in DynamoDB", () -> filter("a", f("eq", "{'N':'1'}")));
    rejects("Comparison type does not exist in DynamoDB", () -> filter("a", new Filter(null, List.of())));
    rejects(invalid + "Invalid number of argument(s) for the EQ ComparisonOperator", () -> filter("a", f("EQ")));
    rejects(invalid + "Invalid number of argument(s) for the NOT_NULL ComparisonOperator", () -> filter("a", f("NOT_NULL", "{'N':'1'}")));
    rejects(invalid + "ComparisonOperator LT is not valid for SS AttributeValue type", () -> filter("a", f("LT", "{'SS':['x']}")));
    rejects(invalid + "ComparisonOperator CONTAINS is not valid for M AttributeValue type", () -> filter("a", f("CONTAINS", "{'M':{}}")));
    rejects(invalid + "ComparisonOperator IN is not valid for SS AttributeValue type", () -> filter("a", f("IN", "{'S':'x'}", "{'SS':['x']}")));
    rejects(invalid + "AttributeValues inside AttributeValueList must be of same type", () -> filter("a", f("IN", "{'S':'1'}", "{'N':'1'}")));
    rejects("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound",
        () -> filter("a", f("BETWEEN", "{'N':'2'}", "{'N':'0'}")));
    rejects(invalid + "An string set  may not be empty", () -> filter("a", f("EQ", "{'SS':[]}")));
    rejects("ConditionalOperator can only be used when Filter or Expected has two or more elements",
        () -> Legacy.filter(Map.of("a", f("EQ", "{'N':'1'}")), ConditionalOperator.OR));
  }

  @Test
  void keyConditions() {
    Map<String, Filter> kc = new LinkedHashMap<>();
    kc.put("pk", f("EQ", "{'S':'x'}"));
    kc.put("sk", f("BETWEEN", "{'N':'1'}", "{'N':'2'}"));
    assertEquals(new KeyCondition(value("{'S':'x'}"), new SortKeyCondition(SortKeyCondition.Op.BETWEEN, value("{'N':'1'}"), value("{'N':'2'}"))),
        Legacy.keyConditions(kc, RANGE));
    rejects("Conditions must be at least length 1", () -> Legacy.keyConditions(Map.of(), RANGE));
    rejects("Query key condition not supported", () -> Legacy.keyConditions(Map.of("pk", f("IN", "{'S':'x'}")), RANGE));
    rejects("Query condition missed key schema element: pk", () -> Legacy.keyConditions(Map.of("sk", f("EQ", "{'N':'1'}")), RANGE));
    kc.put("sk", f("CONTAINS", "{'N':'1'}"));
    rejects("Attempted conditional constraint is not an indexable operation", () -> Legacy.keyConditions(kc, RANGE));
    kc.put("sk", f("NOT_NULL"));
    rejects("Only scalar types can be used as Range Key values", () -> Legacy.keyConditions(kc, RANGE));
    kc.put("sk", f("EQ", "{'S':'1'}"));
    rejects("One or more parameter values were invalid: Condition parameter type does not match schema type", () -> Legacy.keyConditions(kc, RANGE));
    kc.put("x", f("EQ", "{'N':'1'}"));
    rejects("Conditions can be of length 1 or 2 only", () -> Legacy.keyConditions(kc, RANGE));
    Map<String, Filter> qf = new LinkedHashMap<>();
    qf.put("a", f("EQ", "{'N':'1'}"));
    qf.put("sk", f("EQ", "{'N':'1'}"));
    rejects("QueryFilter can only contain non-primary key attributes: Primary key attribute: sk", () -> Legacy.checkQueryFilter(qf, RANGE));
  }

  @Test
  void attributeUpdates() {
    Map<String, AttributeUpdate> u = new LinkedHashMap<>();
    u.put("a", new AttributeUpdate(value("{'N':'5'}"), Action.ADD));
    u.put("s", new AttributeUpdate(null, Action.DELETE));
    u.put("ss", new AttributeUpdate(value("{'SS':['x','y']}"), Action.DELETE));
    u.put("l", new AttributeUpdate(value("{'L':[{'S':'z'}]}"), Action.ADD));
    u.put("n", new AttributeUpdate(value("{'S':'new'}"), null));
    Update update = Legacy.attributeUpdates(u);
    assertEquals(item("{'pk':{'S':'k'},'a':{'N':'6'},'l':{'L':[{'N':'1'},{'S':'x'},{'S':'z'}]},'m':{'M':{'k':{'N':'1'}}},'n':{'S':'new'}}"),
        update.apply(ITEM));
    assertEquals(List.of("a", "s", "ss", "l", "n"), List.copyOf(update.topLevelNames()));
    assertEquals(item("{'a':{'N':'1'},'s':{'S':'hello'},'ss':{'SS':['x','y']},'l':{'L':[{'N':'1'},{'S':'x'}]}}"), update.updatedPaths().apply(ITEM));
    String invalid = "One or more parameter values were invalid: ";
    rejects(invalid + "Only DELETE action is allowed when no attribute value is specified",
        () -> Legacy.attributeUpdates(Map.of("a", new AttributeUpdate(null, Action.PUT))));
    rejects(invalid + "ADD action is not supported for the type STRING",
        () -> Legacy.attributeUpdates(Map.of("a", new AttributeUpdate(value("{'S':'x'}"), Action.ADD))));
    rejects(invalid + "DELETE action with value is not supported for the type LIST",
        () -> Legacy.attributeUpdates(Map.of("l", new AttributeUpdate(value("{'L':[]}"), Action.DELETE))));
    rejects("Type mismatch for attribute to update",
        () -> Legacy.attributeUpdates(Map.of("s", new AttributeUpdate(value("{'N':'5'}"), Action.ADD))).apply(ITEM));
  }

  @Test
  void attributesToGet() {
    assertEquals(item("{'a':{'N':'1'},'m':{'M':{'k':{'N':'1'}}}}"), Legacy.attributesToGet(List.of("a", "zz", "m")).apply(ITEM));
    rejects("Cannot have two attributes with the same name", () -> Legacy.attributesToGet(List.of("a", "a")));
  }
}
