package triad.storage.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import triad.item.core.AttributeValue;
import triad.item.core.Bytes;
import triad.item.core.KeySchema;
import triad.item.core.Num;
import triad.item.core.PartitionHash;
import triad.item.core.PrimaryKey;
import triad.item.core.ScalarType;

class ItemKeysTest {
  private static final long TABLE = 42;

  /** DynamoDB's order of key values: S by UTF-8 bytes, N numerically, B by unsigned bytes. */
  static int dynamoCompare(AttributeValue a, AttributeValue b) {
    return switch (a) {
      case AttributeValue.S s -> Arrays.compareUnsigned(utf8(s.value()), utf8(((AttributeValue.S) b).value()));
      case AttributeValue.N n -> n.value().compareTo(((AttributeValue.N) b).value());
      case AttributeValue.B x -> x.value().compareTo(((AttributeValue.B) b).value());
      default -> throw new IllegalArgumentException();
    };
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static AttributeValue randomValue(ScalarType type, Random r) {
    return switch (type) {
      case S -> AttributeValue.s(randomString(r, 1 + r.nextInt(5)));
      case N -> new AttributeValue.N(randomNumber(r));
      case B -> new AttributeValue.B(Bytes.wrap(randomBytes(r, 1 + r.nextInt(5))));
    };
  }

  /** Letters, and code points whose UTF-16 order differs from their UTF-8 order. */
  static String randomString(Random r, int length) {
    int[] pool = {'a', 'b', 'c', 'z', 0xE9, 0x7FF, 0x800, 0xFFFD, 0x1F600, 0x10FFFF, 0xE000};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.appendCodePoint(pool[r.nextInt(pool.length)]);
    }
    return sb.toString();
  }

