package triad.replication;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import triad.expression.core.Condition;
import triad.expression.core.KeyCondition;
import triad.expression.core.Projection;
import triad.item.core.AttributeValue;
import triad.item.core.Bytes;
import triad.item.core.Capacity;
import triad.item.core.ItemCodec;
import triad.item.core.ItemSize;
import triad.item.core.DbException;
import triad.item.core.PrimaryKey;
import triad.replication.core.LogEntry;
import triad.storage.Cursor;
import triad.storage.ItemStore;
import triad.storage.core.Batch;
import triad.storage.core.Op;
import triad.storage.core.Expr;
import triad.storage.core.IndexKeys;
import triad.storage.core.ItemKeys;
import triad.storage.core.LocalIndex;
import triad.storage.core.KeyRange;
import triad.storage.core.PageReader;
import triad.storage.core.ReadOp;

/**
 * One replica's applied state in the node's item store, plus the leader's overlay of writes that
 * are logged but not yet applied (so later writes to the same item see them).
 *
 * <p>Applied batches are written without sync; the journal is the write-ahead log. LevelDB does
 * not sync a log file it retires, so after a power failure the store may hold a later batch but
 * not an earlier one. Recovery therefore starts from the <em>synced</em> index, recorded durably
 * after {@link ItemStore#sync} and before the journal is compacted, and re-applies what follows;
 * entries carry absolute values (images, counts), so applying one twice is harmless.
 */
final class PartitionData {
  /** Items per item store write while a copy is installed: bounds the batch, whatever the partition's size. */
  private static final int INSTALL_BATCH_ITEMS = 1000;

  private final ItemStore store;
  private final byte[] metaKey;
  private final byte[] syncedKey;
  private final PartitionSpec spec;
  private final Map<Bytes, Staged> overlay = new HashMap<>();
  /** Where the next time-to-live sweep starts; null: at the beginning of the partition. */
  private byte[] ttlCursor;
  private long appliedIndex;
  private long itemCount;
  private long sizeBytes;
  /** Count and size including staged writes: what the next logged write is computed from. */
  private long stagedItemCount;
  private long stagedSizeBytes;

  /** A logged, not yet applied image of one item; {@code item} null means deleted. */
  record Staged(long index, Map<String, AttributeValue> item) {}

  PartitionData(ItemStore store, String replicaId, PartitionSpec spec) {
    this.store = store;
    this.metaKey = ItemKeys.replicaMetadataKey(replicaId);
    this.syncedKey = ItemKeys.replicaMetadataKey(replicaId + "/synced");
    this.spec = spec;
    byte[] meta = store.get(metaKey);
    if (meta != null) {
      ByteBuffer b = ByteBuffer.wrap(meta);
      b.getLong();
      itemCount = b.getLong();
      sizeBytes = b.getLong();
    }
    byte[] synced = store.get(syncedKey);
    appliedIndex = synced == null ? 0 : ItemKeys.decodeLong(synced);
    stagedItemCount = itemCount;
    stagedSizeBytes = sizeBytes;
  }

  long appliedIndex() {
    return appliedIndex;
  }

  long itemCount() {
    return itemCount;
  }

  long sizeBytes() {
    return sizeBytes;
  }

  PartitionSpec spec() {
    return spec;
  }

  byte[] keyOf(PrimaryKey key) {
    return ItemKeys.itemKey(spec.tableId(), spec.keySchema(), key);
  }

  /** The item as the leader sees it: its newest staged image, else the applied one. */
  Map<String, AttributeValue> current(byte[] key) {
    Staged s = overlay.get(Bytes.wrap(key));
    if (s != null) {
      return s.item();
    }
    byte[] v = store.get(key);
    return v == null ? null : ItemCodec.decode(v);
  }

  /** Log index of the newest staged write of this item, 0 when it has none. */
  long stagedIndex(byte[] key) {
    Staged s = overlay.get(Bytes.wrap(key));
    return s == null ? 0 : s.index();
  }

