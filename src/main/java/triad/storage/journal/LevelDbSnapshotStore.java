package triad.storage.journal;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.apache.pekko.persistence.serialization.Snapshot;
import org.apache.pekko.persistence.snapshot.japi.SnapshotStore;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import triad.security.core.Envelope;
import triad.storage.Cursor;
import triad.storage.LevelDb;
import triad.storage.LevelDbSettings;
import triad.storage.core.Batch;
import triad.storage.core.KeyRange;
import triad.storage.core.SnapshotKeys;

/**
 * Pekko persistence snapshot store on LevelDB: a persistence id's snapshots are one key range
 * ordered by sequence number (see {@link SnapshotKeys}), so the newest match of a criteria is the
 * first hit of a reverse scan. Snapshots are encrypted under their table's data key and bound to
 * their persistence id, sequence number and timestamp ({@link EncryptionSetup}); one that fails to
 * open fails the load. Saves and deletes are synced. Snapshots are rare next to events, so
 * there is no group commit here. The metadata field of SnapshotMetadata (replicated event
 * sourcing) is not stored. Configured by {@code triad.storage.snapshot-store}.
 */
public final class LevelDbSnapshotStore extends SnapshotStore {
  private final LevelDb db;
  private final Serialization serialization;
  private final EncryptionSetup encryption;
  private final ExecutionContext io;

  public LevelDbSnapshotStore(Config config) {
    this.encryption = EncryptionSetup.of(context().system());
    this.serialization = SerializationExtension.get(context().system());
    this.io = context().system().dispatchers().lookup(config.getString("io-dispatcher"));
    this.db = LevelDb.open(Path.of(config.getString("dir")), LevelDbSettings.fromConfig(config.getConfig("leveldb")));
  }

  @Override
  public Future<Optional<SelectedSnapshot>> doLoadAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    return Futures.future(() -> load(persistenceId, criteria), io);
  }

  @Override
  public Future<Void> doSaveAsync(SnapshotMetadata metadata, Object snapshot) {
    return Futures.future(() -> {
      byte[] bytes = encryption.seal(Envelope.Purpose.SNAPSHOT, metadata.persistenceId(), serialization.serialize(new Snapshot(snapshot)).get(),
          metadata.sequenceNr(), metadata.timestamp());
      byte[] key = SnapshotKeys.key(metadata.persistenceId(), metadata.sequenceNr());
      db.write(new Batch().put(key, SnapshotKeys.value(metadata.timestamp(), bytes)), true);
      return null;
    }, io);
  }

  /** Deletes the snapshot at the metadata's sequence number; a zero timestamp matches any. */
  @Override
  public Future<Void> doDeleteAsync(SnapshotMetadata metadata) {
    return Futures.future(() -> {
      byte[] key = SnapshotKeys.key(metadata.persistenceId(), metadata.sequenceNr());
      byte[] value = db.get(key);
      if (value != null && (metadata.timestamp() == 0 || SnapshotKeys.timestampOf(value) == metadata.timestamp())) {
        db.write(new Batch().delete(key), true);
      }
      return null;
    }, io);
  }

  @Override
  public Future<Void> doDeleteAsync(String persistenceId, SnapshotSelectionCriteria criteria) {
    return Futures.future(() -> {
      Batch batch = new Batch();
      KeyRange range = SnapshotKeys.snapshots(persistenceId, criteria.minSequenceNr(), criteria.maxSequenceNr());
      try (Cursor c = db.range(range.fromInclusive(), range.toExclusive(), false)) {
        while (c.hasNext()) {
          Cursor.Entry e = c.next();
          if (timestampMatches(SnapshotKeys.timestampOf(e.value()), criteria)) {
            batch.delete(e.key());
          }
        }
      }
      if (!batch.isEmpty()) {
        db.write(batch, true);
      }
      return null;
    }, io);
  }

  @Override
  public void postStop() throws Exception {
    db.close();
    super.postStop();
  }

  private Optional<SelectedSnapshot> load(String persistenceId, SnapshotSelectionCriteria criteria) {
    KeyRange range = SnapshotKeys.snapshots(persistenceId, criteria.minSequenceNr(), criteria.maxSequenceNr());
    try (Cursor c = db.range(range.fromInclusive(), range.toExclusive(), true)) {
      while (c.hasNext()) {
        Cursor.Entry e = c.next();
        long timestamp = SnapshotKeys.timestampOf(e.value());
        if (timestampMatches(timestamp, criteria)) {
          long sequenceNr = SnapshotKeys.sequenceNrOf(e.key());
          byte[] bytes = encryption.open(Envelope.Purpose.SNAPSHOT, persistenceId, SnapshotKeys.snapshotOf(e.value()), sequenceNr, timestamp);
          Object snapshot = serialization.deserialize(bytes, Snapshot.class).get().data();
          SnapshotMetadata md = new SnapshotMetadata(persistenceId, sequenceNr, timestamp);
          return Optional.of(new SelectedSnapshot(md, snapshot));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean timestampMatches(long timestamp, SnapshotSelectionCriteria criteria) {
    return timestamp >= criteria.minTimestamp() && timestamp <= criteria.maxTimestamp();
  }
}
