package triad.expression.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static triad.expression.core.Ddb.ctx;
import static triad.expression.core.Ddb.item;
import static triad.expression.core.Ddb.rejects;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import triad.item.core.AttributeValue;

/** UpdateExpression: every action, list and map semantics, and DynamoDB's errors (verified against DynamoDB Local). */
class UpdateTest {
  private static final Map<String, AttributeValue> OLD = item("""
      {'pk':{'S':'k'},'a':{'N':'1'},'b':{'N':'2'},'s':{'S':'x'},'ss':{'SS':['p','q']},'ns':{'NS':['1','2']},'bs':{'BS':['AQ==','Ag==']},
       'l':{'L':[{'N':'0'},{'M':{'x':{'N':'1'},'y':{'N':'2'}}},{'N':'2'},{'L':[{'N':'3'},{'N':'4'}]}]},
       'm':{'M':{'x':{'N':'1'},'y':{'M':{'z':{'N':'2'},'w':{'N':'3'}}},'l':{'L':[{'N':'0'},{'N':'1'}]}}}}""");

  private static Map<String, AttributeValue> apply(String expr, String values, String... names) {
    return compile(expr, values, names).apply(OLD);
  }

  private static Update compile(String expr, String values, String... names) {
    ExpressionContext ctx = ctx(values, names);
    Update u = Expressions.update(expr, ctx);
    ctx.checkAllUsed();
    return u;
  }

  /** The old item with some attributes replaced (JSON) and some removed. */
  private static Map<String, AttributeValue> old(String replaced, String... removed) {
    Map<String, AttributeValue> out = new java.util.LinkedHashMap<>(OLD);
    out.putAll(item(replaced));
    for (String r : removed) {
      out.remove(r);
    }
    return out;
  }

  private static void invalid(String detail, String expr, String values, String... names) {
    rejects("Invalid UpdateExpression: " + detail, () -> compile(expr, values, names));
  }

  private static void failsOnApply(String message, String expr, String values) {
    Update u = compile(expr, values);
    rejects(message, () -> u.apply(OLD));
  }

  @Test
  void setWritesValuesComputedFromTheOldItem() {
    assertEquals(old("{'a':{'N':'2'},'b':{'N':'1'}}"), apply("SET a = b, b = a", null));
    assertEquals(old("{'a':{'N':'9'},'c':{'N':'1'}}"), apply("SET a = :v, c = a", "{':v':{'N':'9'}}"));
    assertEquals(old("{'c':{'N':'10'},'d':{'N':'-7'}}"), apply("set c = a + :v, d = b - :v", "{':v':{'N':'9'}}"));
    assertEquals(old("{'c':{'N':'2'}}"), apply("SET c = (:v + :v)", "{':v':{'N':'1'}}"));
    assertEquals(old("{'m':{'M':{'x':{'N':'1'},'y':{'M':{'z':{'N':'9'},'w':{'N':'3'}}},'l':{'L':[{'N':'0'},{'N':'1'}]},'q':{'S':'x'}}}}"),
        apply("SET m.y.z = :v, m.q = s", "{':v':{'N':'9'}}"));
    assertEquals(old("{'a.b':{'N':'1'}}"), apply("SET #a = :v", "{':v':{'N':'1'}}", "#a", "a.b"));
  }

  @Test
  void ifNotExistsAndListAppend() {
    assertEquals(old("{'c':{'N':'7'}}"), apply("SET c = if_not_exists(zz, :v)", "{':v':{'N':'7'}}"));
    assertEquals(old("{'a':{'N':'1'}}"), apply("SET a = if_not_exists(a, :v)", "{':v':{'N':'7'}}"));
    assertEquals(old("{'c':{'N':'7'}}"), apply("SET c = if_not_exists(s.q, :v)", "{':v':{'N':'7'}}"), "a path through a string does not exist");
    assertEquals(old("{'c':{'N':'8'}}"), apply("SET c = if_not_exists(zz, :v) + a", "{':v':{'N':'7'}}"));
    assertEquals(old("{'c':{'N':'1'}}"), apply("SET c = if_not_exists(zz, if_not_exists(yy, a))", null));
    assertEquals(old("{'c':{'L':[{'N':'3'},{'N':'4'},{'S':'q'}]}}"), apply("SET c = list_append(l[3], :l)", "{':l':{'L':[{'S':'q'}]}}"));
    assertEquals(old("{'c':{'L':[{'S':'q'},{'S':'q'}]}}"), apply("SET c = list_append(:l, :l)", "{':l':{'L':[{'S':'q'}]}}"));
    assertEquals(old("{'c':{'L':[{'N':'0'},{'N':'1'}]}}"), apply("SET c = list_append(if_not_exists(zz, :e), m.l)", "{':e':{'L':[]}}"));
  }

