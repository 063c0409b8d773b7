package triad.replication.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import triad.replication.core.DurableEvent.Compacted;
import triad.replication.core.DurableEvent.EntriesAppended;
import triad.replication.core.DurableEvent.HardStateChanged;

/**
 * One seeded, deterministic run of a replication group of 3 or 5 members under faults, after
 * FoundationDB's simulator and TigerBeetle's VOPR. Every source of choice is one
 * {@link SplittableRandom} seeded from the seed, so a seed replays exactly.
 *
 * <p>Each member has a simulated shell that follows {@link Ready}'s loop, sometimes with a journal
 * write that takes ticks (while the member keeps receiving messages and proposals). The network
 * loses, duplicates, delays and reorders messages and is partitioned (both ways or one way) for a
 * while. Members crash, losing everything not persisted (a write in flight may or may not have
 * made it; a crash can also strike between the loop's steps), and restart from their journal and
 * the applied index their item store had. Clients propose to random members, following leader
 * hints. Members compact their logs; when a leader reports {@link InstallSnapshotNeeded}, the
 * simulated transfer restarts the member from a copy of the leader's item store (what the later
 * snapshot task will do without a restart).
 *
 * <p>After every input to a member: at most one leader per term; log matching (checked on every
 * persisted entry); every member applies the same entry at each index, in order (state machine
 * safety, so nothing committed is ever lost or changed); a member that becomes leader holds every
 * entry applied anywhere (leader completeness); a leader that says it is ready has committed past
 * every applied entry of earlier terms; the commit index of a live member never goes back; replay
 * of a member's journal gives the log its shell wrote. After {@value #CHAOS_TICKS} ticks of chaos
 * the faults stop and a proposal must be applied by every member within a bound.
 */
final class Simulation {
  record Put(long id) implements Command {}

  record Stats(long healTicks, long healBoundTicks, long delivered, long maxTerm, int crashes, int snapshots, long applied) {}

  static final int CHAOS_TICKS = 300;
  private static final int TRACE_EVENTS = 60;

  private record Envelope(long at, long order, int from, int to, Message message) {}

  private record SnapshotTransfer(long at, int from, int to) {}

  private record IndexTerm(long index, long term) {}

  private record Written(Command command, long previousTerm) {}

  private record Event(long tick, String node, String what, Object detail) {}

  private static final class Node {
    final int index;
    final String id;
    ReplicationGroup group;
    ArrayList<DurableEvent> journal = new ArrayList<>();
    /** The journal applied as the shell's event handler would. */
    DurableLog disk = new DurableLog();
    /** The item store's applied index; it survives crashes. */
    long applied;
    Ready persisting;
    long persistDoneAt;
    long restartAt;
    long commitSeen;
    long leaderTermChecked = -1;

    Node(int index, String id) {
      this.index = index;
      this.id = id;
    }

    boolean up() {
      return group != null;
    }
  }

  private final long seed;
  private final SplittableRandom rnd;
  private final GroupSettings settings;
  private final Membership membership;
  private final Node[] nodes;
  private final PriorityQueue<Envelope> wire = new PriorityQueue<>(Comparator.comparingLong(Envelope::at).thenComparingLong(Envelope::order));
  private final boolean[][] blocked;
  private final ArrayList<SnapshotTransfer> transfers = new ArrayList<>();

  private double lossRate;
  private double duplicateRate;
  private final int maxDelayTicks;
  private final int persistDelayTicksMax;
  private final double crashRate;
  private double loopCrashRate;
  private final double partitionRate;
  private final double proposeRate;
  private final double compactRate;
  private final double transferRate;
  private long partitionEndsAt = -1;

  private final HashMap<Long, String> leaderOfTerm = new HashMap<>();
  private final HashMap<IndexTerm, Written> written = new HashMap<>();
  private final ArrayList<LogEntry> appliedAt = new ArrayList<>();
  private final TreeMap<Long, Long> maxAppliedIndexByTerm = new TreeMap<>();
  private final HashSet<Long> markers = new HashSet<>();
  private long markerIndex = -1;
  private long lastMarkerTick = Long.MIN_VALUE / 2;

  private long tick;
  private long nextCommandId = 1;
  private long delivered;
  private int crashes;
  private int snapshots;
  private final Event[] trace = new Event[TRACE_EVENTS];
  private long traced;

