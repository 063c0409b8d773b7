package triad.expression.core;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import triad.item.core.AttributeValue;
import triad.item.core.Bytes;
import triad.item.core.DbException;
import triad.item.core.ItemSize;
import triad.item.core.KeySchema;
import triad.item.core.Num;
import triad.item.core.ScalarType;
import triad.testkit.FuzzChecks;

/**
 * The expression language (triad.expression.core): any text, as any of the five kinds of
 * expression, with names and values of every type, compiles or is refused with a
 * ValidationException; what compiles evaluates against a nested item, or is refused the same way.
 */
class ExpressionsFuzzTest {
  private static final KeySchema KEYS = new KeySchema("pk", ScalarType.S, "sk", ScalarType.N);
  private static final Map<String, AttributeValue> ITEM = Map.of(
      "pk", new AttributeValue.S("p"),
      "sk", new AttributeValue.N(Num.of(7)),
      "a", new AttributeValue.L(List.of(new AttributeValue.S("x"), new AttributeValue.N(Num.of(1)),
          new AttributeValue.M(Map.of("b", new AttributeValue.L(List.of()))))),
      "m", new AttributeValue.M(Map.of("n", new AttributeValue.M(Map.of("o", new AttributeValue.N(Num.of(-3)))))),
      "ss", new AttributeValue.SS(Set.of("u", "v")),
      "ns", new AttributeValue.NS(Set.of(Num.of(1), Num.of(2))),
      "bs", new AttributeValue.BS(Set.of(Bytes.wrap(new byte[] {1}))),
      "t", AttributeValue.Bool.TRUE,
      "z", AttributeValue.Null.INSTANCE);

  @FuzzTest(maxDuration = "15s")
  void anyExpressionCompilesAndEvaluatesOrIsRefused(FuzzedDataProvider d) {
    int kind = d.consumeInt(0, 4);
    Map<String, String> names = new LinkedHashMap<>();
    names.put("#a", "a");
    names.put("#m", "m");
    names.put("#k", "pk");
    names.put("#f", d.consumeString(12));
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    values.put(":s", new AttributeValue.S(d.consumeString(16)));
    values.put(":n", new AttributeValue.N(Num.of(d.consumeLong())));
    values.put(":l", new AttributeValue.L(List.of(new AttributeValue.S("w"))));
    values.put(":m", new AttributeValue.M(Map.of("q", AttributeValue.Null.INSTANCE)));
    values.put(":ss", new AttributeValue.SS(Set.of("u", d.consumeString(4) + "!")));
    values.put(":ns", new AttributeValue.NS(Set.of(Num.of(d.consumeInt()))));
    values.put(":b", new AttributeValue.B(Bytes.wrap(d.consumeBytes(8))));
    values.put(":t", AttributeValue.Bool.FALSE);
    String text = d.consumeRemainingAsString();
    ExpressionContext ctx = new ExpressionContext(names, values);
    FuzzChecks.acceptedOrRefused(Set.of(DbException.Kind.VALIDATION), () -> {
      switch (kind) {
        case 0 -> {
          Condition c = Expressions.condition(text, ctx);
          c.test(ITEM);
          c.test(Map.of());
        }
        case 1 -> Expressions.filter(text, ctx).test(ITEM);
        case 2 -> Expressions.projection(text, ctx).apply(ITEM);
        case 3 -> {
          Update u = Expressions.update(text, ctx);
          Map<String, AttributeValue> updated = u.apply(ITEM);
          ItemSize.of(updated);
          u.updatedPaths().apply(updated);
          u.apply(Map.of());
        }
        default -> Expressions.keyCondition(text, ctx, KEYS);
      }
    });
  }
}
