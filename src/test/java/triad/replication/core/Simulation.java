package triad.replication.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import triad.replication.core.DurableEvent.EntriesAppended;
import triad.replication.core.DurableEvent.MemberCreated;

/**
 * One seeded, deterministic run of a replication group of 3 or 5 zones under faults, after
 * FoundationDB's simulator and TigerBeetle's VOPR. Every source of choice is one
 * {@link SplittableRandom} seeded from the seed, so a seed replays exactly.
 *
 * <p>Time is real time in units, {@value #UNITS_PER_TICK} to a nominal tick. Each replica's clock
 * ticks at its own rate: every period lies within {@code UNITS_PER_TICK ± jitter}, and the group's
 * {@link GroupSettings#clockDriftTicksMax()} is derived from that bound, so leases are tested
 * against clocks that really drift. At one instant, ticks are processed before messages.
 *
 * <p>Each zone holds one replica of the group at a time, as Cluster Sharding does. A replica has a
 * simulated shell that follows {@link Ready}'s loop, sometimes with a journal write that takes
 * time (while the replica keeps receiving messages and proposals). The network loses, duplicates,
 * delays and reorders messages and is partitioned (both ways or one way) between zones for a
 * while. Replicas crash, losing everything not persisted (a write in flight may or may not have
 * made it; a crash can also strike between the loop's steps), and restart from their journal and
 * item store. A zone's node can be lost (the replica's journal and item store are gone and a blank
 * replica with a new incarnation takes the zone) or the zone's replica moved (a replica that held
 * the zone before, with its old journal, may take it back): the group must notice, remove, add,
 * seed, copy and promote on its own. Snapshot transfers copy a leader's item store to whoever needs
 * one. Clients write to random replicas (following leader hints) and read from whichever replica
 * says it can serve strongly consistent reads.
 *
 * <p>After every input to a replica: at most one leader per term; at most one replica holds a lease
 * at any instant, and one that can serve reads has applied every acknowledged write; log matching
 * (checked on every persisted entry); every replica applies the same entry at each index, in order
 * (nothing committed is lost or changed); a replica that becomes leader holds every entry applied
 * anywhere; a leader that says it is ready has committed past every applied entry of earlier
 * terms; the commit index of a live replica never goes back; a log replica never applies, serves
 * or takes a proposal; each configuration entry, in every log and in the committed log, is one
 * change from the one before and shares a member with every majority of it (no two disjoint
 * quorums); replay of a journal gives the log its shell wrote; an installed snapshot equals the
 * committed log's state at its point. At the end the reads and acknowledged writes of each key
 * must be linearizable. After {@value #CHAOS_TICKS} ticks of chaos the faults stop; within a bound
 * every zone's replica must be a full member of the committed configuration and apply a new entry.
 */
final class Simulation {
  record Write(int key, long value) implements Command {}

  record Marker(long id) implements Command {}

  record Stats(long healTicks, long healBoundTicks, long delivered, long maxTerm, int crashes, int snapshots, long applied, int nodesLost,
      int replicasReturned, int promotions, long leaseReads, long ackedWrites, long checkedOps) {}

  static final int CHAOS_TICKS = 300;
  static final int UNITS_PER_TICK = 20;
  private static final int TRACE_EVENTS = 80;
  private static final int ENTITY_MOVES_MAX = 3;
  private static final int KEY_OPS_MAX = 600;
  private static final int LINEARIZABILITY_STATES_MAX = 200_000;

  private record Envelope(long at, long order, int fromZone, String to, Message message) {}

  private record IndexTerm(long index, long term) {}

  private record Written(Command command, long previousTerm) {}

  private record Event(long at, String node, String what, Object detail) {}

  /** A client write a leader accepted, acknowledged when that leader applies it. */
  private record PendingAck(HistoryOp op, long term) {}

  private static final class HistoryOp {
    final boolean write;
    final long value;
    final long invoke;
    long response = Linearizability.UNKNOWN;
    boolean failed;

    HistoryOp(boolean write, long value, long invoke) {
      this.write = write;
      this.value = value;
      this.invoke = invoke;
    }
  }

  /** A copy of {@code from}'s item store on its way to replica {@code to}. */
  private static final class Transfer {
    final Replica from;
    final String to;
    long at;
    SnapshotPoint point;
    long[] registers;

    Transfer(Replica from, String to, long at) {
      this.from = from;
      this.to = to;
      this.at = at;
    }
  }

  /** A zone: the replica that holds it now, and replicas that held it before and still exist. */
  private final class Zone {
    final int index;
    final String name;
    Replica current;
    final ArrayList<Replica> shelf = new ArrayList<>();
    long nextReplicaAt = Long.MAX_VALUE;
    int incarnations = 1;

    Zone(int index, String name) {
      this.index = index;
      this.name = name;
    }
  }

