package triad.storage;

import java.nio.file.Path;
import triad.storage.core.Batch;
import triad.storage.core.ItemKeys;

/**
 * A node's applied state: one LevelDB shared by every partition replica on the node, in the key
 * layout of {@link ItemKeys}. Thread-safe; LevelDB serializes writers and gives readers a
 * consistent view per call or cursor. Callers keep to one writer per key range (a replica owns
 * its partition's range), so batches of different replicas never interleave on a key.
 *
 * <p>The journal is the write-ahead log, so writes here need not be synced one by one: a replica
 * applies with {@code sync=false}, calls {@link #sync}, and only then records how far it has applied
 * (see docs/storage.md, durability notes).
 */
public final class ItemStore implements AutoCloseable {
  private final LevelDb db;
  private final StorageSettings settings;

  private ItemStore(LevelDb db, StorageSettings settings) {
    this.db = db;
    this.settings = settings;
  }

  public static ItemStore open(Path dir, StorageSettings s) {
    return new ItemStore(LevelDb.open(dir, s.itemStore()), s);
  }

  /** The value stored under {@code key}, or null. */
  public byte[] get(byte[] key) {
    return db.get(key);
  }

  /** Applies every put and delete of the batch atomically; with {@code sync}, durably. */
  public void write(Batch batch, boolean sync) {
    db.write(batch, sync);
  }

  /**
   * Entries of [fromInclusive, toExclusive) in unsigned bytewise order, descending when
   * {@code reverse}. Close the cursor (try-with-resources) unless it is read to the end.
   */
  public Cursor range(byte[] fromInclusive, byte[] toExclusive, boolean reverse) {
    return db.range(fromInclusive, toExclusive, reverse);
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
}