  @Test
  void setOnListIndexesReplacesOrAppendsInIndexOrder() {
    String v = "{':v':{'N':'9'},':w':{'N':'8'}}";
    assertEquals(old("{'l':{'L':[{'N':'9'},{'N':'8'},{'N':'2'},{'L':[{'N':'3'},{'N':'4'}]}]}}"), apply("SET l[0] = :v, l[1] = :w", v));
    assertEquals(old("{'l':{'L':[{'N':'0'},{'M':{'x':{'N':'1'},'y':{'N':'2'}}},{'N':'2'},{'L':[{'N':'3'},{'N':'4'}]},{'N':'8'},{'N':'9'}]}}"),
        apply("SET l[20] = :v, l[15] = :w", v));
    assertEquals(old("{'m':{'M':{'x':{'N':'1'},'y':{'M':{'z':{'N':'2'},'w':{'N':'3'}}},'l':{'L':[{'N':'0'},{'N':'1'},{'N':'9'}]}}}}"),
        apply("SET m.l[3] = :v", "{':v':{'N':'9'}}"));
  }

  @Test
  void removeDropsAttributesAndListElementsByTheirOldIndexes() {
    assertEquals(old("{}", "a", "s"), apply("REMOVE a, s, zz, m.zz", null));
    assertEquals(old("{'l':{'L':[{'N':'0'},{'L':[{'N':'3'},{'N':'4'}]}]}}"), apply("REMOVE l[1], l[2]", null));
    assertEquals(OLD, apply("REMOVE l[100]", null));
    assertEquals(old("{'l':{'L':[{'N':'9'},{'M':{'x':{'N':'9'},'y':{'N':'2'}}},{'L':[{'N':'3'},{'N':'4'}]}]}}"),
        apply("SET l[0] = :v, l[1].x = :v REMOVE l[2]", "{':v':{'N':'9'}}"));
    assertEquals(old("{'l':{'L':[{'M':{'x':{'N':'1'},'y':{'N':'2'}}},{'N':'9'},{'L':[{'N':'3'},{'N':'4'}]}]}}"),
        apply("REMOVE l[0] SET l[2] = :v", "{':v':{'N':'9'}}"));
    assertEquals(old("{'l':{'L':[{'N':'0'},{'M':{'x':{'N':'1'},'y':{'N':'2'}}},{'N':'2'},{'L':[{'N':'4'},{'N':'9'}]}]}}"),
        apply("SET l[3][5] = :v REMOVE l[3][0]", "{':v':{'N':'9'}}"));
    assertEquals(old("{'l':{'L':[]}}"), apply("REMOVE l[0], l[1], l[2], l[3]", null));
  }

  @Test
  void addSumsNumbersAndUnitesSetsStartingFromNothing() {
    assertEquals(old("{'a':{'N':'10'},'c':{'N':'9'}}"), apply("ADD a :v, c :v", "{':v':{'N':'9'}}"));
    assertEquals(old("{'ss':{'SS':['p','q','z']},'c':{'SS':['p','z']}}"), apply("ADD ss :s, c :s", "{':s':{'SS':['p','z']}}"));
    assertEquals(old("{'ns':{'NS':['1','2','5']}}"), apply("ADD ns :n", "{':n':{'NS':['1','5']}}"));
    assertEquals(old("{'bs':{'BS':['AQ==','Ag==','Aw==']}}"), apply("ADD bs :b", "{':b':{'BS':['Aw==']}}"));
    assertEquals(old("{'m':{'M':{'x':{'N':'10'},'y':{'M':{'z':{'N':'2'},'w':{'N':'3'}}},'l':{'L':[{'N':'0'},{'N':'1'}]},'zz':{'N':'9'}}}}"),
        apply("ADD m.x :v, m.zz :v", "{':v':{'N':'9'}}"));
    assertEquals(old("{'l':{'L':[{'N':'9'},{'M':{'x':{'N':'1'},'y':{'N':'2'}}},{'N':'2'},{'L':[{'N':'3'},{'N':'4'}]},{'N':'9'}]}}"),
        apply("ADD l[0] :v, l[9] :v", "{':v':{'N':'9'}}"));
  }