  /** The partition's count and size once a write of this item (sizes -1 for none) is applied. */
  long[] countsAfter(long oldSize, long newSize) {
    long count = stagedItemCount + (newSize >= 0 ? 1 : 0) - (oldSize >= 0 ? 1 : 0);
    long bytes = stagedSizeBytes + Math.max(newSize, 0) - Math.max(oldSize, 0);
    return new long[] {count, bytes};
  }

  void stage(byte[] key, long index, Map<String, AttributeValue> item, long[] countsAfter) {
    overlay.put(Bytes.wrap(key), new Staged(index, item));
    stagedItemCount = countsAfter[0];
    stagedSizeBytes = countsAfter[1];
  }

  /** Writes the effect of committed entries in one atomic batch; true if the partition was dropped. */
  boolean apply(List<LogEntry> committed) {
    if (committed.isEmpty()) {
      return false;
    }
    boolean dropped = false;
    Batch batch = new Batch();
    IndexUpkeep indexes = spec.localIndexes().isEmpty() ? null : new IndexUpkeep(batch);
    for (LogEntry e : committed) {
      if (e.index() <= appliedIndex) {
        continue;
      }
      switch (e.command()) {
        case LogCommands.ItemWrite w -> {
          if (indexes != null) {
            indexes.replace(w.key(), w.image() == null ? null : ItemCodec.decode(w.image()));
          }
          if (w.image() == null) {
            batch.delete(w.key());
          } else {
            batch.put(w.key(), w.image());
          }
          applied(e.index(), w.key(), w.itemCount(), w.sizeBytes());
        }
        case LogCommands.ItemExpired x -> {
          if (indexes != null) {
            indexes.replace(x.key(), null);
          }
          batch.delete(x.key());
          applied(e.index(), x.key(), x.itemCount(), x.sizeBytes());
        }
        case LogCommands.PartitionDrop d -> dropped = true;
        default -> {
          // Noop and other protocol entries change no item.
        }
      }
      appliedIndex = e.index();
    }
    if (indexes != null) {
      indexes.writeSizes();
    }
    batch.put(metaKey, meta());
    store.write(batch, false);
    if (overlay.isEmpty()) {
      stagedItemCount = itemCount;
      stagedSizeBytes = sizeBytes;
    }
    if (dropped) {
      for (KeyRange r : ranges()) {
        store.deleteRange(r.fromInclusive(), r.toExclusive());
      }
      clearOverlay();
    }
    return dropped;
  }

  private void applied(long index, byte[] key, long count, long bytes) {
    itemCount = count;
    sizeBytes = bytes;
    Bytes k = Bytes.wrap(key);
    Staged s = overlay.get(k);
    if (s != null && s.index() <= index) {
      overlay.remove(k);
    }
  }

  /**
   * Keeps local index entries and item collection sizes in step with the items of one applied
   * batch. A batch may change an item twice, so the images it wrote are remembered.
   */
  private final class IndexUpkeep {
    private final Batch batch;
    private final Map<Bytes, Optional<Map<String, AttributeValue>>> written = new HashMap<>();
    private final Map<Bytes, Long> sizes = new HashMap<>();

    IndexUpkeep(Batch batch) {
      this.batch = batch;
    }

    void replace(byte[] key, Map<String, AttributeValue> after) {
      Bytes k = Bytes.wrap(key);
      Optional<Map<String, AttributeValue>> known = written.get(k);
      Map<String, AttributeValue> before = known != null ? known.orElse(null) : storedItem(key);
      long delta = 0;
      for (LocalIndex ix : spec.localIndexes()) {
        LocalIndex.Entry old = before == null ? null : ix.entry(spec.tableId(), spec.keySchema(), before);
        LocalIndex.Entry now = after == null ? null : ix.entry(spec.tableId(), spec.keySchema(), after);
        if (old != null && (now == null || !java.util.Arrays.equals(old.key(), now.key()))) {
          batch.delete(old.key());
        }
        if (now != null) {
          batch.put(now.key(), now.value());
        }
        delta += (now == null ? 0 : now.value().length) - (old == null ? 0 : old.value().length);
      }
      delta += (after == null ? 0 : ItemSize.of(after)) - (before == null ? 0 : ItemSize.of(before));
      written.put(k, Optional.ofNullable(after));
      AttributeValue pk = (after != null ? after : before) == null ? null : spec.keySchema().keyOf(after != null ? after : before).partition();
      if (pk != null) {
        Bytes sizeKey = Bytes.wrap(IndexKeys.collectionSizeKey(spec.tableId(), pk));
        sizes.merge(sizeKey, delta, Long::sum);
      }
    }

