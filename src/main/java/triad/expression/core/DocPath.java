package triad.expression.core;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import triad.item.core.AttributeValue;

/**
 * A document path with its placeholders resolved: a top-level attribute name followed by map keys
 * and list indexes. Prints as DynamoDB quotes paths in messages: {@code [a, b, [3]]}.
 */
record DocPath(List<Step> steps) {

  sealed interface Step permits Key, Index {}

  record Key(String name) implements Step {
    @Override
    public String toString() {
      return name;
    }
  }

  record Index(int index) implements Step {
    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }

  DocPath {
    steps = List.copyOf(steps);
  }

  String topLevelName() {
    return ((Key) steps.get(0)).name();
  }

  int size() {
    return steps.size();
  }

  Step step(int i) {
    return steps.get(i);
  }

  /** The value at this path in the item, or null when some step does not exist. */
  AttributeValue get(Map<String, AttributeValue> item) {
    AttributeValue v = item.get(topLevelName());
    for (int i = 1; i < steps.size() && v != null; i++) {
      v = child(v, steps.get(i));
    }
    return v;
  }

  static AttributeValue child(AttributeValue v, Step step) {
    return switch (step) {
      case Key k -> v instanceof AttributeValue.M m ? m.value().get(k.name()) : null;
      case Index i -> v instanceof AttributeValue.L l && i.index() < l.value().size() ? l.value().get(i.index()) : null;
    };
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    steps.forEach(s -> j.add(s.toString()));
    return j.toString();
  }
}
