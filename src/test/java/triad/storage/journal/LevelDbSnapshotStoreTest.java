package triad.storage.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.persistence.DeleteSnapshotSuccess;
import org.apache.pekko.persistence.DeleteSnapshotsSuccess;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.SaveSnapshotSuccess;
import org.apache.pekko.persistence.SelectedSnapshot;
import org.apache.pekko.persistence.SnapshotMetadata;
import org.apache.pekko.persistence.SnapshotProtocol;
import org.apache.pekko.persistence.SnapshotSelectionCriteria;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import triad.storage.Encryption;
import triad.storage.TestEncryption;
import scala.jdk.javaapi.OptionConverters;
import triad.storage.journal.TestSerializer.Values;

/** The snapshot store's selection and deletion rules, through its actor protocol. */
class LevelDbSnapshotStoreTest {
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
  private ActorRef store;
  private TestProbe<Object> replies;

  @BeforeEach
  void start() {
    kit = ActorTestKit.create(ActorSystem.create(Behaviors.empty(), "snapshot-test", TestEncryption.setup(LevelDbJournalTest.config(dir), encryption())));
    store = Persistence.get(Adapter.toClassic(kit.system())).snapshotStoreFor("triad.storage.snapshot-store", ConfigFactory.empty());
    replies = kit.createTestProbe();
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
    encryption.close();
  }

  private SnapshotMetadata save(String pid, long seq) throws InterruptedException {
    Thread.sleep(3); // the store stamps saves with the wall clock, in ms: keep them apart
    store.tell(new SnapshotProtocol.SaveSnapshot(new SnapshotMetadata(pid, seq, 0L), new Values(List.of(pid + "@" + seq))),
        Adapter.toClassic(replies.ref()));
    return replies.expectMessageClass(SaveSnapshotSuccess.class, WAIT).metadata();
  }

  private Optional<Long> load(String pid, SnapshotSelectionCriteria criteria) {
    store.tell(new SnapshotProtocol.LoadSnapshot(pid, criteria, Long.MAX_VALUE), Adapter.toClassic(replies.ref()));
    Optional<SelectedSnapshot> s = OptionConverters.toJava(
        replies.expectMessageClass(SnapshotProtocol.LoadSnapshotResult.class, WAIT).snapshot());
    s.ifPresent(x -> assertEquals(new Values(List.of(pid + "@" + x.metadata().sequenceNr())), x.snapshot()));
    return s.map(x -> x.metadata().sequenceNr());
  }

  private static SnapshotSelectionCriteria criteria(long maxSeq, long maxTs, long minSeq, long minTs) {
    return SnapshotSelectionCriteria.create(maxSeq, maxTs, minSeq, minTs);
  }

  @Test
  void loadsTheNewestSnapshotMatchingTheCriteria() throws Exception {
    save("p", 5);
    SnapshotMetadata at10 = save("p", 10);
    SnapshotMetadata at15 = save("p", 15);
    save("p", 20);
    save("p1", 7);
    save("pp", 30);

    assertEquals(Optional.of(20L), load("p", SnapshotSelectionCriteria.latest()));
    assertEquals(Optional.of(10L), load("p", criteria(12, Long.MAX_VALUE, 0, 0)));
    assertEquals(Optional.of(10L), load("p", criteria(Long.MAX_VALUE, at15.timestamp() - 1, 0, 0)));
    assertEquals(Optional.of(15L), load("p", criteria(Long.MAX_VALUE, at15.timestamp(), 0, at10.timestamp() + 1)));
    assertEquals(Optional.empty(), load("p", criteria(14, Long.MAX_VALUE, 11, 0)));
    assertEquals(Optional.empty(), load("p", criteria(12, Long.MAX_VALUE, 0, at15.timestamp())));
    assertEquals(Optional.empty(), load("p", SnapshotSelectionCriteria.none()));
    assertEquals(Optional.of(7L), load("p1", SnapshotSelectionCriteria.latest()));
    assertEquals(Optional.empty(), load("q", SnapshotSelectionCriteria.latest()));
  }

  @Test
  void deletesByMetadataAndByCriteria() throws Exception {
    save("p", 5);
    SnapshotMetadata at10 = save("p", 10);
    save("p", 15);
    save("p", 20);
    save("other", 10);

    delete(new SnapshotMetadata("p", 10, at10.timestamp() + 1));
    assertEquals(Optional.of(10L), load("p", criteria(12, Long.MAX_VALUE, 0, 0)), "a different timestamp deletes nothing");
    delete(new SnapshotMetadata("p", 10, 0L));
    assertEquals(Optional.of(5L), load("p", criteria(12, Long.MAX_VALUE, 0, 0)), "timestamp 0 matches any");

    store.tell(new SnapshotProtocol.DeleteSnapshots("p", criteria(15, Long.MAX_VALUE, 0, 0)), Adapter.toClassic(replies.ref()));
    replies.expectMessageClass(DeleteSnapshotsSuccess.class, WAIT);
    assertEquals(Optional.empty(), load("p", criteria(19, Long.MAX_VALUE, 0, 0)));
    assertEquals(Optional.of(20L), load("p", SnapshotSelectionCriteria.latest()));
    assertEquals(Optional.of(10L), load("other", SnapshotSelectionCriteria.latest()));
  }

  private void delete(SnapshotMetadata md) {
    store.tell(new SnapshotProtocol.DeleteSnapshot(md), Adapter.toClassic(replies.ref()));
    replies.expectMessageClass(DeleteSnapshotSuccess.class, WAIT);
  }
}
