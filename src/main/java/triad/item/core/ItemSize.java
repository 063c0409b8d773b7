package triad.item.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Item and attribute sizes with DynamoDB's published rules: names and strings count their UTF-8
 * bytes, binaries their length, numbers about one byte per two significant digits plus one,
 * booleans and nulls one byte, lists and maps three bytes plus one byte per element.
 */
public final class ItemSize {
  public static final int ITEM_BYTES_MAX = 400 * 1024;

  private ItemSize() {}

  public static long of(Map<String, AttributeValue> item) {
    long total = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      total += utf8Length(e.getKey()) + of(e.getValue());
    }
    return total;
  }

  public static long of(AttributeValue v) {
    return switch (v) {
      case AttributeValue.S s -> utf8Length(s.value());
      case AttributeValue.N n -> numberBytes(n.value());
      case AttributeValue.B b -> b.value().length();
      case AttributeValue.Bool b -> 1;
      case AttributeValue.Null n -> 1;
      case AttributeValue.SS ss -> ss.value().stream().mapToLong(ItemSize::utf8Length).sum();
      case AttributeValue.NS ns -> ns.value().stream().mapToLong(ItemSize::numberBytes).sum();
      case AttributeValue.BS bs -> bs.value().stream().mapToLong(Bytes::length).sum();
      case AttributeValue.L l -> 3 + l.value().stream().mapToLong(e -> of(e) + 1).sum();
      case AttributeValue.M m -> 3 + m.value().entrySet().stream().mapToLong(e -> utf8Length(e.getKey()) + of(e.getValue()) + 1).sum();
    };
  }

  public static long numberBytes(Num n) {
    return (n.precision() + 1) / 2 + 1 + (n.signum() < 0 ? 1 : 0);
  }

  public static long utf8Length(String s) {
    int n = s.length();
    long bytes = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
