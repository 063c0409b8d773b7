package triad.expression.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static triad.expression.core.Ddb.ctx;
import static triad.expression.core.Ddb.item;
import static triad.expression.core.Ddb.rejects;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import triad.item.core.AttributeValue;

/** ConditionExpression and FilterExpression: evaluation and DynamoDB's errors (verified against DynamoDB Local). */
class ConditionTest {
  private static final Map<String, AttributeValue> ITEM = item("""
      {'pk':{'S':'k1'},'a':{'N':'1'},'b':{'N':'2'},'s':{'S':'héllo'},'e':{'S':'\uffff'},'sp':{'S':'\ud800\udc00'},'n':{'N':'10'},
       'bin':{'B':'AQID'},'t':{'BOOL':true},'nul':{'NULL':true},'ss':{'SS':['x','y']},'ns':{'NS':['1','2']},'bs':{'BS':['AQ==']},
       'l':{'L':[{'N':'1'},{'S':'x'},{'L':[{'N':'2'}]}]},'m':{'M':{'k':{'N':'1'},'q':{'S':'x'},'y':{'M':{'z':{'N':'2'}}}}},'es':{'S':''}}""");

  private static boolean holds(String expr, String values, String... names) {
    return holdsOn(ITEM, expr, values, names);
  }

  private static boolean holdsOn(Map<String, AttributeValue> item, String expr, String values, String... names) {
    ExpressionContext ctx = ctx(values, names);
    Condition c = Expressions.condition(expr, ctx);
    ctx.checkAllUsed();
    return c.test(item);
  }

  private static void invalid(String detail, String expr, String values, String... names) {
    rejects("Invalid ConditionExpression: " + detail, () -> {
      ExpressionContext ctx = ctx(values, names);
      Expressions.condition(expr, ctx);
      ctx.checkAllUsed();
    });
  }

  @Test
  void comparatorsOrderNumbersStringsAndBinaries() {
    assertTrue(holds("n < :v", "{':v':{'N':'11'}}"));
    assertTrue(holds("n <= :v", "{':v':{'N':'10.0'}}"));
    assertTrue(holds("n >= :v", "{':v':{'N':'1E1'}}"));
    assertFalse(holds("n > :v", "{':v':{'N':'10'}}"));
    assertTrue(holds("s > :v", "{':v':{'S':'hello'}}"));
    assertTrue(holds("bin < :v", "{':v':{'B':'/w=='}}"), "binary compares unsigned");
    assertTrue(holds("bin > :v", "{':v':{'B':'AQ=='}}"), "a prefix sorts first");
  }

  @Test
  void stringsCompareByUtf8BytesNotUtf16Units() {
    assertTrue(holds("e < sp", null), "U+FFFF sorts before U+10000 in UTF-8");
    assertFalse(holds("sp < e", null));
  }

  @Test
  void comparingDifferentTypesIsFalseNotAnError() {
    assertFalse(holds("n < :v", "{':v':{'S':'11'}}"));
    assertFalse(holds("n = :v", "{':v':{'S':'10'}}"));
    assertTrue(holds("n <> :v", "{':v':{'S':'10'}}"));
    assertFalse(holds("size(s) < :v", "{':v':{'S':'x'}}"));
  }

  @Test
  void equalityIsDeepAndSetsIgnoreOrder() {
    assertTrue(holds("t = :v", "{':v':{'BOOL':true}}"));
    assertTrue(holds("nul = :v", "{':v':{'NULL':true}}"));
    assertTrue(holds("ss = :v", "{':v':{'SS':['y','x']}}"));
    assertTrue(holds("ns = :v", "{':v':{'NS':['2','1.0']}}"));
    assertTrue(holds("l = :v", "{':v':{'L':[{'N':'1'},{'S':'x'},{'L':[{'N':'2.0'}]}]}}"));
    assertFalse(holds("l = :v", "{':v':{'L':[{'S':'x'},{'N':'1'},{'L':[{'N':'2'}]}]}}"), "lists are ordered");
    assertTrue(holds("m = :v", "{':v':{'M':{'q':{'S':'x'},'k':{'N':'1'},'y':{'M':{'z':{'N':'2'}}}}}}"));
  }

