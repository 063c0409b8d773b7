package triad.replication.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import triad.replication.core.DurableEvent.Compacted;
import triad.replication.core.DurableEvent.EntriesAppended;
import triad.replication.core.DurableEvent.HardStateChanged;
import triad.replication.core.Message.AppendEntries;
import triad.replication.core.Message.AppendResponse;
import triad.replication.core.Message.Heartbeat;
import triad.replication.core.Message.HeartbeatResponse;
import triad.replication.core.Message.PreVoteResponse;
import triad.replication.core.Message.RequestPreVote;
import triad.replication.core.Message.RequestVote;
import triad.replication.core.Message.TimeoutNow;
import triad.replication.core.Message.VoteResponse;
import triad.replication.core.RoleState.Candidate;
import triad.replication.core.RoleState.Follower;
import triad.replication.core.RoleState.Leader;
import triad.replication.core.RoleState.PreCandidate;

/**
 * One member of a partition's replication group: Raft (the paper's leader election, log
 * replication and commit rule) with pre-vote, check-quorum and leadership transfer, as a pure
 * state machine in the manner of etcd-io/raft. The shell feeds it ticks, peer messages and
 * proposals, and carries out each {@link Ready} in the order written there. Nothing here does I/O,
 * reads a clock or starts a thread: time is {@link #tick()}, randomness (election timeouts) is the
 * injected generator, so a seeded simulation replays a run exactly. Not thread-safe: one shell
 * (one actor) drives it.
 *
 * <h2>Roles</h2>
 * <pre>
 * from \ to     FOLLOWER                   PRE_CANDIDATE            CANDIDATE            LEADER
 * FOLLOWER      higher term seen           election timeout         TimeoutNow           -
 * PRE_CANDIDATE higher term, a leader of   election timeout         pre-vote quorum      -
 *               the term, pre-vote lost
 * CANDIDATE     higher term, a leader of   election timeout         -                    vote quorum
 *               the term, vote lost
 * LEADER        higher term, no quorum     -                        -                    -
 *               heard within electionTicksMin (check-quorum)
 * </pre>
 * {@link #transition} enforces the table. A group of one walks FOLLOWER, PRE_CANDIDATE, CANDIDATE,
 * LEADER inside its constructor, so it leads at once after every start, in a new term.
 *
 * <h2>Messages ({@link Message})</h2>
 * <ol>
 *   <li>RequestPreVote / PreVoteResponse: a member whose election timeout fired asks whether it
 *       could win in term + 1 without raising its term; only with a quorum of yes does it become a
 *       candidate. A member cut off from the group therefore never inflates terms and cannot depose
 *       a working leader when it returns.
 *   <li>RequestVote / VoteResponse: the election. A vote is granted once per term, to a candidate
 *       whose log is at least as up to date, and persisted before the answer leaves.
 *   <li>AppendEntries / AppendResponse: replication with the consistency check; rejections carry
 *       a hint so the leader backs off a whole term per round trip.
 *   <li>Heartbeat / HeartbeatResponse: leadership and commit notices; responses also count toward
 *       check-quorum and unblock probing.
 *   <li>TimeoutNow: leadership transfer; the target starts an election at once, and voters that
 *       still hear from the old leader vote anyway.
 * </ol>
 *
 * <h2>Terms</h2>
 * A message of a higher term makes this member a follower in that term, except: a pre-vote request
 * and a granted pre-vote response leave terms alone; a (pre-)vote request is ignored while this
 * member is in a leader's lease (it is the leader, or heard from the leader within
 * {@code electionTicksMin} ticks), unless it is a leadership transfer. A message of a lower term
 * is dropped; an AppendEntries or Heartbeat of a lower term is answered with this member's term so
 * a deposed leader learns it, and a pre-vote request of a lower term is refused with it.
 *
 * <h2>Persistence</h2>
 * The group's {@link DurableLog} is its own copy, changed at once and describing the state after
 * every event queued for the next Ready is persisted. Everything that depends on that state (a
 * vote, an acknowledgement, a commit notice, an entry to apply) goes into the same or a later Ready
 * and the shell persists before it sends or applies, so nothing leaves a member before the state
 * it depends on is durable. The leader counts its own entries toward a quorum once a Ready that
 * persisted them is advanced; a Ready also carries as committed the entries that its own write
 * completes a quorum for (in a group of one: every proposal, in the Ready that persists it).
 */
