package triad.replication;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import triad.replication.core.Membership;
import triad.replication.core.SnapshotPoint;
import triad.storage.Cursor;
import triad.storage.ItemStore;
import triad.storage.core.Batch;
import triad.storage.core.ItemKeys;
import triad.storage.core.KeyRange;

/**
 * Where one replica keeps a copy of another replica's items while it arrives and until the
 * replica takes it (docs/replication.md, section 3): under its own staging prefix of the node's
 * item store, sealed like items ({@link ItemKeys#stagedKey}), so the items it serves stay
 * untouched until the copy is complete. A copy is complete once its point is recorded, after
 * everything staged is synced; a replica that restarts finds a complete copy and installs it
 * again, and discards an incomplete one.
 */
final class SnapshotStaging {
  private final ItemStore store;
  private final String replicaId;
  private final KeyRange range;
  private final byte[] markerKey;

  /** A complete copy: the items as of {@code point}, with the partition's item count and size then. */
  record Staged(SnapshotPoint point, long itemCount, long sizeBytes) {}

  SnapshotStaging(ItemStore store, String replicaId) {
    this.store = store;
    this.replicaId = replicaId;
    this.range = ItemKeys.stagingRange(replicaId);
    this.markerKey = ItemKeys.replicaMetadataKey(replicaId + "/staged");
  }

  /** Drops whatever is staged, complete or not. */
  void discard() {
    store.write(new Batch().delete(markerKey), false);
    store.deleteRange(range.fromInclusive(), range.toExclusive());
  }

  /** Stages items (item keys and their values). */
  void stage(List<byte[][]> items) {
    Batch batch = new Batch();
    for (byte[][] item : items) {
      batch.put(ItemKeys.stagedKey(replicaId, item[0]), item[1]);
    }
    store.write(batch, false);
  }

  /** Everything staged is synced, then the copy is recorded as complete. */
  void complete(Staged staged) {
    store.sync();
    store.write(new Batch().put(markerKey, encode(staged)), true);
  }

  /** The complete copy, or null. */
  Staged completed() {
    byte[] marker = store.get(markerKey);
    return marker == null ? null : decode(marker);
  }

  /** The staged items under their own item keys, in key order; read to the end or close. */
  Iterator<Cursor.Entry> items(Cursor staged) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return staged.hasNext();
      }

      @Override
      public Cursor.Entry next() {
        Cursor.Entry e = staged.next();
        return new Cursor.Entry(ItemKeys.unstaged(e.key()), e.value());
      }
    };
  }

  Cursor cursor() {
    return store.range(range.fromInclusive(), range.toExclusive(), false);
  }

  private static byte[] encode(Staged s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(s.point().index());
      out.writeLong(s.point().term());
      out.writeLong(s.itemCount());
      out.writeLong(s.sizeBytes());
      writeIds(out, s.point().membership().fullReplicas());
      writeIds(out, s.point().membership().logReplicas());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Staged decode(byte[] marker) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(marker))) {
      long index = in.readLong();
      long term = in.readLong();
      long count = in.readLong();
      long size = in.readLong();
      Membership m = new Membership(readIds(in), readIds(in));
      return new Staged(new SnapshotPoint(index, term, m), count, size);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable staged snapshot marker", e);
    }
  }

  private static void writeIds(DataOutputStream out, List<String> ids) throws IOException {
    out.writeInt(ids.size());
    for (String id : ids) {
      out.writeUTF(id);
    }
  }

  private static List<String> readIds(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(in.readUTF());
    }
    return ids;
  }
}
