package triad.storage.journal;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import triad.storage.Cursor;
import triad.storage.LevelDb;
import triad.storage.core.JournalKeys;
import triad.storage.core.KeyBytes;
import triad.storage.core.KeyRange;

/**
 * The journal's storage without Pekko: group-committed writes and deletions through the
 * {@link GroupCommitWriter}, blocking reads on the caller's thread. Events are opaque bytes here;
 * {@link LevelDbJournal} serializes them.
 */
public final class JournalStore implements AutoCloseable {

  /** One event, already serialized. */
  public record Event(long sequenceNr, byte[] bytes) {}

  /**
   * The events of one AtomicWrite: all or none are written. A non-null {@code rejection} (they
   * could not be serialized) means none are, and the writer is told why.
   */
  public record AtomicEvents(String persistenceId, List<Event> events, Exception rejection) {}

  /** Counters since open; {@code groupCommits} is the number of fsyncs. */
  public record Stats(long groupCommits, long writeCalls, long eventsWritten, long eventsDeleted) {}

  private final LevelDb db;
  private final PersistenceIds ids;
  private final GroupCommitWriter writer;

  private JournalStore(LevelDb db, JournalSettings settings) {
    this.db = db;
    this.ids = new PersistenceIds(db);
    this.writer = new GroupCommitWriter(db, ids, settings);
  }

  /** Opens the store in {@code settings.dir()} and starts its writer thread. */
  public static JournalStore open(JournalSettings settings) {
    JournalStore store = openStopped(settings);
    store.writer.start();
    return store;
  }

  /** Opens without starting the writer, so tests can fill the queue; {@link #start} starts it. */
  static JournalStore openStopped(JournalSettings settings) {
    LevelDb db = LevelDb.open(settings.dir(), settings.leveldb());
    try {
      return new JournalStore(db, settings);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  void start() {
    writer.start();
  }

  /**
   * Writes each AtomicWrite's events atomically, all of them with one fsync shared with other
   * callers. Completes after the write is durable, with one element per AtomicWrite: its
   * rejection, or empty when written. Fails with {@link JournalOverloadedException} when the
   * queue is full, or with the storage error.
   */
  public CompletableFuture<List<Optional<Exception>>> write(List<AtomicEvents> writes) {
    return writer.write(writes);
  }

  /** Physically deletes the events up to {@code toSequenceNr}, keeping the highest sequence number. */
  public CompletableFuture<Void> deleteTo(String persistenceId, long toSequenceNr) {
    return writer.deleteTo(persistenceId, toSequenceNr);
  }

  /**
   * Feeds the sequence numbers and serialized events of [from, to] to {@code onEvent} in sequence
   * order, at most {@code max} of them; returns how many. Blocking.
   */
  public long replay(String persistenceId, long fromSequenceNr, long toSequenceNr, long max, BiConsumer<Long, byte[]> onEvent) {
    OptionalLong id = ids.lookup(persistenceId);
    if (id.isEmpty() || max <= 0 || fromSequenceNr > toSequenceNr) {
      return 0;
    }
    KeyRange range = JournalKeys.events(id.getAsLong(), fromSequenceNr, toSequenceNr);
    long count = 0;
    try (Cursor c = db.range(range.fromInclusive(), range.toExclusive(), false)) {
      while (count < max && c.hasNext()) {
        Cursor.Entry e = c.next();
        onEvent.accept(JournalKeys.sequenceNrOf(e.key()), e.value());
        count++;
      }
    }
    return count;
  }

  /** The highest sequence number ever written for the id, even if its events were deleted. Blocking. */
  public long highestSequenceNr(String persistenceId) {
    OptionalLong id = ids.lookup(persistenceId);
    if (id.isEmpty()) {
      return 0;
    }
    byte[] marker = db.get(JournalKeys.deletedMarkerKey(id.getAsLong()));
    long highest = marker == null ? 0 : KeyBytes.longOf(marker);
    KeyRange range = JournalKeys.events(id.getAsLong(), 0, Long.MAX_VALUE);
    try (Cursor c = db.range(range.fromInclusive(), range.toExclusive(), true)) {
      if (c.hasNext()) {
        highest = Math.max(highest, JournalKeys.sequenceNrOf(c.next().key()));
      }
    }
    return highest;
  }

  public Stats stats() {
    return writer.stats();
  }

  /** Commits what is queued, stops the writer and closes the database. */
  @Override
  public void close() {
    try {
      writer.close();
    } finally {
      db.close();
    }
  }
}
