package triad.storage.core;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import triad.item.core.AttributeValue;
import triad.item.core.KeyEncoding;
import triad.item.core.KeySchema;
import triad.item.core.PartitionHash;
import triad.item.core.PrimaryKey;

/**
 * Local secondary index entries in the item store, next to the partition's items:
 * {@code [0x02][tableId: 8][index ordinal: 1][partition hash: 16][varint length + canonical pk]
 * [escaped sortable index key][0x00 0x01][sortable table sort key]}. The index sort key is
 * escaped (0x00 becomes 0x00 0xFF) and terminated, so entries order by partition key, then index
 * sort key in DynamoDB's order, then table sort key (which makes them unique); a key condition on
 * the index sort key is a key range.
 */
public final class IndexKeys {
  public static final byte INDEX = 0x02;
  public static final byte COLLECTION_SIZE = 0x03;
  private static final int COLLECTION_OFFSET = 1 + 8 + 1;
  private static final byte[] TERMINATOR = {0x00, 0x01};
  private static final byte[] AFTER_TERMINATOR = {0x00, 0x02};

  private IndexKeys() {}

  /** The entry of an item in an index, or null when the item lacks the index's sort key (sparse). */
  public static byte[] entryKey(long tableId, int ordinal, KeySchema table, KeySchema index, PrimaryKey key, AttributeValue indexSortKey) {
    if (indexSortKey == null) {
      return null;
    }
    return KeyBytes.concat(collection(tableId, ordinal, key.partition()), escaped(KeyEncoding.sortable(indexSortKey)), TERMINATOR,
        KeyEncoding.sortable(key.sort()));
  }

  /** The table key and the index sort key an entry key holds. */
  public record Decoded(PrimaryKey tableKey, AttributeValue indexSortKey) {}

  public static Decoded decode(byte[] entry, KeySchema table, KeySchema index) {
    if (entry[0] != INDEX) {
      throw new IllegalArgumentException("not an index entry: " + KeyBytes.hex(entry));
    }
    int[] pos = {COLLECTION_OFFSET + PartitionHash.BYTES};
    int pkLength = KeyBytes.getVarint(entry, pos);
    int pkEnd = pos[0] + pkLength;
    AttributeValue pk = ItemKeys.fromCanonical(table.partitionKeyType(), Arrays.copyOfRange(entry, pos[0], pkEnd));
    ByteArrayOutputStream sortKey = new ByteArrayOutputStream();
    int i = pkEnd;
    while (true) {
      int b = entry[i] & 0xFF;
      if (b == 0x00) {
        int next = entry[i + 1] & 0xFF;
        i += 2;
        if (next == 0x01) {
          break;
        }
        sortKey.write(0x00);
      } else {
        sortKey.write(b);
        i++;
      }
    }
    byte[] isk = sortKey.toByteArray();
    AttributeValue indexSortKey = KeyEncoding.fromSortable(index.sortKeyType(), isk, 0, isk.length);
    AttributeValue tableSortKey = KeyEncoding.fromSortable(table.sortKeyType(), entry, i, entry.length - i);
    return new Decoded(new PrimaryKey(pk, tableSortKey), indexSortKey);
  }

  /** Every entry of one index for partition key hashes in [hashStart, hashEndExclusive) (0: to the end). */
  public static KeyRange partitionRange(long tableId, int ordinal, long hashStart, long hashEndExclusive) {
    byte[] from = hashBound(tableId, ordinal, hashStart);
    byte[] to = hashEndExclusive == 0 ? KeyBytes.prefixEnd(indexPrefix(tableId, ordinal)) : hashBound(tableId, ordinal, hashEndExclusive);
    return new KeyRange(from, to);
  }

