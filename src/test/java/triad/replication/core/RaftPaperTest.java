package triad.replication.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static triad.replication.core.TestCluster.log;
import static triad.replication.core.TestCluster.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import triad.replication.core.DurableEvent.HardStateChanged;
import triad.replication.core.Message.AppendEntries;
import triad.replication.core.Message.AppendResponse;
import triad.replication.core.Message.Heartbeat;
import triad.replication.core.Message.HeartbeatResponse;
import triad.replication.core.Message.RequestPreVote;
import triad.replication.core.Message.RequestVote;
import triad.replication.core.Message.VoteResponse;
import triad.replication.core.TestCluster.Put;

/**
 * One test per rule of the Raft paper ("In Search of an Understandable Consensus Algorithm",
 * section 5), after etcd's raft_paper_test.go. Each test quotes the sentence it checks.
 */
class RaftPaperTest {
  private static final Membership THREE = Membership.of(TestCluster.ids(3));
  private static final Membership FIVE = Membership.of(TestCluster.ids(5));

  private static ReplicationGroup member(String self, Membership m, List<DurableEvent> journal) {
    return new ReplicationGroup(TestCluster.durableLog(self, m, journal), 0, settings(), new SplittableRandom(7));
  }

  /** Runs the shell loop with a perfect disk and returns everything the member did. */
  private static Ready drain(ReplicationGroup g) {
    List<DurableEvent> persisted = new ArrayList<>();
    List<Outbound> sent = new ArrayList<>();
    List<LogEntry> committed = new ArrayList<>();
    List<InstallSnapshotNeeded> snapshots = new ArrayList<>();
    while (g.hasReady()) {
      Ready r = g.ready();
      persisted.addAll(r.toPersist());
      sent.addAll(r.messages());
      committed.addAll(r.committed());
      snapshots.addAll(r.snapshotsNeeded());
      g.advance(r);
    }
    return new Ready(persisted, sent, committed, snapshots);
  }

  private static List<Message> sent(ReplicationGroup g) {
    return drain(g).messages().stream().map(Outbound::message).toList();
  }