  /** One replica: a journal, an item store (registers) and, while it runs, a group member. */
  private final class Replica {
    final String id;
    final Zone zone;
    final int periodBase;
    ReplicationGroup group;
    final ArrayList<DurableEvent> journal = new ArrayList<>();
    /** The journal applied as the shell's event handler would. */
    final DurableLog disk = new DurableLog();
    /** The item store's applied index and state; they survive crashes, not the loss of the node. */
    long applied;
    final long[] registers;
    /** The last copy of another item store installed here. */
    SnapshotPoint installed;
    Ready persisting;
    long persistDoneAt;
    long restartAt = Long.MAX_VALUE;
    long nextTickAt;
    long commitSeen;
    long leaderTermChecked = -1;
    final HashMap<Long, PendingAck> acks = new HashMap<>();

    Replica(String id, Zone zone, Membership founding) {
      this.id = id;
      this.zone = zone;
      this.registers = new long[keys];
      this.periodBase = UNITS_PER_TICK - jitterUnits + rnd.nextInt(2 * jitterUnits + 1);
      DurableEvent created = new MemberCreated(id, founding);
      journal.add(created);
      disk.apply(created);
    }

    boolean up() {
      return group != null;
    }
  }

  private final long seed;
  private final SplittableRandom rnd;
  private final int jitterUnits;
  private final int keys;
  private final GroupSettings settings;
  private final Membership founding;
  private final Zone[] zones;
  private final Map<String, Zone> zoneByName = new HashMap<>();
  private final PriorityQueue<Envelope> wire = new PriorityQueue<>(Comparator.comparingLong(Envelope::at).thenComparingLong(Envelope::order));
  private final boolean[][] blocked;
  private final ArrayList<Transfer> transfers = new ArrayList<>();

  private double lossRate;
  private double duplicateRate;
  private final int maxDelayTicks;
  private final int persistDelayTicksMax;
  private final double crashRate;
  private double loopCrashRate;
  private final double partitionRate;
  private final double proposeRate;
  private final double readRate;
  private final double compactRate;
  private final double transferRate;
  private final double moveRate;
  private final double removeRate;
  private final double slowRate;
  private final double bounceRate;
  private final int transferTicksMax;
  private final String preferredZone;
  private long partitionEndsAt = -1;

  private final HashMap<Long, String> leaderOfTerm = new HashMap<>();
  private final HashMap<IndexTerm, Written> written = new HashMap<>();
  /** The committed log, as applied by some replica. */
  private final ArrayList<LogEntry> appliedAt = new ArrayList<>();
  private final TreeMap<Long, Long> maxAppliedIndexByTerm = new TreeMap<>();
  private Membership committedMembership;
  private final List<List<HistoryOp>> history = new ArrayList<>();
  private long maxAckedIndex;
  private long markerId;
  private long markerIndex = -1;
  private long lastMarkerAt = Long.MIN_VALUE / 2;

  private long now;
  private long seq;
  private long nextValue = 1;
  private long delivered;
  private int crashes;
  private int snapshots;
  private int entityMoves;
  private int nodesLost;
  private int replicasReturned;
  private int promotions;
  private long leaseReads;
  private long ackedWrites;
  private final Event[] trace = new Event[TRACE_EVENTS];
  private long traced;

  Simulation(long seed, int members) {
    this(seed, members, false);
  }

