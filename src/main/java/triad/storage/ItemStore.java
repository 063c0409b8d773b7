package triad.storage;

import java.nio.file.Path;
import triad.security.core.CorruptionException;
import triad.security.core.Envelope;
import triad.storage.core.Batch;
import triad.storage.core.ItemKeys;

/**
 * A node's applied state: one LevelDB shared by every partition replica on the node, in the key
 * layout of {@link ItemKeys}. Thread-safe; LevelDB serializes writers and gives readers a
 * consistent view per call or cursor. Callers keep to one writer per key range (a replica owns
 * its partition's range), so batches of different replicas never interleave on a key.
 *
 * <p>Item values, and staged copies of items ({@link ItemKeys#stagedKey}), are encrypted at rest:
 * sealed under their table's data key and bound to their storage key, so a value altered on disk, or moved to another item's key, fails to open with
 * {@link CorruptionException} and is never returned. Replica metadata (counters and log
 * indexes) is stored as is. Keys are not encrypted: they are the order of the data (see
 * docs/security.md).
 *
 * <p>The journal is the write-ahead log, so writes here need not be synced one by one: a replica
 * applies with {@code sync=false}, calls {@link #sync}, and only then records how far it has applied
 * (see docs/storage.md, durability notes).
 */
public final class ItemStore implements AutoCloseable {
  private final LevelDb db;
  private final StorageSettings settings;
  private final Encryption encryption;

  private ItemStore(LevelDb db, StorageSettings settings, Encryption encryption) {
    this.db = db;
    this.settings = settings;
    this.encryption = encryption;
  }

  public static ItemStore open(Path dir, StorageSettings s, Encryption encryption) {
    return new ItemStore(LevelDb.open(dir, s.itemStore()), s, encryption);
  }

  /**
   * The value stored under {@code key}, or null.
   *
   * @throws CorruptionException when an item's value does not open
   */
  public byte[] get(byte[] key) {
    byte[] value = db.get(key);
    return value == null ? null : open(key, value);
  }

  /** Applies every put and delete of the batch atomically; with {@code sync}, durably. */
  public void write(Batch batch, boolean sync) {
    Batch sealed = new Batch();
    for (Batch.Mutation m : batch.mutations()) {
      switch (m) {
        case Batch.Put p -> sealed.put(p.key(), seal(p.key(), p.value()));
        case Batch.Delete d -> sealed.delete(d.key());
      }
    }
    db.write(sealed, sync);
  }

  /**
   * Entries of [fromInclusive, toExclusive) in unsigned bytewise order, descending when
   * {@code reverse}, values opened as they are read (a value that does not open throws
   * {@link CorruptionException} from {@code next}). Close the cursor (try-with-resources) unless
   * it is read to the end.
   */
  public Cursor range(byte[] fromInclusive, byte[] toExclusive, boolean reverse) {
    Cursor raw = db.range(fromInclusive, toExclusive, reverse);
    return new Cursor() {
      @Override
      public boolean hasNext() {
        return raw.hasNext();
      }

      @Override
      public Entry next() {
        Entry e = raw.next();
        return new Entry(e.key(), open(e.key(), e.value()));
      }

      @Override
      public void close() {
        raw.close();
      }
    };
  }

  /**
   * Deletes [from, to) in batches of {@code delete-range-batch-keys-max} keys, not synced: used
   * to drop a partition that moved away or a deleted table. Returns the number of keys deleted.
   */
  public long deleteRange(byte[] from, byte[] to) {
    return db.deleteRange(from, to, settings.deleteRangeBatchKeysMax());
  }

  /** Makes everything written so far durable, including writes in log files LevelDB retired. */
  public void sync() {
    db.sync();
  }

  /** LevelDB's estimate of the bytes [from, to) takes on disk; recent writes still in memory count zero. */
  public long approximateSize(byte[] from, byte[] to) {
    return db.approximateSize(from, to);
  }

  @Override
  public void close() {
    db.close();
  }

  private byte[] seal(byte[] key, byte[] value) {
    return ItemKeys.isSealed(key)
        ? encryption.seal(ItemKeys.sealingTableId(key), Envelope.Purpose.ITEM_STORE, key, value)
        : value;
  }

  private byte[] open(byte[] key, byte[] value) {
    return ItemKeys.isSealed(key)
        ? encryption.open(ItemKeys.sealingTableId(key), Envelope.Purpose.ITEM_STORE, key, value)
        : value;
  }
}