  @Test
  void missingAttributesMakeComparisonsFalseAndInequalityTrue() {
    assertFalse(holds("zz = :v", "{':v':{'N':'1'}}"));
    assertFalse(holds("zz < :v", "{':v':{'N':'1'}}"));
    assertTrue(holds("zz <> :v", "{':v':{'N':'1'}}"));
    assertTrue(holds("zz <> yy", null));
    assertFalse(holds("zz = yy", null));
    assertTrue(holds("NOT zz = :v", "{':v':{'N':'1'}}"));
    assertFalse(holds("zz IN (:v)", "{':v':{'N':'1'}}"));
    assertFalse(holds("zz BETWEEN :v AND :v", "{':v':{'N':'1'}}"));
  }

  @Test
  void conditionsOnNoItem() {
    assertTrue(holdsOn(Map.of(), "attribute_not_exists(a)", null));
    assertFalse(holdsOn(Map.of(), "attribute_exists(a)", null));
    assertTrue(holdsOn(Map.of(), "a <> :v", "{':v':{'N':'1'}}"));
    assertTrue(holdsOn(Map.of(), ":v = :v", "{':v':{'N':'1'}}"));
  }

  @Test
  void betweenIsInclusiveAndNeedsOneType() {
    assertTrue(holds("n BETWEEN :a AND :b", "{':a':{'N':'10'},':b':{'N':'10'}}"));
    assertFalse(holds("n BETWEEN :a AND :b", "{':a':{'N':'10.5'},':b':{'N':'11'}}"));
    assertTrue(holds("s BETWEEN :a AND :b", "{':a':{'S':'h'},':b':{'S':'i'}}"));
    assertFalse(holds("s BETWEEN :a AND :b", "{':a':{'N':'1'},':b':{'N':'2'}}"));
    assertTrue(holds("size(s) BETWEEN a AND n", null));
  }

  @Test
  void inMatchesAnyOperand() {
    assertTrue(holds("n IN (:a, :b)", "{':a':{'S':'10'},':b':{'N':'10.0'}}"));
    assertFalse(holds("n IN (:a, :b)", "{':a':{'S':'10'},':b':{'N':'11'}}"));
    assertTrue(holds("a IN (b, a.x, :v)", "{':v':{'N':'1'}}"));
    assertTrue(holds(":v IN (size(s))", "{':v':{'N':'5'}}"));
  }

  @Test
  void notBindsTighterThanAndWhichBindsTighterThanOr() {
    String v = "{':v':{'N':'1'},':w':{'N':'2'}}";
    assertTrue(holds("a = :v OR a = :w AND a = :w", v), "OR(a=1, AND(a=2, a=2))");
    assertFalse(holds("(a = :v OR a = :w) AND a = :w", v));
    assertTrue(holds("NOT a = :w AND a = :v", v), "AND(NOT a=2, a=1)");
    assertFalse(holds("NOT (a = :v AND a = :v)", "{':v':{'N':'1'}}"));
    assertFalse(holds("NOT NOT NOT a = :v", "{':v':{'N':'1'}}"));
    assertTrue(holds("NOT a = :w OR a = :w AND a = :v", v), "OR(NOT a=2, AND(a=2, a=1))");
    assertTrue(holds("a = :v and b = :w", v), "keywords are case-insensitive");
  }

  @Test
  void parenthesesAroundOperandsAndConditions() {
    String v = "{':v':{'N':'1'}}";
    assertTrue(holds("(a) = :v", v));
    assertTrue(holds("a = (:v)", v));
    assertTrue(holds("(:v) = a", v));
    assertTrue(holds("NOT (a) = :w", "{':w':{'N':'2'}}"));
    assertTrue(holds("(size(s)) = :v", "{':v':{'N':'5'}}"));
    assertTrue(holds("attribute_exists((a))", null));
    assertTrue(holds("((a = :v) AND (b <> :v))", v));
    assertTrue(holds("(a) BETWEEN (:v) AND (:v)", v));
  }

  @Test
  void documentPaths() {
    assertTrue(holds("l[2][0] = :v", "{':v':{'N':'2'}}"));
    assertTrue(holds("m.y.z > :v", "{':v':{'N':'1'}}"));
    assertTrue(holds("#m.#y.z = :v", "{':v':{'N':'2'}}", "#m", "m", "#y", "y"));
    assertTrue(holds("#n = :v", "{':v':{'N':'7'}}", "#n", "a.b") == false);
    assertTrue(holdsOn(item("{'a.b':{'N':'7'}}"), "#n = :v", "{':v':{'N':'7'}}", "#n", "a.b"), "a placeholder is one name, dots and all");
    assertTrue(holds("a [ 0 ] <> :v AND m . k = :v", "{':v':{'N':'1'}}"), "blanks between path elements are allowed");
    assertTrue(holds("attribute_not_exists(l[3])", null));
    assertTrue(holds("attribute_not_exists(s.k)", null), "a string has no keys");
    assertTrue(holds("attribute_not_exists(m[0])", null), "a map has no indexes");
    assertTrue(holds("a.size = :v OR size.a = :v OR a_1 = :v OR attribute_exists(m)", "{':v':{'N':'1'}}"), "function names are not reserved");
  }

