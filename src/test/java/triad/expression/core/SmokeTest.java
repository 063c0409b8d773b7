package triad.expression.core;

import static org.junit.jupiter.api.Assertions.*;
import static triad.expression.core.Ddb.*;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void smoke() {
    var item = item("{'a':{'N':'1'},'s':{'S':'x'}}");
    assertTrue(Expressions.condition("a = :v", ctx("{':v':{'N':'1'}}")).test(item));
    rejects("Invalid ConditionExpression: Syntax error; token: \"x\", near: \"a x b\"", () -> Expressions.condition("a x b", ctx(null)));
    var u = Expressions.update("SET b = a + :v REMOVE s", ctx("{':v':{'N':'2'}}"));
    assertEquals(item("{'a':{'N':'1'},'b':{'N':'3'}}"), u.apply(item));
    var p = Expressions.projection("a, s", ctx(null));
    assertEquals(item, p.apply(item));
  }
}
