package triad.storage.core;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import triad.item.core.AttributeValue;
import triad.item.core.Bytes;
import triad.item.core.KeyEncoding;
import triad.item.core.KeySchema;
import triad.item.core.Num;
import triad.item.core.PartitionHash;
import triad.item.core.PrimaryKey;
import triad.item.core.ScalarType;

/**
 * The item store's key layout. One LevelDB per node holds every replica's items:
 *
 * <pre>
 * item:     [0x01][tableId: 8 bytes BE][PartitionHash.of(pk): 16][varint n][KeyEncoding.canonical(pk): n][KeyEncoding.sortable(sk)]?
 * metadata: [0x00][replica id, UTF-8]
 * staged:   [0x04][varint n][replica id, UTF-8: n][item key]
 * </pre>
 *
 * Items sort by table, then by hash, so a partition (a range of the hash's first 64 bits) is one
 * contiguous key range. The length-prefixed partition key makes an item collection a prefix of
 * its own, and the sort key comes last in an encoding whose bytewise order is DynamoDB's order,
 * so a key condition on the sort key is a key range too. A replica receiving a copy of another
 * replica's items (a snapshot) stages them under its own prefix before they replace its items.
 */
public final class ItemKeys {
  public static final byte METADATA = 0x00;
  public static final byte ITEM = 0x01;
  /** After the local index entries (0x02) and item collection sizes (0x03) of {@link IndexKeys}. */
  public static final byte STAGED = 0x04;
  private static final int TABLE_PREFIX_BYTES = 1 + 8;
  private static final int HASH_OFFSET = TABLE_PREFIX_BYTES;
  private static final int PARTITION_KEY_OFFSET = HASH_OFFSET + PartitionHash.BYTES;

  private ItemKeys() {}

  public static byte[] itemKey(long tableId, KeySchema schema, PrimaryKey key) {
    byte[] collection = collectionPrefix(tableId, key.partition());
    if (!schema.hasSortKey()) {
      return collection;
    }
    if (key.sort() == null) {
      throw new IllegalArgumentException("the table has a sort key but the key has none");
    }
    return KeyBytes.concat(collection, KeyEncoding.sortable(key.sort()));
  }

  public static PrimaryKey decode(byte[] key, KeySchema schema) {
    if (key.length < PARTITION_KEY_OFFSET + 1 || key[0] != ITEM) {
      throw new IllegalArgumentException("not an item key: " + KeyBytes.hex(key));
    }
    int[] pos = {PARTITION_KEY_OFFSET};
    int pkLength = KeyBytes.getVarint(key, pos);
    int pkEnd = pos[0] + pkLength;
    AttributeValue pk = fromCanonical(schema.partitionKeyType(), Arrays.copyOfRange(key, pos[0], pkEnd));
    AttributeValue sk = schema.hasSortKey()
        ? KeyEncoding.fromSortable(schema.sortKeyType(), key, pkEnd, key.length - pkEnd)
        : null;
    return new PrimaryKey(pk, sk);
  }

  /** True for a key in the item layout (anything else is replica metadata). */
  public static boolean isItemKey(byte[] key) {
    return key.length >= TABLE_PREFIX_BYTES && key[0] == ITEM;
  }

  /**
   * True for keys whose values are sealed with their table's data key: items and staged items.
   * Replica metadata, index entries and sizes are stored as they are.
   */
  public static boolean isSealed(byte[] key) {
    return isItemKey(key) || (key.length > 0 && key[0] == STAGED);
  }

  /**
   * The table whose data key seals the value stored under {@code key}. Table ids are random
   * 64-bit values, negative ones included, so no id can stand for "not sealed": ask
   * {@link #isSealed} first.
   */
  public static long sealingTableId(byte[] key) {
    if (isItemKey(key)) {
      return tableId(key);
    }
    if (key.length > 0 && key[0] == STAGED) {
      int[] pos = {1};
      int idLength = KeyBytes.getVarint(key, pos);
      return tableId(Arrays.copyOfRange(key, pos[0] + idLength, key.length));
    }
    throw new IllegalArgumentException("not a sealed key: " + KeyBytes.hex(key));
  }