  @Test
  void deleteRemovesSetElementsAndEmptySets() {
    assertEquals(old("{'ss':{'SS':['q']}}"), apply("DELETE ss :s", "{':s':{'SS':['p','z']}}"));
    assertEquals(old("{}", "ss"), apply("DELETE ss :s", "{':s':{'SS':['p','q']}}"));
    assertEquals(old("{}", "bs"), apply("DELETE bs :b", "{':b':{'BS':['AQ==','Ag==']}}"));
    assertEquals(OLD, apply("DELETE zz :n, l[10] :n", "{':n':{'NS':['1']}}"));
  }

  @Test
  void numbersStayExact() {
    assertEquals(old("{'a':{'N':'100000000000000000000000000000000000000'}}"),
        apply("SET a = :big + :one", "{':big':{'N':'99999999999999999999999999999999999999'},':one':{'N':'1'}}"));
    assertEquals(old("{'c':{'N':'0.3'}}"), apply("SET c = :x + :y", "{':x':{'N':'0.1'},':y':{'N':'0.2'}}"));
    assertEquals(old("{'c':{'N':'-1E-130'}}"), apply("SET c = :x - :y", "{':x':{'N':'1E-129'},':y':{'N':'1.1E-129'}}"));
    failsOnApply("DynamoDB only supports precision up to 38 digits", "SET a = :x + :y",
        "{':x':{'N':'9999999999999999999999999999999999999.9'},':y':{'N':'0.01'}}");
    failsOnApply("DynamoDB only supports precision up to 38 digits", "ADD a :x", "{':x':{'N':'1E-100'}}");
    failsOnApply("Number underflow. Attempting to store a number with magnitude smaller than supported range", "SET a = :x - :y",
        "{':x':{'N':'1E-130'},':y':{'N':'1.1E-130'}}");
    failsOnApply("Number overflow. Attempting to store a number with magnitude larger than supported range", "SET a = :x + :x",
        "{':x':{'N':'9E+125'}}");
  }

  @Test
  void errorsWhenApplying() {
    String missing = "The provided expression refers to an attribute that does not exist in the item";
    String badType = "An operand in the update expression has an incorrect data type";
    String badPath = "The document path provided in the update expression is invalid for update";
    failsOnApply(missing, "SET c = zz", null);
    failsOnApply(missing, "SET c = zz + :v", "{':v':{'N':'1'}}");
    failsOnApply(missing, "SET c = list_append(zz, :l)", "{':l':{'L':[]}}");
    failsOnApply(missing, "SET c = l[10]", null);
    failsOnApply(missing, "SET zz.a = :v, b = zz", "{':v':{'N':'1'}}");
    failsOnApply(badType, "SET c = s + :v", "{':v':{'N':'1'}}");
    failsOnApply(badType, "SET c = list_append(s, :l)", "{':l':{'L':[]}}");
    failsOnApply(badType, "ADD s :v", "{':v':{'N':'1'}}");
    failsOnApply(badType, "ADD ss :n", "{':n':{'NS':['1']}}");
    failsOnApply(badType, "DELETE a :n", "{':n':{'NS':['1']}}");
    for (String e : List.of("SET zz.a = :v", "SET zz[0] = :v", "SET m.y.q.r = :v", "SET s.y = :v", "SET s[0] = :v", "SET m[0] = :v",
        "SET l.x = :v", "SET l[10].x = :v", "REMOVE zz.a", "REMOVE zz[0]", "REMOVE s.x", "REMOVE l[0].x", "REMOVE l[10].x", "ADD zz.y :v")) {
      failsOnApply(badPath, e, e.contains(":v") ? "{':v':{'N':'1'}}" : null);
    }
  }

