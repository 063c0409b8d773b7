package triad.expression.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static triad.expression.core.Ddb.ctx;
import static triad.expression.core.Ddb.item;
import static triad.expression.core.Ddb.names;
import static triad.expression.core.Ddb.rejects;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** ExpressionAttributeNames and ExpressionAttributeValues: validation and usage (verified against DynamoDB Local). */
class ExpressionContextTest {

  private static void condition(String expr, Map<String, String> names, String values) {
    ExpressionContext ctx = new ExpressionContext(names, values == null ? null : item(values));
    Expressions.condition(expr, ctx);
    ctx.checkAllUsed();
  }

  @Test
  void emptyMapsAreRefusedBeforeTheExpressionIsRead() {
    rejects("ExpressionAttributeValues must not be empty", () -> condition("a x b", null, "{}"));
    rejects("ExpressionAttributeNames must not be empty", () -> condition("a = :v", names(), "{}"));
    rejects("ExpressionAttributeNames contains invalid key: Syntax error; key: \"x\"", () -> condition("a = :v", names("x", "y"), "{}"));
  }

  @Test
  void keysMustBePlaceholders() {
    rejects("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"", () -> condition("#a = b", names("#a", "x", "#", "y"), null));
    rejects("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#b-c\"", () -> condition("#a = b", names("#a", "x", "#b-c", "y"), null));
    rejects("ExpressionAttributeValues contains invalid key: Syntax error; key: \"w\"", () -> condition("a = :v", null, "{':v':{'N':'1'},'w':{'N':'2'}}"));
    rejects("ExpressionAttributeValues contains invalid key: Syntax error; key: \":\"", () -> condition("a = :v", null, "{':v':{'N':'1'},':':{'N':'2'}}"));
    rejects("ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"", () -> condition("a = :v", names("#x", ""), "{'v':{'N':'1'}}"));
  }

  @Test
  void namesMustNotBeEmptyAndValuesMustNotHoldEmptySets() {
    rejects("ExpressionAttributeNames contains invalid value: Empty attribute name for key #b", () -> condition("#a x", names("#a", "a", "#b", ""), null));
    String prefix = "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: ";
    rejects(prefix + "An string set  may not be empty for key :v", () -> condition("a = :v", null, "{':v':{'SS':[]}}"));
    rejects(prefix + "An number set  may not be empty for key :v", () -> condition("a = :v", null, "{':v':{'M':{'a':{'NS':[]}}}}"));
    rejects(prefix + "Binary sets should not be empty for key :v", () -> condition("a = :v", null, "{':v':{'L':[{'BS':[]}]}}"));
  }

  @Test
  void sizeLimits() {
    rejects("ExpressionAttributeNames contains invalid value: Attribute name is too large, must be less than 65536 bytes for key #n",
        () -> condition("attribute_exists(#n)", names("#n", "n".repeat(65536)), null));
    condition("attribute_exists(#n)", names("#n", "n".repeat(65535)), null);
    rejects("ExpressionAttributeValues contains invalid value: Item size has exceeded the maximum allowed size for key :v",
        () -> condition("a = :v", null, "{':v':{'L':[{'S':'" + "x".repeat(409_601) + "'}]}}"));
    condition("a = :v", null, "{':v':{'S':'" + "x".repeat(500_000) + "'}}");
    StringBuilder values = new StringBuilder("{':a':{'S':'y'}");
    for (int i = 0; i < 4; i++) {
      values.append(",':u").append(i).append("':{'S':'").append("x".repeat(524_285)).append("'}");
    }
    rejects("ExpressionAttributeValues exceeds max size", () -> condition("a = :a", null, values.append("}").toString()));
  }

  @Test
  void everyNameAndValueMustBeUsed() {
    rejects("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}", () -> condition("a = b", names("#a", "x"), null));
    rejects("Value provided in ExpressionAttributeNames unused in expressions: keys: {#x, #y}",
        () -> condition("a = :v", names("#x", "a", "#y", "b"), "{':v':{'N':'1'},':w':{'N':'1'}}"));
    rejects("Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}", () -> condition("a = :v", null, "{':v':{'N':'1'},':w':{'N':'1'}}"));
    rejects("Value provided in ExpressionAttributeValues unused in expressions: keys: {:l, :s, :ss, :v, :ns}",
        () -> condition("a = :z", null, "{':z':{'N':'1'},':l':{'N':'1'},':s':{'N':'1'},':ss':{'N':'1'},':v':{'N':'1'},':ns':{'N':'1'}}"));
  }

  @Test
  void usageSpansTheRequestsExpressions() {
    ExpressionContext ctx = ctx("{':v':{'N':'1'},':w':{'N':'2'}}", "#a", "a", "#b", "b");
    Expressions.update("SET #a = :v", ctx);
    Expressions.condition("#b <> :w", ctx);
    ctx.checkAllUsed();
    assertTrue(ctx.compiledAny());
  }

  @Test
  void withoutExpressionsNamesAreRefusedAndEmptyMapsIgnored() {
    ExpressionContext none = new ExpressionContext(names(), item("{}"));
    none.checkAllUsed();
    assertFalse(none.compiledAny());
    rejects("ExpressionAttributeNames can only be specified when using expressions", () -> ctx(null, "#a", "x").checkAllUsed());
    ctx("{':v':{'N':'1'}}").checkAllUsed();
  }
}