public final class ReplicationGroup {
  private static final long NONE = Long.MAX_VALUE;

  private final String self;
  private final Membership membership;
  private final List<String> peers;
  private final GroupSettings settings;
  private final RandomGenerator random;
  private final DurableLog log;

  private RoleState state;
  private long commitIndex;
  private long appliedIndex;
  /** The end of the longest prefix of {@link #log} that is durable. */
  private long persistedIndex;
  /** Ticks since the last election timer reset (followers, candidates) or check-quorum (leaders). */
  private int electionElapsed;
  private int electionTimeout;

  // Output for the next Ready.
  private boolean hardStateChanged;
  private long unpersistedFrom = NONE;
  private Compacted unpersistedCompaction;
  private ArrayList<Outbound> outbox = new ArrayList<>();
  private ArrayList<InstallSnapshotNeeded> snapshotsNeeded = new ArrayList<>();
  private InFlightReady inFlight;

  /** The Ready handed out and not yet advanced, with what its advance settles. */
  private static final class InFlightReady {
    final Ready ready;
    final long lastIndex;
    final long commitThrough;
    final long appliedThrough;
    /** The lowest index this member's log was cut at since the Ready was made. */
    long truncatedFrom = NONE;

    InFlightReady(Ready ready, long lastIndex, long commitThrough, long appliedThrough) {
      this.ready = ready;
      this.lastIndex = lastIndex;
      this.commitThrough = commitThrough;
      this.appliedThrough = appliedThrough;
    }
  }

  /**
   * Starts (or restarts) a member from its durable log and the item store's applied index. It
   * starts as a follower, except in a group of one, which elects itself at once.
   *
   * @param log the replayed journal; the group takes a copy
   * @param appliedIndex the last entry whose effect the item store durably holds
   */
  public ReplicationGroup(String self, Membership membership, DurableLog log, long appliedIndex, GroupSettings settings,
      RandomGenerator random) {
    this.self = Objects.requireNonNull(self, "self");
    this.membership = Objects.requireNonNull(membership, "membership");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.random = Objects.requireNonNull(random, "random");
    if (!membership.isVoter(self)) {
      throw new IllegalArgumentException(self + " is not a member of " + membership.voters());
    }
    if (appliedIndex < log.compactedIndex() || appliedIndex > log.lastIndex()) {
      throw new IllegalArgumentException("applied index " + appliedIndex + " is outside " + log);
    }
    this.log = log.copy();
    this.peers = membership.voters().stream().filter(m -> !m.equals(self)).toList();
    this.commitIndex = appliedIndex;
    this.appliedIndex = appliedIndex;
    this.persistedIndex = log.lastIndex();
    this.state = new Follower(null);
    resetElectionTimer();
    if (peers.isEmpty()) {
      startPreVote();
    }
  }

  // ---- inputs ----

  /** Advances this member's timers by one tick. */
  public void tick() {
    electionElapsed++;
    if (state instanceof Leader l) {
      tickLeader(l);
    } else if (electionElapsed >= electionTimeout) {
      startPreVote();
    }
  }

  /** Handles a message from another member; messages from non-members are dropped. */
  public void step(Message m) {
    if (m.from().equals(self) || !membership.isVoter(m.from())) {
      return;
    }
    if (m.term() > term() && !adoptHigherTerm(m)) {
      return;
    }
    if (m.term() < term()) {
      answerStale(m);
      return;
    }
    switch (m) {
      case AppendEntries a -> onAppendEntries(a);
      case Heartbeat h -> onHeartbeat(h);
      case RequestPreVote v -> onVoteRequest(v.from(), v.term(), v.lastLogIndex(), v.lastLogTerm(), true);
      case RequestVote v -> onVoteRequest(v.from(), v.term(), v.lastLogIndex(), v.lastLogTerm(), false);
      case PreVoteResponse r -> {
        if (state instanceof PreCandidate p) {
          onPreVoteResponse(p, r);
        }
      }
      case VoteResponse r -> {
        if (state instanceof Candidate c) {
          c.votes.record(r.from(), r.granted());
          tallyVotes(c);
        }
      }
      case AppendResponse r -> {
        if (state instanceof Leader l) {
          onAppendResponse(l, r);
        }
      }
      case HeartbeatResponse r -> {
        if (state instanceof Leader l) {
          onHeartbeatResponse(l, r);
        }
      }
      case TimeoutNow t -> {
        if (state instanceof Follower) {
          startElection(true);
        }
      }
    }
  }

