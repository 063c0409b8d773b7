package triad.replication.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import triad.replication.core.Message.Heartbeat;
import triad.replication.core.Message.RequestPreVote;
import triad.replication.core.Message.RequestVote;
import triad.replication.core.Message.TimeoutNow;
import triad.replication.core.TestCluster.Put;

/** Leader leases (docs/replication.md, "Leases"): when a leader holds one, and why no other member can lead meanwhile. */
class LeaseTest {

  @Test
  void aLeaderHoldsALeaseOnceAQuorumAnsweredItsHeartbeatsAndReadsOnceItsTermHasACommittedEntry() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.get("az1");
    while (leader.role() == Role.FOLLOWER) {
      leader.tick();
    }
    c.deliverWhile(o -> !(o.message() instanceof Message.HeartbeatResponse));
    assertEquals(Role.LEADER, leader.role());
    assertTrue(leader.isLeaderReady());
    assertFalse(leader.hasLease(), "no heartbeat answered yet");
    leader.tick();
    c.stabilize();
    assertTrue(leader.hasLease());
    assertTrue(leader.canServeConsistentReads());
    assertFalse(c.get("az2").hasLease());
  }

  @Test
  void aLeaderCutOffFromItsQuorumLosesItsLeaseBeforeAnyoneElseCanBeElected() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    c.tickAll(1);
    c.isolate("az1");
    int leaseTicks = c.settings.leaseTicks();
    for (int i = 1; i < leaseTicks; i++) {
      c.tickAll(1);
      assertTrue(leader.hasLease(), "tick " + i);
    }
    c.tickAll(1);
    assertFalse(leader.hasLease(), "the lease ran out after " + leaseTicks + " ticks");
    // The others were in the lease until electionTicksMin ticks after the last heartbeat: they
    // refuse to elect anyone before the leader's lease ran out even with the drift bound.
    ReplicationGroup az2 = c.get("az2");
    az2.step("az2", new RequestPreVote("az3", az2.term() + 1, 99, 99));
    assertEquals(List.of(), c.flush("az2"), "still refusing while within electionTicksMin of the last heartbeat");
    c.tickAll(3 * c.settings.electionTicksMax());
    assertNotEquals("az1", c.get("az2").leader());
    assertTrue(c.leader() != leader && c.leader().hasLease());
    assertEquals(1, c.groups.values().stream().filter(ReplicationGroup::hasLease).count());
  }

  @Test
  void aMemberThatRestartsWithATermRefusesVotesForAnElectionTimeout() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    c.tickAll(1);
    c.restart("az2");
    ReplicationGroup az2 = c.get("az2");
    az2.step("az2", new RequestVote("az3", leader.term() + 1, 99, 99, false));
    assertEquals(leader.term(), az2.term(), "it may have acknowledged the leader's lease just before it went down");
    for (int i = 0; i < c.settings.electionTicksMin(); i++) {
      az2.tick();
    }
    c.flush("az2");
    az2.step("az2", new RequestVote("az3", leader.term() + 1, 99, 99, false));
    assertEquals(leader.term() + 1, az2.term());
  }

  @Test
  void aTransferEndsTheLeaseAtTimeoutNowAndAnAbandonedOneNeedsAQuorumHoldingTheBarrier() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    leader.propose(new Put("x"));
    c.tickAll(1);
    assertTrue(leader.hasLease());
    List<Message> lost = new ArrayList<>();
    assertTrue(leader.transferLeadership("az3"));
    c.deliverWhile(o -> {
      if (o.message() instanceof TimeoutNow) {
        lost.add(o.message());
        return false;
      }
      return true;
    });
    assertEquals(1, lost.size());
    assertFalse(leader.hasLease(), "az3 could be elected any moment, with votes that ignore the lease");
    long lastBefore = leader.log().lastIndex();
    c.cut("az1", "az2");
    for (int i = 0; i < c.settings.electionTicksMin() && leader.log().lastIndex() == lastBefore; i++) {
      c.stabilize();
      leader.tick();
      c.get("az3").tick();
    }
    assertEquals(Role.LEADER, leader.role(), "the transfer was abandoned");
    assertEquals(lastBefore + 1, leader.log().lastIndex(), "and a barrier appended");
    assertFalse(leader.hasLease(), "answers from members that may not hold the barrier do not count");
    c.stabilize();
    leader.tick();
    c.stabilize();
    assertTrue(leader.hasLease(), "az1 and az3 hold the barrier");
    // The lost TimeoutNow arrives late: stale, since az3's log no longer ends where it said.
    ReplicationGroup az3 = c.get("az3");
    az3.step("az3", lost.getFirst());
    assertEquals(Role.FOLLOWER, az3.role());
    // And the election it would have started gets no vote from a member holding the barrier.
    az3.step("az3", new RequestVote("az2", leader.term() + 1, lastBefore, leader.term(), true));
    assertTrue(c.flush("az3").stream().allMatch(o -> o.message() instanceof Message.VoteResponse v && !v.granted()));
  }

  @Test
  void aFollowerInALeaseIgnoresALateAnswerOfAHigherTermThatWouldLeaveItWithoutALeader() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    c.tickAll(1);
    ReplicationGroup az2 = c.get("az2");
    // az3 refused a pre-vote az2 sent long ago, from a term az3 reached since.
    az2.step("az2", new Message.PreVoteResponse("az3", leader.term() + 1, false));
    assertEquals(leader.term(), az2.term());
    assertEquals("az1", az2.leader());
    az2.step("az2", new RequestVote("az3", leader.term() + 1, 99, 99, false));
    assertEquals(leader.term(), az2.term(), "and so it still refuses votes within the lease");
  }

  @Test
  void aLeaderHoldsNoLeaseBeforeItCommitsAnEntryOfItsTerm() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.get("az1");
    while (leader.role() == Role.FOLLOWER) {
      leader.tick();
    }
    c.deliverWhile(o -> !(o.message() instanceof Message.AppendResponse));
    leader.tick();
    c.deliverWhile(o -> !(o.message() instanceof Message.AppendResponse));
    assertEquals(Role.LEADER, leader.role());
    assertFalse(leader.isLeaderReady());
    assertFalse(leader.hasLease(), "heartbeats were answered, but its noop is not committed");
  }

  @Test
  void aGroupOfOneAlwaysHoldsItsLease() {
    Membership one = Membership.of(List.of("az1"));
    ReplicationGroup g = new ReplicationGroup(TestCluster.durableLog("az1", one, List.of()), 0, TestCluster.settings(), new SplittableRandom(1));
    g.advance(g.ready());
    assertTrue(g.hasLease());
    assertTrue(g.canServeConsistentReads());
  }

  @Test
  void heartbeatsCarryTheLeadersTickAndAnswersEchoIt() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    leader.tick();
    List<Outbound> sent = c.flush("az1");
    Heartbeat h = (Heartbeat) sent.stream().filter(o -> o.message() instanceof Heartbeat).findFirst().orElseThrow().message();
    ReplicationGroup az2 = c.get("az2");
    az2.step("az2", h);
    Message answer = c.flush("az2").getFirst().message();
    assertEquals(new Message.HeartbeatResponse("az2", h.term(), h.sentTick(), true), answer);
  }

  @Test
  void leadershipGoesToThePreferredZoneAndComesBackAfterItsReplicaReturns() {
    TestCluster c = new TestCluster(3);
    c.elect("az1");
    c.groups.values().forEach(g -> g.preferLeaderIn("az2"));
    c.tickAll(2);
    assertEquals(Role.LEADER, c.get("az2").role());
    c.isolate("az2");
    c.tickAll(4 * c.settings.electionTicksMax());
    ReplicationGroup interim = c.leader();
    assertNotEquals("az2", interim.self());
    interim.propose(new Put("while az2 was away"));
    c.heal();
    c.tickAll(4 * c.settings.electionTicksMax());
    assertEquals(Role.LEADER, c.get("az2").role());
    assertTrue(c.appliedCommands("az2").contains(new Put("while az2 was away")));
  }
}
