package triad.item.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyEncodingTest {

  @Test
  void numbersSortNumericallyAsBytes() {
    List<String> texts = new ArrayList<>(List.of(
        "0", "1", "-1", "10", "9", "0.1", "0.12", "0.123", "-0.12", "-0.123", "1E+125", "-1E+125",
        "1E-130", "-1E-130", "99999999999999999999999999999999999999", "100", "-100", "12.5", "-12.5", "2", "-2"));
    Random r = new Random(42);
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      if (r.nextBoolean()) {
        sb.append('-');
      }
      sb.append(r.nextInt(1000)).append('.').append(r.nextInt(100000)).append('E').append(r.nextInt(60) - 30);
      texts.add(sb.toString());
    }
    List<Num> byValue = texts.stream().map(Num::parse).sorted().toList();
    List<Num> byBytes = texts.stream().map(Num::parse)
        .sorted((a, b) -> Arrays.compareUnsigned(KeyEncoding.sortable(new AttributeValue.N(a)), KeyEncoding.sortable(new AttributeValue.N(b))))
        .toList();
    assertEquals(byValue, byBytes);
    for (Num n : byValue) {
      byte[] enc = KeyEncoding.sortable(new AttributeValue.N(n));
      assertEquals(new AttributeValue.N(n), KeyEncoding.fromSortable(ScalarType.N, enc, 0, enc.length));
    }
  }

  @Test
  void numberValidationFollowsDynamoDb() {
    assertEquals("100.5", Num.parse("0100.500").toString());
    assertEquals("0", Num.parse("-0.0").toString());
    assertEquals(Num.parse("1"), Num.parse("1.000"));
    assertThrows(DbException.class, () -> Num.parse("1e126"));
    assertThrows(DbException.class, () -> Num.parse("1e-131"));
    assertThrows(DbException.class, () -> Num.parse("1.23456789012345678901234567890123456789"));
    assertThrows(DbException.class, () -> Num.parse(" 5"));
    assertThrows(DbException.class, () -> Num.parse("0x10"));
    assertThrows(DbException.class, () -> Num.parse("NaN"));
    assertEquals("0.5", Num.parse(".5").toString());
  }

  @Test
  void itemCodecRoundTrips() {
    var item = new java.util.LinkedHashMap<String, AttributeValue>();
    item.put("s", AttributeValue.s("héllo"));
    item.put("n", AttributeValue.n("-12.5"));
    item.put("b", AttributeValue.b(new byte[] {0, (byte) 255}));
    item.put("t", AttributeValue.bool(true));
    item.put("z", AttributeValue.Null.INSTANCE);
    item.put("l", new AttributeValue.L(List.of(AttributeValue.s("x"), AttributeValue.n(3))));
    item.put("m", new AttributeValue.M(java.util.Map.of("k", AttributeValue.bool(false))));
    item.put("ss", new AttributeValue.SS(java.util.Set.of("a", "b")));
    item.put("ns", new AttributeValue.NS(java.util.Set.of(Num.parse("1"), Num.parse("2.5"))));
    item.put("bs", new AttributeValue.BS(java.util.Set.of(Bytes.wrap(new byte[] {1}))));
    assertEquals(item, ItemCodec.decode(ItemCodec.encode(item)));
  }

  @Test
  void sizesFollowPublishedRules() {
    assertEquals(1 + 5, ItemSize.of(java.util.Map.of("a", AttributeValue.s("hello"))));
    assertEquals(1 + 2, ItemSize.of(java.util.Map.of("a", AttributeValue.n("100"))));
    assertEquals(1 + 3 + 2 + 2, ItemSize.of(java.util.Map.of("a", new AttributeValue.L(List.of(AttributeValue.bool(true), AttributeValue.s("x"))))));
    assertEquals(1.0, Capacity.write(0, 1024));
    assertEquals(2.0, Capacity.write(1025, 10));
    assertEquals(0.5, Capacity.read(0, false));
    assertEquals(2.0, Capacity.read(4097, true));
  }
}