  /** The table id of an item key. */
  public static long tableId(byte[] itemKey) {
    return KeyBytes.getLong(itemKey, 1);
  }

  /** The first 64 bits of an item key's partition hash, as routing compares them (unsigned). */
  public static long hashPrefix(byte[] itemKey) {
    return KeyBytes.getLong(itemKey, HASH_OFFSET);
  }

  /**
   * The items of the partition owning hash prefixes [hashStart, hashEndExclusive), unsigned;
   * {@code hashEndExclusive == 0} means up to the end of the hash space.
   */
  public static KeyRange partitionRange(long tableId, long hashStart, long hashEndExclusive) {
    byte[] from = hashBound(tableId, hashStart);
    if (hashEndExclusive == 0) {
      return new KeyRange(from, tableRange(tableId).toExclusive());
    }
    if (Long.compareUnsigned(hashStart, hashEndExclusive) > 0) {
      throw new IllegalArgumentException("hash range start above its end");
    }
    return new KeyRange(from, hashBound(tableId, hashEndExclusive));
  }

  public static KeyRange tableRange(long tableId) {
    byte[] prefix = tablePrefix(tableId);
    return new KeyRange(prefix, KeyBytes.prefixEnd(prefix));
  }

  /** All items with partition key {@code pk}, in sort key order. */
  public static KeyRange itemCollection(long tableId, AttributeValue pk) {
    byte[] prefix = collectionPrefix(tableId, pk);
    return new KeyRange(prefix, KeyBytes.prefixEnd(prefix));
  }

  /**
   * The items of one collection whose sort key satisfies {@code op} against {@code v1} (and
   * {@code v2} for BETWEEN). A BETWEEN with v1 above v2 yields an empty range.
   */
  public static KeyRange sortKeyRange(long tableId, AttributeValue pk, Op op, AttributeValue v1, AttributeValue v2) {
    byte[] collection = collectionPrefix(tableId, pk);
    if (op == Op.BEGINS_WITH) {
      return beginsWith(collection, v1);
    }
    byte[] collectionEnd = KeyBytes.prefixEnd(collection);
    byte[] at = KeyBytes.concat(collection, KeyEncoding.sortable(v1));
    byte[] after = KeyBytes.successor(at);
    return switch (op) {
      case EQ -> new KeyRange(at, after);
      case LT -> new KeyRange(collection, at);
      case LE -> new KeyRange(collection, after);
      case GT -> new KeyRange(after, collectionEnd);
      case GE -> new KeyRange(at, collectionEnd);
      case BETWEEN -> between(collection, at, v2);
      case BEGINS_WITH -> throw new AssertionError("handled above");
    };
  }

  /** The exclusive start of the next page after {@code key} (DynamoDB's ExclusiveStartKey). */
  public static byte[] startAfter(byte[] key) {
    return KeyBytes.successor(key);
  }

  /** Where a replica keeps its own values, such as its applied log index. */
  public static byte[] replicaMetadataKey(String replicaId) {
    if (replicaId.isEmpty()) {
      throw new IllegalArgumentException("empty replica id");
    }
    byte[] id = replicaId.getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[1 + id.length];
    key[0] = METADATA;
    System.arraycopy(id, 0, key, 1, id.length);
    return key;
  }

  /** Where replica {@code replicaId} stages item {@code itemKey} of a snapshot it receives. */
  public static byte[] stagedKey(String replicaId, byte[] itemKey) {
    if (!isItemKey(itemKey)) {
      throw new IllegalArgumentException("only items are staged: " + KeyBytes.hex(itemKey));
    }
    return KeyBytes.concat(stagingPrefix(replicaId), itemKey);
  }

  /** Every key replica {@code replicaId} stages. */
  public static KeyRange stagingRange(String replicaId) {
    byte[] prefix = stagingPrefix(replicaId);
    return new KeyRange(prefix, KeyBytes.prefixEnd(prefix));
  }

