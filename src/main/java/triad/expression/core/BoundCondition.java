package triad.expression.core;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import triad.expression.core.Bound.Pred;
import triad.item.core.AttributeValue;

/** A condition bound to its request, from an expression or from legacy parameters. */
record BoundCondition(Pred pred, Set<String> topLevelNames) implements Condition {

  static BoundCondition of(Pred pred) {
    Set<String> names = new LinkedHashSet<>();
    Bound.paths(pred).forEach(p -> names.add(p.topLevelName()));
    return new BoundCondition(pred, Collections.unmodifiableSet(names));
  }

  @Override
  public boolean test(Map<String, AttributeValue> item) {
    return pred.test(item);
  }
}
