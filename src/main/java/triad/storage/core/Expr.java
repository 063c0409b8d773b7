package triad.storage.core;

import java.util.Map;
import triad.expression.core.Condition;
import triad.expression.core.ExpressionContext;
import triad.expression.core.Expressions;
import triad.expression.core.KeyCondition;
import triad.expression.core.Legacy;
import triad.expression.core.Projection;
import triad.expression.core.Update;
import triad.item.core.AttributeValue;
import triad.item.core.KeySchema;

/**
 * The expressions of one request as text, with the request's ExpressionAttributeNames and
 * Values, or its legacy parameters. Replicas compile them again from the shared parse cache
 * ({@link Compiler}); text crosses the network more simply than syntax trees.
 */
public record Expr(
    String condition,
    String update,
    String projection,
    String filter,
    String keyCondition,
    Map<String, String> names,
    Map<String, AttributeValue> values,
    LegacyParams legacy) {

  public static final Expr NONE = new Expr(null, null, null, null, null, null, null);

  public Expr(String condition, String update, String projection, String filter, String keyCondition, Map<String, String> names,
      Map<String, AttributeValue> values) {
    this(condition, update, projection, filter, keyCondition, names, values, null);
  }

  public Expr withLegacy(LegacyParams params) {
    return new Expr(condition, update, projection, filter, keyCondition, names, values, params);
  }

  /**
   * The one place a request's conditions, updates, filters and key conditions are compiled, from
   * expressions or from their legacy equivalents: routers to check a request, replicas to carry
   * it out.
   */
  public static final class Compiler {
    private final Expr expr;
    private final ExpressionContext ctx;

    public Compiler(Expr expr) {
      this.expr = expr;
      this.ctx = new ExpressionContext(expr.names(), expr.values());
    }

    public ExpressionContext context() {
      return ctx;
    }

    public Condition condition() {
      if (expr.condition() != null) {
        return Expressions.condition(expr.condition(), ctx);
      }
      return legacy() != null && legacy().expected() != null ? Legacy.expected(legacy().expected(), legacy().conditionalOperator()) : null;
    }

    public Update update() {
      if (expr.update() != null) {
        return Expressions.update(expr.update(), ctx);
      }
      return legacy() != null && legacy().attributeUpdates() != null ? Legacy.attributeUpdates(legacy().attributeUpdates()) : null;
    }

    public Condition filter() {
      if (expr.filter() != null) {
        return Expressions.filter(expr.filter(), ctx);
      }
      return legacy() != null && legacy().filter() != null ? Legacy.filter(legacy().filter(), legacy().conditionalOperator()) : null;
    }

    public Projection projection() {
      return expr.projection() == null ? null : Expressions.projection(expr.projection(), ctx);
    }

    /** What a Query reads: its key condition, filter (or null) and projection (or null). */
    public record QueryParts(KeyCondition keyCondition, Condition filter, Projection projection) {}

    /** A Query's parts, checked in DynamoDB's order for expressions and for legacy parameters. */
    public QueryParts query(KeySchema schema) {
      if (expr.keyCondition() != null) {
        // Filter, projection, then the key condition (which checks every placeholder is used).
        Condition filter = filter();
        Projection projection = projection();
        KeyCondition kc = Expressions.keyCondition(expr.keyCondition(), ctx, schema);
        if (filter != null && expr.filter() != null) {
          Expressions.checkQueryFilter(filter, schema);
        }
        return new QueryParts(kc, filter, projection);
      }
      // KeyConditions completely before QueryFilter.
      KeyCondition kc = Legacy.keyConditions(legacy().keyConditions(), schema);
      if (legacy().filter() != null) {
        Legacy.checkQueryFilter(legacy().filter(), schema);
      }
      return new QueryParts(kc, filter(), projection());
    }

    private LegacyParams legacy() {
      return expr.legacy();
    }
  }

  public static Expr condition(String condition, Map<String, String> names, Map<String, AttributeValue> values) {
    return new Expr(condition, null, null, null, null, names, values);
  }
}