  /** The item key a staged key stands for. */
  public static byte[] unstaged(byte[] stagedKey) {
    if (stagedKey.length == 0 || stagedKey[0] != STAGED) {
      throw new IllegalArgumentException("not a staged key: " + KeyBytes.hex(stagedKey));
    }
    int[] pos = {1};
    int idLength = KeyBytes.getVarint(stagedKey, pos);
    return Arrays.copyOfRange(stagedKey, pos[0] + idLength, stagedKey.length);
  }

  private static byte[] stagingPrefix(String replicaId) {
    byte[] id = replicaId.getBytes(StandardCharsets.UTF_8);
    if (id.length == 0) {
      throw new IllegalArgumentException("empty replica id");
    }
    byte[] prefix = new byte[1 + KeyBytes.varintLength(id.length) + id.length];
    prefix[0] = STAGED;
    int at = KeyBytes.putVarint(prefix, 1, id.length);
    System.arraycopy(id, 0, prefix, at, id.length);
    return prefix;
  }

  /** Every replica metadata key. */
  public static KeyRange metadataRange() {
    return new KeyRange(new byte[] {METADATA}, new byte[] {ITEM});
  }

  public static byte[] encodeLong(long v) {
    return KeyBytes.longBytes(v);
  }

  public static long decodeLong(byte[] value) {
    return KeyBytes.longOf(value);
  }

  private static KeyRange beginsWith(byte[] collection, AttributeValue prefix) {
    byte[] raw = switch (prefix) {
      case AttributeValue.S s -> s.value().getBytes(StandardCharsets.UTF_8);
      case AttributeValue.B b -> b.value().unsafeArray();
      default -> throw new IllegalArgumentException("BEGINS_WITH needs an S or B operand, got " + prefix.type());
    };
    byte[] from = KeyBytes.concat(collection, raw);
    // An all-0xFF (or empty) operand drops back to the collection's own end.
    return new KeyRange(from, KeyBytes.prefixEnd(from));
  }

  private static KeyRange between(byte[] collection, byte[] low, AttributeValue high) {
    byte[] highKey = KeyBytes.concat(collection, KeyEncoding.sortable(high));
    if (Arrays.compareUnsigned(low, highKey) > 0) {
      return new KeyRange(low, low);
    }
    return new KeyRange(low, KeyBytes.successor(highKey));
  }

  private static byte[] tablePrefix(long tableId) {
    byte[] prefix = new byte[TABLE_PREFIX_BYTES];
    prefix[0] = ITEM;
    KeyBytes.putLong(prefix, 1, tableId);
    return prefix;
  }

  private static byte[] hashBound(long tableId, long hashPrefix) {
    byte[] bound = new byte[TABLE_PREFIX_BYTES + 8];
    bound[0] = ITEM;
    KeyBytes.putLong(bound, 1, tableId);
    KeyBytes.putLong(bound, HASH_OFFSET, hashPrefix);
    return bound;
  }

  private static byte[] collectionPrefix(long tableId, AttributeValue pk) {
    byte[] canonical = KeyEncoding.canonical(pk);
    byte[] hash = PartitionHash.of(pk);
    byte[] prefix = new byte[PARTITION_KEY_OFFSET + KeyBytes.varintLength(canonical.length) + canonical.length];
    prefix[0] = ITEM;
    KeyBytes.putLong(prefix, 1, tableId);
    System.arraycopy(hash, 0, prefix, HASH_OFFSET, PartitionHash.BYTES);
    int at = KeyBytes.putVarint(prefix, PARTITION_KEY_OFFSET, canonical.length);
    System.arraycopy(canonical, 0, prefix, at, canonical.length);
    return prefix;
  }

  static AttributeValue fromCanonical(ScalarType type, byte[] canonical) {
    return switch (type) {
      case S -> new AttributeValue.S(new String(canonical, StandardCharsets.UTF_8));
      case N -> new AttributeValue.N(Num.of(new BigDecimal(new String(canonical, StandardCharsets.US_ASCII))));
      case B -> new AttributeValue.B(Bytes.wrap(canonical));
    };
  }
}
