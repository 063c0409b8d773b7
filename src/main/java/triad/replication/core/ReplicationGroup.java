package triad.replication.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import triad.replication.core.DurableEvent.Compacted;
import triad.replication.core.DurableEvent.EntriesAppended;
import triad.replication.core.DurableEvent.HardStateChanged;
import triad.replication.core.DurableEvent.LogSeeded;
import triad.replication.core.DurableEvent.SnapshotInstalled;
import triad.replication.core.Message.AppendEntries;
import triad.replication.core.Message.AppendResponse;
import triad.replication.core.Message.Heartbeat;
import triad.replication.core.Message.HeartbeatResponse;
import triad.replication.core.Message.JoinRequest;
import triad.replication.core.Message.PreVoteResponse;
import triad.replication.core.Message.RequestPreVote;
import triad.replication.core.Message.RequestVote;
import triad.replication.core.Message.SeedLog;
import triad.replication.core.Message.TimeoutNow;
import triad.replication.core.Message.VoteResponse;
import triad.replication.core.RoleState.Candidate;
import triad.replication.core.RoleState.Follower;
import triad.replication.core.RoleState.Leader;
import triad.replication.core.RoleState.PreCandidate;

/**
 * One member of a partition's replication group: Raft (the paper's leader election, log
 * replication and commit rule) with pre-vote, check-quorum, leadership transfer, single-server
 * membership changes, log replicas and leader leases, as a pure state machine in the manner of
 * etcd-io/raft. The shell feeds it ticks, peer messages and proposals, and carries out each
 * {@link Ready} in the order written there. Nothing here does I/O, reads a clock or starts a
 * thread: time is {@link #tick()}, randomness (election timeouts) is the injected generator, so a
 * seeded simulation replays a run exactly. Not thread-safe: one shell (one actor) drives it.
 * docs/replication.md states the rules and argues their safety; this comment says where they live.
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
 *               heard within electionTicksMin (check-quorum),
 *               its removal committed
 * </pre>
 * {@link #transition} enforces the table. Only members of their own latest configuration leave
 * FOLLOWER; a log replica waits an extra {@code electionTicksMax} before it campaigns, and when it
 * leads it only relays its log: it takes no proposals, holds no lease and hands leadership to the
 * most up-to-date full replica. A group of one full replica walks FOLLOWER, PRE_CANDIDATE,
 * CANDIDATE, LEADER inside its constructor, so it leads at once after every start, in a new term.
 *
 * <h2>Messages ({@link Message})</h2>
 * <ol>
 *   <li>RequestPreVote / PreVoteResponse: a member whose election timeout fired asks whether it
 *       could win in term + 1 without raising its term; only with a quorum of yes does it become a
 *       candidate. A member cut off from the group therefore never inflates terms and cannot depose
 *       a working leader when it returns.
 *   <li>RequestVote / VoteResponse: the election. A vote is granted once per term, to a candidate
 *       whose log is at least as up to date, and persisted before the answer leaves. Candidates
 *       outside the voter's configuration get votes too (dissertation, section 4.2.3).
 *   <li>AppendEntries / AppendResponse: replication with the consistency check; rejections carry
 *       a hint so the leader backs off a whole term per round trip.
 *   <li>Heartbeat / HeartbeatResponse: leadership, commit notices and lease renewal (the answer
 *       echoes the heartbeat's tick); answers also count toward check-quorum, unblock probing and
 *       report a log replica's installed snapshot.
 *   <li>TimeoutNow: leadership transfer; the target starts an election at once if its log still
 *       ends where the leader's did, and voters that still hear from the old leader vote anyway.
 *   <li>SeedLog: the start of a new log replica's log, at the leader's compaction point.
 *   <li>JoinRequest: a replica that is not a member asks to be admitted in place of its zone's
 *       member; followers forward it to their leader.
 * </ol>
 * The shell hands each message over with its addressee: one for another incarnation of this
 * member's zone is not processed, but if it comes from a leader it shows that the group counts
 * someone else as this zone's member, and this replica asks to join in that member's place.
 *
 * <h2>Terms</h2>
 * A message of a higher term makes this member a follower in that term, except: a pre-vote request
 * and a granted pre-vote response leave terms alone; a (pre-)vote request is ignored while this
 * member is in a leader's lease (it is the leader, heard from the leader within
 * {@code electionTicksMin} ticks, or restarted with a term less than {@code electionTicksMin}
 * ticks ago), unless it is a leadership transfer; a follower in a lease also ignores responses of
 * a higher term (late answers to its own earlier requests); a JoinRequest's term is ignored. Responses from
 * senders outside the latest configuration are dropped. A message of a lower term is dropped; an
 * AppendEntries, SeedLog or Heartbeat of a lower term is answered with this member's term so a
 * deposed leader learns it, and a pre-vote request of a lower term is refused with it.
 *
 * <h2>Membership</h2>
 * The configuration is the latest {@link Membership} entry in the log, committed or not (or the
 * one at the compaction point). A leader changes it one member at a time and only after the
 * previous change and an entry of its own term are committed; members join as log replicas, only
 * to an even-sized group, and while a log replica exists the only other change is its promotion or
 * removal ({@link #proposeMembership}). A leader outside its configuration leads until that
 * configuration commits, then steps down. {@link #replaceMember} removes a member and adds its
 * replacement; JoinRequests start it on their own.
 *
 * <h2>Leases</h2>
 * A leader holds a lease from the earliest tick at which a quorum (itself included) had
 * acknowledged its heartbeats, for {@link GroupSettings#leaseTicks()} of its own ticks. Only
 * members whose log holds the lease barrier count: after a TimeoutNow went out, no lease until the
 * transfer is abandoned and a quorum holds the entry appended then.
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
  static final long NONE = Long.MAX_VALUE;
  private static final long NEVER = Long.MIN_VALUE / 2;

  private final String self;
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
  /** This member's clock: ticks since it started. Leases are measured in it. */
  private long ticks;
  /** A member that may have acknowledged a leader before it restarted refuses votes until this tick. */
  private final long votesRefusedUntilTick;
  /** The zone whose member should lead when it can, null if none. */
  private String preferredZone;

  // A replica that is not a member: when it asks to join, and what it saw of the group.
  private int joinElapsed;
  private int joinPauseTicks;
  private String zoneMemberSeen;
  private String leaderSeen;

  // Output for the next Ready.
  private boolean hardStateChanged;
  private DurableEvent unpersistedReset;
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
   * @param log the replayed journal, which starts with {@link DurableEvent.MemberCreated}; the
   *     group takes a copy
   * @param appliedIndex the last entry whose effect the item store durably holds; for a member
   *     without item state ({@link DurableLog#itemState()} false), its compaction point
   */
  public ReplicationGroup(DurableLog log, long appliedIndex, GroupSettings settings, RandomGenerator random) {
    this.self = Objects.requireNonNull(log.self(), "the log names no member: a journal starts with MemberCreated");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.random = Objects.requireNonNull(random, "random");
    boolean appliedFits = log.itemState() ? appliedIndex >= log.compactedIndex() && appliedIndex <= log.lastIndex()
        : appliedIndex == log.compactedIndex();
    if (!appliedFits) {
      throw new IllegalArgumentException("applied index " + appliedIndex + " does not fit " + log);
    }
    this.log = log.copy();
    this.commitIndex = appliedIndex;
    this.appliedIndex = appliedIndex;
    this.persistedIndex = log.lastIndex();
    this.votesRefusedUntilTick = log.term() > 0 ? settings.electionTicksMin() : 0;
    this.state = new Follower(null);
    resetElectionTimer();
    Membership m = membership();
    if (m != null && m.size() == 1 && m.isFullReplica(self)) {
      startPreVote();
    }
  }

  // ---- inputs ----

  /** Advances this member's timers by one tick. */
  public void tick() {
    ticks++;
    electionElapsed++;
    joinPauseTicks = Math.max(0, joinPauseTicks - 1);
    if (state instanceof Leader l) {
      tickLeader(l);
    } else if (!isMember(self)) {
      tickOutsider();
    } else if (electionElapsed >= electionTimeout) {
      startPreVote();
    }
  }

  /**
   * Handles a message the shell routed to this replica for {@code to}: this member's id, or (for a
   * JoinRequest, which any replica of a zone takes) another id or the zone's name. Responses from
   * outside the configuration are dropped.
   */
  public void step(String to, Message m) {
    if (m.from().equals(self)) {
      return;
    }
    if (m instanceof JoinRequest j) {
      onJoinRequest(j);
      return;
    }
    if (m instanceof RequestPreVote && membership() != null && !isMember(m.from())) {
      // A replica that believes it is a member but is not: a member removed without learning it.
      // Its configuration may name members that are gone, so whoever hears it tells the leader.
      onJoinRequest(new JoinRequest(m.from(), m.term(), null));
    }
    if (!to.equals(self)) {
      onMisaddressed(to, m);
      return;
    }
    boolean response = m instanceof AppendResponse || m instanceof HeartbeatResponse || m instanceof VoteResponse
        || m instanceof PreVoteResponse;
    if (response && !isMember(m.from())) {
      return;
    }
    if (m.term() > term() && !adoptHigherTerm(m)) {
      return;
    }
    if (m.term() < term()) {
      answerStale(m);
      return;
    }
    onCurrentTerm(m);
  }

  /**
   * Appends a command if this member leads, is not handing leadership over and is not a log
   * replica relaying its log.
   */
  public ProposeResult propose(Command command) {
    Objects.requireNonNull(command, "command");
    if (!(state instanceof Leader l)) {
      return new ProposeResult.NotLeader(leader());
    }
    if (l.transferee != null || isLogReplica(self)) {
      return new ProposeResult.NotLeader(l.transferee);
    }
    if (log.lastIndex() - commitIndex >= settings.maxUncommittedEntries()) {
      return new ProposeResult.Overloaded();
    }
    LogEntry e = append(command);
    return new ProposeResult.Accepted(e.index(), e.term());
  }

  /**
   * Proposes the configuration {@code next}, which must differ from the current one by one change:
   * a member added as a log replica (only to an even number of members, and only while there is no
   * log replica), a member removed (while a log replica exists, only that one), or a log replica
   * promoted (once it reported its snapshot installed). Refused while the previous change or this
   * leader's first entry is uncommitted. The change takes effect here at once; new members get
   * the log (a log replica that holds nothing gets {@link SeedLog} first).
   */
  public ProposeResult proposeMembership(Membership next) {
    Objects.requireNonNull(next, "next");
    if (!(state instanceof Leader l)) {
      return new ProposeResult.NotLeader(leader());
    }
    if (l.transferee != null || !membership().isFullReplica(self)) {
      return new ProposeResult.NotLeader(l.transferee);
    }
    if (!isLeaderReady() || log.membershipIndex() > commitIndex) {
      return new ProposeResult.Refused("the previous membership change or this leader's first entry is not committed yet");
    }
    String problem = changeProblem(l, membership(), next);
    if (problem != null) {
      return new ProposeResult.Refused(problem);
    }
    if (log.lastIndex() - commitIndex >= settings.maxUncommittedEntries()) {
      return new ProposeResult.Overloaded();
    }
    LogEntry e = append(next);
    syncProgress(l);
    return new ProposeResult.Accepted(e.index(), e.term());
  }

  /**
   * Replaces member {@code old} with {@code replacement} in two changes: {@code old} is removed
   * now, and once that commits this leader adds {@code replacement} as a log replica. With
   * {@code old} null (or no longer a member) only the addition is proposed. The plan lives in this
   * leader only: if leadership changes, the replacement's JoinRequests start it again.
   */
  public ProposeResult replaceMember(String old, String replacement) {
    Objects.requireNonNull(replacement, "replacement");
    if (!(state instanceof Leader l)) {
      return new ProposeResult.NotLeader(leader());
    }
    Membership current = membership();
    if (current.contains(replacement)) {
      return new ProposeResult.Refused(replacement + " is already a member");
    }
    if (old == null || !current.contains(old)) {
      return proposeMembership(current.withLogReplica(replacement));
    }
    if (old.equals(self)) {
      return new ProposeResult.Refused("the leader is not replaced: transfer leadership first");
    }
    ProposeResult r = proposeMembership(current.without(old));
    if (r instanceof ProposeResult.Accepted) {
      l.pendingAddition = replacement;
    }
    return r;
  }

  /**
   * Hands leadership to full replica {@code member}: the leader stops accepting proposals, brings
   * the member's log up to date and sends it TimeoutNow. Abandoned if it does not happen within
   * {@code electionTicksMin} ticks. False if this member does not lead (or is {@code member}).
   */
  public boolean transferLeadership(String member) {
    Membership m = membership();
    if (m == null || !m.isFullReplica(member)) {
      throw new IllegalArgumentException(member + " is not a full replica of " + m);
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
   * Leadership should be in {@code zone} (null: anywhere). The leader hands it to that zone's full
   * replica once the replica's log is up to date, so leadership moves back after the replica's
   * node returns. The shell tells every member of a group the same zone.
   */
  public void preferLeaderIn(String zone) {
    preferredZone = zone;
  }

  /**
   * The item store durably holds everything up to {@code index} (at most the applied index): the
   * entries up to it may go. Queues a Compacted event for the next Ready. A follower that still
   * needs them will get an {@link InstallSnapshotNeeded} instead. A member without item state
   * never compacts.
   */
  public void compact(long index) {
    if (index > appliedIndex) {
      throw new IllegalArgumentException("cannot compact to " + index + " beyond the applied index " + appliedIndex);
    }
    if (index <= log.compactedIndex()) {
      return;
    }
    Compacted c = new Compacted(index, log.termAt(index), log.membershipAt(index));
    log.apply(c);
    unpersistedCompaction = c;
  }

  /**
   * The shell durably holds a copy of another member's item store as of {@code point} (not yet
   * serving it): true if this member takes it, after which the log continues from there (it keeps
   * its entries after the point if it holds that entry) and the next Ready persists a
   * {@link SnapshotInstalled}; false if the copy is no newer than what this member holds, and the
   * shell discards it. Called between Readies (none handed out and not advanced). After a crash
   * before that Ready was persisted the shell calls it again, with the same point, right after
   * constructing the group from a log whose applied index is its compaction point.
   */
  public boolean snapshotInstalled(SnapshotPoint point) {
    if (inFlight != null) {
      throw new IllegalStateException("a snapshot is installed between Readies");
    }
    if (point.index() < log.compactedIndex() || (log.itemState() && point.index() <= appliedIndex)) {
      return false;
    }
    if (state instanceof Leader && !log.matches(point.index(), point.term())) {
      throw new IllegalStateException(self + " leads but lacks the snapshot's entry " + point.index() + "@" + point.term());
    }
    resetLog(new SnapshotInstalled(point.index(), point.term(), point.membership()), point.index(), point.term());
    return true;
  }

  // ---- the Ready loop ----

  /** True when there is something to persist, send or apply, and the previous Ready was advanced. */
  public boolean hasReady() {
    if (inFlight != null) {
      return false;
    }
    if (hardStateChanged || unpersistedReset != null || unpersistedFrom != NONE || unpersistedCompaction != null || !outbox.isEmpty()
        || !snapshotsNeeded.isEmpty() || (log.itemState() && commitIndex > appliedIndex)) {
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
    ArrayList<DurableEvent> events = new ArrayList<>(4);
    if (hardStateChanged) {
      events.add(new HardStateChanged(log.term(), log.votedFor()));
    }
    if (unpersistedReset != null) {
      events.add(unpersistedReset);
    }
    if (unpersistedFrom != NONE) {
      events.add(new EntriesAppended(log.entries(unpersistedFrom, log.lastIndex() + 1)));
    }
    if (unpersistedCompaction != null) {
      events.add(unpersistedCompaction);
    }
    long commitThrough = commitOncePersisted();
    long appliedThrough = log.itemState() ? Math.min(commitThrough, appliedIndex + settings.maxCommittedPerReady()) : appliedIndex;
    List<LogEntry> committed = appliedThrough > appliedIndex ? log.entries(appliedIndex + 1, appliedThrough + 1) : new ArrayList<>();
    Ready ready = new Ready(events, outbox, committed, snapshotsNeeded);
    inFlight = new InFlightReady(ready, log.lastIndex(), commitThrough, appliedThrough);
    hardStateChanged = false;
    unpersistedReset = null;
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
    appliedIndex = Math.max(appliedIndex, inFlight.appliedThrough);
    inFlight = null;
    if (state instanceof Leader l) {
      maybeCommit(l);
      afterCommit(l);
    }
  }

  // ---- state ----

  public String self() {
    return self;
  }

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

  /** The latest configuration this member knows (committed or not); null before it was admitted. */
  public Membership membership() {
    return log.membership();
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
   * has not heard of its successor yet also answers true: strongly consistent reads need
   * {@link #canServeConsistentReads()}.
   */
  public boolean isLeaderReady() {
    return state instanceof Leader && log.termAt(commitIndex) == term();
  }

  /**
   * True while this member leads as a full replica of its configuration, has committed an entry of
   * its term and holds a lease: no other member can become leader before it expires, given the
   * drift bound of {@link GroupSettings#clockDriftTicksMax()}. The shell must have called
   * {@link #tick()} for every tick interval that has passed before it asks (see
   * docs/replication.md).
   */
  public boolean hasLease() {
    if (!(state instanceof Leader l) || l.leaseBarrier == NONE || !membership().isFullReplica(self) || !isLeaderReady()) {
      return false;
    }
    return ticks < leaseStart(l) + settings.leaseTicks();
  }

  /**
   * True when a strongly consistent read may be served from the applied state now, without a
   * round trip: this member holds a lease and applied every committed entry.
   */
  public boolean canServeConsistentReads() {
    return hasLease() && appliedIndex >= commitIndex;
  }

  /**
   * Where the applied state stands: what the shell stamps a copy of its item store with. Only for
   * a member with item state, between Readies.
   */
  public SnapshotPoint appliedPoint() {
    if (!log.itemState()) {
      throw new IllegalStateException(self + " holds no item state");
    }
    return new SnapshotPoint(appliedIndex, log.termAt(appliedIndex), log.membershipAt(appliedIndex));
  }

  /** This member's log as it will be once the queued events are persisted (tests inspect it). */
  DurableLog log() {
    return log;
  }

  @Override
  public String toString() {
    return "ReplicationGroup[" + self + " " + role() + " term=" + term() + " leader=" + leader() + " commit=" + commitIndex
        + " applied=" + appliedIndex + " persisted=" + persistedIndex + " ticks=" + ticks + " " + log + "]";
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
    for (String peer : peers()) {
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
    for (String peer : peers()) {
      send(peer, new RequestVote(self, term(), log.lastIndex(), log.lastTerm(), leadershipTransfer));
    }
    tallyVotes(c);
  }

  private void tallyPreVotes(PreCandidate p) {
    switch (p.votes.result(membership())) {
      case WON -> startElection(false);
      case LOST -> becomeFollower(term(), null);
      case PENDING -> {}
    }
  }

  private void tallyVotes(Candidate c) {
    switch (c.votes.result(membership())) {
      case WON -> becomeLeader();
      case LOST -> becomeFollower(term(), null);
      case PENDING -> {}
    }
  }

  private void becomeLeader() {
    Leader l = new Leader();
    transition(l);
    syncProgress(l);
    electionElapsed = 0;
    append(new Noop());
  }

  private void resetElectionTimer() {
    electionElapsed = 0;
    int spread = settings.electionTicksMax() - settings.electionTicksMin() + 1;
    // A log replica leads only to relay its log, so it gives the full replicas a head start.
    int relayDelay = isLogReplica(self) ? settings.electionTicksMax() : 0;
    electionTimeout = settings.electionTicksMin() + random.nextInt(spread) + relayDelay;
  }

  // ---- terms and votes ----

  /** Applies the higher-term rules; false if the message is to be dropped. */
  private boolean adoptHigherTerm(Message m) {
    boolean voteRequest = m instanceof RequestVote || m instanceof RequestPreVote;
    boolean transfer = m instanceof RequestVote v && v.leadershipTransfer();
    if (voteRequest && !transfer && inLease()) {
      return false;
    }
    boolean response = !voteRequest && !fromLeader(m) && !(m instanceof TimeoutNow);
    if (response && state instanceof Follower && inLease()) {
      // A late answer to a request this member sent before it followed its leader: adopting its
      // term would leave the member with no leader, free to vote within the lease.
      return false;
    }
    if (m instanceof RequestPreVote || (m instanceof PreVoteResponse r && r.granted())) {
      return true;
    }
    becomeFollower(m.term(), fromLeader(m) ? m.from() : null);
    return true;
  }

  private static boolean fromLeader(Message m) {
    return m instanceof AppendEntries || m instanceof Heartbeat || m instanceof SeedLog;
  }

  /**
   * A leader, a follower that heard from its leader recently, or a member that restarted recently
   * (it may have acknowledged a leader just before) does not help elect anyone else.
   */
  private boolean inLease() {
    return switch (state) {
      case Leader l -> true;
      case Follower f -> (f.leader != null && electionElapsed < settings.electionTicksMin()) || ticks < votesRefusedUntilTick;
      default -> false;
    };
  }

  private void answerStale(Message m) {
    if (fromLeader(m)) {
      send(m.from(), new HeartbeatResponse(self, term(), 0, log.itemState()));
    } else if (m instanceof RequestPreVote v) {
      send(v.from(), new PreVoteResponse(self, term(), false));
    }
  }

  private void onCurrentTerm(Message m) {
    switch (m) {
      case AppendEntries a -> onAppendEntries(a);
      case Heartbeat h -> onHeartbeat(h);
      case SeedLog s -> onSeedLog(s);
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
        // Stale if the leader appended since (an abandoned transfer's barrier): see the lease rules.
        if (state instanceof Follower && t.lastLogIndex() == log.lastIndex() && membership().isFullReplica(self)) {
          startElection(true);
        }
      }
      case JoinRequest j -> throw new IllegalStateException("JoinRequests are handled outside the term rules");
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

  // ---- membership ----

  private boolean isMember(String id) {
    Membership m = membership();
    return m != null && m.contains(id);
  }

  private boolean isLogReplica(String id) {
    Membership m = membership();
    return m != null && m.isLogReplica(id);
  }

  /** The other members of the latest configuration. */
  private List<String> peers() {
    List<String> peers = new ArrayList<>(membership().members());
    peers.remove(self);
    return peers;
  }

  /** Why {@code next} is not a permitted change from {@code current}, or null if it is. */
  private static String changeProblem(Leader l, Membership current, Membership next) {
    List<String> added = new ArrayList<>(next.members());
    added.removeAll(current.members());
    List<String> removed = new ArrayList<>(current.members());
    removed.removeAll(next.members());
    List<String> promoted = current.logReplicas().stream().filter(next::isFullReplica).toList();
    if (current.fullReplicas().stream().anyMatch(next::isLogReplica)) {
      return "a full replica is never made a log replica";
    }
    if (added.size() + removed.size() + promoted.size() != 1) {
      return "one member is added, removed or promoted at a time: " + current + " -> " + next;
    }
    boolean buildingLogReplica = !current.logReplicas().isEmpty();
    if (!added.isEmpty()) {
      if (!next.isLogReplica(added.getFirst())) {
        return "a member joins as a log replica";
      }
      if (buildingLogReplica) {
        return "a log replica is still being built";
      }
      if (current.size() % 2 != 0) {
        return "a log replica joins only an even number of members, where it leaves the quorum size unchanged";
      }
    }
    if (!removed.isEmpty() && buildingLogReplica && !current.isLogReplica(removed.getFirst())) {
      return "while a log replica is being built only it may be removed";
    }
    if (!promoted.isEmpty()) {
      Progress pr = l.progress.get(promoted.getFirst());
      if (pr == null || !pr.itemState) {
        return promoted.getFirst() + " has not reported a snapshot installed";
      }
    }
    return null;
  }

  /** Keeps one Progress per other member of the latest configuration. */
  private void syncProgress(Leader l) {
    Membership m = membership();
    l.progress.keySet().removeIf(id -> !m.contains(id));
    for (String id : m.members()) {
      if (!id.equals(self) && !l.progress.containsKey(id)) {
        l.progress.put(id, new Progress(id, log.lastIndex() + 1, settings.maxInflightAppends()));
      }
    }
  }

  /** Steps down once its removal is committed; otherwise goes on with replacements and promotions. */
  private void afterCommit(Leader l) {
    if (log.membershipIndex() <= commitIndex && !isMember(self)) {
      becomeFollower(term(), null);
      return;
    }
    maybeReconfigure(l);
  }

  private void maybeReconfigure(Leader l) {
    Membership m = membership();
    if (!m.isFullReplica(self) || l.transferee != null || !isLeaderReady() || log.membershipIndex() > commitIndex) {
      return;
    }
    if (l.pendingAddition != null) {
      String joiner = l.pendingAddition;
      l.pendingAddition = null;
      if (!m.contains(joiner) && m.memberIn(MemberId.zone(joiner)) == null) {
        proposeMembership(m.withLogReplica(joiner));
      }
      return;
    }
    for (String id : m.logReplicas()) {
      Progress pr = l.progress.get(id);
      if (pr.itemState && pr.state == Progress.State.REPLICATE) {
        proposeMembership(m.promoted(id));
        return;
      }
    }
  }

  /**
   * {@code joiner} asked to be admitted in place of {@code replacing}: granted if that is still its
   * zone's member, or the zone has none, and no change is under way (so a stale or duplicate
   * request replaces nobody else).
   */
  private void considerJoin(Leader l, String joiner, String replacing) {
    Membership m = membership();
    if (m.contains(joiner) || !m.isFullReplica(self) || l.pendingAddition != null) {
      return;
    }
    String current = m.memberIn(MemberId.zone(joiner));
    if (current != null && !current.equals(replacing)) {
      return;
    }
    if (self.equals(current)) {
      // Another replica holds this zone now; the next leader admits it.
      String to = bestFullReplica(l);
      if (to != null && l.transferee == null) {
        transferLeadership(to);
      }
      return;
    }
    if (current == null && m.size() % 2 != 0) {
      return;
    }
    replaceMember(current, joiner);
  }

  private void onJoinRequest(JoinRequest j) {
    switch (state) {
      case Leader l -> considerJoin(l, j.from(), j.replacing());
      case Follower f when f.leader != null -> send(f.leader, j);
      default -> {}
    }
  }

  /**
   * A message for another incarnation of this zone: if a leader sent it, the group counts
   * {@code to} as this zone's member, so this replica (not a member, or replaced) asks to take its
   * place.
   */
  private void onMisaddressed(String to, Message m) {
    if (!(m instanceof AppendEntries || m instanceof Heartbeat) || !MemberId.zone(to).equals(MemberId.zone(self))) {
      return;
    }
    zoneMemberSeen = to;
    leaderSeen = m.from();
    if (joinPauseTicks == 0) {
      joinPauseTicks = settings.electionTicksMin();
      send(m.from(), new JoinRequest(self, term(), to));
    }
  }

  /** A replica outside its configuration asks to join every {@code electionTicksMax} ticks it hears no leader. */
  private void tickOutsider() {
    if (++joinElapsed < settings.electionTicksMax()) {
      return;
    }
    joinElapsed = 0;
    JoinRequest j = new JoinRequest(self, term(), zoneMemberSeen);
    if (leaderSeen != null) {
      send(leaderSeen, j);
    }
    for (String zone : contactZones()) {
      send(zone, j);
    }
  }

  private List<String> contactZones() {
    List<String> zones = new ArrayList<>(settings.zones());
    if (zones.isEmpty() && membership() != null) {
      membership().members().forEach(id -> zones.add(MemberId.zone(id)));
    }
    zones.remove(MemberId.zone(self));
    return zones;
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
    joinElapsed = 0;
    leaderSeen = leader;
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
        cutPersisted(e.index());
      }
      return;
    }
  }

  private void onHeartbeat(Heartbeat h) {
    followLeader(h.from());
    commitTo(h.commitIndex());
    send(h.from(), new HeartbeatResponse(self, term(), h.sentTick(), log.itemState()));
  }

  /** A log replica that holds nothing starts its log where the leader's starts. */
  private void onSeedLog(SeedLog s) {
    followLeader(s.from());
    if (log.itemState() || log.lastIndex() != 0) {
      // Dropping entries it acknowledged could lose committed ones: it needs a copy of the item store.
      send(s.from(), new AppendResponse(self, term(), false, s.index(), log.lastIndex(), log.lastTerm()));
      return;
    }
    resetLog(new LogSeeded(s.index(), s.indexTerm(), s.membership()), s.index(), s.indexTerm());
    send(s.from(), new AppendResponse(self, term(), true, s.index(), 0, 0));
  }

  /** Moves the log to continue after ({@code index}, {@code indexTerm}): a seed or a snapshot. */
  private void resetLog(DurableEvent reset, long index, long indexTerm) {
    boolean keepsSuffix = reset instanceof SnapshotInstalled && log.matches(index, indexTerm);
    log.apply(reset);
    unpersistedReset = reset;
    unpersistedCompaction = null;
    if (unpersistedFrom != NONE) {
      unpersistedFrom = Math.max(unpersistedFrom, index + 1);
      unpersistedFrom = unpersistedFrom > log.lastIndex() ? NONE : unpersistedFrom;
    }
    if (!keepsSuffix) {
      cutPersisted(index + 1);
      persistedIndex = index;
    }
    commitIndex = Math.max(commitIndex, index);
    appliedIndex = index;
  }

  /** The log was cut from {@code index} on: what was persisted there no longer counts. */
  private void cutPersisted(long index) {
    persistedIndex = Math.min(persistedIndex, index - 1);
    if (inFlight != null) {
      inFlight.truncatedFrom = Math.min(inFlight.truncatedFrom, index);
    }
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
    l.transferPauseTicks = Math.max(0, l.transferPauseTicks - 1);
    if (l.heartbeatElapsed >= settings.heartbeatTicks()) {
      l.heartbeatElapsed = 0;
      for (Progress pr : l.progress.values()) {
        sendHeartbeat(pr);
      }
      maybeReconfigure(l);
      maybeMoveLeadership(l);
    }
    for (Progress pr : l.progress.values()) {
      if (pr.state == Progress.State.SNAPSHOT && --pr.snapshotRetryTicks <= 0) {
        pr.becomeProbe();
        pr.next = Math.max(pr.next, log.firstIndex());
      }
      maybeAskForItemSnapshot(pr);
    }
    if (electionElapsed >= settings.electionTicksMin()) {
      electionElapsed = 0;
      if (!quorumActive(l)) {
        becomeFollower(term(), null);
        return;
      }
      abandonTransfer(l);
    }
  }

  /** Check-quorum: whether a quorum (this member included if it is one) was heard from since the last check. */
  private boolean quorumActive(Leader l) {
    int active = isMember(self) ? 1 : 0;
    for (Progress pr : l.progress.values()) {
      active += pr.recentActive ? 1 : 0;
      pr.recentActive = false;
    }
    return active >= membership().quorum();
  }

  /**
   * A transfer that did not happen within an election timeout is given up. If TimeoutNow went out,
   * the entry appended now is the lease barrier: a delayed election the TimeoutNow started cannot
   * get the vote of a member that holds it (its log is longer), so only those count for a lease.
   */
  private void abandonTransfer(Leader l) {
    if (l.transferee == null) {
      return;
    }
    if (l.timeoutNowSent) {
      append(new Noop());
      l.leaseBarrier = log.lastIndex();
    }
    l.transferee = null;
    l.timeoutNowSent = false;
    l.transferPauseTicks = membership().isFullReplica(self) ? settings.electionTicksMax() : 0;
  }

  /** A relaying log replica hands leadership to a full replica; a full one to the preferred zone. */
  private void maybeMoveLeadership(Leader l) {
    if (l.transferee != null || l.transferPauseTicks > 0) {
      return;
    }
    Membership m = membership();
    if (!m.isFullReplica(self)) {
      String to = bestFullReplica(l);
      if (to != null) {
        transferLeadership(to);
      }
      return;
    }
    if (preferredZone == null || preferredZone.equals(MemberId.zone(self)) || !isLeaderReady() || l.pendingAddition != null) {
      return;
    }
    String preferred = m.memberIn(preferredZone);
    Progress pr = preferred == null || !m.isFullReplica(preferred) ? null : l.progress.get(preferred);
    if (pr != null && pr.state == Progress.State.REPLICATE && pr.match == log.lastIndex() && pr.recentActive) {
      transferLeadership(preferred);
    }
  }

  /** The full replica (not this one) whose log matches the most of this leader's, or null. */
  private String bestFullReplica(Leader l) {
    Progress best = null;
    for (Progress pr : l.progress.values()) {
      if (membership().isFullReplica(pr.member) && (best == null || pr.match > best.match)) {
        best = pr;
      }
    }
    return best == null ? null : best.member;
  }

  /** A log replica without item state needs a copy of the item store; ask the shell now and then. */
  private void maybeAskForItemSnapshot(Progress pr) {
    boolean needs = isLogReplica(pr.member) && !pr.itemState && pr.state == Progress.State.REPLICATE;
    if (needs && log.itemState() && membership().isFullReplica(self) && --pr.itemSnapshotTicks <= 0) {
      pr.itemSnapshotTicks = settings.electionTicksMax();
      snapshotsNeeded.add(new InstallSnapshotNeeded(pr.member, log.compactedIndex()));
    }
  }

  private void onAppendResponse(Leader l, AppendResponse r) {
    Progress pr = l.progress.get(r.from());
    pr.recentActive = true;
    if (!r.success()) {
      if (pr.state == Progress.State.SNAPSHOT && pr.seedIndex == r.index()) {
        requestItemSnapshot(pr);
        return;
      }
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
    maybeCommit(l);
    if (state == l) {
      afterCommit(l);
    }
    if (state == l) {
      maybeSendTimeoutNow(l, pr);
    }
  }

  private void onHeartbeatResponse(Leader l, HeartbeatResponse r) {
    Progress pr = l.progress.get(r.from());
    pr.recentActive = true;
    pr.probeSent = false;
    pr.leaseAckTick = Math.max(pr.leaseAckTick, r.sentTick());
    pr.itemState = r.itemState();
    if (pr.state == Progress.State.REPLICATE && pr.inflightFull()) {
      pr.freeFirstInflight();
    }
    pr.resend = pr.state == Progress.State.REPLICATE && pr.match < log.lastIndex();
  }

  private void maybeSendTimeoutNow(Leader l, Progress pr) {
    if (pr.member.equals(l.transferee) && !l.timeoutNowSent && pr.match == log.lastIndex()) {
      send(pr.member, new TimeoutNow(self, term(), log.lastIndex()));
      l.timeoutNowSent = true;
      // The transferee may be elected any moment now, with votes that ignore this leader's lease.
      l.leaseBarrier = NONE;
    }
  }

  /** The commit rule, counting this member's entries only once they are durable. */
  private void maybeCommit(Leader l) {
    long index = quorumMatch(l, persistedIndex);
    if (index > commitIndex && log.termAt(index) == term()) {
      commitIndex = index;
    }
  }

  /**
   * The commit index once this member's whole log is durable; what a Ready may hand out as
   * committed, since the shell applies only after that Ready's write.
   */
  private long commitOncePersisted() {
    if (!(state instanceof Leader l)) {
      return commitIndex;
    }
    long index = quorumMatch(l, log.lastIndex());
    return index > commitIndex && log.termAt(index) == term() ? index : commitIndex;
  }

  /**
   * The highest index that a quorum of the latest configuration holds, given this member holds up
   * to {@code selfMatch} (and counts only if it is a member).
   */
  private long quorumMatch(Leader l, long selfMatch) {
    Membership m = membership();
    long[] matches = new long[m.size()];
    int i = 0;
    for (String id : m.members()) {
      matches[i++] = id.equals(self) ? selfMatch : l.progress.get(id).match;
    }
    Arrays.sort(matches);
    return matches[matches.length - m.quorum()];
  }

  /**
   * The latest tick from which a quorum of the latest configuration is known to have heard from
   * this leader: this member now, the others when they answered a heartbeat (counted only if their
   * log holds the lease barrier).
   */
  private long leaseStart(Leader l) {
    Membership m = membership();
    long[] acks = new long[m.size()];
    int i = 0;
    for (String id : m.members()) {
      Progress pr = id.equals(self) ? null : l.progress.get(id);
      acks[i++] = pr == null ? ticks : pr.match >= l.leaseBarrier ? pr.leaseAckTick : NEVER;
    }
    Arrays.sort(acks);
    return acks[acks.length - m.quorum()];
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
      startLogOrSnapshot(pr);
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

  /** The follower needs entries this leader compacted: a log replica that holds nothing gets a seed. */
  private void startLogOrSnapshot(Progress pr) {
    if (isLogReplica(pr.member) && !pr.itemState) {
      send(pr.member, new SeedLog(self, term(), log.compactedIndex(), log.compactedTerm(), log.compactedMembership()));
      pr.becomeSnapshot(settings.electionTicksMax(), log.compactedIndex());
    } else {
      requestItemSnapshot(pr);
    }
  }

  /** Only a full replica has an item store to copy; a relaying log replica just waits. */
  private void requestItemSnapshot(Progress pr) {
    pr.becomeSnapshot(settings.electionTicksMax(), -1);
    if (log.itemState() && membership().isFullReplica(self)) {
      snapshotsNeeded.add(new InstallSnapshotNeeded(pr.member, log.compactedIndex()));
    }
  }

  private void sendHeartbeat(Progress pr) {
    long commit = Math.min(commitIndex, pr.match);
    send(pr.member, new Heartbeat(self, term(), commit, ticks));
    pr.commitSent = Math.max(pr.commitSent, commit);
  }

  private void send(String to, Message m) {
    outbox.add(new Outbound(to, m));
  }
}
