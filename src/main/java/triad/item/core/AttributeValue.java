package triad.item.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One of DynamoDB's ten attribute types. Values are immutable; collections are wrapped
 * unmodifiable at construction. Sets compare as sets, maps as maps, lists in order.
 */
public sealed interface AttributeValue {

  /** The wire name of the type ("S", "N", ..., "BS"). */
  String type();

  record S(String value) implements AttributeValue {
    public String type() {
      return "S";
    }
  }

  record N(Num value) implements AttributeValue {
    public String type() {
      return "N";
    }
  }

  record B(Bytes value) implements AttributeValue {
    public String type() {
      return "B";
    }
  }

  record Bool(boolean value) implements AttributeValue {
    public static final Bool TRUE = new Bool(true);
    public static final Bool FALSE = new Bool(false);

    public String type() {
      return "BOOL";
    }
  }

  record Null() implements AttributeValue {
    public static final Null INSTANCE = new Null();

    public String type() {
      return "NULL";
    }
  }

  record M(Map<String, AttributeValue> value) implements AttributeValue {
    public M {
      value = Collections.unmodifiableMap(new LinkedHashMap<>(value));
    }

    public String type() {
      return "M";
    }
  }

  record L(List<AttributeValue> value) implements AttributeValue {
    public L {
      value = List.copyOf(value);
    }

    public String type() {
      return "L";
    }
  }

  record SS(Set<String> value) implements AttributeValue {
    public SS {
      value = Collections.unmodifiableSet(new LinkedHashSet<>(value));
    }

    public String type() {
      return "SS";
    }
  }

  record NS(Set<Num> value) implements AttributeValue {
    public NS {
      value = Collections.unmodifiableSet(new LinkedHashSet<>(value));
    }

    public String type() {
      return "NS";
    }
  }

  record BS(Set<Bytes> value) implements AttributeValue {
    public BS {
      value = Collections.unmodifiableSet(new LinkedHashSet<>(value));
    }

    public String type() {
      return "BS";
    }
  }

  static S s(String v) {
    return new S(v);
  }

  static N n(String v) {
    return new N(Num.parse(v));
  }

  static N n(long v) {
    return new N(Num.of(v));
  }

  static B b(byte[] v) {
    return new B(Bytes.copyOf(v));
  }

  static Bool bool(boolean v) {
    return v ? Bool.TRUE : Bool.FALSE;
  }
}