  /** Appends a command if this member leads and is not handing leadership over. */
  public ProposeResult propose(Command command) {
    Objects.requireNonNull(command, "command");
    if (!(state instanceof Leader l)) {
      return new ProposeResult.NotLeader(leader());
    }
    if (l.transferee != null) {
      return new ProposeResult.NotLeader(l.transferee);
    }
    if (log.lastIndex() - commitIndex >= settings.maxUncommittedEntries()) {
      return new ProposeResult.Overloaded();
    }
    LogEntry e = append(command);
    return new ProposeResult.Accepted(e.index(), e.term());
  }

  /**
   * Hands leadership to {@code member}: the leader stops accepting proposals, brings the member's
   * log up to date and sends it TimeoutNow. Abandoned if it does not happen within
   * {@code electionTicksMin} ticks. False if this member does not lead (or is {@code member}).
   */
  public boolean transferLeadership(String member) {
    if (!membership.isVoter(member)) {
      throw new IllegalArgumentException(member + " is not a member of " + membership.voters());
    }
    if (!(state instanceof Leader l) || member.equals(self)) {
      return false;
    }
    if (!member.equals(l.transferee)) {
      l.transferee = member;
      l.timeoutNowSent = false;
      electionElapsed = 0;
    }
    maybeSendTimeoutNow(l, l.progress.get(member));
    return true;
  }

  /**
   * The item store durably holds everything up to {@code index} (at most the applied index): the
   * entries up to it may go. Queues a Compacted event for the next Ready. A follower that still
   * needs them will get an {@link InstallSnapshotNeeded} instead.
   */
  public void compact(long index) {
    if (index > appliedIndex) {
      throw new IllegalArgumentException("cannot compact to " + index + " beyond the applied index " + appliedIndex);
    }
    if (index <= log.compactedIndex()) {
      return;
    }
    Compacted c = new Compacted(index, log.termAt(index));
    log.apply(c);
    unpersistedCompaction = c;
  }

  // ---- the Ready loop ----

  /** True when there is something to persist, send or apply, and the previous Ready was advanced. */
  public boolean hasReady() {
    if (inFlight != null) {
      return false;
    }
    if (hardStateChanged || unpersistedFrom != NONE || unpersistedCompaction != null || !outbox.isEmpty()
        || !snapshotsNeeded.isEmpty() || commitIndex > appliedIndex) {
      return true;
    }
    if (state instanceof Leader l) {
      for (Progress pr : l.progress.values()) {
        if (wantsToSend(pr) || owesCommit(pr)) {
          return true;
        }
      }
    }
    return false;
  }

  /** What to do next; see {@link Ready} for the loop. Call {@link #advance} before the next one. */
  public Ready ready() {
    if (inFlight != null) {
      throw new IllegalStateException("the previous Ready was not advanced");
    }
    if (state instanceof Leader l) {
      replicate(l);
    }
    ArrayList<DurableEvent> events = new ArrayList<>(3);
    if (hardStateChanged) {
      events.add(new HardStateChanged(log.term(), log.votedFor()));
    }
    if (unpersistedFrom != NONE) {
      events.add(new EntriesAppended(log.entries(unpersistedFrom, log.lastIndex() + 1)));
    }
    if (unpersistedCompaction != null) {
      events.add(unpersistedCompaction);
    }
    long commitThrough = commitOncePersisted();
    long appliedThrough = Math.min(commitThrough, appliedIndex + settings.maxCommittedPerReady());
    List<LogEntry> committed = appliedThrough > appliedIndex ? log.entries(appliedIndex + 1, appliedThrough + 1) : new ArrayList<>();
    Ready ready = new Ready(events, outbox, committed, snapshotsNeeded);
    inFlight = new InFlightReady(ready, log.lastIndex(), commitThrough, appliedThrough);
    hardStateChanged = false;
    unpersistedFrom = NONE;
    unpersistedCompaction = null;
    outbox = new ArrayList<>();
    snapshotsNeeded = new ArrayList<>();
    return ready;
  }

