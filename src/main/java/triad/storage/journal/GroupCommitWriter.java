package triad.storage.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import triad.storage.Cursor;
import triad.storage.LevelDb;
import triad.storage.core.Batch;
import triad.storage.core.JournalKeys;
import triad.storage.core.KeyBytes;
import triad.storage.core.KeyRange;
import triad.storage.journal.JournalStore.AtomicEvents;
import triad.storage.journal.JournalStore.Event;
import triad.storage.journal.JournalStore.Stats;

/**
 * The journal's single writer thread and its group commit. Each round it:
 *
 * <ol>
 *   <li>takes every queued request (at most {@code group-writes-max});
 *   <li>puts the events of all write requests, new id mappings, and up to
 *       {@code delete-batch-keys-max} deletions of pending deletes into ONE LevelDB batch;
 *   <li>writes the batch with sync: one fsync for the whole group;
 *   <li>publishes new ids, then completes every request of the group, in arrival order.
 * </ol>
 *
 * A request is acknowledged only after step 3, so an acknowledged event is durable. The queue
 * holds at most {@code writes-queued-max} requests; beyond that a write fails at once with
 * {@link JournalOverloadedException}.
 */
final class GroupCommitWriter implements AutoCloseable {

  private sealed interface Request permits WriteRequest, DeleteRequest {}

  private record WriteRequest(List<AtomicEvents> writes, CompletableFuture<List<Optional<Exception>>> done)
      implements Request {}

  private record DeleteRequest(String persistenceId, long toSequenceNr, CompletableFuture<Void> done)
      implements Request {}

  /** A deletion in progress, spread over rounds of at most delete-batch-keys-max keys. */
  private static final class Deletion {
    final DeleteRequest request;
    long nextSequenceNr = 0;
    boolean finished;

    Deletion(DeleteRequest request) {
      this.request = request;
    }
  }

  private final LevelDb db;
  private final PersistenceIds ids;
  private final JournalSettings settings;
  private final BlockingQueue<Request> queue;
  private final ArrayDeque<Deletion> deletions = new ArrayDeque<>();
  /** Writer thread only: highest deleted sequence number per numeric id, as written so far. */
  private final Map<Long, Long> deletedMarkers = new HashMap<>();
  private final Thread thread;
  private final AtomicLong groupCommits = new AtomicLong();
  private final AtomicLong writeCalls = new AtomicLong();
  private final AtomicLong eventsWritten = new AtomicLong();
  private final AtomicLong eventsDeleted = new AtomicLong();
  private volatile boolean stopping;

