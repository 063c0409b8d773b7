package triad.storage.core;

import java.util.Map;
import triad.item.core.AttributeValue;

/**
 * The expressions of one request as text, with the request's ExpressionAttributeNames and
 * Values. Replicas compile them again from the shared parse cache; text crosses the network more
 * simply than syntax trees.
 */
public record Expr(
    String condition,
    String update,
    String projection,
    String filter,
    String keyCondition,
    Map<String, String> names,
    Map<String, AttributeValue> values) {

  public static final Expr NONE = new Expr(null, null, null, null, null, null, null);

  public static Expr condition(String condition, Map<String, String> names, Map<String, AttributeValue> values) {
    return new Expr(condition, null, null, null, null, names, values);
  }
}