  /** The entries of one item collection whose index sort key satisfies {@code op}. */
  public static KeyRange sortKeyRange(long tableId, int ordinal, AttributeValue pk, Op op, AttributeValue v1, AttributeValue v2) {
    byte[] c = collection(tableId, ordinal, pk);
    byte[] end = KeyBytes.prefixEnd(c);
    if (op == null) {
      return new KeyRange(c, end);
    }
    if (op == Op.BEGINS_WITH) {
      byte[] raw = switch (v1) {
        case AttributeValue.S s -> KeyEncoding.sortable(s);
        case AttributeValue.B b -> KeyEncoding.sortable(b);
        default -> throw new IllegalArgumentException("BEGINS_WITH needs an S or B operand, got " + v1.type());
      };
      byte[] from = KeyBytes.concat(c, escaped(raw));
      return new KeyRange(from, KeyBytes.prefixEnd(from));
    }
    byte[] value = KeyBytes.concat(c, escaped(KeyEncoding.sortable(v1)));
    byte[] at = KeyBytes.concat(value, TERMINATOR);
    byte[] after = KeyBytes.concat(value, AFTER_TERMINATOR);
    return switch (op) {
      case EQ -> new KeyRange(at, after);
      case LT -> new KeyRange(c, at);
      case LE -> new KeyRange(c, after);
      case GT -> new KeyRange(after, end);
      case GE -> new KeyRange(at, end);
      case BETWEEN -> {
        byte[] high = KeyBytes.concat(c, escaped(KeyEncoding.sortable(v2)), AFTER_TERMINATOR);
        yield Arrays.compareUnsigned(at, high) >= 0 ? new KeyRange(at, at) : new KeyRange(at, high);
      }
      case BEGINS_WITH -> throw new AssertionError("handled above");
    };
  }

  /** Where the size of one item collection (its items and their local index entries) is kept. */
  public static byte[] collectionSizeKey(long tableId, AttributeValue pk) {
    byte[] c = collection(tableId, 0, pk);
    byte[] k = new byte[c.length - 1];
    k[0] = COLLECTION_SIZE;
    System.arraycopy(c, 1, k, 1, 8);
    System.arraycopy(c, COLLECTION_OFFSET, k, 9, c.length - COLLECTION_OFFSET);
    return k;
  }

  /** The collection sizes of partition key hashes in [hashStart, hashEndExclusive) (0: to the end). */
  public static KeyRange collectionSizeRange(long tableId, long hashStart, long hashEndExclusive) {
    byte[] prefix = new byte[9];
    prefix[0] = COLLECTION_SIZE;
    KeyBytes.putLong(prefix, 1, tableId);
    byte[] from = Arrays.copyOf(prefix, 17);
    KeyBytes.putLong(from, 9, hashStart);
    byte[] to;
    if (hashEndExclusive == 0) {
      to = KeyBytes.prefixEnd(prefix);
    } else {
      to = Arrays.copyOf(prefix, 17);
      KeyBytes.putLong(to, 9, hashEndExclusive);
    }
    return new KeyRange(from, to);
  }

  private static byte[] escaped(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 4);
    for (byte b : raw) {
      out.write(b);
      if (b == 0x00) {
        out.write(0xFF);
      }
    }
    return out.toByteArray();
  }

  private static byte[] indexPrefix(long tableId, int ordinal) {
    byte[] p = new byte[COLLECTION_OFFSET];
    p[0] = INDEX;
    KeyBytes.putLong(p, 1, tableId);
    p[9] = (byte) ordinal;
    return p;
  }

  private static byte[] hashBound(long tableId, int ordinal, long hashPrefix) {
    byte[] b = Arrays.copyOf(indexPrefix(tableId, ordinal), COLLECTION_OFFSET + 8);
    KeyBytes.putLong(b, COLLECTION_OFFSET, hashPrefix);
    return b;
  }

  private static byte[] collection(long tableId, int ordinal, AttributeValue pk) {
    byte[] canonical = KeyEncoding.canonical(pk);
    byte[] lengthBytes = new byte[KeyBytes.varintLength(canonical.length)];
    KeyBytes.putVarint(lengthBytes, 0, canonical.length);
    return KeyBytes.concat(indexPrefix(tableId, ordinal), PartitionHash.of(pk), lengthBytes, canonical);
  }
}