  private static <T extends Message> List<T> sentOf(ReplicationGroup g, Class<T> type) {
    return sent(g).stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static void ticks(ReplicationGroup g, int n) {
    for (int i = 0; i < n; i++) {
      g.tick();
    }
  }

  /**
   * A member restarted with a term refuses votes for an election timeout (it may have acknowledged
   * a leader just before it went down); this one has been up that long: its timeout fired.
   */
  private static ReplicationGroup upForAnElectionTimeout(ReplicationGroup g) {
    timeOut(g);
    drain(g);
    return g;
  }

  /** Ticks a follower until its election timeout fires. */
  private static void timeOut(ReplicationGroup g) {
    for (int i = 0; i < settings().electionTicksMax() && g.role() == Role.FOLLOWER; i++) {
      g.tick();
    }
  }

  /** Makes a member of THREE a candidate in term {@code log.term() + 1} (pre-vote granted by az2). */
  private static ReplicationGroup candidate(String self, Membership m, List<DurableEvent> log) {
    ReplicationGroup g = member(self, m, log);
    timeOut(g);
    assertEquals(Role.PRE_CANDIDATE, g.role());
    drain(g);
    for (String voter : m.members()) {
      if (g.role() == Role.PRE_CANDIDATE && !voter.equals(self)) {
        g.step(g.self(), new Message.PreVoteResponse(voter, g.term() + 1, true));
      }
    }
    assertEquals(Role.CANDIDATE, g.role());
    return g;
  }

  private static ReplicationGroup leaderOf(Membership m, List<DurableEvent> log) {
    ReplicationGroup g = candidate("az1", m, log);
    for (int i = 1; g.role() == Role.CANDIDATE; i++) {
      g.step(g.self(), new VoteResponse(m.members().get(i), g.term(), true));
    }
    assertEquals(Role.LEADER, g.role());
    return g;
  }

  // ---- 5.1 basics ----

  /** "When servers start up, they begin as followers." */
  @Test
  void startAsFollower() {
    ReplicationGroup g = member("az1", THREE, List.of());
    assertEquals(Role.FOLLOWER, g.role());
    assertEquals(0, g.term());
    assertNull(g.leader());
  }

  /**
   * "If one server's current term is smaller than the other's, then it updates its current term to
   * the larger value. If a candidate or leader discovers that its term is out of date, it
   * immediately reverts to follower state."
   */
  @Test
  void everyRoleAdoptsAHigherTermAndBecomesFollower() {
    ReplicationGroup follower = member("az1", THREE, log(1, null));
    ReplicationGroup candidate = candidate("az1", THREE, log(1, null));
    ReplicationGroup leader = leaderOf(THREE, log(1, null));
    for (ReplicationGroup g : List.of(follower, candidate, leader)) {
      g.step(g.self(), new Heartbeat("az2", 5, 0, 0));
      assertEquals(5, g.term());
      assertEquals(Role.FOLLOWER, g.role());
      assertEquals("az2", g.leader());
      HardStateChanged hs = (HardStateChanged) drain(g).toPersist().getFirst();
      assertEquals(new HardStateChanged(5, null), hs);
    }
  }

  /** "If a server receives a request with a stale term number, it rejects the request." */
  @Test
  void rejectsStaleTermRequestsAndTellsTheSenderItsTerm() {
    ReplicationGroup g = member("az1", THREE, log(3, null, 1, 2));
    g.step(g.self(), new AppendEntries("az2", 2, 2, 2, entriesFrom(3, 2), 3));
    assertEquals(2, g.log().lastIndex());
    assertEquals(List.of(new HeartbeatResponse("az1", 3, 0, true)), sent(g));
    g.step(g.self(), new RequestVote("az2", 2, 9, 2, false));
    assertEquals(List.of(), sent(g));
  }

  // ---- 5.2 leader election ----

  /** "Leaders send periodic heartbeats (AppendEntries RPCs that carry no log entries) to all followers." */
  @Test
  void leaderSendsHeartbeatsEveryHeartbeatInterval() {
    ReplicationGroup g = leaderOf(THREE, log(1, null));
    drain(g);
    for (int tick = 0; tick < 3; tick++) {
      List<String> beatsTo = drain(g).messages().stream().filter(o -> o.message() instanceof Heartbeat).map(Outbound::to).toList();
      assertEquals(List.of(), beatsTo);
      g.tick();
      beatsTo = drain(g).messages().stream().filter(o -> o.message() instanceof Heartbeat).map(Outbound::to).toList();
      assertEquals(List.of("az2", "az3"), beatsTo);
    }
  }

  /**
   * "If a follower receives no communication over a period of time called the election timeout,
   * then it assumes there is no viable leader and begins an election." With pre-vote it first asks,
   * without raising its term, whether it could win.
   */
  @Test
  void followerStartsAnElectionAfterTheElectionTimeout() {
    ReplicationGroup g = member("az1", THREE, log(1, null, 1));
    ticks(g, settings().electionTicksMin() - 1);
    assertEquals(Role.FOLLOWER, g.role());
    timeOut(g);
    assertEquals(Role.PRE_CANDIDATE, g.role());
    assertEquals(1, g.term());
    List<RequestPreVote> asks = sentOf(g, RequestPreVote.class);
    assertEquals(List.of(new RequestPreVote("az1", 2, 1, 1), new RequestPreVote("az1", 2, 1, 1)), asks);
  }

  /**
   * "To begin an election, a follower increments its current term and transitions to candidate
   * state. It then votes for itself and issues RequestVote RPCs in parallel to each of the other
   * servers in the cluster." The vote for itself is persisted before the requests leave.
   */
  @Test
  void candidateIncrementsTermVotesForItselfAndRequestsVotes() {
    ReplicationGroup g = member("az1", THREE, log(1, null, 1));
    timeOut(g);
    drain(g);
    g.step(g.self(), new Message.PreVoteResponse("az2", 2, true));
    assertEquals(Role.CANDIDATE, g.role());
    assertEquals(2, g.term());
    Ready r = g.ready();
    assertEquals(List.of(new HardStateChanged(2, "az1")), r.toPersist());
    assertEquals(List.of(new Outbound("az2", new RequestVote("az1", 2, 1, 1, false)), new Outbound("az3", new RequestVote("az1", 2, 1, 1, false))),
        r.messages());
  }

  /**
   * "A candidate wins an election if it receives votes from a majority of the servers in the full
   * cluster for the same term." Otherwise it loses (a majority refuses) or waits.
   */
  @Test
  void candidateWinsWithAMajorityLosesWithAMajorityAgainstElseWaits() {
    record Case(Membership m, Set<String> granted, Set<String> refused, Role expected) {}
    List<Case> cases = List.of(
        new Case(THREE, Set.of("az2"), Set.of(), Role.LEADER),
        new Case(THREE, Set.of("az2", "az3"), Set.of(), Role.LEADER),
        new Case(THREE, Set.of(), Set.of("az2"), Role.CANDIDATE),
        new Case(THREE, Set.of(), Set.of("az2", "az3"), Role.FOLLOWER),
        new Case(FIVE, Set.of("az2", "az3"), Set.of(), Role.LEADER),
        new Case(FIVE, Set.of("az2"), Set.of("az3"), Role.CANDIDATE),
        new Case(FIVE, Set.of("az2"), Set.of("az3", "az4", "az5"), Role.FOLLOWER),
        new Case(FIVE, Set.of(), Set.of(), Role.CANDIDATE));
    for (Case c : cases) {
      ReplicationGroup g = candidate("az1", c.m(), log(1, null));
      for (String v : c.m().members()) {
        if (c.granted().contains(v) || c.refused().contains(v)) {
          g.step(g.self(), new VoteResponse(v, g.term(), c.granted().contains(v)));
        }
      }
      assertEquals(c.expected(), g.role(), c.toString());
    }
  }

  /**
   * "Each server will vote for at most one candidate in a given term, on a first-come-first-served
   * basis." And the vote is durable before it is announced: it is persisted in the Ready that sends it.
   */
  @Test
  void votesOncePerTermFirstComeFirstServedAndPersistsTheVoteBeforeAnnouncingIt() {
    ReplicationGroup g = upForAnElectionTimeout(member("az1", THREE, log(1, null)));
    g.step(g.self(), new RequestVote("az2", 2, 0, 0, false));
    Ready r = g.ready();
    assertEquals(List.of(new HardStateChanged(2, "az2")), r.toPersist());
    assertEquals(List.of(new Outbound("az2", new VoteResponse("az1", 2, true))), r.messages());
    g.advance(r);
    g.step(g.self(), new RequestVote("az3", 2, 0, 0, false));
    assertEquals(List.of(new VoteResponse("az1", 2, false)), sent(g));
    g.step(g.self(), new RequestVote("az2", 2, 0, 0, false));
    assertEquals(List.of(new VoteResponse("az1", 2, true)), sent(g), "a repeated request gets the same answer");
  }

  /** The vote survives a restart: a restarted member does not vote twice in a term. */
  @Test
  void aRestartedMemberRemembersItsVote() {
    ReplicationGroup g = member("az1", THREE, List.of());
    g.step(g.self(), new RequestVote("az2", 2, 0, 0, false));
    ReplicationGroup restarted = member("az1", THREE, drain(g).toPersist());
    assertEquals(Role.FOLLOWER, restarted.role());
    assertEquals(2, restarted.term());
    restarted.step(restarted.self(), new RequestVote("az3", 2, 0, 0, false));
    assertEquals(List.of(new VoteResponse("az1", 2, false)), sent(restarted));
  }

  /**
   * "While waiting for votes, a candidate may receive an AppendEntries RPC from another server
   * claiming to be leader. If the leader's term is at least as large as the candidate's current
   * term, then the candidate recognizes the leader as legitimate and returns to follower state."
   */
  @Test
  void candidateFallsBackToFollowerOnAppendEntriesOfItsTerm() {
    for (long leaderTermOffset : new long[] {0, 1}) {
      ReplicationGroup g = candidate("az1", THREE, log(1, null));
      long term = g.term() + leaderTermOffset;
      g.step(g.self(), new AppendEntries("az2", term, 0, 0, new ArrayList<>(), 0));
      assertEquals(Role.FOLLOWER, g.role());
      assertEquals(term, g.term());
      assertEquals("az2", g.leader());
    }
  }

  /** "Raft uses randomized election timeouts ... chosen randomly from a fixed interval." */
  @Test
  void electionTimeoutsAreRandomizedOverTheWholeInterval() {
    Set<Integer> seen = new HashSet<>();
    SplittableRandom seeds = new SplittableRandom(1);
    for (int run = 0; run < 500; run++) {
      ReplicationGroup g = new ReplicationGroup(TestCluster.durableLog("az1", THREE, List.of()), 0, settings(), seeds.split());
      int ticks = 0;
      while (g.role() == Role.FOLLOWER) {
        g.tick();
        ticks++;
      }
      seen.add(ticks);
    }
    Set<Integer> all = new HashSet<>();
    for (int t = settings().electionTicksMin(); t <= settings().electionTicksMax(); t++) {
      all.add(t);
    }
    assertEquals(all, seen);
  }

  /**
   * "Each candidate restarts its randomized election timeout at the start of an election, and it
   * waits for that timeout to elapse before starting the next election."
   */
  @Test
  void candidateWithoutAResultStartsOverAfterItsTimeout() {
    ReplicationGroup g = candidate("az1", THREE, log(1, null));
    long term = g.term();
    ticks(g, settings().electionTicksMin() - 1);
    assertEquals(Role.CANDIDATE, g.role());
    ticks(g, settings().electionTicksMax());
    assertEquals(Role.PRE_CANDIDATE, g.role());
    assertEquals(term, g.term(), "pre-vote first, no term inflation");
  }

  // ---- 5.3 log replication ----

  /**
   * "The leader appends the command to its log as a new entry, then issues AppendEntries RPCs in
   * parallel to each of the other servers to replicate the entry."
   */
  @Test
  void leaderAppendsTheCommandAndReplicatesItToEveryFollower() {
    ReplicationGroup g = leaderOf(THREE, log(1, null));
    acknowledgeEverything(g);
    assertEquals(new ProposeResult.Accepted(2, 2), g.propose(new Put("x")));
    Ready r = drain(g);
    assertEquals(List.of(new DurableEvent.EntriesAppended(List.of(new LogEntry(2, 2, new Put("x"))))), r.toPersist());
    List<Outbound> appends = r.messages().stream().filter(o -> o.message() instanceof AppendEntries).toList();
    assertEquals(List.of("az2", "az3"), appends.stream().map(Outbound::to).toList());
    for (Outbound o : appends) {
      assertEquals(new AppendEntries("az1", 2, 1, 2, List.of(new LogEntry(2, 2, new Put("x"))), 1), o.message());
    }
  }

  /** Brings every follower of a fresh leader in THREE up to date (they acknowledge everything). */
  private static void acknowledgeEverything(ReplicationGroup leader) {
    drain(leader);
    for (String f : List.of("az2", "az3")) {
      leader.step(leader.self(), new AppendResponse(f, leader.term(), true, leader.log().lastIndex(), 0, 0));
    }
    drain(leader);
  }

  /**
   * "A log entry is committed once the leader that created the entry has replicated it on a
   * majority of the servers ... the leader applies the entry to its state machine." "The leader
   * keeps track of the highest index it knows to be committed, and it includes that index in future
   * AppendEntries RPCs."
   */
  @Test
  void leaderCommitsOnAMajorityAppliesAndAnnouncesTheCommitIndex() {
    ReplicationGroup g = leaderOf(FIVE, log(1, null));
    drain(g);
    long noop = g.log().lastIndex();
    g.step(g.self(), new AppendResponse("az2", 2, true, noop, 0, 0));
    assertEquals(0, g.commitIndex(), "two of five");
    g.step(g.self(), new AppendResponse("az3", 2, true, noop, 0, 0));
    assertEquals(noop, g.commitIndex());
    Ready r = drain(g);
    assertEquals(List.of(g.log().entry(noop)), r.committed());
    assertTrue(r.messages().stream().anyMatch(o -> o.to().equals("az2") && o.message() instanceof Heartbeat h && h.commitIndex() == noop),
        "followers learn the new commit index: " + r.messages());
    g.propose(new Put("y"));
    AppendEntries next = sentOf(g, AppendEntries.class).getFirst();
    assertEquals(noop, next.leaderCommit());
  }

  /**
   * The leader counts its own copy of an entry only once it is durable: here a follower
   * acknowledges an entry before the shell advanced the leader's Ready that persists it.
   */
  @Test
  void leaderCountsItsOwnEntriesOnlyOnceTheirReadyIsAdvanced() {
    ReplicationGroup g = leaderOf(THREE, log(1, null));
    acknowledgeEverything(g);
    g.propose(new Put("x"));
    Ready r = g.ready();
    g.step(g.self(), new AppendResponse("az2", 2, true, 2, 0, 0));
    assertEquals(1, g.commitIndex(), "only az2 has index 2 durably");
    g.advance(r);
    assertEquals(2, g.commitIndex());
  }

  /**
   * "When the leader commits an entry, it also commits all preceding entries in the leader's log,
   * including entries created by previous leaders."
   */
  @Test
  void committingAnEntryCommitsEveryEntryBeforeIt() {
    ReplicationGroup g = leaderOf(THREE, log(2, null, 1, 2));
    drain(g);
    g.step(g.self(), new AppendResponse("az2", 3, true, 3, 0, 0));
    assertEquals(3, g.commitIndex());
    assertEquals(List.of(1L, 2L, 3L), drain(g).committed().stream().map(LogEntry::index).toList());
  }

  /**
   * "Raft never commits log entries from previous terms by counting replicas. Only log entries from
   * the leader's current term are committed by counting replicas."
   */
  @Test
  void entriesOfEarlierTermsAreNotCommittedByCounting() {
    ReplicationGroup g = leaderOf(THREE, log(2, null, 1, 2));
    drain(g);
    g.step(g.self(), new AppendResponse("az2", 3, true, 2, 0, 0));
    assertEquals(0, g.commitIndex(), "index 2 is on a majority but of term 2");
    g.step(g.self(), new AppendResponse("az2", 3, true, 3, 0, 0));
    assertEquals(3, g.commitIndex());
  }

  /**
   * "Once a follower learns that a log entry is committed, it applies the entry to its local state
   * machine (in log order)."
   */
  @Test
  void followerAppliesWhatItLearnsIsCommittedInLogOrder() {
    ReplicationGroup g = member("az2", THREE, log(1, null));
    g.step(g.self(), new AppendEntries("az1", 1, 0, 0, entries(1, 1, 1, 1), 2));
    assertEquals(List.of(1L, 2L), drain(g).committed().stream().map(LogEntry::index).toList());
    g.step(g.self(), new Heartbeat("az1", 1, 3, 0));
    assertEquals(List.of(3L), drain(g).committed().stream().map(LogEntry::index).toList());
  }

  /**
   * "When sending an AppendEntries RPC, the leader includes the index and term of the entry in its
   * log that immediately precedes the new entries. If the follower does not find an entry in its
   * log with the same index and term, then it refuses the new entries."
   */
  @Test
  void followerChecksThePrecedingEntry() {
    record Case(long prevIndex, long prevTerm, boolean accepted, long hintIndex, long hintTerm) {}
    // Follower log: terms 1 2 3 at indexes 1 2 3.
    List<Case> cases = List.of(
        new Case(0, 0, true, 0, 0),
        new Case(2, 2, true, 0, 0),
        new Case(3, 3, true, 0, 0),
        new Case(3, 2, false, 2, 2),
        new Case(4, 3, false, 3, 3),
        new Case(5, 4, false, 3, 3));
    for (Case c : cases) {
      ReplicationGroup g = member("az2", THREE, log(4, null, 1, 2, 3));
      g.step(g.self(), new AppendEntries("az1", 4, c.prevIndex(), c.prevTerm(), new ArrayList<>(), 0));
      AppendResponse r = sentOf(g, AppendResponse.class).getFirst();
      assertEquals(c.accepted(), r.success(), c.toString());
      if (c.accepted()) {
        assertEquals(c.prevIndex(), r.index(), c.toString());
      } else {
        assertEquals(List.of(c.prevIndex(), c.hintIndex(), c.hintTerm()), List.of(r.index(), r.rejectHintIndex(), r.rejectHintTerm()),
            c.toString());
      }
    }
  }

  /**
   * "If an existing entry conflicts with a new one (same index but different terms), delete the
   * existing entry and all that follow it; append any new entries not already in the log."
   */
  @Test
  void followerReplacesAConflictingSuffixAndKeepsWhatAgrees() {
    record Case(long prevIndex, long prevTerm, long[] terms, long[] expected, boolean persistsAnything) {}
    List<Case> cases = List.of(
        new Case(2, 2, new long[] {3}, new long[] {1, 2, 3}, true),
        new Case(1, 1, new long[] {3, 4}, new long[] {1, 3, 4}, true),
        new Case(0, 0, new long[] {1}, new long[] {1, 2}, false),
        new Case(0, 0, new long[] {3}, new long[] {3}, true),
        new Case(1, 1, new long[] {2}, new long[] {1, 2}, false));
    for (Case c : cases) {
      ReplicationGroup g = member("az2", THREE, log(4, null, 1, 2));
      g.step(g.self(), new AppendEntries("az1", 4, c.prevIndex(), c.prevTerm(), entriesFrom(c.prevIndex() + 1, c.terms()), 0));
      Ready r = drain(g);
      long[] terms = new long[(int) g.log().lastIndex()];
      for (int i = 0; i < terms.length; i++) {
        terms[i] = g.log().termAt(i + 1);
      }
      assertEquals(Arrays.toString(c.expected()), Arrays.toString(terms), "" + c.prevIndex());
      assertEquals(c.persistsAnything(), !r.toPersist().isEmpty(), "" + c.prevIndex());
    }
  }

  /**
   * "The leader handles inconsistencies by forcing the followers' logs to duplicate its own ... the
   * leader must find the latest log entry where the two logs agree, delete any entries in the
   * follower's log after that point, and send the follower all of the leader's entries after that
   * point." The follower logs of the paper's Figure 7, against the leader of term 8.
   */
  @Test
  void leaderForcesEveryFigure7FollowerLogToDuplicateItsOwn() {
    long[] leaderLog = {1, 1, 1, 4, 4, 5, 5, 6, 6, 6};
    long[][] followers = {
        {1, 1, 1, 4, 4, 5, 5, 6, 6},
        {1, 1, 1, 4},
        {1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6},
        {1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7},
        {1, 1, 1, 4, 4, 4, 4},
        {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3}};
    for (long[] followerLog : followers) {
      TestCluster c = new TestCluster(3);
      c.groups.put("az1", member("az1", c.founding, log(7, null, leaderLog)));
      c.groups.put("az2", upForAnElectionTimeout(member("az2", c.founding, log(7, null, followerLog))));
      c.groups.put("az3", upForAnElectionTimeout(member("az3", c.founding, log(7, null, leaderLog))));
      ReplicationGroup leader = c.elect("az1");
      leader.propose(new Put("after"));
      c.stabilize();
      DurableLog expected = leader.log();
      DurableLog actual = c.get("az2").log();
      assertEquals(expected.lastIndex(), actual.lastIndex());
      assertEquals(expected.entries(1, expected.lastIndex() + 1), actual.entries(1, actual.lastIndex() + 1));
    }
  }

  /**
   * Fast backtracking: a rejection names the follower's last entry whose term is at most the
   * leader's, so a leader skips a whole divergent term per round trip instead of one entry.
   */
  @Test
  void leaderBacksOffAWholeTermPerRejection() {
    long[] leaderLog = {1, 1, 1, 4, 4, 5, 5, 6, 6, 6};
    long[] followerLog = {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3};
    TestCluster c = new TestCluster(3);
    c.groups.put("az1", member("az1", c.founding, log(7, null, leaderLog)));
    c.groups.put("az2", upForAnElectionTimeout(member("az2", c.founding, log(7, null, followerLog))));
    c.isolate("az3");
    timeOut(c.get("az1"));
    int[] rejections = {0};
    c.deliverWhile(o -> {
      if (o.message() instanceof AppendResponse r && !r.success()) {
        rejections[0]++;
      }
      return true;
    });
    assertEquals(Role.LEADER, c.get("az1").role());
    // The follower's first answer names index 10 of term 3; the leader's last entry of term <= 3
    // is index 3, where the logs agree: one rejection instead of seven.
    assertEquals(1, rejections[0]);
    assertEquals(c.get("az1").log().entries(1, 12), c.get("az2").log().entries(1, 12));
  }

  /** "The RequestVote RPC ... includes information about the candidate's log." */
  @Test
  void voteRequestsCarryTheLastEntryOfTheCandidatesLog() {
    ReplicationGroup g = member("az1", THREE, log(3, null, 1, 2, 3));
    timeOut(g);
    assertEquals(List.of(new RequestPreVote("az1", 4, 3, 3), new RequestPreVote("az1", 4, 3, 3)), sentOf(g, RequestPreVote.class));
    g.step(g.self(), new Message.PreVoteResponse("az2", 4, true));
    assertEquals(List.of(new RequestVote("az1", 4, 3, 3, false), new RequestVote("az1", 4, 3, 3, false)), sentOf(g, RequestVote.class));
  }

  /**
   * "The voter denies its vote if its own log is more up-to-date than that of the candidate ... If
   * the logs have last entries with different terms, then the log with the later term is more
   * up-to-date. If the logs end with the same term, then whichever log is longer is more up-to-date."
   */
  @Test
  void voterRefusesCandidatesWithALessUpToDateLog() {
    record Case(long[] voterLog, long candidateLastIndex, long candidateLastTerm, boolean granted) {}
    List<Case> cases = List.of(
        new Case(new long[] {1}, 1, 1, true),
        new Case(new long[] {1}, 2, 1, true),
        new Case(new long[] {1, 1}, 1, 1, false),
        new Case(new long[] {2}, 1, 1, false),
        new Case(new long[] {2}, 2, 1, false),
        new Case(new long[] {1}, 1, 2, true),
        new Case(new long[] {1, 1}, 1, 2, true));
    for (Case c : cases) {
      for (boolean preVote : new boolean[] {true, false}) {
        ReplicationGroup g = upForAnElectionTimeout(member("az1", THREE, log(2, null, c.voterLog())));
        g.step(g.self(), preVote ? new RequestPreVote("az2", 3, c.candidateLastIndex(), c.candidateLastTerm())
            : new RequestVote("az2", 3, c.candidateLastIndex(), c.candidateLastTerm(), false));
        Message answer = sent(g).getFirst();
        boolean granted = answer instanceof VoteResponse v ? v.granted() : ((Message.PreVoteResponse) answer).granted();
        assertEquals(c.granted(), granted, c + " preVote=" + preVote);
      }
    }
  }

  /** "Leader Append-Only: a leader never overwrites or deletes entries in its log." */
  @Test
  void leaderNeverOverwritesItsLog() {
    ReplicationGroup g = leaderOf(THREE, log(2, null, 1, 2));
    drain(g);
    List<LogEntry> before = g.log().entries(1, 4);
    g.step(g.self(), new AppendResponse("az2", 3, false, 2, 1, 1));
    g.step(g.self(), new AppendEntries("az3", 2, 0, 0, entries(2), 0));
    drain(g);
    assertEquals(Role.LEADER, g.role());
    assertEquals(before, g.log().entries(1, g.log().lastIndex() + 1));
  }

  private static ArrayList<LogEntry> entries(long... terms) {
    return entriesFrom(1, terms);
  }

  private static ArrayList<LogEntry> entriesFrom(long firstIndex, long... terms) {
    ArrayList<LogEntry> list = new ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      long index = firstIndex + i;
      list.add(new LogEntry(terms[i], index, new Put("t" + terms[i] + "i" + index)));
    }
    return list;
  }
}
