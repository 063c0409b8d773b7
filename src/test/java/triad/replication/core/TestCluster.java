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
 * A few members wired by hand for unit tests: a synchronous shell per member (persist to an
 * in-memory journal, send, apply, advance) and a network the test drives explicitly, with links
 * that can be cut.
 */
final class TestCluster {
  record Put(String value) implements Command {}

  static GroupSettings settings() {
    return new GroupSettings(10, 20, 1, 64, 4, 1000, 1000);
  }

  static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add("az" + i);
    }
    return ids;
  }

  /** A log in {@code term} with entries of the given terms at indexes 1, 2, ... */
  static DurableLog log(long term, String votedFor, long... entryTerms) {
    DurableLog log = new DurableLog().apply(new DurableEvent.HardStateChanged(term, votedFor));
    if (entryTerms.length > 0) {
      ArrayList<LogEntry> entries = new ArrayList<>();
      for (int i = 0; i < entryTerms.length; i++) {
        entries.add(new LogEntry(entryTerms[i], i + 1, new Put("t" + entryTerms[i] + "i" + (i + 1))));
      }
      log.apply(new DurableEvent.EntriesAppended(entries));
    }
    return log;
  }

  final GroupSettings settings;
  final Membership membership;
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
    this.membership = new Membership(ids(n));
    this.random = new SplittableRandom(seed);
    for (String id : membership.voters()) {
      journals.put(id, new ArrayList<>());
      applied.put(id, new ArrayList<>());
      snapshotSignals.put(id, new ArrayList<>());
      groups.put(id, new ReplicationGroup(id, membership, new DurableLog(), 0, settings, random.split()));
    }
  }

  ReplicationGroup get(String id) {
    return groups.get(id);
  }

  /** Runs the shell loop of {@code id} until it has nothing ready; returns the messages it sent. */
  List<Outbound> flush(String id) {
    List<Outbound> sent = new ArrayList<>();
    ReplicationGroup g = groups.get(id);
    while (g.hasReady()) {
      Ready r = g.ready();
      journals.get(id).addAll(r.toPersist());
      sent.addAll(r.messages());
      applied.get(id).addAll(r.committed());
      snapshotSignals.get(id).addAll(r.snapshotsNeeded());
      g.advance(r);
    }
    inTransit.addAll(sent);
    return sent;
  }

  void flushAll() {
    for (String id : groups.keySet()) {
      flush(id);
    }
  }

  /** Cuts both directions between {@code a} and {@code b}. */
  void cut(String a, String b) {
    cut.add(a + ">" + b);
    cut.add(b + ">" + a);
  }

  void isolate(String id) {
    for (String other : groups.keySet()) {
      if (!other.equals(id)) {
        cut(id, other);
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
        if (filter.test(o) && !cut.contains(o.message().from() + ">" + o.to())) {
          groups.get(o.to()).step(o.message());
        }
      }
      flushAll();
    }
  }

  /** Ticks {@code id} until it is no longer a follower, then lets the cluster settle. */
  void campaign(String id) {
    ReplicationGroup g = groups.get(id);
    for (int i = 0; i < settings.electionTicksMax() && g.role() == Role.FOLLOWER; i++) {
      g.tick();
    }
    stabilize();
  }

  /** Elects {@code id} with everyone connected. */
  ReplicationGroup elect(String id) {
    campaign(id);
    ReplicationGroup g = groups.get(id);
    if (g.role() != Role.LEADER) {
      throw new AssertionError(id + " did not become leader: " + g);
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

  /** Crashes {@code id} (nothing unpersisted survives, nothing is in flight in this shell) and restarts it. */
  void restart(String id) {
    DurableLog log = new DurableLog();
    for (DurableEvent e : journals.get(id)) {
      log.apply(e);
    }
    long appliedIndex = applied.get(id).isEmpty() ? log.compactedIndex() : applied.get(id).getLast().index();
    groups.put(id, new ReplicationGroup(id, membership, log, appliedIndex, settings, random.split()));
    inTransit.removeIf(o -> o.to().equals(id));
  }

  ReplicationGroup leader() {
    return groups.values().stream().filter(g -> g.role() == Role.LEADER).findFirst().orElse(null);
  }

  List<Command> appliedCommands(String id) {
    return applied.get(id).stream().map(LogEntry::command).filter(c -> !(c instanceof Noop)).toList();
  }
}
