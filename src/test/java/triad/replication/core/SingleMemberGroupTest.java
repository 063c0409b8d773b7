package triad.replication.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import triad.replication.core.DurableEvent.EntriesAppended;
import triad.replication.core.DurableEvent.HardStateChanged;
import triad.replication.core.TestCluster.Put;

/** A group of one (a single node): it leads at once and commits what it persists. */
class SingleMemberGroupTest {
  private static final Membership ONE = Membership.of(List.of("az1"));

  private final List<DurableEvent> journal = new ArrayList<>(List.of(new DurableEvent.MemberCreated("az1", ONE)));
  private final List<LogEntry> applied = new ArrayList<>();

  private ReplicationGroup start(GroupSettings settings) {
    DurableLog log = new DurableLog();
    journal.forEach(log::apply);
    long appliedIndex = applied.isEmpty() ? 0 : applied.getLast().index();
    return new ReplicationGroup(log, Math.max(appliedIndex, log.compactedIndex()), settings, new SplittableRandom(1));
  }

  /** The shell's loop with a perfect disk. */
  private Ready carryOut(ReplicationGroup g) {
    Ready r = g.ready();
    journal.addAll(r.toPersist());
    applied.addAll(r.committed());
    g.advance(r);
    return r;
  }

  @Test
  void electsItselfAtOnceAndTheFirstReadyCommitsItsNoop() {
    ReplicationGroup g = start(TestCluster.settings());
    assertEquals(Role.LEADER, g.role());
    assertEquals(1, g.term());
    assertEquals("az1", g.leader());
    assertFalse(g.isLeaderReady(), "the noop is not durable yet");
    Ready r = carryOut(g);
    LogEntry noop = new LogEntry(1, 1, new Noop());
    assertEquals(List.of(new HardStateChanged(1, "az1"), new EntriesAppended(List.of(noop))), r.toPersist());
    assertEquals(List.of(noop), r.committed());
    assertEquals(List.of(), r.messages());
    assertTrue(g.isLeaderReady());
    assertEquals(1, g.commitIndex());
    assertEquals(1, g.appliedIndex());
    assertFalse(g.hasReady());
  }

  @Test
  void commitsEveryProposalInTheReadyThatPersistsIt() {
    ReplicationGroup g = start(TestCluster.settings());
    carryOut(g);
    assertEquals(new ProposeResult.Accepted(2, 1), g.propose(new Put("a")));
    assertEquals(1, g.commitIndex(), "not durable yet");
    Ready r = carryOut(g);
    LogEntry a = new LogEntry(1, 2, new Put("a"));
    assertEquals(List.of(new EntriesAppended(List.of(a))), r.toPersist());
    assertEquals(List.of(a), r.committed());
    assertEquals(2, g.commitIndex());
  }

  @Test
  void proposalsAcceptedWhileAReadyIsPersistedGoIntoTheNextReadyTogether() {
    ReplicationGroup g = start(TestCluster.settings());
    carryOut(g);
    g.propose(new Put("a"));
    Ready first = g.ready();
    g.propose(new Put("b"));
    g.propose(new Put("c"));
    g.tick();
    g.propose(new Put("d"));
    assertFalse(g.hasReady(), "one Ready at a time");
    assertThrows(IllegalStateException.class, g::ready);
    journal.addAll(first.toPersist());
    applied.addAll(first.committed());
    g.advance(first);
    assertEquals(List.of(2L), first.committed().stream().map(LogEntry::index).toList());
    assertTrue(g.hasReady());
    Ready second = carryOut(g);
    assertEquals(1, second.toPersist().size());
    List<LogEntry> batch = ((EntriesAppended) second.toPersist().getFirst()).entries();
    assertEquals(List.of(new Put("b"), new Put("c"), new Put("d")), batch.stream().map(LogEntry::command).toList());
    assertEquals(batch, second.committed());
  }

  @Test
  void restartLeadsAgainInANewTermAndRecommitsItsLog() {
    ReplicationGroup g = start(TestCluster.settings());
    carryOut(g);
    g.propose(new Put("a"));
    g.propose(new Put("b"));
    Ready r = g.ready();
    journal.addAll(r.toPersist());
    // Crash after the journal write, before anything was applied.
    ReplicationGroup restarted = start(TestCluster.settings());
    assertEquals(Role.LEADER, restarted.role());
    assertEquals(2, restarted.term());
    Ready again = carryOut(restarted);
    assertEquals(new HardStateChanged(2, "az1"), again.toPersist().getFirst());
    assertEquals(List.of(new Put("a"), new Put("b"), new Noop()), again.committed().stream().map(LogEntry::command).toList());
    assertEquals(List.of(1L, 2L, 3L, 4L), applied.stream().map(LogEntry::index).toList());
    assertTrue(restarted.isLeaderReady());
  }

  @Test
  void aProposalLostBeforeItsWriteIsGoneAfterRestart() {
    ReplicationGroup g = start(TestCluster.settings());
    carryOut(g);
    g.propose(new Put("lost"));
    g.ready();
    ReplicationGroup restarted = start(TestCluster.settings());
    carryOut(restarted);
    assertEquals(List.of(new Noop(), new Noop()), applied.stream().map(LogEntry::command).toList());
  }

  @Test
  void refusesProposalsBeyondTheUncommittedLimit() {
    ReplicationGroup g = start(new GroupSettings(10, 20, 1, 2, 64, 4, 3, 1000, List.of()));
    carryOut(g);
    g.propose(new Put("a"));
    g.propose(new Put("b"));
    g.propose(new Put("c"));
    assertInstanceOf(ProposeResult.Overloaded.class, g.propose(new Put("d")));
    carryOut(g);
    assertInstanceOf(ProposeResult.Accepted.class, g.propose(new Put("d")));
  }

  @Test
  void handsOutAtMostMaxCommittedPerReady() {
    ReplicationGroup g = start(new GroupSettings(10, 20, 1, 2, 64, 4, 1000, 2, List.of()));
    for (int i = 0; i < 4; i++) {
      g.propose(new Put("p" + i));
    }
    List<Integer> sizes = new ArrayList<>();
    while (g.hasReady()) {
      sizes.add(carryOut(g).committed().size());
    }
    assertEquals(List.of(2, 2, 1), sizes);
    assertEquals(5, g.appliedIndex());
  }

  @Test
  void compactionIsPersistedAndReplayed() {
    ReplicationGroup g = start(TestCluster.settings());
    g.propose(new Put("a"));
    g.propose(new Put("b"));
    carryOut(g);
    g.compact(2);
    Ready r = carryOut(g);
    assertEquals(List.of(new DurableEvent.Compacted(2, 1, ONE)), r.toPersist());
    assertThrows(IllegalArgumentException.class, () -> g.compact(4));
    ReplicationGroup restarted = start(TestCluster.settings());
    assertEquals(2, restarted.log().compactedIndex());
    carryOut(restarted);
    assertEquals(List.of(new Put("b")), applied.stream().filter(e -> e.index() == 3).map(LogEntry::command).toList());
    assertEquals(4, restarted.appliedIndex());
  }
}
