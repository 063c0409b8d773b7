package triad.replication.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import triad.replication.core.Message.AppendEntries;
import triad.replication.core.Message.JoinRequest;
import triad.replication.core.Message.RequestPreVote;
import triad.replication.core.Message.RequestVote;
import triad.replication.core.Message.SeedLog;
import triad.replication.core.Message.VoteResponse;
import triad.replication.core.TestCluster.Put;

/**
 * The membership rules of docs/replication.md: identities bound to journals, one change at a
 * time, log replicas (seeded, counted, never serving, relaying only), snapshots and promotion.
 */
class MembershipChangeTest {

  /** A three-member group led by az1 with a few entries, compacted so a newcomer needs a seed. */
  private static TestCluster compactedGroup() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    for (int i = 0; i < 5; i++) {
      leader.propose(new Put("p" + i));
    }
    c.stabilize();
    c.tickAll(1);
    for (String zone : List.of("az1", "az2", "az3")) {
      c.get(zone).compact(c.get(zone).appliedIndex());
    }
    c.stabilize();
    return c;
  }

  /** Replaces az3 by blank replica az3#2 and lets the group admit it (as a log replica). */
  private static ReplicationGroup admitBlankAz3(TestCluster c) {
    ReplicationGroup blank = c.replaceWithBlank("az3", "az3#2");
    c.tickAll(c.settings.electionTicksMin());
    return blank;
  }

  @Test
  void aBlankReplicaIsAdmittedInPlaceOfItsZonesMemberAsASeededLogReplicaThenPromotedAfterItsSnapshot() {
    TestCluster c = compactedGroup();
    long compactedAt = c.get("az1").log().compactedIndex();
    List<Message> toBlank = new java.util.ArrayList<>();
    ReplicationGroup blank = c.replaceWithBlank("az3", "az3#2");
    for (int i = 0; i < c.settings.electionTicksMin(); i++) {
      c.groups.values().forEach(ReplicationGroup::tick);
      c.deliverWhile(o -> {
        if (o.to().startsWith("az3")) {
          toBlank.add(o.message());
        }
        return true;
      });
    }
    Membership m = c.get("az1").membership();
    assertEquals(List.of("az1", "az2"), m.fullReplicas());
    assertEquals(List.of("az3#2"), m.logReplicas(), "removed first, then added as a log replica");
    assertTrue(toBlank.stream().anyMatch(x -> x instanceof SeedLog s && s.index() == compactedAt), "seeded at the compaction point");
    assertFalse(blank.log().itemState());
    assertEquals(c.get("az1").log().lastIndex(), blank.log().lastIndex(), "it holds the log");
    assertTrue(c.applied.get("az3").isEmpty(), "and applies nothing");

    InstallSnapshotNeeded asked = c.snapshotSignals.get("az1").getLast();
    assertEquals("az3#2", asked.to());
    assertTrue(c.transferSnapshot("az1", "az3"));
    c.tickAll(c.settings.heartbeatTicks() + 2);
    Membership promoted = c.get("az1").membership();
    assertEquals(List.of("az1", "az2", "az3#2"), promoted.fullReplicas());
    assertEquals(promoted, blank.membership());
    c.get("az1").propose(new Put("after"));
    c.stabilize();
    c.tickAll(1);
    assertEquals(c.appliedCommands("az1").getLast(), c.appliedCommands("az3").getLast());
  }

  @Test
  void aMessageForAnotherIncarnationOfTheZoneIsNotProcessedButMakesTheReplicaAskToJoin() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    ReplicationGroup blank = c.replaceWithBlank("az3", "az3#2");
    blank.step("az3", new RequestVote("az2", leader.term() + 1, 99, 99, false));
    blank.step("az3", new AppendEntries("az1", leader.term(), 0, 0, new java.util.ArrayList<>(), 0));
    List<Outbound> sent = c.flush("az3");
    assertEquals(0, blank.term(), "it never acts as its predecessor");
    assertEquals(List.of(new Outbound("az1", new JoinRequest("az3#2", 0, "az3"))), sent);
  }

  @Test
  void aJoinRequestNamingAMemberThatIsNoLongerTheZonesChangesNothing() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    c.replaceWithBlank("az3", "az3#2");
    Membership before = leader.membership();
    leader.step("az1", new JoinRequest("az3#2", 0, "az3#1"));
    c.stabilize();
    assertEquals(before, leader.membership());
    c.get("az2").step("az2", new JoinRequest("az3#2", 0, "az3"));
    c.stabilize();
    assertEquals(new Membership(List.of("az1", "az2"), List.of("az3#2")), leader.membership(), "a follower forwards it to the leader");
  }

  /**
   * A member removed while cut off still believes it is one, and asks for (pre-)votes from the
   * members of its old configuration; some of those may be gone, their zones held by other
   * incarnations. Whoever hears it, the leader through a departed incarnation's address or a
   * follower, gets it readmitted (simulation seed 438 of five zones once found it stranded).
   */
  @ParameterizedTest(name = "via a follower: {0}")
  @ValueSource(booleans = {false, true})
  void aRemovedMemberThatDoesNotKnowItIsReadmittedWhenItAsksForVotes(boolean viaFollower) {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    c.isolate("az3");
    assertInstanceOf(ProposeResult.Accepted.class, leader.proposeMembership(leader.membership().without("az3")));
    c.stabilize();
    assertEquals(List.of("az1", "az2"), leader.membership().members());
    ReplicationGroup removed = c.get("az3");
    assertTrue(removed.membership().contains("az3"), "it never learned of its removal");
    c.heal();
    RequestPreVote ask = new RequestPreVote("az3", removed.term() + 1, removed.log().lastIndex(), removed.log().lastTerm());
    if (viaFollower) {
      c.get("az2").step("az2", ask);
    } else {
      // Addressed to an earlier incarnation of the leader's zone.
      leader.step("az1#7", ask);
    }
    c.stabilize();
    assertEquals(List.of("az3"), leader.membership().logReplicas(), (viaFollower ? "via a follower" : "via the leader") + ": readmitted");
  }

  @Test
  void changesGoOneAtATimeEachCommittedBeforeTheNext() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    c.replaceWithBlank("az3", "az3#2");
    Membership three = leader.membership();
    assertInstanceOf(ProposeResult.Refused.class, leader.proposeMembership(three.without("az2").without("az3")), "two changes at once");
    assertInstanceOf(ProposeResult.Accepted.class, leader.proposeMembership(three.without("az3")));
    assertEquals(three.without("az3"), leader.membership(), "effective when appended");
    assertInstanceOf(ProposeResult.Refused.class, leader.proposeMembership(three.without("az3").withLogReplica("az3#2")),
        "the previous change is not committed");
    c.stabilize();
    assertInstanceOf(ProposeResult.Accepted.class, leader.proposeMembership(three.without("az3").withLogReplica("az3#2")));
  }

  @Test
  void aLogReplicaJoinsOnlyAnEvenGroupAndWhileItIsBuiltOnlyItMayBeRemoved() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    c.replaceWithBlank("az3", "az3#2");
    Membership three = leader.membership();
    assertInstanceOf(ProposeResult.Refused.class, leader.proposeMembership(three.withLogReplica("az4#1")), "three is odd");
    assertInstanceOf(ProposeResult.Refused.class, leader.proposeMembership(new Membership(List.of("az1", "az2", "az3", "az4#1"), List.of())),
        "members join as log replicas");
    leader.proposeMembership(three.without("az3"));
    c.stabilize();
    leader.proposeMembership(leader.membership().withLogReplica("az3#2"));
    c.stabilize();
    assertInstanceOf(ProposeResult.Refused.class, leader.proposeMembership(leader.membership().without("az2")));
    assertInstanceOf(ProposeResult.Refused.class, leader.proposeMembership(leader.membership().promoted("az3#2")), "no snapshot yet");
    assertInstanceOf(ProposeResult.Accepted.class, leader.proposeMembership(leader.membership().without("az3#2")));
  }

  @Test
  void aLogReplicaCountsTowardTheWriteQuorumButServesNothing() {
    TestCluster c = compactedGroup();
    ReplicationGroup lr = admitBlankAz3(c);
    ReplicationGroup leader = c.get("az1");
    c.isolate("az2");
    assertInstanceOf(ProposeResult.Accepted.class, leader.propose(new Put("with the log replica")));
    c.stabilize();
    assertEquals(leader.log().lastIndex(), leader.commitIndex(), "az1 and the log replica are a quorum");
    assertFalse(lr.canServeConsistentReads());
    assertFalse(lr.hasLease());
    assertTrue(c.applied.get("az3").isEmpty());
  }

  @Test
  void aLogReplicaThatAloneHasTheLatestEntriesLeadsOnlyToHandThemToAFullReplica() {
    TestCluster c = compactedGroup();
    ReplicationGroup lr = admitBlankAz3(c);
    c.isolate("az2");
    c.get("az1").propose(new Put("only az1 and the log replica have this"));
    c.stabilize();
    c.isolate("az1");
    c.heal();
    c.isolate("az1");
    for (int i = 0; i < 6 * c.settings.electionTicksMax() && !(c.get("az2").role() == Role.LEADER); i++) {
      c.get("az2").tick();
      lr.tick();
      c.stabilize();
    }
    assertEquals(Role.LEADER, c.get("az2").role(), "the log replica relayed its log and handed leadership over");
    assertTrue(c.appliedCommands("az2").contains(new Put("only az1 and the log replica have this")));
    assertNotEquals(Role.LEADER, lr.role());
    assertInstanceOf(ProposeResult.Accepted.class, c.get("az2").propose(new Put("served by a full replica")));
  }

  @Test
  void aRemovedLeaderStepsDownOnceItsRemovalCommitsAndWhileItRunsItAsksToJoinAgain() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup leader = c.elect("az1");
    leader.proposeMembership(leader.membership().without("az1"));
    assertEquals(Role.LEADER, leader.role(), "it leads until the removal commits");
    assertFalse(leader.hasLease(), "but holds no lease outside its configuration");
    c.stabilize();
    assertEquals(Role.FOLLOWER, leader.role());
    c.tickAll(c.settings.electionTicksMax() - 1);
    ReplicationGroup next = c.leader();
    assertEquals(List.of("az2", "az3"), next.membership().members());
    // The zone's replica is still az1: the group admits it again (as a log replica, promoted at
    // once since it kept its item store).
    c.tickAll(2 * c.settings.electionTicksMax());
    assertEquals(List.of("az2", "az3", "az1"), c.leader().membership().fullReplicas());
    assertNotEquals(Role.LEADER, leader.role());
  }

  @Test
  void theConfigurationIsReplayedFromTheJournal() {
    TestCluster c = compactedGroup();
    admitBlankAz3(c);
    c.restart("az2");
    c.restart("az3");
    assertEquals(c.get("az1").membership(), c.get("az2").membership());
    assertEquals(c.get("az1").membership(), c.get("az3").membership());
    assertEquals("az3#2", c.get("az3").self());
    assertFalse(c.get("az3").log().itemState());
  }

  @Test
  void aVoteFromOutsideTheConfigurationDoesNotCount() {
    TestCluster c = new TestCluster(3);
    ReplicationGroup g = c.get("az1");
    for (int i = 0; i < c.settings.electionTicksMax() && g.role() == Role.FOLLOWER; i++) {
      g.tick();
    }
    c.flush("az1");
    g.step("az1", new Message.PreVoteResponse("az2", g.term() + 1, true));
    assertEquals(Role.CANDIDATE, g.role());
    g.step("az1", new VoteResponse("az9", g.term(), true));
    assertEquals(Role.CANDIDATE, g.role());
    assertNull(g.leader());
  }
}
