package triad.storage.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import triad.storage.LevelDbSettings;
import triad.storage.journal.JournalStore.AtomicEvents;
import triad.storage.journal.JournalStore.Event;

/** The journal's storage and group commit, without Pekko. */
class JournalStoreTest {
  @TempDir
  Path dir;

  private JournalSettings settings(int queued, int group, int deleteBatch) {
    LevelDbSettings leveldb = LevelDbSettings.fromConfig(
        ConfigFactory.parseResources("storage.conf").resolve().getConfig("triad.storage.journal.leveldb"));
    return new JournalSettings(dir, queued, group, deleteBatch, "unused", leveldb);
  }

  private static AtomicEvents events(String pid, long from, long to) {
    List<Event> events = LongStream.rangeClosed(from, to)
        .mapToObj(s -> new Event(s, (pid + "#" + s).getBytes(StandardCharsets.UTF_8))).toList();
    return new AtomicEvents(pid, events, null);
  }

  private static List<String> replay(JournalStore store, String pid, long from, long to, long max) {
    List<String> out = new ArrayList<>();
    store.replay(pid, from, to, max, (sequenceNr, b) -> out.add(new String(b, StandardCharsets.UTF_8)));
    return out;
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void everythingQueuedIsCommittedWithOneFsyncAndTheQueueIsBounded() throws Exception {
    try (JournalStore store = JournalStore.openStopped(settings(100, 512, 1000))) {
      List<CompletableFuture<List<Optional<Exception>>>> acks = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        acks.add(store.write(List.of(events("p" + (i % 10), i / 10 + 1, i / 10 + 1))));
      }
      CompletableFuture<List<Optional<Exception>>> overflow = store.write(List.of(events("p0", 99, 99)));
      ExecutionException e = assertThrows(ExecutionException.class, () -> overflow.get(1, TimeUnit.SECONDS));
      assertInstanceOf(JournalOverloadedException.class, e.getCause());

      store.start();
      for (CompletableFuture<List<Optional<Exception>>> ack : acks) {
        assertEquals(List.of(Optional.empty()), await(ack));
      }
      assertEquals(new JournalStore.Stats(1, 100, 100, 0), store.stats());
      for (int p = 0; p < 10; p++) {
        String pid = "p" + p;
        assertEquals(LongStream.rangeClosed(1, 10).mapToObj(s -> pid + "#" + s).toList(), replay(store, pid, 1, Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(10, store.highestSequenceNr("p" + p));
      }
    }
  }

  @Test
  void groupSizeIsBounded() throws Exception {
    try (JournalStore store = JournalStore.openStopped(settings(100, 1, 1000))) {
      List<CompletableFuture<List<Optional<Exception>>>> acks = new ArrayList<>();
      for (long s = 1; s <= 20; s++) {
        acks.add(store.write(List.of(events("p", s, s))));
      }
      store.start();
      for (CompletableFuture<List<Optional<Exception>>> ack : acks) {
        await(ack);
      }
      assertEquals(20, store.stats().groupCommits(), "group-writes-max = 1 is one fsync per write call");
    }
  }

  @Test
  void replayHonoursBoundsAndMax() throws Exception {
    try (JournalStore store = JournalStore.open(settings(100, 512, 1000))) {
      await(store.write(List.of(events("a", 1, 10), events("ab", 1, 3))));
      assertEquals(List.of("a#3", "a#4", "a#5"), replay(store, "a", 3, 5, 100));
      assertEquals(List.of("a#3", "a#4"), replay(store, "a", 3, 5, 2));
      assertEquals(List.of("a#10"), replay(store, "a", 10, Long.MAX_VALUE, 100));
      assertEquals(List.of(), replay(store, "a", 11, Long.MAX_VALUE, 100));
      assertEquals(List.of(), replay(store, "a", 5, 4, 100));
      assertEquals(List.of(), replay(store, "unknown", 1, 10, 100));
      assertEquals(0, store.highestSequenceNr("unknown"));
      assertEquals(3, store.highestSequenceNr("ab"));
    }
  }

  @Test
  void aRejectedAtomicWriteWritesNothingOfItsOwnAndTheRestCommits() throws Exception {
    try (JournalStore store = JournalStore.open(settings(100, 512, 1000))) {
      Exception cause = new IllegalArgumentException("not serializable");
      List<Optional<Exception>> result = await(store.write(List.of(
          events("ok", 1, 2), new AtomicEvents("bad", List.of(), cause), events("ok", 3, 3))));
      assertEquals(List.of(Optional.empty(), Optional.of(cause), Optional.empty()), result);
      assertEquals(List.of("ok#1", "ok#2", "ok#3"), replay(store, "ok", 1, Long.MAX_VALUE, Long.MAX_VALUE));
      assertEquals(0, store.highestSequenceNr("bad"));
    }
  }

  @Test
  void deletionsRunInBoundedChunksAndKeepTheHighestSequenceNrAcrossReopen() throws Exception {
    try (JournalStore store = JournalStore.open(settings(100, 512, 3))) {
      await(store.write(List.of(events("d", 1, 10), events("keep", 1, 4))));
      await(store.deleteTo("d", 7));
      assertEquals(List.of("d#8", "d#9", "d#10"), replay(store, "d", 0, Long.MAX_VALUE, Long.MAX_VALUE));
      assertEquals(10, store.highestSequenceNr("d"));
      long commitsBefore = store.stats().groupCommits();
      await(store.deleteTo("d", Long.MAX_VALUE));
      assertEquals(List.of(), replay(store, "d", 0, Long.MAX_VALUE, Long.MAX_VALUE));
      assertEquals(10, store.highestSequenceNr("d"));
      assertEquals(commitsBefore + 1, store.stats().groupCommits(), "three deletions fit one chunk");
      assertEquals(10, store.stats().eventsDeleted());
      await(store.deleteTo("nobody", 5));
    }
    try (JournalStore store = JournalStore.open(settings(100, 512, 3))) {
      assertEquals(10, store.highestSequenceNr("d"));
      assertEquals(4, store.highestSequenceNr("keep"));
      await(store.write(List.of(events("d", 11, 11), events("new", 1, 1))));
      assertEquals(List.of("d#11"), replay(store, "d", 0, Long.MAX_VALUE, Long.MAX_VALUE));
      assertEquals(List.of("new#1"), replay(store, "new", 0, Long.MAX_VALUE, Long.MAX_VALUE));
      assertEquals(List.of("keep#1", "keep#2", "keep#3", "keep#4"), replay(store, "keep", 0, Long.MAX_VALUE, Long.MAX_VALUE));
    }
  }

  @Test
  void writesInterleaveWithALargeDeletion() throws Exception {
    try (JournalStore store = JournalStore.open(settings(1000, 512, 10))) {
      await(store.write(List.of(events("big", 1, 500))));
      long commitsBefore = store.stats().groupCommits();
      CompletableFuture<Void> deletion = store.deleteTo("big", 500);
      CompletableFuture<List<Optional<Exception>>> write = store.write(List.of(events("other", 1, 1)));
      await(write);
      await(deletion);
      assertTrue(store.stats().groupCommits() - commitsBefore >= 50, "500 deletions in chunks of 10");
      assertEquals(500, store.highestSequenceNr("big"));
      assertEquals(List.of(), replay(store, "big", 0, Long.MAX_VALUE, Long.MAX_VALUE));
    }
  }

  @Test
  void closingCommitsWhatIsQueuedAndRefusesTheRest() throws Exception {
    JournalStore store = JournalStore.open(settings(100, 512, 1000));
    List<CompletableFuture<List<Optional<Exception>>>> acks = new ArrayList<>();
    for (long s = 1; s <= 50; s++) {
      acks.add(store.write(List.of(events("c", s, s))));
    }
    store.close();
    for (CompletableFuture<List<Optional<Exception>>> ack : acks) {
      assertEquals(List.of(Optional.empty()), ack.getNow(null));
    }
    ExecutionException e = assertThrows(ExecutionException.class, () -> store.write(List.of(events("c", 51, 51))).get());
    assertInstanceOf(JournalClosedException.class, e.getCause());

    JournalStore never = JournalStore.openStopped(settings(100, 512, 1000));
    CompletableFuture<Void> pending = never.deleteTo("c", 1);
    never.close();
    e = assertThrows(ExecutionException.class, pending::get);
    assertInstanceOf(JournalClosedException.class, e.getCause());
    try (JournalStore reopened = JournalStore.open(settings(100, 512, 1000))) {
      assertEquals(50, reopened.highestSequenceNr("c"));
    }
  }
}