  @Test
  void attributeExistsAndType() {
    assertTrue(holds("attribute_exists(l[2][0])", null));
    assertTrue(holds("attribute_not_exists(zz.zz)", null));
    for (String[] c : new String[][] {{"s", "S"}, {"n", "N"}, {"bin", "B"}, {"t", "BOOL"}, {"nul", "NULL"}, {"ss", "SS"}, {"ns", "NS"},
        {"bs", "BS"}, {"l", "L"}, {"m", "M"}}) {
      assertTrue(holds("attribute_type(" + c[0] + ", :t)", "{':t':{'S':'" + c[1] + "'}}"), c[0]);
      assertFalse(holds("attribute_type(" + c[0] + ", :t)", "{':t':{'S':'" + (c[1].equals("S") ? "N" : "S") + "'}}"), c[0]);
    }
    assertFalse(holds("attribute_type(zz, :t)", "{':t':{'S':'S'}}"));
  }

  @Test
  void beginsWithOnStringsAndBinaries() {
    assertTrue(holds("begins_with(s, :v)", "{':v':{'S':'hé'}}"));
    assertTrue(holds("begins_with(s, :v)", "{':v':{'S':''}}"));
    assertTrue(holds("begins_with(bin, :v)", "{':v':{'B':'AQ=='}}"));
    assertFalse(holds("begins_with(n, :v)", "{':v':{'S':'1'}}"));
    assertTrue(holds("begins_with(:v, s)", "{':v':{'S':'héllo world'}}"));
  }

  @Test
  void containsOnStringsBinariesSetsAndLists() {
    assertTrue(holds("contains(s, :v)", "{':v':{'S':'él'}}"));
    assertTrue(holds("contains(s, :v)", "{':v':{'S':''}}"));
    assertFalse(holds("contains(s, :v)", "{':v':{'N':'1'}}"));
    assertTrue(holds("contains(bin, :v)", "{':v':{'B':'AgM='}}"));
    assertFalse(holds("contains(bin, :v)", "{':v':{'B':'AwI='}}"));
    assertTrue(holds("contains(ss, :v)", "{':v':{'S':'x'}}"));
    assertFalse(holds("contains(ss, :v)", "{':v':{'SS':['x']}}"), "a set is not a member of a set");
    assertTrue(holds("contains(ns, :v)", "{':v':{'N':'1.00'}}"));
    assertFalse(holds("contains(ns, :v)", "{':v':{'S':'1'}}"));
    assertTrue(holds("contains(bs, :v)", "{':v':{'B':'AQ=='}}"));
    assertTrue(holds("contains(l, :v)", "{':v':{'N':'1'}}"));
    assertTrue(holds("contains(l, :v)", "{':v':{'L':[{'N':'2'}]}}"));
    assertFalse(holds("contains(m, :v)", "{':v':{'S':'k'}}"), "maps contain nothing");
    assertFalse(holds("contains(n, :v)", "{':v':{'N':'1'}}"));
  }

  @Test
  void sizeCountsUtf16UnitsBytesAndElements() {
    String[][] sizes = {{"s", "5"}, {"sp", "2"}, {"es", "0"}, {"bin", "3"}, {"ss", "2"}, {"ns", "2"}, {"bs", "1"}, {"l", "3"}, {"m", "3"}};
    for (String[] c : sizes) {
      assertTrue(holds("size(" + c[0] + ") = :v", "{':v':{'N':'" + c[1] + "'}}"), c[0]);
    }
    assertFalse(holds("size(n) = :v", "{':v':{'N':'2'}}"), "numbers have no size");
    assertTrue(holds("size(t) <> :v", "{':v':{'N':'2'}}"));
    assertTrue(holds("size(zz) <> :v", "{':v':{'N':'2'}}"));
    assertTrue(holds("size(:v) = :w", "{':v':{'S':'abc'},':w':{'N':'3'}}"));
  }

  @Test
  void topLevelNamesInTextOrder() {
    Condition c = Expressions.condition("m.y = :v OR size(s) > a[0] AND attribute_exists(#x)", ctx("{':v':{'N':'1'}}", "#x", "pk"));
    assertEquals(List.of("m", "s", "a", "pk"), List.copyOf(c.topLevelNames()));
  }