  /**
   * @param understateDrift configure the group with the drift bound of perfectly synchronized
   *     clocks while they drift by up to 30%, with elections as quick as they can be and frequent
   *     partitions: leases must then be caught overlapping
   */
  Simulation(long seed, int members, boolean understateDrift) {
    this.seed = seed;
    this.rnd = new SplittableRandom(seed);
    int electionMin = 5 + rnd.nextInt(8);
    this.jitterUnits = understateDrift ? 6 : pick(0, 1, 2);
    int drift = understateDrift ? 1
        : electionMin - (electionMin - 1) * (UNITS_PER_TICK - jitterUnits) / (UNITS_PER_TICK + jitterUnits);
    int heartbeat = 1 + rnd.nextInt(Math.max(1, (electionMin - drift) / 3));
    List<String> names = TestCluster.ids(members);
    int electionMax = understateDrift ? electionMin : electionMin + rnd.nextInt(10);
    this.settings = new GroupSettings(electionMin, electionMax, heartbeat, drift, pick(1, 2, 4, 16, 64), pick(1, 2, 4, 8), pick(4, 16, 256),
        pick(1, 3, 64), names);
    this.keys = 4 + rnd.nextInt(5);
    this.lossRate = pick(0, 0.01, 0.05, 0.2);
    this.duplicateRate = pick(0, 0.02, 0.1);
    this.maxDelayTicks = understateDrift ? 0 : rnd.nextInt(electionMin / 3 + 1);
    this.persistDelayTicksMax = pick(0, 0, 1, 2);
    this.crashRate = pick(0, 0.002, 0.01);
    this.loopCrashRate = pick(0, 0.01, 0.05);
    this.partitionRate = understateDrift ? 0.05 : pick(0, 0.01, 0.03);
    this.proposeRate = pick(0.1, 0.3, 0.8);
    this.readRate = pick(0.2, 0.5, 1.0);
    this.compactRate = pick(0, 0.01, 0.05);
    this.moveRate = pick(0, 0.005, 0.02);
    this.removeRate = pick(0, 0.003, 0.01);
    // One seed in four tortures leases: frequent transfers, late messages and process bounces.
    boolean leaseTorture = rnd.nextInt(4) == 0;
    this.transferRate = leaseTorture ? 0.1 : pick(0, 0.005, 0.02);
    this.slowRate = leaseTorture ? 0.05 : pick(0, 0.001, 0.01);
    this.bounceRate = leaseTorture ? 0.02 : pick(0, 0.002);
    this.transferTicksMax = pick(1, 5, 40);
    this.preferredZone = rnd.nextBoolean() ? null : names.get(rnd.nextInt(members));
    this.zones = new Zone[members];
    this.blocked = new boolean[members][members];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      zones[i] = new Zone(i, names.get(i));
      zoneByName.put(names.get(i), zones[i]);
      ids.add(MemberId.of(names.get(i), 1));
    }
    this.founding = Membership.of(ids);
    this.committedMembership = founding;
    for (int k = 0; k < keys; k++) {
      history.add(new ArrayList<>());
    }
    for (Zone z : zones) {
      z.current = new Replica(MemberId.of(z.name, 1), z, founding);
      start(z.current);
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
      for (long end = (long) CHAOS_TICKS * UNITS_PER_TICK; now < end; now++) {
        step(true);
      }
      healEverything();
      long healedAt = now;
      long bound = healBoundTicks() * UNITS_PER_TICK;
      for (; !recovered(); now++) {
        if (now - healedAt > bound) {
          throw new AssertionError("the group did not recover within " + bound / UNITS_PER_TICK + " ticks after the faults stopped");
        }
        step(false);
      }
      long checked = checkLinearizability();
      long maxTerm = leaderOfTerm.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
      return new Stats((now - healedAt) / UNITS_PER_TICK, bound / UNITS_PER_TICK, delivered, maxTerm, crashes, snapshots, appliedAt.size(),
          nodesLost, replicasReturned, promotions, leaseReads, ackedWrites, checked);
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError(describe(e), e);
    }
  }

  private void step(boolean chaos) {
    tickReplicas();
    deliver();
    completeWrites();
    if (now % UNITS_PER_TICK == 0) {
      read();
      if (chaos) {
        propose();
        injectFaults();
      } else {
        proposeMarker();
      }
      restartDue();
      replaceDue();
    }
    transferSnapshots();
  }

  // ---- the simulated shell ----

  private void start(Replica r) {
    DurableLog replayed = new DurableLog();
    r.journal.forEach(replayed::apply);
    if (!replayed.toString().equals(r.disk.toString())) {
      fail("replay of " + r.id + "'s journal gives " + replayed + " but its shell wrote " + r.disk);
    }
    boolean reinstall = r.installed != null && (!replayed.itemState() || replayed.compactedIndex() < r.installed.index());
    long applied = reinstall || !replayed.itemState() ? replayed.compactedIndex() : r.applied;
    r.group = new ReplicationGroup(replayed, applied, settings, rnd.split());
    if (reinstall && !r.group.snapshotInstalled(r.installed)) {
      fail(r.id + " refused the copy its item store holds after a restart: " + r.installed);
    }
    r.group.preferLeaderIn(preferredZone);
    r.commitSeen = r.group.commitIndex();
    r.leaderTermChecked = -1;
    r.nextTickAt = now + 1 + rnd.nextInt(UNITS_PER_TICK);
    r.restartAt = Long.MAX_VALUE;
    record(r, "start", r.group);
    afterInput(r);
  }

  private void afterInput(Replica r) {
    pump(r);
    if (r.up() && r.group.role() != Role.LEADER) {
      // Its clients hear "the write may or may not have been applied".
      r.acks.clear();
    }
    check(r);
    checkLeases();
  }

  /** The shell's loop: take Readies until there is none, or one whose journal write takes time. */
  private void pump(Replica r) {
    for (int rounds = 0; r.up() && r.persisting == null && r.group.hasReady(); rounds++) {
      if (rounds > 10_000) {
        fail(r.id + "'s shell loop never runs dry");
      }
      Ready ready = r.group.ready();
      record(r, "ready", ready);
      if (!ready.toPersist().isEmpty() && persistDelayTicksMax > 0 && rnd.nextBoolean()) {
        r.persisting = ready;
        r.persistDoneAt = now + 1 + rnd.nextInt(persistDelayTicksMax * UNITS_PER_TICK);
        return;
      }
      carryOut(r, ready);
    }
  }

  private void completeWrites() {
    for (Zone z : zones) {
      Replica r = z.current;
      if (r != null && r.up() && r.persisting != null && r.persistDoneAt <= now) {
        Ready ready = r.persisting;
        r.persisting = null;
        carryOut(r, ready);
        afterInput(r);
      }
    }
  }

  /** Persist, send, apply, advance; a crash may strike between (or within) the steps. */
  private void carryOut(Replica r, Ready ready) {
    int crashAt = loopCrashRate > 0 && rnd.nextDouble() < loopCrashRate ? rnd.nextInt(3) : -1;
    persist(r, ready.toPersist());
    if (crashAt == 0) {
      crash(r, "after its write");
      return;
    }
    for (Outbound o : ready.messages()) {
      send(r, o);
    }
    for (InstallSnapshotNeeded s : ready.snapshotsNeeded()) {
      if (transfers.stream().noneMatch(t -> t.to.equals(s.to()))) {
        transfers.add(new Transfer(r, s.to(), now + (1 + rnd.nextInt(5)) * UNITS_PER_TICK));
      }
    }
    if (crashAt == 1) {
      crash(r, "after sending");
      return;
    }
    List<LogEntry> committed = ready.committed();
    for (int k = 0; k < committed.size(); k++) {
      if (crashAt == 2 && k == committed.size() / 2) {
        crash(r, "while applying");
        return;
      }
      apply(r, committed.get(k));
    }
    r.group.advance(ready);
  }

  private void persist(Replica r, List<DurableEvent> events) {
    for (DurableEvent e : events) {
      if (e instanceof EntriesAppended a) {
        checkWritten(r, a.entries());
        checkOneChangeAtATime(r, a.entries());
      }
      r.journal.add(e);
      r.disk.apply(e);
    }
  }

  private void crash(Replica r, String when) {
    stop(r, "crash " + when);
    r.restartAt = now + 1 + rnd.nextInt((rnd.nextBoolean() ? 2 : 40) * UNITS_PER_TICK);
    crashes++;
  }

  /** Stops a replica as a crash would: a journal write in flight may or may not have made it. */
  private void stop(Replica r, String why) {
    if (r.persisting != null && rnd.nextBoolean()) {
      persist(r, r.persisting.toPersist());
    }
    record(r, why, null);
    r.persisting = null;
    r.group = null;
    r.acks.clear();
  }

  private void restartDue() {
    for (Zone z : zones) {
      if (z.current != null && !z.current.up() && z.current.restartAt <= now) {
        start(z.current);
      }
    }
  }

  // ---- zones and their replicas ----

  /** The zone's replica goes: its node is lost (journal and item store with it) or it moves away. */
  private void moveReplica(Zone z, boolean nodeLost) {
    Replica r = z.current;
    if (r.up()) {
      stop(r, nodeLost ? "node lost" : "moved away");
    }
    if (nodeLost) {
      nodesLost++;
    } else {
      z.shelf.add(r);
    }
    z.current = null;
    z.nextReplicaAt = now + (1 + rnd.nextInt(20)) * UNITS_PER_TICK;
    entityMoves++;
  }

  /** A zone without a replica gets one: a blank new incarnation, or one that held the zone before. */
  private void replaceDue() {
    for (Zone z : zones) {
      if (z.current == null && z.nextReplicaAt <= now) {
        z.nextReplicaAt = Long.MAX_VALUE;
        if (!z.shelf.isEmpty() && rnd.nextBoolean()) {
          z.current = z.shelf.remove(rnd.nextInt(z.shelf.size()));
          replicasReturned++;
        } else {
          z.current = new Replica(MemberId.of(z.name, ++z.incarnations), z, null);
        }
        record(z.current, "takes zone " + z.name, null);
        start(z.current);
      }
    }
  }

  /**
   * Every zone's replica is a full replica of the committed configuration, and no other
   * configuration is in flight. Only then may a node be lost (or a member removed): Raft tolerates
   * the permanent loss of a minority of every configuration that may still decide, not more.
   */
  private boolean healthy() {
    for (Zone z : zones) {
      Replica r = z.current;
      if (r == null || !committedMembership.isFullReplica(r.id)) {
        return false;
      }
      if (!committedMembership.equals(r.up() ? r.group.membership() : r.disk.membership())) {
        return false;
      }
    }
    return true;
  }

  // ---- network ----

  private void send(Replica from, Outbound o) {
    if (rnd.nextDouble() < lossRate) {
      return;
    }
    int copies = rnd.nextDouble() < duplicateRate ? 2 : 1;
    for (int c = 0; c < copies; c++) {
      // Now and then a message takes longer than an election timeout (a retransmission, a pause).
      int delayTicksMax = rnd.nextDouble() < slowRate ? 3 * settings.electionTicksMax() : maxDelayTicks;
      long delay = rnd.nextInt(delayTicksMax * UNITS_PER_TICK + 1);
      wire.add(new Envelope(now + delay, rnd.nextLong(), from.zone.index, o.to(), o.message()));
    }
  }

  private void deliver() {
    for (int budget = 200_000; !wire.isEmpty() && wire.peek().at() <= now; budget--) {
      if (budget == 0) {
        fail("the replicas keep messaging each other within one instant");
      }
      Envelope e = wire.poll();
      Zone z = zoneByName.get(MemberId.zone(e.to()));
      Replica r = z == null ? null : z.current;
      if (r != null && r.up() && !blocked[e.fromZone()][z.index]) {
        record(r, "receive for " + e.to(), e.message());
        delivered++;
        r.group.step(e.to(), e.message());
        afterInput(r);
      }
    }
  }

  // ---- clocks, clients and faults ----

  private void tickReplicas() {
    int first = rnd.nextInt(zones.length);
    for (int k = 0; k < zones.length; k++) {
      Replica r = zones[(first + k) % zones.length].current;
      if (r != null && r.up() && r.nextTickAt <= now) {
        int wobble = rnd.nextInt(3) - 1;
        r.nextTickAt += Math.clamp(r.periodBase + wobble, UNITS_PER_TICK - jitterUnits, UNITS_PER_TICK + jitterUnits);
        r.group.tick();
        afterInput(r);
      }
    }
  }

  private Replica randomRunningReplica() {
    Zone z = zones[rnd.nextInt(zones.length)];
    return z.current != null && z.current.up() ? z.current : null;
  }

  private void propose() {
    if (rnd.nextDouble() >= proposeRate) {
      return;
    }
    Replica r = randomRunningReplica();
    for (int k = 1 + rnd.nextInt(3); k > 0 && r != null && r.up(); k--) {
      int key = rnd.nextInt(keys);
      if (history.get(key).size() >= KEY_OPS_MAX) {
        return;
      }
      Write w = new Write(key, nextValue++);
      ProposeResult result = proposeAt(r, w);
      if (result instanceof ProposeResult.NotLeader nl && nl.leaderHint() != null) {
        Zone hinted = zoneByName.get(MemberId.zone(nl.leaderHint()));
        if (hinted.current != null && hinted.current.up() && hinted.current.id.equals(nl.leaderHint())) {
          proposeAt(hinted.current, w);
        }
      }
    }
  }

  private ProposeResult proposeAt(Replica r, Write w) {
    ProposeResult result = r.group.propose(w);
    record(r, "propose " + w, result);
    if (result instanceof ProposeResult.Accepted a) {
      Membership m = r.group.membership();
      if (m != null && m.isLogReplica(r.id)) {
        fail(r.id + ", a log replica, accepted a proposal");
      }
      HistoryOp op = new HistoryOp(true, w.value(), seq++);
      history.get(w.key()).add(op);
      r.acks.put(a.index(), new PendingAck(op, a.term()));
    }
    afterInput(r);
    return result;
  }

  /** A strongly consistent read, served by whoever says it may without a round trip. */
  private void read() {
    if (rnd.nextDouble() >= readRate) {
      return;
    }
    Replica r = randomRunningReplica();
    int key = rnd.nextInt(keys);
    if (r != null && r.group.canServeConsistentReads() && history.get(key).size() < KEY_OPS_MAX) {
      history.get(key).add(new HistoryOp(false, r.registers[key], seq++));
      leaseReads++;
      record(r, "read key " + key, r.registers[key]);
    }
  }

  private void injectFaults() {
    for (Zone z : zones) {
      if (z.current != null && z.current.up() && rnd.nextDouble() < crashRate) {
        crash(z.current, "at random");
      } else if (z.current != null && z.current.up() && rnd.nextDouble() < bounceRate) {
        stop(z.current, "bounce");
        z.current.restartAt = now + 1;
        crashes++;
      }
    }
    if (partitionEndsAt >= 0 && now >= partitionEndsAt) {
      healPartition();
    } else if (partitionEndsAt < 0 && rnd.nextDouble() < partitionRate) {
      partition();
    }
    if (rnd.nextDouble() < compactRate) {
      Replica r = randomRunningReplica();
      if (r != null && r.group.appliedIndex() > r.group.log().compactedIndex()) {
        long compacted = r.group.log().compactedIndex();
        long index = compacted + 1 + rnd.nextLong(r.group.appliedIndex() - compacted);
        record(r, "compact", index);
        r.group.compact(index);
        afterInput(r);
      }
    }
    if (rnd.nextDouble() < transferRate) {
      transferLeadership();
    }
    if (healthy() && rnd.nextDouble() < removeRate) {
      removeMember();
    }
    if (entityMoves < ENTITY_MOVES_MAX && healthy() && rnd.nextDouble() < moveRate) {
      moveReplica(zones[rnd.nextInt(zones.length)], rnd.nextBoolean());
    }
  }

  private void transferLeadership() {
    for (Zone z : zones) {
      Replica r = z.current;
      if (r != null && r.up() && r.group.role() == Role.LEADER) {
        List<String> full = r.group.membership().fullReplicas();
        String to = full.get(rnd.nextInt(full.size()));
        record(r, "transfer to " + to, r.group.transferLeadership(to));
        afterInput(r);
        return;
      }
    }
  }

  /** An operator removes a member; while its replica still runs, it asks to join again. */
  private void removeMember() {
    for (Zone z : zones) {
      Replica r = z.current;
      if (r != null && r.up() && r.group.role() == Role.LEADER) {
        Membership m = r.group.membership();
        String victim = m.members().get(rnd.nextInt(m.size()));
        if (!victim.equals(r.id) && !(m.fullReplicas().size() == 1 && m.isFullReplica(victim))) {
          record(r, "remove " + victim, r.group.proposeMembership(m.without(victim)));
          afterInput(r);
        }
        return;
      }
    }
  }

  private void partition() {
    int kind = rnd.nextInt(3);
    int isolated = rnd.nextInt(zones.length);
    boolean[] side = new boolean[zones.length];
    for (int i = 0; i < zones.length; i++) {
      side[i] = rnd.nextBoolean();
    }
    for (int a = 0; a < zones.length; a++) {
      for (int b = 0; b < zones.length; b++) {
        blocked[a][b] = a != b && switch (kind) {
          case 0 -> a == isolated || b == isolated;
          case 1 -> side[a] != side[b];
          default -> rnd.nextInt(3) == 0;
        };
      }
    }
    partitionEndsAt = now + (5L + rnd.nextInt(3 * settings.electionTicksMax() + 50)) * UNITS_PER_TICK;
    record(null, "partition", kind == 0 ? "isolate " + zones[isolated].name : kind == 1 ? "split" : "one-way links");
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
    for (Zone z : zones) {
      if (z.current == null) {
        z.nextReplicaAt = now;
      } else if (!z.current.up()) {
        start(z.current);
      }
    }
    replaceDue();
    record(null, "faults stop", null);
  }

  /** Replacing every zone in turn (join, seed, copy, promote), elections, and catching up one probe at a time. */
  private long healBoundTicks() {
    long longest = 0;
    for (Zone z : zones) {
      if (z.current != null && z.current.up()) {
        longest = Math.max(longest, z.current.group.log().lastIndex());
      }
    }
    long roundTripTicks = 2L * maxDelayTicks + 2;
    long catchUpRoundTrips = longest / settings.maxEntriesPerAppend() + 10;
    long replaceTicks = 12L * settings.electionTicksMax() + 6 + transferTicksMax;
    return 20L * settings.electionTicksMax() + 2 * zones.length * replaceTicks + catchUpRoundTrips * roundTripTicks;
  }

  private void proposeMarker() {
    if (now - lastMarkerAt < (long) settings.electionTicksMax() * UNITS_PER_TICK || !healthy()) {
      return;
    }
    for (Zone z : zones) {
      Replica r = z.current;
      if (r.up() && r.group.role() == Role.LEADER) {
        Marker marker = new Marker(++markerId);
        ProposeResult result = r.group.propose(marker);
        record(r, "propose " + marker, result);
        if (result instanceof ProposeResult.Accepted) {
          lastMarkerAt = now;
        }
        afterInput(r);
        return;
      }
    }
  }

  /** Every zone's replica is a running full member of the committed configuration and applied a marker. */
  private boolean recovered() {
    if (markerIndex < 0 || !healthy()) {
      return false;
    }
    for (Zone z : zones) {
      if (!z.current.up() || z.current.applied < markerIndex) {
        return false;
      }
    }
    return true;
  }

  // ---- snapshot transfers ----

  private void transferSnapshots() {
    for (int i = 0; i < transfers.size(); i++) {
      Transfer t = transfers.get(i);
      if (t.at > now) {
        continue;
      }
      Zone z = zoneByName.get(MemberId.zone(t.to));
      Replica to = z.current;
      boolean reachable = t.from.up() && t.from.zone.current == t.from && to != null && to.up() && to.id.equals(t.to)
          && !blocked[t.from.zone.index][z.index] && !blocked[z.index][t.from.zone.index];
      if (!reachable) {
        transfers.remove(i--);
      } else if (t.point == null) {
        t.point = t.from.group.appliedPoint();
        t.registers = t.from.registers.clone();
        t.at = now + (1 + rnd.nextInt(transferTicksMax)) * UNITS_PER_TICK;
      } else if (to.persisting == null) {
        transfers.remove(i--);
        install(to, t);
      }
    }
  }

  private void install(Replica to, Transfer t) {
    if (!to.group.snapshotInstalled(t.point)) {
      record(to, "refuse snapshot", t.point);
      return;
    }
    checkSnapshot(t);
    to.installed = t.point;
    to.applied = t.point.index();
    System.arraycopy(t.registers, 0, to.registers, 0, keys);
    snapshots++;
    record(to, "install snapshot from " + t.from.id, t.point);
    if (loopCrashRate > 0 && rnd.nextDouble() < loopCrashRate) {
      crash(to, "before the installed snapshot was journaled");
      return;
    }
    afterInput(to);
  }

  /** A copy holds exactly the committed log's effect up to its point. */
  private void checkSnapshot(Transfer t) {
    long[] expected = new long[keys];
    for (int i = 0; i < t.point.index(); i++) {
      if (appliedAt.get(i).command() instanceof Write w) {
        expected[w.key()] = w.value();
      }
    }
    if (!Arrays.equals(expected, t.registers) || !appliedAt.get((int) t.point.index() - 1).equals(entryOrNull(t.point.index()))) {
      fail("a snapshot from " + t.from.id + " at " + t.point + " does not hold the committed state");
    }
  }

  private LogEntry entryOrNull(long index) {
    return index >= 1 && index <= appliedAt.size() ? appliedAt.get((int) index - 1) : null;
  }

  // ---- invariants ----

  private void check(Replica r) {
    if (!r.up()) {
      return;
    }
    ReplicationGroup g = r.group;
    long term = g.term();
    if (g.role() == Role.LEADER) {
      String other = leaderOfTerm.putIfAbsent(term, r.id);
      if (other != null && !other.equals(r.id)) {
        fail("two leaders in term " + term + ": " + other + " and " + r.id);
      }
      if (r.leaderTermChecked != term) {
        r.leaderTermChecked = term;
        checkLeaderCompleteness(r);
      }
    }
    if (g.commitIndex() < r.commitSeen) {
      fail(r.id + "'s commit index went back from " + r.commitSeen + " to " + g.commitIndex());
    }
    r.commitSeen = g.commitIndex();
    if (g.isLeaderReady()) {
      Map.Entry<Long, Long> earlier = maxAppliedIndexByTerm.lowerEntry(term);
      if (earlier != null && earlier.getValue() > g.commitIndex()) {
        fail(r.id + " is a ready leader in term " + term + " with commit index " + g.commitIndex() + " but index " + earlier.getValue()
            + " of term " + earlier.getKey() + " was applied");
      }
    }
    Membership m = g.membership();
    if (m != null && m.isLogReplica(r.id) && (g.hasLease() || g.canServeConsistentReads())) {
      fail(r.id + ", a log replica, holds a lease");
    }
  }

  /** At any instant at most one replica believes it holds a lease, and one that serves reads has every acknowledged write. */
  private void checkLeases() {
    Replica holder = null;
    for (Zone z : zones) {
      Replica r = z.current;
      if (r == null || !r.up() || !r.group.hasLease()) {
        continue;
      }
      if (holder != null) {
        fail("two leases at once: " + holder.id + " (term " + holder.group.term() + ") and " + r.id + " (term " + r.group.term() + ")");
      }
      holder = r;
      if (r.group.canServeConsistentReads() && r.applied < maxAckedIndex) {
        fail(r.id + " would serve reads under a lease without acknowledged write " + maxAckedIndex + " (applied " + r.applied + ")");
      }
    }
  }

  private void checkLeaderCompleteness(Replica r) {
    DurableLog log = r.group.log();
    for (long i = log.firstIndex(); i <= appliedAt.size(); i++) {
      if (i > log.lastIndex() || !log.entry(i).equals(appliedAt.get((int) i - 1))) {
        fail(r.id + " leads term " + r.group.term() + " without committed entry " + appliedAt.get((int) i - 1) + ": " + log);
      }
    }
  }

  /**
   * Log matching: an (index, term) pair always names the same command after the same term. And a
   * configuration entry is one change from the configuration before it in that log.
   */
  private void checkWritten(Replica r, List<LogEntry> entries) {
    Membership before = r.disk.membershipAt(entries.getFirst().index() - 1);
    long previousTerm = r.disk.termAt(entries.getFirst().index() - 1);
    for (LogEntry e : entries) {
      Written w = written.putIfAbsent(new IndexTerm(e.index(), e.term()), new Written(e.command(), previousTerm));
      if (w != null && (!w.command().equals(e.command()) || w.previousTerm() != previousTerm)) {
        fail(r.id + " persisted " + e + " after term " + previousTerm + " but another replica has " + w.command() + " after term "
            + w.previousTerm());
      }
      previousTerm = e.term();
      if (e.command() instanceof Membership next) {
        if (before != null) {
          // A replica that joined from an empty log knows no configuration before its first one.
          checkConfigurationChange(r.id + "'s log at " + e.index(), before, next);
        }
        before = next;
      }
    }
  }

  /** A leader appends a configuration only once the one before it is committed. */
  private void checkOneChangeAtATime(Replica r, List<LogEntry> entries) {
    if (r.group.role() != Role.LEADER) {
      return;
    }
    long previous = r.disk.membershipIndex();
    for (LogEntry e : entries) {
      if (e.command() instanceof Membership) {
        if (previous > r.group.commitIndex()) {
          fail(r.id + " appends a configuration at " + e.index() + " while the one at " + previous + " is not committed");
        }
        previous = e.index();
      }
    }
  }

  /** One member added, removed or promoted, and no majority of one disjoint from a majority of the other. */
  private void checkConfigurationChange(String where, Membership before, Membership next) {
    int changes = 0;
    for (String id : before.members()) {
      changes += next.contains(id) ? (before.isLogReplica(id) && next.isFullReplica(id) ? 1 : 0) : 1;
    }
    for (String id : next.members()) {
      changes += before.contains(id) ? 0 : 1;
    }
    if (changes != 1 || Membership.disjointMajoritiesExist(before, next)) {
      fail(where + ": " + before + " -> " + next + " is not one safe change");
    }
  }

  private void apply(Replica r, LogEntry e) {
    if (e.index() != r.applied + 1 || !r.group.log().itemState()) {
      fail(r.id + " applies " + e + " after index " + r.applied + (r.group.log().itemState() ? "" : " without item state"));
    }
    int i = (int) e.index();
    if (i <= appliedAt.size()) {
      if (!appliedAt.get(i - 1).equals(e)) {
        fail(r.id + " applies " + e + " where another replica applied " + appliedAt.get(i - 1));
      }
    } else {
      appliedAt.add(e);
      maxAppliedIndexByTerm.merge(e.term(), e.index(), Math::max);
      if (e.command() instanceof Membership m) {
        checkConfigurationChange("the committed log at " + e.index(), committedMembership, m);
        promotions += committedMembership.logReplicas().stream().filter(m::isFullReplica).count();
        committedMembership = m;
      }
      if (e.command() instanceof Marker && markerIndex < 0 && healthy()) {
        markerIndex = e.index();
      }
    }
    if (e.command() instanceof Write w) {
      r.registers[w.key()] = w.value();
    }
    r.applied = e.index();
    PendingAck pending = r.acks.remove(e.index());
    if (pending != null) {
      if (pending.term() == e.term()) {
        pending.op().response = seq++;
        maxAckedIndex = Math.max(maxAckedIndex, e.index());
        ackedWrites++;
      } else {
        pending.op().failed = true;
      }
    }
  }

  /** The reads and acknowledged writes of every key form a linearizable history. */
  private long checkLinearizability() {
    long checked = 0;
    for (int key = 0; key < keys; key++) {
      List<Linearizability.Op> ops = history.get(key).stream().filter(op -> !op.failed)
          .map(op -> new Linearizability.Op(op.write, op.value, op.invoke, op.response)).toList();
      String violation = Linearizability.check(ops, 0, LINEARIZABILITY_STATES_MAX);
      if (violation != null) {
        fail("key " + key + ": " + violation);
      }
      checked += ops.size();
    }
    return checked;
  }

  // ---- helpers ----

  private void record(Replica r, String what, Object detail) {
    trace[(int) (traced++ % TRACE_EVENTS)] = new Event(now, r == null ? "-" : r.id, what, detail);
  }

  private static void fail(String message) {
    throw new AssertionError(message);
  }

  private String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    sb.append("seed ").append(seed).append(" with ").append(zones.length).append(" zones failed at tick ").append(now / UNITS_PER_TICK)
        .append(" (unit ").append(now).append("): ").append(e).append('\n');
    sb.append("  settings ").append(settings).append('\n');
    sb.append(String.format("  jitter %d/%d loss %.2f duplicate %.2f delay<=%d write<=%d crash %.3f loopCrash %.2f partition %.2f propose %.1f"
        + " read %.1f compact %.2f transfer %.3f move %.3f remove %.3f slow %.3f bounce %.3f snapshot<=%d preferred %s%n", jitterUnits,
        UNITS_PER_TICK, lossRate, duplicateRate, maxDelayTicks, persistDelayTicksMax, crashRate, loopCrashRate, partitionRate, proposeRate,
        readRate, compactRate, transferRate, moveRate, removeRate, slowRate, bounceRate, transferTicksMax, preferredZone));
    sb.append("  committed ").append(committedMembership).append(" through ").append(appliedAt.size()).append('\n');
    for (Zone z : zones) {
      Replica r = z.current;
      sb.append("  ").append(z.name).append(": ").append(r == null ? "no replica" : r.up() ? r.group : r.id + " down")
          .append(r == null ? "" : " applied=" + r.applied).append('\n');
    }
    sb.append("  last events:\n");
    for (long k = Math.max(0, traced - TRACE_EVENTS); k < traced; k++) {
      Event ev = trace[(int) (k % TRACE_EVENTS)];
      sb.append("    ").append(ev.at() / UNITS_PER_TICK).append('.').append(ev.at() % UNITS_PER_TICK).append(' ').append(ev.node()).append(' ')
          .append(ev.what());
      if (ev.detail() != null) {
        sb.append(": ").append(ev.detail());
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