  static Num randomNumber(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> Num.of(r.nextInt(21) - 10);
      case 1 -> Num.parse((r.nextBoolean() ? "-" : "") + r.nextInt(1000) + "." + r.nextInt(1000) + "E" + (r.nextInt(40) - 20));
      case 2 -> Num.parse((r.nextBoolean() ? "-" : "") + "9".repeat(1 + r.nextInt(38)));
      default -> Num.parse((r.nextBoolean() ? "-" : "") + "1E" + (r.nextInt(250) - 125));
    };
  }

  /** Biased to 0x00 and 0xFF, the bytes where off-by-one bounds show. */
  static byte[] randomBytes(Random r, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      int pick = r.nextInt(4);
      b[i] = (byte) (pick == 0 ? 0x00 : pick == 1 ? 0xFF : r.nextInt(256));
    }
    return b;
  }

  @Test
  void itemsSortByHashThenBySortKeyInDynamoDbOrder() {
    Random r = new Random(1);
    for (ScalarType pkType : ScalarType.values()) {
      for (ScalarType skType : ScalarType.values()) {
        KeySchema schema = new KeySchema("pk", pkType, "sk", skType);
        Set<PrimaryKey> keys = new LinkedHashSet<>();
        List<AttributeValue> pks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          pks.add(randomValue(pkType, r));
        }
        for (int i = 0; i < 1500; i++) {
          keys.add(new PrimaryKey(pks.get(r.nextInt(pks.size())), randomValue(skType, r)));
        }
        List<byte[]> encoded = new ArrayList<>(keys.stream().map(k -> ItemKeys.itemKey(TABLE, schema, k)).toList());
        encoded.sort(Arrays::compareUnsigned);
        List<PrimaryKey> sorted = encoded.stream().map(k -> ItemKeys.decode(k, schema)).toList();

        assertEquals(keys, new HashSet<>(sorted), "decode inverts itemKey");
        Set<AttributeValue> finished = new HashSet<>();
        for (int i = 1; i < sorted.size(); i++) {
          PrimaryKey prev = sorted.get(i - 1);
          PrimaryKey cur = sorted.get(i);
          if (prev.partition().equals(cur.partition())) {
            assertTrue(dynamoCompare(prev.sort(), cur.sort()) < 0, "sort keys ascend within a collection");
          } else {
            assertTrue(finished.add(prev.partition()), "item collection is contiguous: " + prev.partition());
            assertTrue(Arrays.compareUnsigned(PartitionHash.of(prev.partition()), PartitionHash.of(cur.partition())) < 0,
                "collections ascend by hash");
          }
          assertEquals(TABLE, ItemKeys.tableId(encoded.get(i)));
          assertEquals(PartitionHash.prefix(PartitionHash.of(cur.partition())), ItemKeys.hashPrefix(encoded.get(i)));
        }
      }
    }
  }

  @Test
  void hashOnlyKeysRoundTrip() {
    Random r = new Random(2);
    for (ScalarType type : ScalarType.values()) {
      KeySchema schema = KeySchema.hashOnly("id", type);
      for (int i = 0; i < 200; i++) {
        PrimaryKey key = new PrimaryKey(randomValue(type, r), null);
        byte[] k = ItemKeys.itemKey(TABLE, schema, key);
        assertEquals(key, ItemKeys.decode(k, schema));
        assertTrue(ItemKeys.itemCollection(TABLE, key.partition()).contains(k));
      }
    }
  }

  @Test
  void partitionRangesTileTheHashSpace() {
    Random r = new Random(3);
    KeySchema schema = KeySchema.hashOnly("id", ScalarType.S);
    long[] bounds = new long[9];
    for (int i = 1; i < bounds.length; i++) {
      bounds[i] = r.nextLong();
    }
    bounds = Arrays.stream(bounds).boxed().sorted(Long::compareUnsigned).mapToLong(Long::longValue).toArray();
    List<KeyRange> partitions = new ArrayList<>();
    for (int i = 0; i < bounds.length; i++) {
      partitions.add(ItemKeys.partitionRange(TABLE, bounds[i], i + 1 < bounds.length ? bounds[i + 1] : 0));
    }
    for (int i = 0; i < 3000; i++) {
      byte[] key = ItemKeys.itemKey(TABLE, schema, new PrimaryKey(AttributeValue.s("k" + i), null));
      long prefix = ItemKeys.hashPrefix(key);
      int owners = 0;
      for (int p = 0; p < partitions.size(); p++) {
        boolean owns = Long.compareUnsigned(prefix, bounds[p]) >= 0
            && (p + 1 == bounds.length || Long.compareUnsigned(prefix, bounds[p + 1]) < 0);
        assertEquals(owns, partitions.get(p).contains(key));
        owners += owns ? 1 : 0;
      }
      assertEquals(1, owners);
      assertTrue(ItemKeys.partitionRange(TABLE, 0, 0).contains(key), "one partition covers the whole table");
      assertTrue(ItemKeys.tableRange(TABLE).contains(key));
      assertFalse(ItemKeys.tableRange(TABLE + 1).contains(key));
      assertFalse(ItemKeys.tableRange(TABLE - 1).contains(key));
    }
    assertArrayEquals(ItemKeys.tableRange(TABLE).toExclusive(), ItemKeys.partitionRange(TABLE, 0, 0).toExclusive());
  }

  @Test
  void lastTableIdHasARangeToo() {
    KeyRange last = ItemKeys.tableRange(-1L);
    byte[] key = ItemKeys.itemKey(-1L, KeySchema.hashOnly("id", ScalarType.B),
        new PrimaryKey(AttributeValue.b(new byte[] {(byte) 0xFF, (byte) 0xFF}), null));
    assertTrue(last.contains(key));
    assertArrayEquals(new byte[] {0x02}, last.toExclusive());
    assertTrue(ItemKeys.partitionRange(-1L, 0x8000_0000_0000_0000L, 0).contains(key)
        || ItemKeys.partitionRange(-1L, 0, 0x8000_0000_0000_0000L).contains(key));
  }

  @Test
  void sortKeyRangesHoldExactlyTheMatchingItems() {
    Random r = new Random(4);
    for (ScalarType skType : ScalarType.values()) {
      KeySchema schema = new KeySchema("pk", ScalarType.S, "sk", skType);
      AttributeValue pk = AttributeValue.s("target");
      List<byte[]> all = new ArrayList<>();
      List<AttributeValue> sks = new ArrayList<>(edgeValues(skType));
      for (int i = 0; i < 150; i++) {
        sks.add(randomValue(skType, r));
      }
      for (AttributeValue sk : new LinkedHashSet<>(sks)) {
        all.add(ItemKeys.itemKey(TABLE, schema, new PrimaryKey(pk, sk)));
        // Neighbors: same sort key in another collection and in the adjacent tables.
        all.add(ItemKeys.itemKey(TABLE, schema, new PrimaryKey(AttributeValue.s("other"), sk)));
        all.add(ItemKeys.itemKey(TABLE - 1, schema, new PrimaryKey(pk, sk)));
        all.add(ItemKeys.itemKey(TABLE + 1, schema, new PrimaryKey(pk, sk)));
      }
      List<AttributeValue> operands = new ArrayList<>(sks.subList(0, 40));
      operands.addAll(edgeValues(skType));
      for (int i = 0; i < 40; i++) {
        operands.add(randomValue(skType, r));
      }
      for (Op op : Op.values()) {
        if (op == Op.BEGINS_WITH && skType == ScalarType.N) {
          continue;
        }
        for (AttributeValue v1 : operands) {
          AttributeValue v2 = operands.get(r.nextInt(operands.size()));
          KeyRange range = ItemKeys.sortKeyRange(TABLE, pk, op, v1, v2);
          Predicate<AttributeValue> expected = matcher(op, v1, v2);
          for (byte[] key : all) {
            PrimaryKey k = ItemKeys.decode(key, schema);
            boolean want = ItemKeys.tableId(key) == TABLE && k.partition().equals(pk) && expected.test(k.sort());
            assertEquals(want, range.contains(key), () -> op + " " + v1 + " " + v2 + " on " + k + " in " + range);
          }
        }
      }
    }
  }

  @Test
  void beginsWithEdgeOperands() {
    KeySchema schema = new KeySchema("pk", ScalarType.S, "sk", ScalarType.B);
    AttributeValue pk = AttributeValue.s("p");
    byte[] ff = {(byte) 0xFF, (byte) 0xFF};
    byte[] key = ItemKeys.itemKey(TABLE, schema, new PrimaryKey(pk, AttributeValue.b(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00})));
    assertTrue(ItemKeys.sortKeyRange(TABLE, pk, Op.BEGINS_WITH, AttributeValue.b(ff), null).contains(key));
    assertArrayEquals(ItemKeys.itemCollection(TABLE, pk).toExclusive(),
        ItemKeys.sortKeyRange(TABLE, pk, Op.BEGINS_WITH, AttributeValue.b(ff), null).toExclusive());
    assertEquals(ItemKeys.itemCollection(TABLE, pk),
        ItemKeys.sortKeyRange(TABLE, pk, Op.BEGINS_WITH, AttributeValue.b(new byte[0]), null));
    assertEquals(ItemKeys.itemCollection(TABLE, pk),
        ItemKeys.sortKeyRange(TABLE, pk, Op.BEGINS_WITH, AttributeValue.s(""), null));
    assertThrows(IllegalArgumentException.class,
        () -> ItemKeys.sortKeyRange(TABLE, pk, Op.BEGINS_WITH, AttributeValue.n(1), null));
  }

  @Test
  void betweenWithLowAboveHighIsEmpty() {
    AttributeValue pk = AttributeValue.s("p");
    KeyRange r = ItemKeys.sortKeyRange(TABLE, pk, Op.BETWEEN, AttributeValue.n(5), AttributeValue.n(-5));
    assertTrue(r.isEmpty());
    KeyRange same = ItemKeys.sortKeyRange(TABLE, pk, Op.BETWEEN, AttributeValue.n(5), AttributeValue.n(5));
    assertEquals(ItemKeys.sortKeyRange(TABLE, pk, Op.EQ, AttributeValue.n(5), null), same);
  }

  @Test
  void startAfterIsTheNextPossibleKey() {
    KeySchema schema = new KeySchema("pk", ScalarType.S, "sk", ScalarType.B);
    AttributeValue pk = AttributeValue.s("p");
    byte[] a = ItemKeys.itemKey(TABLE, schema, new PrimaryKey(pk, AttributeValue.b(new byte[] {1})));
    byte[] b = ItemKeys.itemKey(TABLE, schema, new PrimaryKey(pk, AttributeValue.b(new byte[] {1, 0})));
    byte[] after = ItemKeys.startAfter(a);
    assertTrue(Arrays.compareUnsigned(a, after) < 0);
    assertArrayEquals(b, after, "the smallest greater key is itself a possible item key");
  }

  @Test
  void stagedItemsLieInTheirReplicasStagingRangeAndNameTheirTable() {
    KeySchema schema = KeySchema.hashOnly("id", ScalarType.S);
    byte[] item = ItemKeys.itemKey(TABLE, schema, new PrimaryKey(AttributeValue.s("a"), null));
    byte[] staged = ItemKeys.stagedKey("replica-az1|42-0", item);
    assertTrue(ItemKeys.stagingRange("replica-az1|42-0").contains(staged));
    assertFalse(ItemKeys.stagingRange("replica-az1|42-1").contains(staged), "each replica stages apart");
    assertFalse(ItemKeys.stagingRange("replica-az1|42-0").contains(item));
    assertArrayEquals(item, ItemKeys.unstaged(staged));
    assertEquals(TABLE, ItemKeys.sealingTableId(staged));
    assertEquals(TABLE, ItemKeys.sealingTableId(item));
    assertTrue(ItemKeys.isSealed(staged));
    assertTrue(ItemKeys.isSealed(item));
    byte[] meta = ItemKeys.replicaMetadataKey("replica-az1|42-0");
    assertFalse(ItemKeys.isSealed(meta));
    assertThrows(IllegalArgumentException.class, () -> ItemKeys.sealingTableId(meta));
    // Table ids are random longs: a negative one is as sealed as any other.
    byte[] negative = ItemKeys.itemKey(-7L, schema, new PrimaryKey(AttributeValue.s("a"), null));
    assertTrue(ItemKeys.isSealed(negative));
    assertEquals(-7L, ItemKeys.sealingTableId(ItemKeys.stagedKey("replica-az1|42-0", negative)));
    assertThrows(IllegalArgumentException.class, () -> ItemKeys.stagedKey("replica-az1|42-0", ItemKeys.replicaMetadataKey("x")));
  }

  @Test
  void replicaMetadataSortsBeforeItems() {
    byte[] meta = ItemKeys.replicaMetadataKey("t42-p7-r1");
    assertTrue(ItemKeys.metadataRange().contains(meta));
    byte[] item = ItemKeys.itemKey(0, KeySchema.hashOnly("id", ScalarType.S), new PrimaryKey(AttributeValue.s("a"), null));
    assertFalse(ItemKeys.metadataRange().contains(item));
    assertTrue(Arrays.compareUnsigned(meta, item) < 0);
    for (long v : new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1234567890123L}) {
      assertEquals(v, ItemKeys.decodeLong(ItemKeys.encodeLong(v)));
    }
    assertThrows(IllegalArgumentException.class, () -> ItemKeys.replicaMetadataKey(""));
  }

  @Test
  void varintsRoundTrip() {
    for (int v : new int[] {0, 1, 127, 128, 300, 2048, 16383, 16384, Integer.MAX_VALUE}) {
      byte[] b = new byte[5];
      int end = KeyBytes.putVarint(b, 0, v);
      assertEquals(KeyBytes.varintLength(v), end);
      int[] pos = {0};
      assertEquals(v, KeyBytes.getVarint(b, pos));
      assertEquals(end, pos[0]);
    }
  }

  private static List<AttributeValue> edgeValues(ScalarType type) {
    return switch (type) {
      case S -> List.of(AttributeValue.s("a"), AttributeValue.s("ab"), AttributeValue.s("\uFFFD"),
          AttributeValue.s(new String(Character.toChars(0x10FFFF))), AttributeValue.s(""));
      case N -> List.of(AttributeValue.n(0), AttributeValue.n(-1), AttributeValue.n("-1.5"), AttributeValue.n("1E+125"),
          AttributeValue.n("-1E+125"), AttributeValue.n("1E-130"), AttributeValue.n("-1E-130"));
      case B -> List.of(AttributeValue.b(new byte[] {0}), AttributeValue.b(new byte[] {(byte) 0xFF}),
          AttributeValue.b(new byte[] {(byte) 0xFF, (byte) 0xFF}), AttributeValue.b(new byte[] {(byte) 0xFF, 0}),
          AttributeValue.b(new byte[0]));
    };
  }

  private static Predicate<AttributeValue> matcher(Op op, AttributeValue v1, AttributeValue v2) {
    Comparator<AttributeValue> c = ItemKeysTest::dynamoCompare;
    return switch (op) {
      case EQ -> x -> c.compare(x, v1) == 0;
      case LT -> x -> c.compare(x, v1) < 0;
      case LE -> x -> c.compare(x, v1) <= 0;
      case GT -> x -> c.compare(x, v1) > 0;
      case GE -> x -> c.compare(x, v1) >= 0;
      case BETWEEN -> x -> c.compare(x, v1) >= 0 && c.compare(x, v2) <= 0;
      case BEGINS_WITH -> x -> startsWith(raw(x), raw(v1));
    };
  }

  private static byte[] raw(AttributeValue v) {
    return v instanceof AttributeValue.S s ? utf8(s.value()) : ((AttributeValue.B) v).value().unsafeArray();
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }
}
