package triad.replication.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import triad.replication.core.DurableEvent.Compacted;
import triad.replication.core.DurableEvent.EntriesAppended;
import triad.replication.core.DurableEvent.HardStateChanged;
import triad.replication.core.DurableEvent.LogSeeded;
import triad.replication.core.DurableEvent.MemberCreated;
import triad.replication.core.DurableEvent.SnapshotInstalled;
import triad.replication.core.TestCluster.Put;

class DurableLogTest {
  private static final Membership THREE = Membership.of(List.of("az1", "az2", "az3"));
  private static final Membership TWO = Membership.of(List.of("az1", "az2"));

  private static DurableLog founder() {
    return new DurableLog().apply(new MemberCreated("az1", THREE));
  }

  private static EntriesAppended append(long firstIndex, long... terms) {
    ArrayList<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      entries.add(new LogEntry(terms[i], firstIndex + i, new Put("e" + (firstIndex + i) + "t" + terms[i])));
    }
    return new EntriesAppended(entries);
  }

  private static EntriesAppended configuration(long index, long term, Membership m) {
    return new EntriesAppended(new ArrayList<>(List.of(new LogEntry(term, index, m))));
  }

  @Test
  void startsEmpty() {
    DurableLog log = new DurableLog();
    assertNull(log.self());
    assertEquals(0, log.term());
    assertNull(log.votedFor());
    assertEquals(0, log.lastIndex());
    assertEquals(0, log.lastTerm());
    assertEquals(1, log.firstIndex());
    assertEquals(0, log.termAt(0));
    assertTrue(log.matches(0, 0));
    assertNull(log.membership());
    assertFalse(log.itemState());
  }

  @Test
  void aJournalIsBoundToOneMemberFromItsFirstEvent() {
    DurableLog founder = founder();
    assertEquals("az1", founder.self());
    assertEquals(THREE, founder.membership());
    assertTrue(founder.itemState(), "a founder's empty item store is its state at index 0");
    assertThrows(IllegalStateException.class, () -> founder.apply(new MemberCreated("az1#2", null)));
    DurableLog joiner = new DurableLog().apply(new MemberCreated("az1#2", null));
    assertNull(joiner.membership());
    assertFalse(joiner.itemState());
    assertThrows(IllegalStateException.class, () -> new DurableLog().apply(new HardStateChanged(1, null)).apply(new MemberCreated("az1", THREE)),
        "an identity comes first");
  }

  @Test
  void applyMutatesAndReturnsTheSameLog() {
    DurableLog log = new DurableLog();
    assertSame(log, log.apply(new HardStateChanged(1, null)));
  }

  @Test
  void appendReplacesEverythingFromItsFirstIndex() {
    DurableLog log = founder().apply(new HardStateChanged(3, null)).apply(append(1, 1, 1, 2, 2));
    log.apply(append(3, 3));
    assertEquals(3, log.lastIndex());
    assertEquals(List.of(1L, 1L, 3L), List.of(log.termAt(1), log.termAt(2), log.termAt(3)));
    assertEquals(new Put("e3t3"), log.entry(3).command());
  }

  @Test
  void theLatestConfigurationEntryRulesAndATruncationRestoresTheOneBefore() {
    DurableLog log = founder().apply(new HardStateChanged(3, null)).apply(append(1, 1));
    log.apply(configuration(2, 1, TWO)).apply(append(3, 1));
    assertEquals(TWO, log.membership());
    assertEquals(2, log.membershipIndex());
    assertEquals(THREE, log.membershipAt(1));
    assertEquals(TWO, log.membershipAt(3));
    log.apply(append(2, 3));
    assertEquals(THREE, log.membership(), "the configuration entry was cut");
    assertEquals(0, log.membershipIndex());
  }

  @Test
  void replayRebuildsTheSameLog() {
    List<DurableEvent> journal = List.of(new MemberCreated("az1", THREE), new HardStateChanged(1, "az1"), append(1, 1, 1),
        new HardStateChanged(2, null), new HardStateChanged(2, "az2"), append(3, 2, 2), new Compacted(2, 1, THREE), append(4, 2),
        configuration(5, 2, TWO));
    DurableLog a = new DurableLog();
    DurableLog b = new DurableLog();
    journal.forEach(a::apply);
    journal.forEach(b::apply);
    assertEquals(a.toString(), b.toString());
    assertEquals(a.entries(3, 6), b.entries(3, 6));
    assertEquals("az2", a.votedFor());
    assertEquals(2, a.compactedIndex());
    assertEquals(1, a.termAt(2));
    assertEquals(5, a.lastIndex());
    assertEquals(TWO, a.membership());
  }

  @Test
  void compactionKeepsTheTermAndConfigurationOfTheCompactionPointAndDropsTheRest() {
    DurableLog log = founder().apply(new HardStateChanged(2, null)).apply(append(1, 1)).apply(configuration(2, 1, TWO)).apply(append(3, 2));
    log.apply(new Compacted(2, 1, TWO));
    assertEquals(3, log.firstIndex());
    assertEquals(1, log.termAt(2));
    assertEquals(TWO, log.compactedMembership());
    assertThrows(IllegalArgumentException.class, () -> log.entry(2));
    assertEquals(2, log.lastTerm());
    log.apply(new Compacted(1, 1, THREE));
    assertEquals(2, log.compactedIndex(), "an older compaction changes nothing");
    assertThrows(IllegalStateException.class, () -> log.apply(new Compacted(9, 2, TWO)), "compaction stays within the log");
  }

  @Test
  void aSnapshotKeepsTheEntriesAfterItIfTheLogHoldsItsPointAndDropsTheLogOtherwise() {
    DurableLog kept = founder().apply(new HardStateChanged(2, null)).apply(append(1, 1, 1, 2));
    kept.apply(new SnapshotInstalled(2, 1, THREE));
    assertEquals(2, kept.compactedIndex());
    assertEquals(3, kept.lastIndex());
    DurableLog dropped = founder().apply(new HardStateChanged(2, null)).apply(append(1, 1, 1, 2));
    dropped.apply(new SnapshotInstalled(9, 2, TWO));
    assertEquals(9, dropped.lastIndex());
    assertEquals(10, dropped.firstIndex());
    assertEquals(2, dropped.lastTerm());
    assertEquals(TWO, dropped.membership());
    dropped.apply(append(10, 2));
    assertEquals(10, dropped.lastIndex());
  }

  @Test
  void aLogReplicaIsSeededOnlyWhenItHoldsNothingAndGainsItemStateOnlyFromASnapshot() {
    DurableLog joiner = new DurableLog().apply(new MemberCreated("az3#2", null)).apply(new HardStateChanged(4, null));
    joiner.apply(new LogSeeded(7, 3, TWO.withLogReplica("az3#2")));
    assertEquals(7, joiner.lastIndex());
    assertFalse(joiner.itemState());
    assertTrue(joiner.membership().isLogReplica("az3#2"));
    assertThrows(IllegalStateException.class, () -> joiner.apply(new LogSeeded(9, 3, TWO)), "it holds something now");
    joiner.apply(append(8, 4));
    assertThrows(IllegalStateException.class, () -> joiner.apply(new Compacted(8, 4, TWO.withLogReplica("az3#2"))), "nothing to compact into");
    joiner.apply(new SnapshotInstalled(7, 3, TWO.withLogReplica("az3#2")));
    assertTrue(joiner.itemState());
    assertEquals(8, joiner.lastIndex());
  }

  @Test
  void aSnapshotTellsAJoinerThatGotTheLogFromTheStartTheConfigurationItDidNotKnow() {
    DurableLog joiner = new DurableLog().apply(new MemberCreated("az3#2", null)).apply(new HardStateChanged(2, null)).apply(append(1, 1, 1));
    Membership withJoiner = TWO.withLogReplica("az3#2");
    joiner.apply(configuration(3, 2, withJoiner));
    assertNull(joiner.membershipAt(2));
    joiner.apply(new SnapshotInstalled(2, 1, TWO));
    assertEquals(TWO, joiner.compactedMembership());
    assertEquals(withJoiner, joiner.membership());
  }

  @Test
  void copiesAreIndependent() {
    DurableLog log = founder().apply(new HardStateChanged(1, null)).apply(append(1, 1));
    DurableLog copy = log.copy();
    log.apply(append(2, 1));
    assertEquals(1, copy.lastIndex());
    assertEquals(2, log.lastIndex());
  }

  @Test
  void rejectsEventsNoCorrectMemberWrites() {
    DurableLog log = founder().apply(new HardStateChanged(2, "az1")).apply(append(1, 1, 2));
    assertThrows(IllegalStateException.class, () -> log.apply(new HardStateChanged(1, null)), "term going back");
    assertThrows(IllegalStateException.class, () -> log.apply(new HardStateChanged(2, "az2")), "second vote in a term");
    assertThrows(IllegalStateException.class, () -> log.apply(append(4, 2)), "gap");
    assertThrows(IllegalStateException.class, () -> log.apply(append(3, 1)), "term going back in the log");
    assertThrows(IllegalStateException.class, () -> log.apply(append(3, 3)), "entry from a future term");
    assertThrows(IllegalStateException.class, () -> log.apply(new Compacted(2, 1, THREE)), "compaction naming the wrong term");
    assertThrows(IllegalStateException.class, () -> log.apply(new Compacted(2, 2, TWO)), "compaction naming the wrong configuration");
    assertThrows(IllegalArgumentException.class, () -> log.apply(new EntriesAppended(new ArrayList<>())));
    assertEquals(2, log.lastIndex());
    assertFalse(log.matches(3, 2));
  }

  @Test
  void findsWhereLogsMayAgreeByTerm() {
    DurableLog log = founder().apply(new HardStateChanged(6, null)).apply(append(1, 1, 1, 1, 4, 4, 5, 5, 6, 6, 6));
    assertEquals(10, log.lastIndexWithTermAtMost(10, 6));
    assertEquals(7, log.lastIndexWithTermAtMost(10, 5));
    assertEquals(3, log.lastIndexWithTermAtMost(10, 3));
    assertEquals(0, log.lastIndexWithTermAtMost(10, 0));
    assertEquals(10, log.lastIndexWithTermAtMost(99, 9));
  }
}