  @Test
  void ofSeveralRuntimeErrorsTheFirstNodeInDynamoDbsOrderWins() {
    String missing = "The provided expression refers to an attribute that does not exist in the item";
    String badType = "An operand in the update expression has an incorrect data type";
    String badPath = "The document path provided in the update expression is invalid for update";
    String l = "{':l':{'L':[]}}";
    String vl = "{':v':{'N':'1'},':l':{'L':[]}}";
    // top-level buckets: n 0, l 2, y 5, x 6, s 12, a 13, ss 14 — clause and text order do not matter
    failsOnApply(missing, "SET l = list_append(zz, :l) REMOVE s.c", l);
    failsOnApply(badPath, "SET s = list_append(zz, :l) REMOVE l.c", l);
    failsOnApply(badPath, "REMOVE l.c SET s = list_append(zz, :l)", l);
    failsOnApply(missing, "SET ss = :v + s, n = list_append(zz, :l)", vl);
    failsOnApply(badType, "SET x = zz, y = :v + s", "{':v':{'N':'1'}}");
    failsOnApply(badType, "ADD s :v SET ss = list_append(zz, :l)", vl);
    failsOnApply(badPath, "DELETE ss :n REMOVE s.c", "{':n':{'NS':['1']}}");
    failsOnApply(badType, "DELETE a :n REMOVE ss.c", "{':n':{'NS':['1']}}");
    // below the top level too: m.y before m.x, l[1] before l[0], l[14] before both
    failsOnApply(missing, "SET m.x = :v + s, m.y = list_append(zz, :l)", vl);
    failsOnApply(badType, "SET l[0] = list_append(zz, :l), l[1] = :v + s", vl);
    failsOnApply(badPath, "SET l[0] = list_append(zz, :l), l[14].x = :v", vl);
  }

  @Test
  void operandsAreCheckedAsSoonAsEvaluated() {
    String missing = "The provided expression refers to an attribute that does not exist in the item";
    String badType = "An operand in the update expression has an incorrect data type";
    failsOnApply(badType, "SET c = s + zz", null);
    failsOnApply(missing, "SET c = zz + s", null);
    failsOnApply(badType, "SET c = list_append(s, zz)", null);
    failsOnApply(missing, "SET c = list_append(zz, s)", null);
    failsOnApply(missing, "SET c = if_not_exists(a, zz)", null);
    failsOnApply(missing, "SET c = if_not_exists(a, zz) + :v", "{':v':{'N':'1'}}");
    assertEquals(old("{'c':{'S':'x'}}"), apply("SET c = if_not_exists(zz, s)", null));
  }

  @Test
  void errorsInTheExpression() {
    invalid("The \"SET\" section can only be used once in an update expression;", "SET a = :v set b = :v", "{':v':{'N':'1'}}");
    invalid("The \"REMOVE\" section can only be used once in an update expression;", "remove a Remove b", null);
    invalid("The function is not allowed in an update expression; function: size", "SET a = size(b)", null);
    invalid("The function is not allowed in an update expression; function: attribute_exists", "SET a = attribute_exists(b)", null);
    invalid("Invalid function name; function: foo", "SET a = foo(b)", null);
    invalid("The function is not allowed to be used this way in an expression; function: list_append", "SET a = list_append(list_append(l, l), l)", null);
    invalid("The function is not allowed to be used this way in an expression; function: list_append", "SET a = if_not_exists(b, list_append(l, l))", null);
    invalid("The function is not allowed to be used this way in an expression; function: list_append", "SET a = b + list_append(l, l)", null);
    invalid("The expression has redundant parentheses;", "SET a = ((:v + :v))", "{':v':{'N':'1'}}");
    invalid("Attribute name is a reserved keyword; reserved keyword: name", "SET a = :v SET b = :v, name = :v", "{':v':{'N':'1'}}");
    invalid("Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1",
        "SET a = if_not_exists(b)", null);
    invalid("Operator or function requires a document path; operator or function: if_not_exists", "SET a = if_not_exists(:v, b)",
        "{':v':{'N':'1'}}");
    invalid("The first operand must be distinct from the remaining operands for this operator or function; operator: if_not_exists, first operand: [b]",
        "SET a = if_not_exists(b, b)", null);
    invalid("Incorrect operand type for operator or function; operator or function: +, operand type: S", "SET a = :s + b", "{':s':{'S':'x'}}");
    invalid("Incorrect operand type for operator or function; operator or function: -, operand type: L", "SET a = b - :s", "{':s':{'L':[]}}");
    invalid("Incorrect operand type for operator or function; operator or function: list_append, operand type: N", "SET a = list_append(b, :v)",
        "{':v':{'N':'1'}}");
    invalid("Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND", "ADD a :s",
        "{':s':{'S':'x'}}");
    invalid("Incorrect operand type for operator or function; operator: ADD, operand type: MAP, typeSet: ALLOWED_FOR_ADD_OPERAND", "ADD a :s",
        "{':s':{'M':{}}}");
    invalid("Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND",
        "DELETE a :v", "{':v':{'N':'1'}}");
    invalid("Expression size has exceeded the maximum allowed size;", "SET " + "x".repeat(4088) + " = :v", "{':v':{'N':'1'}}");
    invalid("The document path has too many nesting levels; nesting levels: 33", "SET a = :v, a" + ".b".repeat(32) + " = :v", "{':v':{'N':'1'}}");
  }