  Simulation(long seed, int members) {
    this.seed = seed;
    this.rnd = new SplittableRandom(seed);
    int electionMin = 5 + rnd.nextInt(8);
    this.settings = new GroupSettings(electionMin, electionMin + rnd.nextInt(10), 1 + rnd.nextInt(Math.max(1, electionMin / 3)),
        pick(1, 2, 4, 16, 64), pick(1, 2, 4, 8), pick(4, 16, 256), pick(1, 3, 64));
    this.lossRate = pick(0, 0.01, 0.05, 0.2);
    this.duplicateRate = pick(0, 0.02, 0.1);
    this.maxDelayTicks = rnd.nextInt(electionMin / 3 + 1);
    this.persistDelayTicksMax = pick(0, 0, 1, 2);
    this.crashRate = pick(0, 0.002, 0.01);
    this.loopCrashRate = pick(0, 0.01, 0.05);
    this.partitionRate = pick(0, 0.01, 0.03);
    this.proposeRate = pick(0.1, 0.3, 0.8);
    this.compactRate = pick(0, 0.01, 0.05);
    this.transferRate = pick(0, 0.005, 0.02);
    this.membership = new Membership(TestCluster.ids(members));
    this.nodes = new Node[members];
    this.blocked = new boolean[members][members];
    for (int i = 0; i < members; i++) {
      nodes[i] = new Node(i, membership.voters().get(i));
      start(nodes[i]);
    }
  }

  private int pick(int... choices) {
    return choices[rnd.nextInt(choices.length)];
  }

  private double pick(double... choices) {
    return choices[rnd.nextInt(choices.length)];
  }

  /** Runs the seed; an AssertionError describes the first violation with the events before it. */
  Stats run() {
    try {
      for (; tick < CHAOS_TICKS; tick++) {
        step(true);
      }
      healEverything();
      long healedAt = tick;
      long bound = healBoundTicks();
      for (; !everyMemberAppliedAMarker(); tick++) {
        if (tick - healedAt > bound) {
          throw new AssertionError("no proposal was applied by every member within " + bound + " ticks after the faults stopped");
        }
        step(false);
        proposeMarker();
      }
      long maxTerm = leaderOfTerm.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
      return new Stats(tick - healedAt, bound, delivered, maxTerm, crashes, snapshots, appliedAt.size());
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError(describe(e), e);
    }
  }

  private void step(boolean chaos) {
    deliver();
    completeWrites();
    tickMembers();
    if (chaos) {
      propose();
      injectFaults();
    }
    restartDue();
    transferSnapshots();
  }

  // ---- the simulated shell ----

  private void start(Node n) {
    DurableLog replayed = new DurableLog();
    n.journal.forEach(replayed::apply);
    if (!replayed.toString().equals(n.disk.toString())) {
      fail("replay of " + n.id + "'s journal gives " + replayed + " but its shell wrote " + n.disk);
    }
    n.group = new ReplicationGroup(n.id, membership, replayed, n.applied, settings, rnd.split());
    n.commitSeen = n.applied;
    n.leaderTermChecked = -1;
    record(n, "start", n.group);
    afterInput(n);
  }

  private void afterInput(Node n) {
    pump(n);
    check(n);
  }

  /** The shell's loop: take Readies until there is none, or one whose journal write takes time. */
  private void pump(Node n) {
    for (int rounds = 0; n.up() && n.persisting == null && n.group.hasReady(); rounds++) {
      if (rounds > 10_000) {
        fail(n.id + "'s shell loop never runs dry");
      }
      Ready r = n.group.ready();
      record(n, "ready", r);
      if (!r.toPersist().isEmpty() && persistDelayTicksMax > 0 && rnd.nextBoolean()) {
        n.persisting = r;
        n.persistDoneAt = tick + 1 + rnd.nextInt(persistDelayTicksMax);
        return;
      }
      carryOut(n, r);
    }
  }

  private void completeWrites() {
    for (Node n : inRandomOrder()) {
      if (n.up() && n.persisting != null && n.persistDoneAt <= tick) {
        Ready r = n.persisting;
        n.persisting = null;
        carryOut(n, r);
        afterInput(n);
      }
    }
  }