  GroupCommitWriter(LevelDb db, PersistenceIds ids, JournalSettings settings) {
    this.db = db;
    this.ids = ids;
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.writesQueuedMax());
    this.thread = new Thread(this::run, "triad-journal-writer-" + db.dir().getFileName());
    thread.setDaemon(true);
  }

  /** Starts the writer thread; requests made before wait in the queue. */
  void start() {
    thread.start();
  }

  CompletableFuture<List<Optional<Exception>>> write(List<AtomicEvents> writes) {
    CompletableFuture<List<Optional<Exception>>> done = new CompletableFuture<>();
    enqueue(new WriteRequest(writes, done), done);
    return done;
  }

  /** Deletes the events of {@code persistenceId} up to {@code toSequenceNr}, inclusive. */
  CompletableFuture<Void> deleteTo(String persistenceId, long toSequenceNr) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new DeleteRequest(persistenceId, toSequenceNr, done), done);
    return done;
  }

  Stats stats() {
    return new Stats(groupCommits.get(), writeCalls.get(), eventsWritten.get(), eventsDeleted.get());
  }

  /** Commits what is queued, then stops the thread; later requests fail with JournalClosedException. */
  @Override
  public void close() {
    stopping = true;
    if (thread.isAlive()) {
      thread.interrupt();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Left behind only by requests racing with close, a writer never started, or one killed by an Error.
    failAll(new JournalClosedException());
    deletions.forEach(d -> d.request.done().completeExceptionally(new JournalClosedException()));
    deletions.clear();
  }

  private void enqueue(Request r, CompletableFuture<?> done) {
    if (stopping) {
      done.completeExceptionally(new JournalClosedException());
    } else if (!queue.offer(r)) {
      done.completeExceptionally(new JournalOverloadedException(settings.writesQueuedMax()));
    }
  }

  private void run() {
    List<Request> group = new ArrayList<>(settings.groupWritesMax());
    while (!stopping || !queue.isEmpty() || !deletions.isEmpty()) {
      group.clear();
      Request first = next();
      if (first != null) {
        group.add(first);
        queue.drainTo(group, settings.groupWritesMax() - 1);
      }
      if (!group.isEmpty() || !deletions.isEmpty()) {
        commit(group);
      }
    }
  }

  /** Blocks for a request unless a deletion is pending or the writer is stopping. */
  private Request next() {
    if (!deletions.isEmpty() || stopping) {
      return queue.poll();
    }
    try {
      return queue.poll(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      return null; // close() interrupts to make the loop see `stopping`
    }
  }

  private void commit(List<Request> group) {
    Batch batch = new Batch();
    Map<String, Long> allocated = new HashMap<>();
    List<WriteRequest> writes = new ArrayList<>();
    List<Deletion> touched = new ArrayList<>();
    long events = 0;
    long deleted;
    for (Request r : group) {
      switch (r) {
        case WriteRequest w -> writes.add(w);
        case DeleteRequest d -> deletions.addLast(new Deletion(d));
      }
    }
    try {
      for (WriteRequest w : writes) {
        events += addEvents(w, batch, allocated);
      }
      deleted = addDeletions(batch, touched);
      if (!batch.isEmpty()) {
        db.write(batch, true);
        groupCommits.incrementAndGet();
      }
    } catch (RuntimeException e) {
      // Nothing of this group is durable: fail all of it, forget cached markers it may have set.
      deletedMarkers.clear();
      touched.forEach(d -> {
        deletions.remove(d);
        d.request.done().completeExceptionally(e);
      });
      writes.forEach(w -> w.done().completeExceptionally(e));
      return;
    }
    ids.publish(allocated);
    writeCalls.addAndGet(writes.size());
    eventsWritten.addAndGet(events);
    eventsDeleted.addAndGet(deleted);
    for (WriteRequest w : writes) {
      w.done().complete(w.writes().stream().map(a -> Optional.ofNullable(a.rejection())).toList());
    }
    for (Deletion d : touched) {
      if (d.finished) {
        d.request.done().complete(null);
      }
    }
  }

  private long addEvents(WriteRequest w, Batch batch, Map<String, Long> allocated) {
    long events = 0;
    for (AtomicEvents a : w.writes()) {
      if (a.rejection() != null) {
        continue;
      }
      long id = ids.idFor(a.persistenceId(), batch, allocated);
      for (Event e : a.events()) {
        batch.put(JournalKeys.eventKey(id, e.sequenceNr()), e.bytes());
        events++;
      }
    }
    return events;
  }

  /** Adds up to delete-batch-keys-max deletions, oldest deletion first; returns how many. */
  private long addDeletions(Batch batch, List<Deletion> touched) {
    int budget = settings.deleteBatchKeysMax();
    while (budget > 0 && !deletions.isEmpty()) {
      Deletion d = deletions.peekFirst();
      touched.add(d);
      budget -= addDeletionChunk(d, batch, budget);
      if (!d.finished) {
        break;
      }
      deletions.removeFirst();
    }
    return settings.deleteBatchKeysMax() - budget;
  }

  private int addDeletionChunk(Deletion d, Batch batch, int budget) {
    OptionalLong id = ids.lookup(d.request.persistenceId());
    if (id.isEmpty()) {
      d.finished = true;
      return 0;
    }
    KeyRange range = JournalKeys.events(id.getAsLong(), d.nextSequenceNr, d.request.toSequenceNr());
    int count = 0;
    long last = -1;
    try (Cursor c = db.range(range.fromInclusive(), range.toExclusive(), false)) {
      while (count < budget && c.hasNext()) {
        byte[] key = c.next().key();
        batch.delete(key);
        last = JournalKeys.sequenceNrOf(key);
        count++;
      }
      d.finished = !c.hasNext();
    }
    if (count > 0) {
      d.nextSequenceNr = last + 1;
      long marker = Math.max(deletedMarker(id.getAsLong()), last);
      deletedMarkers.put(id.getAsLong(), marker);
      batch.put(JournalKeys.deletedMarkerKey(id.getAsLong()), KeyBytes.longBytes(marker));
    }
    return count;
  }

  private long deletedMarker(long id) {
    Long cached = deletedMarkers.get(id);
    if (cached != null) {
      return cached;
    }
    byte[] stored = db.get(JournalKeys.deletedMarkerKey(id));
    return stored == null ? 0 : KeyBytes.longOf(stored);
  }

  private void failAll(RuntimeException e) {
    for (Request r; (r = queue.poll()) != null; ) {
      switch (r) {
        case WriteRequest w -> w.done().completeExceptionally(e);
        case DeleteRequest d -> d.done().completeExceptionally(e);
      }
    }
  }
}