  /** The shell persisted, sent and applied {@code ready}, the last one {@link #ready()} returned. */
  public void advance(Ready ready) {
    if (inFlight == null || inFlight.ready != ready) {
      throw new IllegalStateException("advance takes the last Ready handed out");
    }
    persistedIndex = Math.max(persistedIndex, Math.min(inFlight.lastIndex, inFlight.truncatedFrom - 1));
    commitIndex = Math.max(commitIndex, inFlight.commitThrough);
    appliedIndex = inFlight.appliedThrough;
    inFlight = null;
    if (state instanceof Leader) {
      maybeCommit();
    }
  }

  // ---- state ----

  public Role role() {
    return state.role();
  }

  public long term() {
    return log.term();
  }

  /** The leader of the current term as far as this member knows (itself if it leads), else null. */
  public String leader() {
    return switch (state) {
      case Leader l -> self;
      case Follower f -> f.leader;
      default -> null;
    };
  }

  public long commitIndex() {
    return commitIndex;
  }

  public long appliedIndex() {
    return appliedIndex;
  }

  /**
   * True when this member is leader AND has committed an entry of its current term, so its applied
   * state (once applied up to commitIndex) reflects every acknowledged write. A deposed leader that
   * has not heard of its successor yet also answers true: linearizable reads need the leader
   * lease, which is not implemented yet.
   */
  public boolean isLeaderReady() {
    return state instanceof Leader && log.termAt(commitIndex) == term();
  }

  /** This member's log as it will be once the queued events are persisted (tests inspect it). */
  DurableLog log() {
    return log;
  }

  @Override
  public String toString() {
    return "ReplicationGroup[" + self + " " + role() + " term=" + term() + " leader=" + leader() + " commit=" + commitIndex
        + " applied=" + appliedIndex + " persisted=" + persistedIndex + " " + log + "]";
  }

  // ---- roles ----

  private void transition(RoleState next) {
    Role from = state.role();
    Role to = next.role();
    boolean legal = switch (from) {
      case FOLLOWER, PRE_CANDIDATE -> to != Role.LEADER;
      case CANDIDATE -> to != Role.CANDIDATE;
      case LEADER -> to == Role.FOLLOWER;
    };
    if (!legal) {
      throw new IllegalStateException(self + " cannot go from " + from + " to " + to + " in term " + term());
    }
    state = next;
  }

  private void becomeFollower(long newTerm, String leader) {
    if (newTerm > term()) {
      setHardState(newTerm, null);
    }
    if (state instanceof Leader) {
      snapshotsNeeded.clear();
    }
    transition(new Follower(leader));
    resetElectionTimer();
  }

  private void startPreVote() {
    PreCandidate p = new PreCandidate();
    transition(p);
    resetElectionTimer();
    p.votes.record(self, true);
    for (String peer : peers) {
      send(peer, new RequestPreVote(self, term() + 1, log.lastIndex(), log.lastTerm()));
    }
    tallyPreVotes(p);
  }

  private void startElection(boolean leadershipTransfer) {
    setHardState(term() + 1, self);
    Candidate c = new Candidate();
    transition(c);
    resetElectionTimer();
    c.votes.record(self, true);
    for (String peer : peers) {
      send(peer, new RequestVote(self, term(), log.lastIndex(), log.lastTerm(), leadershipTransfer));
    }
    tallyVotes(c);
  }

  private void tallyPreVotes(PreCandidate p) {
    switch (p.votes.result(membership)) {
      case WON -> startElection(false);
      case LOST -> becomeFollower(term(), null);
      case PENDING -> {}
    }
  }

  private void tallyVotes(Candidate c) {
    switch (c.votes.result(membership)) {
      case WON -> becomeLeader();
      case LOST -> becomeFollower(term(), null);
      case PENDING -> {}
    }
  }

