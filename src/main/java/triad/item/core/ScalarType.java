package triad.item.core;

/** The three types a key attribute may have. */
public enum ScalarType {
  S,
  N,
  B;

  public static ScalarType of(AttributeValue v) {
    return switch (v) {
      case AttributeValue.S s -> S;
      case AttributeValue.N n -> N;
      case AttributeValue.B b -> B;
      default -> null;
    };
  }
}