    void writeSizes() {
      sizes.forEach((k, delta) -> {
        long size = collectionSize(k.unsafeArray()) + delta;
        if (size <= 0) {
          batch.delete(k.unsafeArray());
        } else {
          batch.put(k.unsafeArray(), ItemKeys.encodeLong(size));
        }
      });
    }
  }

  private Map<String, AttributeValue> storedItem(byte[] key) {
    byte[] v = store.get(key);
    return v == null ? null : ItemCodec.decode(v);
  }

  private long collectionSize(byte[] sizeKey) {
    byte[] v = store.get(sizeKey);
    return v == null ? 0 : ItemKeys.decodeLong(v);
  }

  /** The applied size of an item collection: its items and their local index entries. */
  long collectionBytes(AttributeValue pk) {
    return collectionSize(IndexKeys.collectionSizeKey(spec.tableId(), pk));
  }

  /**
   * Makes everything applied so far durable and records that durably, so the journal up to
   * {@link #appliedIndex} may go.
   */
  void sync() {
    store.sync();
    store.write(new Batch().put(syncedKey, ItemKeys.encodeLong(appliedIndex)), true);
  }

  /**
   * Replaces this partition's applied state with a copy of another replica's, as of log index
   * {@code index}: its items ({@code items}, in key order) with the partition's count and size
   * then. Local index entries and item collection sizes are rebuilt from the items. Durable when
   * it returns, {@link #appliedIndex} included.
   */
  void install(Iterator<Cursor.Entry> items, long index, long count, long bytes) {
    for (KeyRange r : ranges()) {
      store.deleteRange(r.fromInclusive(), r.toExclusive());
    }
    clearOverlay();
    KeyRange own = range();
    while (items.hasNext()) {
      Batch batch = new Batch();
      IndexUpkeep indexes = spec.localIndexes().isEmpty() ? null : new IndexUpkeep(batch);
      for (int n = 0; n < INSTALL_BATCH_ITEMS && items.hasNext(); n++) {
        Cursor.Entry e = items.next();
        if (!own.contains(e.key())) {
          throw new IllegalArgumentException("a copy of partition " + spec.partition().partitionId() + " holds a key outside it");
        }
        if (indexes != null) {
          indexes.replace(e.key(), ItemCodec.decode(e.value()));
        }
        batch.put(e.key(), e.value());
      }
      if (indexes != null) {
        indexes.writeSizes();
      }
      store.write(batch, false);
    }
    appliedIndex = index;
    itemCount = count;
    sizeBytes = bytes;
    clearOverlay();
    store.write(new Batch().put(metaKey, meta()), false);
    sync();
  }

  /**
   * A digest of everything this partition holds (items, local index entries, item collection
   * sizes) in key order: replicas that applied the same log agree on it. Items are read as
   * they are, not as this node's encryption stores them, so it compares replicas across nodes.
   */
  String checksum() {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (KeyRange r : ranges()) {
      try (Cursor c = store.range(r.fromInclusive(), r.toExclusive(), false)) {
        while (c.hasNext()) {
          Cursor.Entry e = c.next();
          digest.update(ItemKeys.encodeLong(e.key().length));
          digest.update(e.key());
          digest.update(ItemKeys.encodeLong(e.value().length));
          digest.update(e.value());
        }
      }
    }
    return java.util.HexFormat.of().formatHex(digest.digest(), 0, 16);
  }

  /** A cursor over the applied items, as of now; with {@link #itemCount} and {@link #sizeBytes} a copy of this partition. */
  Cursor items() {
    KeyRange r = range();
    return store.range(r.fromInclusive(), r.toExclusive(), false);
  }