  private void becomeLeader() {
    Leader l = new Leader();
    for (String peer : peers) {
      l.progress.put(peer, new Progress(peer, log.lastIndex() + 1, settings.maxInflightAppends()));
    }
    transition(l);
    electionElapsed = 0;
    append(new Noop());
  }

  private void resetElectionTimer() {
    electionElapsed = 0;
    electionTimeout = settings.electionTicksMin() + random.nextInt(settings.electionTicksMax() - settings.electionTicksMin() + 1);
  }

  // ---- terms and votes ----

  /** Applies the higher-term rules; false if the message is to be dropped. */
  private boolean adoptHigherTerm(Message m) {
    boolean voteRequest = m instanceof RequestVote || m instanceof RequestPreVote;
    boolean transfer = m instanceof RequestVote v && v.leadershipTransfer();
    if (voteRequest && !transfer && inLease()) {
      return false;
    }
    if (m instanceof RequestPreVote || (m instanceof PreVoteResponse r && r.granted())) {
      return true;
    }
    boolean fromLeader = m instanceof AppendEntries || m instanceof Heartbeat;
    becomeFollower(m.term(), fromLeader ? m.from() : null);
    return true;
  }

  /** A leader, or a follower that heard from its leader recently, does not help depose it. */
  private boolean inLease() {
    return switch (state) {
      case Leader l -> true;
      case Follower f -> f.leader != null && electionElapsed < settings.electionTicksMin();
      default -> false;
    };
  }

  private void answerStale(Message m) {
    switch (m) {
      case AppendEntries a -> send(a.from(), new HeartbeatResponse(self, term()));
      case Heartbeat h -> send(h.from(), new HeartbeatResponse(self, term()));
      case RequestPreVote v -> send(v.from(), new PreVoteResponse(self, term(), false));
      default -> {}
    }
  }

  private void onVoteRequest(String candidate, long candidateTerm, long lastLogIndex, long lastLogTerm, boolean preVote) {
    boolean canVote = candidate.equals(log.votedFor()) || (log.votedFor() == null && leader() == null)
        || (preVote && candidateTerm > term());
    boolean upToDate = lastLogTerm > log.lastTerm() || (lastLogTerm == log.lastTerm() && lastLogIndex >= log.lastIndex());
    if (canVote && upToDate) {
      if (preVote) {
        send(candidate, new PreVoteResponse(self, candidateTerm, true));
      } else {
        electionElapsed = 0;
        setHardState(term(), candidate);
        send(candidate, new VoteResponse(self, term(), true));
      }
    } else {
      send(candidate, preVote ? new PreVoteResponse(self, term(), false) : new VoteResponse(self, term(), false));
    }
  }

  private void onPreVoteResponse(PreCandidate p, PreVoteResponse r) {
    // A yes is about the term the pre-candidate would run in; a no carries the voter's own term.
    boolean thisRound = r.granted() ? r.term() == term() + 1 : r.term() == term();
    if (thisRound) {
      p.votes.record(r.from(), r.granted());
      tallyPreVotes(p);
    }
  }

  private void setHardState(long newTerm, String votedFor) {
    if (newTerm != log.term() || !Objects.equals(votedFor, log.votedFor())) {
      log.apply(new HardStateChanged(newTerm, votedFor));
      hardStateChanged = true;
    }
  }

  // ---- follower ----

  /** Accepts {@code leader} as the leader of the current term. */
  private void followLeader(String leader) {
    switch (state) {
      case Leader l -> throw new IllegalStateException("two leaders in term " + term() + ": " + self + " and " + leader);
      case Follower f -> f.leader = leader;
      default -> becomeFollower(term(), leader);
    }
    electionElapsed = 0;
  }

  private void onAppendEntries(AppendEntries a) {
    followLeader(a.from());
    if (a.prevLogIndex() < commitIndex) {
      // Everything up to the commit index agrees with every leader's log.
      send(a.from(), new AppendResponse(self, term(), true, commitIndex, 0, 0));
      return;
    }
    if (!log.matches(a.prevLogIndex(), a.prevLogTerm())) {
      long hintIndex = log.lastIndexWithTermAtMost(Math.min(a.prevLogIndex(), log.lastIndex()), a.prevLogTerm());
      send(a.from(), new AppendResponse(self, term(), false, a.prevLogIndex(), hintIndex, log.termAt(hintIndex)));
      return;
    }
    appendFromLeader(a.entries());
    long lastNew = a.prevLogIndex() + a.entries().size();
    commitTo(Math.min(a.leaderCommit(), lastNew));
    send(a.from(), new AppendResponse(self, term(), true, lastNew, 0, 0));
  }