  @Test
  void overlappingAndConflictingPaths() {
    String v = "{':v':{'N':'1'}}";
    String overlap = "Two document paths overlap with each other; must remove or rewrite one of these paths; ";
    String conflict = "Two document paths conflict with each other; must remove or rewrite one of these paths; ";
    invalid(overlap + "path one: [a], path two: [a]", "SET a = :v, a = :v", v);
    invalid(overlap + "path one: [a], path two: [a, b]", "SET a = :v, a.b = :v", v);
    invalid(overlap + "path one: [a, b], path two: [a]", "SET a.b = :v REMOVE a", v);
    invalid(overlap + "path one: [l, [1]], path two: [l, [1]]", "SET l[1] = :v REMOVE l[1]", v);
    invalid(overlap + "path one: [a], path two: [a]", "SET a = :v ADD a :v", v);
    invalid(overlap + "path one: [a], path two: [a]", "SET a = :v, #a = :v", v, "#a", "a");
    invalid(conflict + "path one: [a, [0]], path two: [a, b]", "SET a[0] = :v, a.b = :v", v);
    invalid(conflict + "path one: [b, c], path two: [b, [0]]", "REMOVE b[1], b.c SET b[0] = :v", v);
    invalid(overlap + "path one: [a, d], path two: [z]", "REMOVE a.d, a SET z = :v", v);
    invalid(overlap + "path one: [a], path two: [a]", "SET a = :v, a = :undefined", v);
    invalid("An expression attribute name used in the document path is not defined; attribute name: #u2", "SET a = #u1, #u2 = :v", v);
    invalid("An expression attribute value used in expression is not defined; attribute value: :u2", "SET a = :v + :u, c = :u2", v);
  }

  @Test
  void topLevelNamesAndUpdatedPaths() {
    Update u = compile("SET m.y.z = :v, l[1].x = :v, c = :v REMOVE l[3][0], s ADD ns :n", "{':v':{'N':'9'},':n':{'NS':['7']}}");
    assertEquals(List.of("m", "l", "c", "s", "ns"), List.copyOf(u.topLevelNames()));
    Map<String, AttributeValue> updated = u.apply(OLD);
    assertEquals(item("{'m':{'M':{'y':{'M':{'z':{'N':'2'}}}}},'l':{'L':[{'M':{'x':{'N':'1'}}},{'L':[{'N':'3'}]}]},'s':{'S':'x'},'ns':{'NS':['1','2']}}"),
        u.updatedPaths().apply(OLD), "UPDATED_OLD");
    assertEquals(item("{'m':{'M':{'y':{'M':{'z':{'N':'9'}}}}},'l':{'L':[{'M':{'x':{'N':'9'}}},{'L':[{'N':'4'}]}]},'c':{'N':'9'},'ns':{'NS':['1','2','7']}}"),
        u.updatedPaths().apply(updated), "UPDATED_NEW");
  }

  @Test
  void updatesANewItem() {
    Update u = compile("SET a = :v ADD n :n, ss :s REMOVE gone DELETE absent :s", "{':v':{'S':'x'},':n':{'N':'5'},':s':{'SS':['p']}}");
    assertEquals(item("{'a':{'S':'x'},'n':{'N':'5'},'ss':{'SS':['p']}}"), u.apply(Map.of()));
    rejects("The document path provided in the update expression is invalid for update",
        () -> compile("SET a.b = :v", "{':v':{'N':'1'}}").apply(Map.of()));
  }
}
