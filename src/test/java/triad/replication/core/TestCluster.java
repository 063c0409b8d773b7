package triad.replication.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A few members wired by hand for unit tests: a synchronous shell per zone (persist to an
 * in-memory journal, send, apply, advance) and a network the test drives explicitly, routing by
 * zone as the real shell does, with links that can be cut. A zone's replica can be replaced by a
 * blank one (a new incarnation), as Cluster Sharding does when a node leaves.
 */
final class TestCluster {
  record Put(String value) implements Command {}

  static GroupSettings settings() {
    return new GroupSettings(10, 20, 1, 2, 64, 4, 1000, 1000, List.of());
  }

  static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add("az" + i);
    }
    return ids;
  }

  /** A journal (after MemberCreated) in {@code term} with entries of the given terms at indexes 1, 2, ... */
  static List<DurableEvent> log(long term, String votedFor, long... entryTerms) {
    List<DurableEvent> journal = new ArrayList<>();
    journal.add(new DurableEvent.HardStateChanged(term, votedFor));
    if (entryTerms.length > 0) {
      ArrayList<LogEntry> entries = new ArrayList<>();
      for (int i = 0; i < entryTerms.length; i++) {
        entries.add(new LogEntry(entryTerms[i], i + 1, new Put("t" + entryTerms[i] + "i" + (i + 1))));
      }
      journal.add(new DurableEvent.EntriesAppended(entries));
    }
    return journal;
  }

  /** The durable log of founding member {@code self} of {@code membership} after {@code journal}. */
  static DurableLog durableLog(String self, Membership membership, List<DurableEvent> journal) {
    DurableLog log = new DurableLog().apply(new DurableEvent.MemberCreated(self, membership));
    journal.forEach(log::apply);
    return log;
  }

  final GroupSettings settings;
  final Membership founding;
  /** The current replica of each zone. */
  final Map<String, ReplicationGroup> groups = new LinkedHashMap<>();
  final Map<String, List<DurableEvent>> journals = new LinkedHashMap<>();
  final Map<String, List<LogEntry>> applied = new LinkedHashMap<>();
  final Map<String, List<InstallSnapshotNeeded>> snapshotSignals = new LinkedHashMap<>();
  /** Messages sent and not yet delivered, in order. */
  final List<Outbound> inTransit = new ArrayList<>();
  private final Set<String> cut = new HashSet<>();
  private final SplittableRandom random;

  TestCluster(int n) {
    this(n, settings(), 42);
  }

  TestCluster(int n, GroupSettings settings, long seed) {
    this.settings = settings;
    this.founding = Membership.of(ids(n));
    this.random = new SplittableRandom(seed);
    for (String id : founding.members()) {
      journals.put(id, new ArrayList<>(List.of(new DurableEvent.MemberCreated(id, founding))));
      applied.put(id, new ArrayList<>());
      snapshotSignals.put(id, new ArrayList<>());
      groups.put(id, new ReplicationGroup(durableLog(id, founding, List.of()), 0, settings, random.split()));
    }
  }

  /** The replica of {@code zone} (a member id's zone works too). */
  ReplicationGroup get(String zone) {
    return groups.get(MemberId.zone(zone));
  }

  /** Runs the shell loop of {@code zone}'s replica until it has nothing ready; returns the messages it sent. */
  List<Outbound> flush(String zone) {
    List<Outbound> sent = new ArrayList<>();
    ReplicationGroup g = get(zone);
    while (g.hasReady()) {
      Ready r = g.ready();
      journals.get(zone).addAll(r.toPersist());
      sent.addAll(r.messages());
      applied.get(zone).addAll(r.committed());
      snapshotSignals.get(zone).addAll(r.snapshotsNeeded());
      g.advance(r);
    }
    inTransit.addAll(sent);
    return sent;
  }

  void flushAll() {
    for (String zone : groups.keySet()) {
      flush(zone);
    }
  }

  /** Cuts both directions between zones {@code a} and {@code b}. */
  void cut(String a, String b) {
    cut.add(a + ">" + b);
    cut.add(b + ">" + a);
  }

  void isolate(String zone) {
    for (String other : groups.keySet()) {
      if (!other.equals(zone)) {
        cut(zone, other);
      }
    }
  }

  void heal() {
    cut.clear();
  }

  /** Delivers messages until every member is quiet; messages on cut links are dropped. */
  void stabilize() {
    deliverWhile(o -> true);
  }

  /** Like {@link #stabilize()}, but only messages accepted by {@code filter} arrive; others are dropped. */
  void deliverWhile(Predicate<Outbound> filter) {
    flushAll();
    for (int round = 0; !inTransit.isEmpty(); round++) {
      if (round > 10_000) {
        throw new AssertionError("the cluster does not quiesce");
      }
      List<Outbound> batch = new ArrayList<>(inTransit);
      inTransit.clear();
      for (Outbound o : batch) {
        String from = MemberId.zone(o.message().from());
        String to = MemberId.zone(o.to());
        if (filter.test(o) && !cut.contains(from + ">" + to) && groups.containsKey(to)) {
          groups.get(to).step(o.to(), o.message());
        }
      }
      flushAll();
    }
  }

  /** Ticks {@code zone}'s replica until it is no longer a follower, then lets the cluster settle. */
  void campaign(String zone) {
    ReplicationGroup g = get(zone);
    for (int i = 0; i < settings.electionTicksMax() && g.role() == Role.FOLLOWER; i++) {
      g.tick();
    }
    stabilize();
  }

  /** Elects {@code zone}'s replica with everyone connected. */
  ReplicationGroup elect(String zone) {
    campaign(zone);
    ReplicationGroup g = get(zone);
    if (g.role() != Role.LEADER) {
      throw new AssertionError(zone + " did not become leader: " + g);
    }
    return g;
  }

  /** Ticks every member {@code ticks} times, delivering messages after each tick. */
  void tickAll(int ticks) {
    for (int i = 0; i < ticks; i++) {
      for (ReplicationGroup g : groups.values()) {
        g.tick();
      }
      stabilize();
    }
  }

  /** Crashes {@code zone}'s replica (nothing unpersisted survives, nothing is in flight in this shell) and restarts it. */
  void restart(String zone) {
    DurableLog log = new DurableLog();
    for (DurableEvent e : journals.get(zone)) {
      log.apply(e);
    }
    long appliedIndex = log.itemState() ? Math.max(log.compactedIndex(), lastApplied(zone)) : log.compactedIndex();
    groups.put(zone, new ReplicationGroup(log, appliedIndex, settings, random.split()));
    inTransit.removeIf(o -> MemberId.zone(o.to()).equals(zone));
  }

  /** The zone's node is gone with its journal and item store; a blank replica {@code newId} takes the zone. */
  ReplicationGroup replaceWithBlank(String zone, String newId) {
    journals.put(zone, new ArrayList<>(List.of(new DurableEvent.MemberCreated(newId, null))));
    applied.put(zone, new ArrayList<>());
    snapshotSignals.put(zone, new ArrayList<>());
    DurableLog log = new DurableLog().apply(new DurableEvent.MemberCreated(newId, null));
    ReplicationGroup g = new ReplicationGroup(log, 0, settings, random.split());
    groups.put(zone, g);
    inTransit.removeIf(o -> MemberId.zone(o.to()).equals(zone));
    return g;
  }

  /** What a snapshot transfer does: copies {@code from}'s applied state to {@code to} and reports it installed there. */
  boolean transferSnapshot(String from, String to) {
    SnapshotPoint point = get(from).appliedPoint();
    boolean taken = get(to).snapshotInstalled(point);
    if (taken) {
      applied.put(to, new ArrayList<>(applied.get(from).stream().filter(e -> e.index() <= point.index()).toList()));
    }
    return taken;
  }

  private long lastApplied(String zone) {
    List<LogEntry> a = applied.get(zone);
    return a.isEmpty() ? 0 : a.getLast().index();
  }

  ReplicationGroup leader() {
    return groups.values().stream().filter(g -> g.role() == Role.LEADER).findFirst().orElse(null);
  }

  List<Command> appliedCommands(String zone) {
    return applied.get(zone).stream().map(LogEntry::command).filter(c -> !(c instanceof Noop) && !(c instanceof Membership)).toList();
  }
}