  @Test
  void errorsInTheText() {
    invalid("The expression can not be empty;", "", null);
    invalid("Attribute name is a reserved keyword; reserved keyword: name", "name = :v", "{':v':{'N':'1'}}");
    invalid("Attribute name is a reserved keyword; reserved keyword: NaMe", "a.NaMe = :v", "{':v':{'N':'1'}}");
    invalid("Invalid function name; function: foo", "foo(a)", null);
    invalid("Invalid function name; function: ATTRIBUTE_EXISTS", "ATTRIBUTE_EXISTS(a)", null);
    invalid("The function is not allowed to be used this way in an expression; function: size", "size(a)", null);
    invalid("The function is not allowed to be used this way in an expression; function: attribute_exists", "attribute_exists(a) = b", null);
    invalid("The function is not allowed to be used this way in an expression; function: begins_with", "a IN (b, begins_with(a, b))", null);
    invalid("The function is not allowed in a condition expression; function: if_not_exists", "if_not_exists(a, b) = c", null);
    invalid("The function is not allowed in a condition expression; function: list_append", "list_append(a, b) = c", null);
    invalid("The expression has redundant parentheses;", "((a = b))", null);
    invalid("The expression has redundant parentheses;", "a = ((b))", null);
    invalid("The expression has redundant parentheses;", "attribute_exists(((a)))", null);
    invalid("List index is not within the allowable range; index: [2147483648]", "a[2147483648] = b", null);
    invalid("List index is not within the allowable range; index: [99999999999999999]", "a[99999999999999999] = b", null);
  }

