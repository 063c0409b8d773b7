package triad.storage.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.DeleteMessagesSuccess;
import org.apache.pekko.persistence.JournalProtocol;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.typed.DeleteEventsCompleted;
import org.apache.pekko.persistence.typed.DeleteSnapshotsCompleted;
import org.apache.pekko.persistence.typed.DeletionTarget;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import triad.storage.Encryption;
import triad.storage.TestEncryption;
import triad.storage.Cursor;
import triad.storage.LevelDb;
import triad.storage.LevelDbSettings;
import triad.storage.core.JournalKeys;
import triad.storage.core.KeyBytes;
import triad.storage.core.KeyRange;
import triad.storage.core.SnapshotKeys;

/** The journal and snapshot store behind real EventSourcedBehaviors, across ActorSystem restarts. */
class LevelDbJournalTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private ActorTestKit kit;
  private Encryption encryption;

  /** One key store per test, kept across the test's actor systems as a node keeps it across restarts. */
  Encryption encryption() {
    if (encryption == null) {
      encryption = TestEncryption.open(dir.resolve("keys"));
    }
    return encryption;
  }

  static Config config(Path dir) {
    return ConfigFactory.parseString(TestSerializer.CONFIG + """
        pekko.persistence.journal.plugin = "triad.storage.journal"
        pekko.persistence.snapshot-store.plugin = "triad.storage.snapshot-store"
        triad.storage.journal.dir = "%s"
        triad.storage.snapshot-store.dir = "%s"
        """.formatted(dir.resolve("journal"), dir.resolve("snapshots")))
        .withFallback(ConfigFactory.parseResources("storage.conf"))
        .resolve();
  }

  private ActorTestKit start() {
    kit = ActorTestKit.create(ActorSystem.create(Behaviors.empty(), "journal-test", TestEncryption.setup(config(dir), encryption())));
    return kit;
  }

  private void stop() {
    kit.shutdownTestKit();
    kit = null;
  }

  @AfterEach
  void shutdown() {
    if (kit != null) {
      stop();
    }
    encryption.close();
  }

  private static long append(ActorTestKit kit, ActorRef<Recorder.Command> r, String value) {
    TestProbe<Long> probe = kit.createTestProbe();
    r.tell(new Recorder.Append(value, probe.ref()));
    return probe.expectMessageClass(Long.class, WAIT);
  }

  private static Recorder.Seen get(ActorTestKit kit, ActorRef<Recorder.Command> r) {
    TestProbe<Recorder.Seen> probe = kit.createTestProbe();
    r.tell(new Recorder.Get(probe.ref()));
    return probe.expectMessageClass(Recorder.Seen.class, WAIT);
  }

  private ActorRef<Recorder.Command> spawn(String id, RetentionCriteria retention, ActorRef<Object> signals) {
    return kit.spawn(Recorder.create(id, retention, signals));
  }

  private ActorRef<Recorder.Command> spawn(String id) {
    return spawn(id, RetentionCriteria.disabled(), kit.<Object>createTestProbe().ref());
  }

  @Test
  void eventsOfManyActorsReplayInOrderAfterARestart() {
    start();
    int actors = 20;
    int perActor = 15;
    List<ActorRef<Recorder.Command>> refs = new ArrayList<>();
    for (int a = 0; a < actors; a++) {
      refs.add(spawn("replica-" + a));
    }
    // All actors write at once, so the writer thread sees groups of many actors' writes.
    TestProbe<Long> acks = kit.createTestProbe();
    for (int i = 0; i < perActor; i++) {
      for (int a = 0; a < actors; a++) {
        refs.get(a).tell(new Recorder.Append(a + ":" + i, acks.ref()));
      }
    }
    acks.receiveSeveralMessages(actors * perActor, WAIT);
    JournalStore.Stats stats = journalStats();
    assertEquals(actors * perActor, stats.eventsWritten());
    assertTrue(stats.groupCommits() < stats.writeCalls(), "writes were grouped: " + stats);
    stop();

    start();
    for (int a = 0; a < actors; a++) {
      ActorRef<Recorder.Command> r = spawn("replica-" + a);
      int actor = a;
      assertEquals(new Recorder.Seen(IntStream.range(0, perActor).mapToObj(i -> actor + ":" + i).toList(), perActor), get(kit, r));
      assertEquals(perActor + 1, append(kit, r, "more"));
    }
  }

  @Test
  void snapshotsLetOldEventsBeDeletedPhysically() {
    start();
    TestProbe<Object> signals = kit.createTestProbe();
    RetentionCriteria retention = RetentionCriteria.snapshotEvery(10, 2).withDeleteEventsOnSnapshot();
    ActorRef<Recorder.Command> r = spawn("snapshotted", retention, signals.ref());
    for (int i = 1; i <= 45; i++) {
      assertEquals(i, append(kit, r, "v" + i));
    }
    // The snapshot at 40 keeps two snapshots' worth of events: those up to 20 go, and the
    // snapshots below 20 (Pekko keeps the one at the deletion bound).
    signals.fishForMessage(WAIT, m -> m instanceof Recorder.Signalled(DeleteEventsCompleted d) && d.toSequenceNr() == 20
        ? FishingOutcomes.complete()
        : FishingOutcomes.continueAndIgnore());
    signals.fishForMessage(WAIT, m -> m instanceof Recorder.Signalled(DeleteSnapshotsCompleted d)
            && d.target() instanceof DeletionTarget.Criteria c && c.selection().maxSequenceNr() == 19
        ? FishingOutcomes.complete()
        : FishingOutcomes.continueAndIgnore());
    stop();

    assertEquals(LongStream.rangeClosed(21, 45).boxed().toList(), storedEventSequenceNrs("snapshotted"));
    assertEquals(List.of(20L, 30L, 40L), storedSnapshotSequenceNrs("snapshotted"));

    start();
    Recorder.Seen seen = get(kit, spawn("snapshotted", retention, kit.<Object>createTestProbe().ref()));
    assertEquals(IntStream.rangeClosed(1, 45).mapToObj(i -> "v" + i).toList(), seen.values());
    assertEquals(45, seen.lastSequenceNr());
  }

  @Test
  void highestSequenceNrSurvivesDeletingEveryEvent() {
    start();
    ActorRef<Recorder.Command> r = spawn("emptied");
    for (int i = 1; i <= 10; i++) {
      append(kit, r, "v" + i);
    }
    TestProbe<Object> replies = kit.createTestProbe();
    journal().tell(new JournalProtocol.DeleteMessagesTo("emptied", Long.MAX_VALUE, Adapter.toClassic(replies.ref())),
        org.apache.pekko.actor.ActorRef.noSender());
    replies.expectMessageClass(DeleteMessagesSuccess.class, WAIT);
    stop();

    assertEquals(List.of(), storedEventSequenceNrs("emptied"));
    start();
    ActorRef<Recorder.Command> again = spawn("emptied");
    assertEquals(new Recorder.Seen(List.of(), 10), get(kit, again));
    assertEquals(11, append(kit, again, "after"));
    stop();
    start();
    assertEquals(new Recorder.Seen(List.of("after"), 11), get(kit, spawn("emptied")));
  }

  private org.apache.pekko.actor.ActorRef journal() {
    return Persistence.get(Adapter.toClassic(kit.system())).journalFor("triad.storage.journal", ConfigFactory.empty());
  }

  private JournalStore.Stats journalStats() {
    TestProbe<Object> probe = kit.createTestProbe();
    journal().tell(LevelDbJournal.GetStats.INSTANCE, Adapter.toClassic(probe.ref()));
    return probe.expectMessageClass(JournalStore.Stats.class, WAIT);
  }

  /** Reads the journal's LevelDB directly (the system must be stopped). */
  private List<Long> storedEventSequenceNrs(String persistenceId) {
    try (LevelDb db = LevelDb.open(dir.resolve("journal"), leveldb())) {
      long id = KeyBytes.longOf(db.get(JournalKeys.idMappingKey(persistenceId)));
      return sequenceNrs(db, JournalKeys.events(id, 0, Long.MAX_VALUE), JournalKeys::sequenceNrOf);
    }
  }

  private List<Long> storedSnapshotSequenceNrs(String persistenceId) {
    try (LevelDb db = LevelDb.open(dir.resolve("snapshots"), leveldb())) {
      return sequenceNrs(db, SnapshotKeys.snapshots(persistenceId, 0, Long.MAX_VALUE), SnapshotKeys::sequenceNrOf);
    }
  }

  private static List<Long> sequenceNrs(LevelDb db, KeyRange range, java.util.function.ToLongFunction<byte[]> seq) {
    List<Long> out = new ArrayList<>();
    try (Cursor c = db.range(range.fromInclusive(), range.toExclusive(), false)) {
      c.forEachRemaining(e -> out.add(seq.applyAsLong(e.key())));
    }
    return out;
  }

  private LevelDbSettings leveldb() {
    return LevelDbSettings.fromConfig(config(dir).getConfig("triad.storage.journal.leveldb"));
  }
}
