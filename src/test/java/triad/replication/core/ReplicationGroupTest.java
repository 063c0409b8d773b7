package triad.replication.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import triad.replication.core.Message.AppendEntries;
import triad.replication.core.Message.HeartbeatResponse;
import triad.replication.core.Message.RequestVote;
import triad.replication.core.Message.TimeoutNow;
import triad.replication.core.TestCluster.Put;

/** The parts beyond the paper: pre-vote, check-quorum, transfer, flow control, compaction, restarts. */
class ReplicationGroupTest {

  @Test
  void threeMembersAgreeOnWhatTheyApply() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    for (int i = 0; i < 10; i++) {
      leader.propose(new Put("p" + i));
    }
    c.stabilize();
    c.tickAll(1);
    for (String id : c.groups.keySet()) {
      assertEquals(11, c.get(id).appliedIndex(), id);
      assertEquals(c.applied.get("az1"), c.applied.get(id), id);
    }
    assertTrue(leader.isLeaderReady());
    assertEquals("az1", c.get("az2").leader());
  }

  @Test
  void preVoteKeepsAnIsolatedMemberFromInflatingTermsAndDisruptingTheLeader() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    long term = leader.term();
    c.isolate("az3");
    c.tickAll(10 * c.settings.electionTicksMax());
    assertEquals(term, c.get("az3").term(), "its pre-votes found no quorum");
    assertNotEquals(Role.LEADER, c.get("az3").role());
    c.heal();
    c.tickAll(c.settings.electionTicksMax());
    assertEquals(Role.LEADER, leader.role());
    assertEquals(term, leader.term());
    assertEquals("az1", c.get("az3").leader());
  }

  @Test
  void aFollowerThatHearsFromItsLeaderIgnoresVoteRequests() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    ReplicationGroup follower = c.get("az2");
    follower.step(follower.self(), new RequestVote("az3", leader.term() + 1, 99, 99, false));
    assertEquals(leader.term(), follower.term());
    assertEquals(List.of(), c.flush("az2"));
    follower.step(follower.self(), new RequestVote("az3", leader.term() + 1, 99, 99, true));
    assertEquals(leader.term() + 1, follower.term(), "a leadership transfer is honoured even in the lease");
  }

  @Test
  void checkQuorumMakesAnIsolatedLeaderStepDown() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup old = c.elect("az1");
    c.isolate("az1");
    // The first check still counts the election's answers; the second finds nobody.
    for (int i = 0; i < 2 * c.settings.electionTicksMin(); i++) {
      old.tick();
    }
    assertEquals(Role.FOLLOWER, old.role());
    assertFalse(old.isLeaderReady());
    c.tickAll(3 * c.settings.electionTicksMax());
    ReplicationGroup leader = c.leader();
    assertNotEquals("az1", leader.leader());
    c.heal();
    c.tickAll(2);
    assertEquals(leader.term(), old.term());
    assertEquals(leader.leader(), old.leader());
  }

  @Test
  void aDeposedLeaderLearnsTheNewTermFromAStaleAnswer() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup old = c.elect("az1");
    old.step(old.self(), new HeartbeatResponse("az2", old.term() + 3, 0, true));
    assertEquals(Role.FOLLOWER, old.role());
    assertEquals(c.get("az2").term() + 3, old.term());
  }

  @Test
  void leadershipTransfersToAnUpToDateFollower() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup old = c.elect("az1");
    old.propose(new Put("x"));
    c.stabilize();
    assertTrue(old.transferLeadership("az2"));
    c.stabilize();
    ReplicationGroup next = c.get("az2");
    assertEquals(Role.LEADER, next.role());
    assertEquals(old.term(), next.term());
    assertEquals(Role.FOLLOWER, old.role());
    assertEquals("az2", old.leader());
    assertFalse(old.transferLeadership("az3"), "only a leader transfers");
  }

  @Test
  void aLaggingTransfereeIsBroughtUpToDateFirstAndProposalsWaitMeanwhile() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup old = c.elect("az1");
    c.cut("az1", "az3");
    for (int i = 0; i < 5; i++) {
      old.propose(new Put("p" + i));
    }
    c.stabilize();
    c.heal();
    List<Message> toTransferee = new ArrayList<>();
    assertTrue(old.transferLeadership("az3"));
    assertEquals(new ProposeResult.NotLeader("az3"), old.propose(new Put("during")));
    for (int tick = 0; tick < c.settings.electionTicksMin() && old.role() == Role.LEADER; tick++) {
      old.tick();
      c.deliverWhile(o -> {
        if (o.to().equals("az3")) {
          toTransferee.add(o.message());
        }
        return true;
      });
    }
    ReplicationGroup next = c.get("az3");
    assertEquals(Role.LEADER, next.role());
    int timeoutNow = indexOf(toTransferee, TimeoutNow.class);
    assertTrue(timeoutNow > 0 && toTransferee.subList(0, timeoutNow).stream().anyMatch(m -> m instanceof AppendEntries),
        "entries first, then TimeoutNow: " + toTransferee);
    c.stabilize();
    assertEquals(c.applied.get("az1"), c.applied.get("az3").subList(0, c.applied.get("az1").size()));
  }

  private static int indexOf(List<Message> messages, Class<?> type) {
    for (int i = 0; i < messages.size(); i++) {
      if (type.isInstance(messages.get(i))) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aTransferThatDoesNotHappenWithinAnElectionTimeoutIsAbandoned() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    c.isolate("az3");
    leader.propose(new Put("az3 lacks this"));
    c.stabilize();
    assertTrue(leader.transferLeadership("az3"));
    assertInstanceOf(ProposeResult.NotLeader.class, leader.propose(new Put("x")));
    for (int i = 0; i < c.settings.electionTicksMin(); i++) {
      leader.tick();
      c.get("az2").tick();
      c.stabilize();
    }
    assertEquals(Role.LEADER, leader.role());
    assertInstanceOf(ProposeResult.Accepted.class, leader.propose(new Put("x")));
  }

  @Test
  void appendsAreBoundedInSizeAndInFlight() {
    GroupSettings s = new GroupSettings(10, 20, 1, 2, 2, 2, 1000, 1000, List.of());
    TestCluster c = new TestCluster(3, s, 1);
    ReplicationGroup leader = c.elect("az1");
    for (int i = 0; i < 20; i++) {
      leader.propose(new Put("p" + i));
    }
    List<AppendEntries> toAz2 = appendsTo(c.flush("az1"), "az2");
    assertEquals(2, toAz2.size(), "two in flight at most");
    assertTrue(toAz2.stream().allMatch(a -> a.entries().size() == 2));
    c.inTransit.clear();
    leader.step(leader.self(), new HeartbeatResponse("az2", leader.term(), 0, true));
    List<AppendEntries> more = appendsTo(c.flush("az1"), "az2");
    assertEquals(1, more.size(), "a heartbeat answer frees one slot (its message may be lost)");
    assertEquals(toAz2.get(1).prevLogIndex() + 2, more.getFirst().prevLogIndex());
  }

  private static List<AppendEntries> appendsTo(List<Outbound> sent, String to) {
    return sent.stream().filter(o -> o.to().equals(to) && o.message() instanceof AppendEntries).map(o -> (AppendEntries) o.message()).toList();
  }

  @Test
  void aFollowerBehindTheCompactionPointIsReportedAndResumesFromASnapshot() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    c.isolate("az3");
    for (int i = 0; i < 10; i++) {
      leader.propose(new Put("p" + i));
    }
    c.stabilize();
    leader.compact(leader.appliedIndex());
    c.stabilize();
    long compactedAt = leader.log().compactedIndex();
    assertEquals(11, compactedAt);
    c.heal();
    c.tickAll(2);
    assertEquals(List.of(new InstallSnapshotNeeded("az3", compactedAt)), c.snapshotSignals.get("az1"));
    List<Message> toAz3 = new ArrayList<>();
    for (int i = 0; i < c.settings.electionTicksMax() - 2; i++) {
      c.get("az1").tick();
      c.deliverWhile(o -> {
        if (o.to().equals("az3")) {
          toAz3.add(o.message());
        }
        return true;
      });
    }
    assertTrue(toAz3.stream().noneMatch(m -> m instanceof AppendEntries), "no entries while it waits for a snapshot: " + toAz3);
    c.tickAll(3);
    assertEquals(2, c.snapshotSignals.get("az1").size(), "asked again after electionTicksMax ticks");

    assertTrue(c.transferSnapshot("az1", "az3"));
    assertFalse(c.get("az3").snapshotInstalled(c.get("az1").appliedPoint()), "a copy no newer than what it holds is refused");
    leader.propose(new Put("after"));
    c.tickAll(c.settings.electionTicksMax() + 2);
    assertEquals(c.applied.get("az1"), c.applied.get("az3"));
    assertEquals(2, c.snapshotSignals.get("az1").size());
    c.restart("az3");
    assertEquals(compactedAt, c.get("az3").log().compactedIndex(), "the installed snapshot is in the journal");
  }

  @Test
  void aRestartedFollowerResumesFromItsJournalAndAppliedIndex() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    leader.propose(new Put("a"));
    c.stabilize();
    c.tickAll(1);
    c.restart("az2");
    ReplicationGroup restarted = c.get("az2");
    assertEquals(Role.FOLLOWER, restarted.role());
    assertEquals(leader.term(), restarted.term());
    assertEquals(2, restarted.appliedIndex());
    leader.propose(new Put("b"));
    c.stabilize();
    c.tickAll(1);
    assertEquals(c.applied.get("az1"), c.applied.get("az2"));
    assertEquals(List.of(new Put("a"), new Put("b")), c.appliedCommands("az2"));
  }

  @Test
  void advanceTakesTheLastReadyAndReadyWaitsForIt() {
    Membership one = Membership.of(List.of("az1"));
    ReplicationGroup g = new ReplicationGroup(TestCluster.durableLog("az1", one, List.of()), 0, TestCluster.settings(), new SplittableRandom(1));
    Ready r = g.ready();
    assertThrows(IllegalStateException.class, () -> g.advance(new Ready(r.toPersist(), r.messages(), r.committed(), r.snapshotsNeeded())));
    assertThrows(IllegalStateException.class, g::ready);
    g.advance(r);
    assertThrows(IllegalStateException.class, () -> g.advance(r));
  }

  @Test
  void messagesFromOutsideTheGroupAreDropped() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    long term = leader.term();
    leader.step(leader.self(), new HeartbeatResponse("az9", term + 5, 0, true));
    assertEquals(term, leader.term());
    assertEquals(Role.LEADER, leader.role());
  }

  @Test
  void twoLeadersInOneTermAreCaughtAtTheSource() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    assertThrows(IllegalStateException.class,
        () -> leader.step(leader.self(), new AppendEntries("az2", leader.term(), 0, 0, new ArrayList<>(), 0)));
  }

  @Test
  void constructionChecksItsArguments() {
    GroupSettings s = TestCluster.settings();
    Membership m = Membership.of(List.of("az1", "az2", "az3"));
    SplittableRandom r = new SplittableRandom(1);
    assertThrows(NullPointerException.class, () -> new ReplicationGroup(new DurableLog(), 0, s, r), "a journal starts with MemberCreated");
    assertThrows(IllegalArgumentException.class, () -> new ReplicationGroup(TestCluster.durableLog("az1", m, List.of()), 1, s, r));
    DurableLog joiner = new DurableLog().apply(new DurableEvent.MemberCreated("az4#1", null));
    assertThrows(IllegalArgumentException.class, () -> new ReplicationGroup(joiner, 1, s, r), "no item state, nothing applied");
    assertThrows(IllegalStateException.class, () -> new DurableLog().apply(new DurableEvent.MemberCreated("az4", m)), "not a founder");
    assertThrows(IllegalArgumentException.class, () -> Membership.of(List.of("az1", "az1")));
    assertThrows(IllegalArgumentException.class, () -> Membership.of(List.of("az1#1", "az1#2")), "one member per zone");
    assertThrows(IllegalArgumentException.class, () -> new Membership(List.of(), List.of("az1")), "a full replica at least");
    assertThrows(IllegalArgumentException.class, () -> new GroupSettings(5, 20, 5, 1, 1, 1, 1, 1, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new GroupSettings(10, 9, 1, 1, 1, 1, 1, 1, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new GroupSettings(10, 20, 1, 10, 1, 1, 1, 1, List.of()), "drift below the election timeout");
    assertThrows(IllegalArgumentException.class, () -> new GroupSettings(10, 20, 4, 6, 1, 1, 1, 1, List.of()), "heartbeats within the lease");
  }
}