  /** Forgets staged writes (leadership lost: they may never commit). */
  void clearOverlay() {
    overlay.clear();
    stagedItemCount = itemCount;
    stagedSizeBytes = sizeBytes;
  }

  private byte[] meta() {
    return ByteBuffer.allocate(24).putLong(appliedIndex).putLong(itemCount).putLong(sizeBytes).array();
  }

  private KeyRange range() {
    return ItemKeys.partitionRange(spec.tableId(), spec.partition().hashStart(), spec.partition().hashEndExclusive());
  }

  /** Every key range this partition owns: its items, its local index entries, its collection sizes. */
  private List<KeyRange> ranges() {
    List<KeyRange> all = new java.util.ArrayList<>();
    all.add(range());
    for (LocalIndex ix : spec.localIndexes()) {
      all.add(IndexKeys.partitionRange(spec.tableId(), ix.ordinal(), spec.partition().hashStart(), spec.partition().hashEndExclusive()));
    }
    all.add(IndexKeys.collectionSizeRange(spec.tableId(), spec.partition().hashStart(), spec.partition().hashEndExclusive()));
    return all;
  }

  /**
   * Up to {@code scanMax} keys of applied items whose time to live has passed, from where the
   * previous sweep stopped; wraps around at the end of the partition.
   */
  List<byte[]> expired(String attribute, long nowEpochSeconds, int scanMax) {
    KeyRange r = range();
    byte[] from = ttlCursor == null ? r.fromInclusive() : ttlCursor;
    List<byte[]> keys = new java.util.ArrayList<>();
    int scanned = 0;
    try (Cursor c = store.range(from, r.toExclusive(), false)) {
      while (scanned < scanMax && c.hasNext()) {
        Cursor.Entry e = c.next();
        scanned++;
        if (triad.storage.core.Ttl.isExpired(ItemCodec.decode(e.value()), attribute, nowEpochSeconds)) {
          keys.add(e.key());
        }
        ttlCursor = ItemKeys.startAfter(e.key());
      }
      if (scanned < scanMax) {
        ttlCursor = null;
      }
    }
    return keys;
  }

  ReplicaBehavior.Reply read(ReadOp op) {
    return switch (op) {
      case ReadOp.Get g -> get(g);
      case ReadOp.QueryPage q -> query(q);
      case ReadOp.ScanPage s -> scan(s);
    };
  }

  private ReplicaBehavior.Reply get(ReadOp.Get g) {
    byte[] v = store.get(keyOf(g.key()));
    Map<String, AttributeValue> item = v == null ? null : ItemCodec.decode(v);
    double units = Capacity.read(item == null ? 0 : ItemSize.of(item), g.consistent());
    if (item != null && g.expr().projection() != null) {
      item = new Expr.Compiler(g.expr()).projection().apply(item);
    }
    return new ReplicaBehavior.Got(item, units);
  }

  private ReplicaBehavior.Reply query(ReadOp.QueryPage q) {
    LocalIndex ix = index(q.index());
    Expr.Compiler.QueryParts parts = new Expr.Compiler(q.expr()).query(ix == null ? spec.keySchema() : ix.keySchema());
    KeyCondition kc = parts.keyCondition();
    Op op = kc.sort() == null ? null : Op.valueOf(kc.sort().op().name());
    AttributeValue v1 = kc.sort() == null ? null : kc.sort().value();
    AttributeValue v2 = kc.sort() == null ? null : kc.sort().upper();
    KeyRange r = ix != null
        ? IndexKeys.sortKeyRange(spec.tableId(), ix.ordinal(), kc.partitionValue(), op, v1, v2)
        : op == null ? ItemKeys.itemCollection(spec.tableId(), kc.partitionValue())
        : ItemKeys.sortKeyRange(spec.tableId(), kc.partitionValue(), op, v1, v2);
    byte[] from = r.fromInclusive();
    byte[] to = r.toExclusive();
    if (q.exclusiveStart() != null) {
      byte[] start = storeKey(ix, q.exclusiveStart());
      if (q.forward()) {
        from = max(from, ItemKeys.startAfter(start));
      } else {
        to = min(to, start);
      }
    }
    PageReader.Page page = PageReader.read(cursor(from, to, !q.forward()), new PageReader.Request(q.limit(), q.bytesBudget(), parts.filter(),
        parts.projection(), q.countOnly(), loader(ix, q.fetchItems())));
    return paged(ix, page, q.consistent());
  }