  @Test
  void errorsOfBinding() {
    invalid("An expression attribute name used in the document path is not defined; attribute name: #b", "a = :v AND #b = :w",
        "{':v':{'N':'1'},':w':{'N':'1'}}");
    invalid("An expression attribute value used in expression is not defined; attribute value: :v", "a = :v AND #b = :w", null);
    invalid("An expression attribute name used in the document path is not defined; attribute name: :v", "a.:v = b", null);
    invalid("Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2",
        "attribute_exists(a, b)", null);
    invalid("Incorrect number of operands for operator or function; operator or function: contains, number of operands: 1", "contains(s)", null);
    invalid("Operator or function requires a document path; operator or function: attribute_exists", "attribute_exists(:v)", "{':v':{'S':'x'}}");
    invalid("Incorrect operand type for operator or function; operator or function: <, operand type: BOOL", "a < :v", "{':v':{'BOOL':true}}");
    invalid("Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: M", "a BETWEEN :v AND :v",
        "{':v':{'M':{}}}");
    invalid("Incorrect operand type for operator or function; operator or function: begins_with, operand type: N", "begins_with(a, :v)",
        "{':v':{'N':'1'}}");
    invalid("Incorrect operand type for operator or function; operator or function: begins_with, operand type: N", "begins_with(size(s), a)", null);
    invalid("Incorrect operand type for operator or function; operator or function: size, operand type: N", "size(size(a)) = b", null);
    invalid("Incorrect operand type for operator or function; operator or function: size, operand type: BOOL", "size(:v) = b",
        "{':v':{'BOOL':false}}");
    invalid("Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N", "attribute_type(a, :v)",
        "{':v':{'N':'1'}}");
    invalid("Invalid attribute type name found; type: s, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}", "attribute_type(a, :v)",
        "{':v':{'S':'s'}}");
    invalid("The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a, b]",
        "a.b = a.b", null);
    invalid("The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]",
        "a = #a", null, "#a", "a");
    invalid("The first operand must be distinct from the remaining operands for this operator or function; operator: IN, first operand: [a]",
        "a IN (b, a)", null);
    invalid("The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]",
        "contains(a, a)", null);
    invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, "
        + "upper bound operand: AttributeValue: {N:1}", "a BETWEEN :v AND :w", "{':v':{'N':'2'},':w':{'N':'1'}}");
    invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: "
        + "{B:java.nio.HeapByteBuffer[pos=0 lim=1 cap=1]}, upper bound operand: AttributeValue: {B:java.nio.HeapByteBuffer[pos=0 lim=1 cap=1]}",
        "a BETWEEN :v AND :w", "{':v':{'B':'Ag=='},':w':{'B':'AQ=='}}");
    invalid("The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, "
        + "upper bound operand: AttributeValue: {S:x}", "a BETWEEN :v AND :w", "{':v':{'N':'1'},':w':{'S':'x'}}");
  }

  @Test
  void errorsComeInDynamoDbsOrder() {
    String v = "{':ok':{'S':'x'}}";
    invalid("The expression has redundant parentheses;", "name = :ok AND ((a)) = :ok", v);
    invalid("Attribute name is a reserved keyword; reserved keyword: name", "#undef = :ok AND name = :ok", v);
    invalid("Invalid function name; function: foo", "a = :undef AND foo(a)", v);
    invalid("An expression attribute name used in the document path is not defined; attribute name: #undef", "#undef = :ok AND a = :undef", v);
    invalid("An expression attribute value used in expression is not defined; attribute value: :undef", "a = :undef AND #undef = :ok", v);
    invalid("An expression attribute name used in the document path is not defined; attribute name: #undef", "begins_with(#undef, :ok, :ok)", v);
    invalid("Incorrect operand type for operator or function; operator or function: size, operand type: N", "size(:ok) = :undef", "{':ok':{'N':'1'}}");
    invalid("An expression attribute name used in the document path is not defined; attribute name: #u",
        String.join(" AND ", Collections.nCopies(151, "a = :ok")) + " AND #u = :ok", v);
  }

  @Test
  void limits() {
    String v = "{':v':{'N':'1'}}";
    assertTrue(holds("a IN (" + ":v,".repeat(99) + "b)", v));
    invalid("The IN operator is provided with too many operands; number of operands: 101", "a IN (" + ":v,".repeat(100) + ":v)", v);
    assertTrue(holds(String.join(" AND ", Collections.nCopies(150, "a = :v")), v), "300 operators");
    invalid("The expression contains too many operators; operator count: 301", String.join(" AND ", Collections.nCopies(151, "a = :v")), v);
    invalid("The expression contains too many operators; operator count: 301", String.join(" AND ", Collections.nCopies(101, "size(a) = :v")), v);
    invalid("The expression contains too many operators; operator count: 301", "NOT ".repeat(300) + "a = :v", v);
    assertFalse(holds("NOT ".repeat(299) + "a = :v", v));
    assertFalse(holds("a" + ".b".repeat(31) + " = :v", v), "32 levels");
    invalid("The document path has too many nesting levels; nesting levels: 33", "a" + "[0]".repeat(32) + " = :v", v);
    assertFalse(holds("x".repeat(4091) + " = :v", v), "4096 characters");
    invalid("Expression size has exceeded the maximum allowed size; expression size: 4097", "x".repeat(4092) + " = :v", v);
    invalid("Expression size has exceeded the maximum allowed size; expression size: 4098", "a = :v" + " ".repeat(2043) + "é".repeat(2049), v);
  }

  @Test
  void substitutedNamesAndValuesCountAgainstOneMegabytePerUse() {
    String sixteen = String.join(" OR ", Collections.nCopies(16, "attribute_exists(#n)"));
    assertFalse(holds(sixteen, null, "#n", "n".repeat(65512)), "380 characters + 16 x 65512 bytes = 1 MB");
    invalid("Expression size has exceeded the maximum allowed size;", sixteen, null, "#n", "n".repeat(65513));
    invalid("Expression size has exceeded the maximum allowed size;", sixteen, null, "#n", "é".repeat(32757));
    String big = "{':v':{'S':'" + "x".repeat(600_000) + "'}}";
    assertFalse(holds("a = :v", big));
    invalid("Expression size has exceeded the maximum allowed size;", "a = :v OR b = :v", big);
    invalid("The expression contains too many operators; operator count: 301", String.join(" AND ", Collections.nCopies(151, "a = :v")), big);
  }

  @Test
  void deepNestingIsRefusedWithoutExhaustingTheStack() {
    String v = "{':v':{'N':'1'}}";
    invalid("The expression has redundant parentheses;", "(".repeat(1500) + "a = :v" + ")".repeat(1500), v);
    invalid("The expression contains too many operators; operator count: 301", "NOT(".repeat(600) + "a = :v" + ")".repeat(600), v);
    assertTrue(holds("NOT (".repeat(200) + "a = :v" + ")".repeat(200), v));
  }

  @Test
  void filterErrorsNameTheFilter() {
    rejects("Invalid FilterExpression: Syntax error; token: \"x\", near: \"a x b\"", () -> Expressions.filter("a x b", ctx(null)));
    rejects("Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: 4097",
        () -> Expressions.filter("x".repeat(4092) + " = :v", ctx("{':v':{'N':'1'}}")));
    assertEquals(Set.of("a"), Expressions.filter("a = :v", ctx("{':v':{'N':'1'}}")).topLevelNames());
  }
}