  /** Persist, send, apply, advance; a crash may strike between (or within) the steps. */
  private void carryOut(Node n, Ready r) {
    int crashAt = loopCrashRate > 0 && rnd.nextDouble() < loopCrashRate ? rnd.nextInt(3) : -1;
    persist(n, r.toPersist());
    if (crashAt == 0) {
      crash(n, "after its write");
      return;
    }
    for (Outbound o : r.messages()) {
      send(n.index, o);
    }
    for (InstallSnapshotNeeded s : r.snapshotsNeeded()) {
      transfers.add(new SnapshotTransfer(tick + 1 + rnd.nextInt(5), n.index, indexOf(s.to())));
    }
    if (crashAt == 1) {
      crash(n, "after sending");
      return;
    }
    List<LogEntry> committed = r.committed();
    for (int k = 0; k < committed.size(); k++) {
      if (crashAt == 2 && k == committed.size() / 2) {
        crash(n, "while applying");
        return;
      }
      apply(n, committed.get(k));
    }
    n.group.advance(r);
  }

  private void persist(Node n, List<DurableEvent> events) {
    for (DurableEvent e : events) {
      n.journal.add(e);
      n.disk.apply(e);
      if (e instanceof EntriesAppended a) {
        checkWritten(n, a.entries());
      }
    }
  }

  private void crash(Node n, String when) {
    stop(n, "crash " + when);
    n.restartAt = tick + 1 + rnd.nextInt(40);
    crashes++;
  }

  /** Stops a member as a crash would: a journal write in flight may or may not have made it. */
  private void stop(Node n, String why) {
    if (n.persisting != null && rnd.nextBoolean()) {
      persist(n, n.persisting.toPersist());
    }
    record(n, why, null);
    n.persisting = null;
    n.group = null;
  }

  private void restartDue() {
    for (Node n : nodes) {
      if (!n.up() && n.restartAt <= tick) {
        start(n);
      }
    }
  }

  // ---- network ----

  private void send(int from, Outbound o) {
    if (rnd.nextDouble() < lossRate) {
      return;
    }
    int copies = rnd.nextDouble() < duplicateRate ? 2 : 1;
    for (int c = 0; c < copies; c++) {
      wire.add(new Envelope(tick + rnd.nextInt(maxDelayTicks + 1), rnd.nextLong(), from, indexOf(o.to()), o.message()));
    }
  }

  private void deliver() {
    for (int budget = 200_000; !wire.isEmpty() && wire.peek().at() <= tick; budget--) {
      if (budget == 0) {
        fail("the members keep messaging each other within one tick");
      }
      Envelope e = wire.poll();
      Node n = nodes[e.to()];
      if (n.up() && !blocked[e.from()][e.to()]) {
        record(n, "receive", e.message());
        delivered++;
        n.group.step(e.message());
        afterInput(n);
      }
    }
  }

  // ---- clients, timers and faults ----

  private void tickMembers() {
    for (Node n : inRandomOrder()) {
      if (n.up()) {
        n.group.tick();
        afterInput(n);
      }
    }
  }

  private void propose() {
    if (rnd.nextDouble() >= proposeRate) {
      return;
    }
    Node n = nodes[rnd.nextInt(nodes.length)];
    for (int k = 1 + rnd.nextInt(3); k > 0 && n.up(); k--) {
      Put put = new Put(nextCommandId++);
      ProposeResult result = n.group.propose(put);
      record(n, "propose " + put, result);
      afterInput(n);
      if (result instanceof ProposeResult.NotLeader nl && nl.leaderHint() != null && nodes[indexOf(nl.leaderHint())].up()) {
        Node hinted = nodes[indexOf(nl.leaderHint())];
        record(hinted, "propose " + put, hinted.group.propose(put));
        afterInput(hinted);
      }
    }
  }

  private void injectFaults() {
    for (Node n : nodes) {
      if (n.up() && rnd.nextDouble() < crashRate) {
        crash(n, "at random");
      }
    }
    if (partitionEndsAt >= 0 && tick >= partitionEndsAt) {
      healPartition();
    } else if (partitionEndsAt < 0 && rnd.nextDouble() < partitionRate) {
      partition();
    }
    if (rnd.nextDouble() < compactRate) {
      Node n = nodes[rnd.nextInt(nodes.length)];
      long compacted = n.up() ? n.group.log().compactedIndex() : 0;
      if (n.up() && n.group.appliedIndex() > compacted) {
        long index = compacted + 1 + rnd.nextLong(n.group.appliedIndex() - compacted);
        record(n, "compact", index);
        n.group.compact(index);
        afterInput(n);
      }
    }
    if (rnd.nextDouble() < transferRate) {
      for (Node n : nodes) {
        if (n.up() && n.group.role() == Role.LEADER) {
          String to = membership.voters().get(rnd.nextInt(nodes.length));
          record(n, "transfer to " + to, n.group.transferLeadership(to));
          afterInput(n);
          break;
        }
      }
    }
  }