  private ReplicaBehavior.Reply scan(ReadOp.ScanPage s) {
    LocalIndex ix = index(s.index());
    Expr.Compiler compiler = new Expr.Compiler(s.expr());
    Condition filter = compiler.filter();
    Projection projection = compiler.projection();
    KeyRange r = ix == null
        ? ItemKeys.partitionRange(spec.tableId(), s.hashStart(), s.hashEnd() + 1)
        : IndexKeys.partitionRange(spec.tableId(), ix.ordinal(), s.hashStart(), s.hashEnd() + 1);
    byte[] from = r.fromInclusive();
    if (s.exclusiveStart() != null) {
      from = max(from, ItemKeys.startAfter(storeKey(ix, s.exclusiveStart())));
    }
    PageReader.Page page = PageReader.read(cursor(from, r.toExclusive(), false),
        new PageReader.Request(s.limit(), s.bytesBudget(), filter, projection, s.countOnly(), loader(ix, s.fetchItems())));
    return paged(ix, page, s.consistent());
  }

  private LocalIndex index(String name) {
    if (name == null) {
      return null;
    }
    LocalIndex ix = spec.localIndex(name);
    if (ix == null) {
      throw DbException.validation("The table does not have the specified index: " + name);
    }
    return ix;
  }

  /** The store key of a LastEvaluatedKey: an item's key, or an index entry's. */
  private byte[] storeKey(LocalIndex ix, Map<String, AttributeValue> lastKey) {
    PrimaryKey tableKey = spec.keySchema().keyOf(lastKey);
    return ix == null ? keyOf(tableKey)
        : IndexKeys.entryKey(spec.tableId(), ix.ordinal(), spec.keySchema(), ix.keySchema(), tableKey, lastKey.get(ix.keySchema().sortKey()));
  }

  /** Index entries hold projected items; when more is asked, the table's item is read instead. */
  private PageReader.Loader loader(LocalIndex ix, boolean fetchItems) {
    if (ix == null || !fetchItems) {
      return (key, value) -> ItemCodec.decode(value);
    }
    return (key, value) -> {
      byte[] item = store.get(keyOf(IndexKeys.decode(key, spec.keySchema(), ix.keySchema()).tableKey()));
      return item == null ? ItemCodec.decode(value) : ItemCodec.decode(item);
    };
  }

  private ReplicaBehavior.Paged paged(LocalIndex ix, PageReader.Page page, boolean consistent) {
    Map<String, AttributeValue> last = null;
    if (page.lastKey() != null) {
      if (ix == null) {
        last = ItemKeys.decode(page.lastKey(), spec.keySchema()).toItem(spec.keySchema());
      } else {
        IndexKeys.Decoded d = IndexKeys.decode(page.lastKey(), spec.keySchema(), ix.keySchema());
        last = d.tableKey().toItem(spec.keySchema());
        last.put(ix.keySchema().sortKey(), d.indexSortKey());
      }
    }
    return new ReplicaBehavior.Paged(page.items(), page.count(), page.scanned(), page.bytesRead(), last, consistent);
  }

  private PageReader.Cursor cursor(byte[] from, byte[] to, boolean reverse) {
    Cursor c = store.range(from, to, reverse);
    return new PageReader.Cursor() {
      private Cursor.Entry current;

      @Override
      public boolean next() {
        current = c.hasNext() ? c.next() : null;
        return current != null;
      }

      @Override
      public byte[] key() {
        return current.key();
      }

      @Override
      public byte[] value() {
        return current.value();
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }

  private static byte[] max(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b) >= 0 ? a : b;
  }

  private static byte[] min(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b) <= 0 ? a : b;
  }
}