  /** Appends the entries this log lacks; a conflicting suffix (never a committed one) is replaced. */
  private void appendFromLeader(List<LogEntry> entries) {
    for (int k = 0; k < entries.size(); k++) {
      LogEntry e = entries.get(k);
      boolean present = e.index() <= log.lastIndex();
      if (present && log.termAt(e.index()) == e.term()) {
        continue;
      }
      if (e.index() <= commitIndex) {
        throw new IllegalStateException(self + ": entry " + e.index() + " conflicts with the commit index " + commitIndex);
      }
      log.apply(new EntriesAppended(new ArrayList<>(entries.subList(k, entries.size()))));
      unpersistedFrom = Math.min(unpersistedFrom, e.index());
      if (present) {
        persistedIndex = Math.min(persistedIndex, e.index() - 1);
        if (inFlight != null) {
          inFlight.truncatedFrom = Math.min(inFlight.truncatedFrom, e.index());
        }
      }
      return;
    }
  }

  private void onHeartbeat(Heartbeat h) {
    followLeader(h.from());
    commitTo(h.commitIndex());
    send(h.from(), new HeartbeatResponse(self, term()));
  }

  private void commitTo(long index) {
    if (index > log.lastIndex()) {
      throw new IllegalStateException(self + ": told to commit " + index + " beyond its last entry " + log.lastIndex());
    }
    commitIndex = Math.max(commitIndex, index);
  }

  // ---- leader ----

  private LogEntry append(Command command) {
    LogEntry e = new LogEntry(term(), log.lastIndex() + 1, command);
    ArrayList<LogEntry> one = new ArrayList<>(1);
    one.add(e);
    log.apply(new EntriesAppended(one));
    unpersistedFrom = Math.min(unpersistedFrom, e.index());
    return e;
  }

  private void tickLeader(Leader l) {
    l.heartbeatElapsed++;
    if (l.heartbeatElapsed >= settings.heartbeatTicks()) {
      l.heartbeatElapsed = 0;
      for (Progress pr : l.progress.values()) {
        sendHeartbeat(pr);
      }
    }
    for (Progress pr : l.progress.values()) {
      if (pr.state == Progress.State.SNAPSHOT && --pr.snapshotRetryTicks <= 0) {
        pr.becomeProbe();
        pr.next = Math.max(pr.next, log.firstIndex());
      }
    }
    if (electionElapsed >= settings.electionTicksMin()) {
      electionElapsed = 0;
      if (!quorumActive(l)) {
        becomeFollower(term(), null);
        return;
      }
      l.transferee = null;
    }
  }

  /** Check-quorum: whether a quorum (this member included) was heard from since the last check. */
  private boolean quorumActive(Leader l) {
    int active = 1;
    for (Progress pr : l.progress.values()) {
      active += pr.recentActive ? 1 : 0;
      pr.recentActive = false;
    }
    return active >= membership.quorum();
  }

  private void onAppendResponse(Leader l, AppendResponse r) {
    Progress pr = l.progress.get(r.from());
    pr.recentActive = true;
    if (!r.success()) {
      long hint = r.rejectHintIndex();
      if (r.rejectHintTerm() > 0 && hint >= log.compactedIndex()) {
        hint = log.lastIndexWithTermAtMost(hint, r.rejectHintTerm());
      }
      if (pr.maybeDecrTo(r.index(), hint) && pr.state == Progress.State.REPLICATE) {
        pr.becomeProbe();
      }
      return;
    }
    boolean probeConfirmed = pr.state == Progress.State.PROBE && r.index() == pr.match;
    if (!pr.maybeUpdate(r.index()) && !probeConfirmed) {
      return;
    }
    switch (pr.state) {
      case PROBE -> pr.becomeReplicate();
      case REPLICATE -> pr.freeInflightTo(r.index());
      case SNAPSHOT -> {
        if (pr.match >= log.compactedIndex()) {
          pr.becomeReplicate();
        }
      }
    }
    maybeCommit();
    maybeSendTimeoutNow(l, pr);
  }