  private void partition() {
    int kind = rnd.nextInt(3);
    int isolated = rnd.nextInt(nodes.length);
    boolean[] side = new boolean[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      side[i] = rnd.nextBoolean();
    }
    for (int a = 0; a < nodes.length; a++) {
      for (int b = 0; b < nodes.length; b++) {
        blocked[a][b] = a != b && switch (kind) {
          case 0 -> a == isolated || b == isolated;
          case 1 -> side[a] != side[b];
          default -> rnd.nextInt(3) == 0;
        };
      }
    }
    partitionEndsAt = tick + 5 + rnd.nextInt(3 * settings.electionTicksMax() + 50);
    record(null, "partition", kind == 0 ? "isolate " + nodes[isolated].id : kind == 1 ? "split" : "one-way links");
  }

  private void healPartition() {
    for (boolean[] row : blocked) {
      Arrays.fill(row, false);
    }
    partitionEndsAt = -1;
    record(null, "heal", null);
  }

  private void healEverything() {
    healPartition();
    lossRate = 0;
    duplicateRate = 0;
    loopCrashRate = 0;
    for (Node n : nodes) {
      if (!n.up()) {
        start(n);
      }
    }
    record(null, "faults stop", null);
  }

  /** Elections, one snapshot retry and catching up the longest log, one probe round trip at a time. */
  private long healBoundTicks() {
    long longest = 0;
    for (Node n : nodes) {
      longest = Math.max(longest, n.group.log().lastIndex());
    }
    long roundTripTicks = 2L * maxDelayTicks + 2;
    long catchUpRoundTrips = longest / settings.maxEntriesPerAppend() + 10;
    return 20L * settings.electionTicksMax() + catchUpRoundTrips * roundTripTicks;
  }

  private void proposeMarker() {
    if (tick - lastMarkerTick < settings.electionTicksMax()) {
      return;
    }
    for (Node n : nodes) {
      if (n.up() && n.group.role() == Role.LEADER) {
        Put marker = new Put(nextCommandId++);
        ProposeResult result = n.group.propose(marker);
        record(n, "propose marker " + marker, result);
        if (result instanceof ProposeResult.Accepted) {
          markers.add(marker.id());
          lastMarkerTick = tick;
        }
        afterInput(n);
        return;
      }
    }
  }

  private boolean everyMemberAppliedAMarker() {
    if (markerIndex < 0) {
      return false;
    }
    for (Node n : nodes) {
      if (n.applied < markerIndex) {
        return false;
      }
    }
    return true;
  }

  private void transferSnapshots() {
    for (int i = 0; i < transfers.size(); i++) {
      SnapshotTransfer t = transfers.get(i);
      if (t.at() <= tick) {
        transfers.remove(i--);
        Node from = nodes[t.from()];
        Node to = nodes[t.to()];
        if (from.up() && to.up() && !blocked[t.from()][t.to()] && to.applied < from.applied) {
          installSnapshot(from, to);
        }
      }
    }
  }

  /** Restarts {@code to} from a copy of {@code from}'s item store, keeping the log after it if it agrees. */
  private void installSnapshot(Node from, Node to) {
    long index = from.applied;
    long term = from.disk.termAt(index);
    stop(to, "restart to install a snapshot at " + index + " from " + from.id);
    DurableLog old = to.disk;
    ArrayList<DurableEvent> journal = new ArrayList<>();
    if (old.term() > 0) {
      journal.add(new HardStateChanged(old.term(), old.votedFor()));
    }
    journal.add(new Compacted(index, term));
    if (old.matches(index, term) && old.lastIndex() > index) {
      journal.add(new EntriesAppended(old.entries(index + 1, old.lastIndex() + 1)));
    }
    to.journal = journal;
    to.disk = new DurableLog();
    journal.forEach(to.disk::apply);
    to.applied = index;
    snapshots++;
    start(to);
  }

  // ---- invariants ----

  private void check(Node n) {
    if (!n.up()) {
      return;
    }
    ReplicationGroup g = n.group;
    long term = g.term();
    if (g.role() == Role.LEADER) {
      String other = leaderOfTerm.putIfAbsent(term, n.id);
      if (other != null && !other.equals(n.id)) {
        fail("two leaders in term " + term + ": " + other + " and " + n.id);
      }
      if (n.leaderTermChecked != term) {
        n.leaderTermChecked = term;
        checkLeaderCompleteness(n);
      }
    }
    if (g.commitIndex() < n.commitSeen) {
      fail(n.id + "'s commit index went back from " + n.commitSeen + " to " + g.commitIndex());
    }
    n.commitSeen = g.commitIndex();
    if (g.isLeaderReady()) {
      Map.Entry<Long, Long> earlier = maxAppliedIndexByTerm.lowerEntry(term);
      if (earlier != null && earlier.getValue() > g.commitIndex()) {
        fail(n.id + " is a ready leader in term " + term + " with commit index " + g.commitIndex() + " but index " + earlier.getValue()
            + " of term " + earlier.getKey() + " was applied");
      }
    }
  }

  private void checkLeaderCompleteness(Node n) {
    DurableLog log = n.group.log();
    for (long i = log.firstIndex(); i <= appliedAt.size(); i++) {
      if (i > log.lastIndex() || !log.entry(i).equals(appliedAt.get((int) i - 1))) {
        fail(n.id + " leads term " + n.group.term() + " without committed entry " + appliedAt.get((int) i - 1) + ": " + log);
      }
    }
  }

  /** Log matching: an (index, term) pair always names the same command after the same term. */
  private void checkWritten(Node n, List<LogEntry> entries) {
    for (LogEntry e : entries) {
      long previousTerm = n.disk.termAt(e.index() - 1);
      Written w = written.putIfAbsent(new IndexTerm(e.index(), e.term()), new Written(e.command(), previousTerm));
      if (w != null && (!w.command().equals(e.command()) || w.previousTerm() != previousTerm)) {
        fail(n.id + " persisted " + e + " after term " + previousTerm + " but another member has " + w.command() + " after term "
            + w.previousTerm());
      }
    }
  }

  private void apply(Node n, LogEntry e) {
    if (e.index() != n.applied + 1) {
      fail(n.id + " applies " + e + " after index " + n.applied);
    }
    int i = (int) e.index();
    if (i <= appliedAt.size()) {
      if (!appliedAt.get(i - 1).equals(e)) {
        fail(n.id + " applies " + e + " where another member applied " + appliedAt.get(i - 1));
      }
    } else {
      appliedAt.add(e);
      maxAppliedIndexByTerm.merge(e.term(), e.index(), Math::max);
      if (e.command() instanceof Put p && markers.contains(p.id()) && markerIndex < 0) {
        markerIndex = e.index();
      }
    }
    n.applied = e.index();
  }

  // ---- helpers ----

  private int indexOf(String id) {
    return membership.voters().indexOf(id);
  }

  private List<Node> inRandomOrder() {
    List<Node> order = new ArrayList<>(List.of(nodes));
    for (int i = order.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      order.set(i, order.set(j, order.get(i)));
    }
    return order;
  }

  private void record(Node n, String what, Object detail) {
    trace[(int) (traced++ % TRACE_EVENTS)] = new Event(tick, n == null ? "-" : n.id, what, detail);
  }

  private static void fail(String message) {
    throw new AssertionError(message);
  }

  private String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    sb.append("seed ").append(seed).append(" with ").append(nodes.length).append(" members failed at tick ").append(tick).append(": ")
        .append(e).append('\n');
    sb.append("  settings ").append(settings).append('\n');
    sb.append(String.format("  loss %.2f duplicate %.2f delay<=%d write<=%d crash %.3f loopCrash %.2f partition %.2f propose %.1f compact %.2f"
        + " transfer %.3f%n", lossRate, duplicateRate, maxDelayTicks, persistDelayTicksMax, crashRate, loopCrashRate, partitionRate,
        proposeRate, compactRate, transferRate));
    for (Node n : nodes) {
      sb.append("  ").append(n.id).append(": ").append(n.up() ? n.group : "down").append(" applied=").append(n.applied).append('\n');
    }
    sb.append("  last events:\n");
    for (long k = Math.max(0, traced - TRACE_EVENTS); k < traced; k++) {
      Event ev = trace[(int) (k % TRACE_EVENTS)];
      sb.append("    ").append(ev.tick()).append(' ').append(ev.node()).append(' ').append(ev.what());
      if (ev.detail() != null) {
        sb.append(": ").append(ev.detail());
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