  private void onHeartbeatResponse(Leader l, HeartbeatResponse r) {
    Progress pr = l.progress.get(r.from());
    pr.recentActive = true;
    pr.probeSent = false;
    if (pr.state == Progress.State.REPLICATE && pr.inflightFull()) {
      pr.freeFirstInflight();
    }
    pr.resend = pr.state == Progress.State.REPLICATE && pr.match < log.lastIndex();
  }

  private void maybeSendTimeoutNow(Leader l, Progress pr) {
    if (pr.member.equals(l.transferee) && !l.timeoutNowSent && pr.match == log.lastIndex()) {
      send(pr.member, new TimeoutNow(self, term()));
      l.timeoutNowSent = true;
    }
  }

  /** The commit rule, counting this member's entries only once they are durable. */
  private void maybeCommit() {
    long index = quorumMatch(persistedIndex);
    if (index > commitIndex && log.termAt(index) == term()) {
      commitIndex = index;
    }
  }

  /**
   * The commit index once this member's whole log is durable; what a Ready may hand out as
   * committed, since the shell applies only after that Ready's write.
   */
  private long commitOncePersisted() {
    if (!(state instanceof Leader)) {
      return commitIndex;
    }
    long index = quorumMatch(log.lastIndex());
    return index > commitIndex && log.termAt(index) == term() ? index : commitIndex;
  }

  /** The highest index that a quorum holds, given this member holds up to {@code selfMatch}. */
  private long quorumMatch(long selfMatch) {
    long[] matches = new long[peers.size() + 1];
    matches[0] = selfMatch;
    int i = 1;
    for (Progress pr : ((Leader) state).progress.values()) {
      matches[i++] = pr.match;
    }
    Arrays.sort(matches);
    return matches[matches.length - membership.quorum()];
  }

  /** Sends each follower what its progress state allows, and commit notices it is owed. */
  private void replicate(Leader l) {
    for (Progress pr : l.progress.values()) {
      if (pr.state == Progress.State.PROBE && wantsToSend(pr)) {
        sendAppend(pr);
      }
      while (pr.state == Progress.State.REPLICATE && wantsToSend(pr)) {
        sendAppend(pr);
      }
      if (owesCommit(pr)) {
        sendHeartbeat(pr);
      }
    }
  }

  private boolean wantsToSend(Progress pr) {
    return switch (pr.state) {
      case PROBE -> !pr.probeSent && pr.match < log.lastIndex();
      case REPLICATE -> !pr.inflightFull() && (pr.next <= log.lastIndex() || pr.resend);
      case SNAPSHOT -> false;
    };
  }

  private boolean owesCommit(Progress pr) {
    return pr.state != Progress.State.SNAPSHOT && Math.min(commitIndex, pr.match) > pr.commitSent;
  }

  private void sendAppend(Progress pr) {
    long prev = pr.next - 1;
    if (prev < log.compactedIndex()) {
      pr.becomeSnapshot(settings.electionTicksMax());
      snapshotsNeeded.add(new InstallSnapshotNeeded(pr.member, log.compactedIndex()));
      return;
    }
    long last = Math.min(log.lastIndex(), prev + settings.maxEntriesPerAppend());
    send(pr.member, new AppendEntries(self, term(), prev, log.termAt(prev), log.entries(pr.next, last + 1), commitIndex));
    if (pr.state == Progress.State.REPLICATE) {
      // Optimistic: a follower in REPLICATE accepts what it is sent.
      pr.commitSent = Math.max(pr.commitSent, Math.min(commitIndex, last));
    }
    pr.sent(last);
  }

  private void sendHeartbeat(Progress pr) {
    long commit = Math.min(commitIndex, pr.match);
    send(pr.member, new Heartbeat(self, term(), commit));
    pr.commitSent = Math.max(pr.commitSent, commit);
  }

  private void send(String to, Message m) {
    outbox.add(new Outbound(to, m));
  }
}
