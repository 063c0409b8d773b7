package triad.replication.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A replication group's configuration: its members by id ({@link MemberId}), at most one per
 * availability zone. Every member votes and counts toward every quorum (a majority of all
 * members). A full replica holds the item store: it may lead and serve reads. A log replica holds
 * only the log from the point it was added (no item state): it acknowledges writes and votes, but
 * never serves reads or clients; it leads only to relay its log to a full replica (see
 * docs/replication.md). A log replica becomes full once a copy of the item store is installed on
 * it and the leader promotes it.
 *
 * <p>A Membership is also the command of a configuration entry in the log: it takes effect on a
 * member as soon as the member appends it (committed or not), and the shell applies it as nothing.
 * The lists are ArrayLists so the shell's serializer sees plain data.
 */
public record Membership(List<String> fullReplicas, List<String> logReplicas) implements Command {

  public Membership {
    fullReplicas = new ArrayList<>(Objects.requireNonNull(fullReplicas, "fullReplicas"));
    logReplicas = new ArrayList<>(Objects.requireNonNull(logReplicas, "logReplicas"));
    if (fullReplicas.isEmpty()) {
      throw new IllegalArgumentException("a group needs at least one full replica");
    }
    Set<String> ids = new HashSet<>();
    Set<String> zones = new HashSet<>();
    for (String id : concat(fullReplicas, logReplicas)) {
      if (id == null || !ids.add(id) || !zones.add(MemberId.zone(id))) {
        throw new IllegalArgumentException("members must be non-null, distinct and in distinct zones: " + fullReplicas + " " + logReplicas);
      }
    }
  }

  /** A group of full replicas. */
  public static Membership of(List<String> fullReplicas) {
    return new Membership(fullReplicas, List.of());
  }

  @Override
  public List<String> fullReplicas() {
    return Collections.unmodifiableList(fullReplicas);
  }

  @Override
  public List<String> logReplicas() {
    return Collections.unmodifiableList(logReplicas);
  }

  /** Every member: the full replicas, then the log replicas. */
  public List<String> members() {
    return concat(fullReplicas, logReplicas);
  }

  public int size() {
    return fullReplicas.size() + logReplicas.size();
  }

  public boolean contains(String id) {
    return fullReplicas.contains(id) || logReplicas.contains(id);
  }

  public boolean isFullReplica(String id) {
    return fullReplicas.contains(id);
  }

  public boolean isLogReplica(String id) {
    return logReplicas.contains(id);
  }

  /** The smallest number of members that is a majority. */
  public int quorum() {
    return size() / 2 + 1;
  }

  /** The member in {@code zone}, or null. */
  public String memberIn(String zone) {
    for (String id : members()) {
      if (MemberId.zone(id).equals(zone)) {
        return id;
      }
    }
    return null;
  }

  /** This membership with {@code id} added as a log replica. */
  public Membership withLogReplica(String id) {
    List<String> logs = new ArrayList<>(logReplicas);
    logs.add(id);
    return new Membership(fullReplicas, logs);
  }

  /** This membership without {@code id}. */
  public Membership without(String id) {
    requireMember(id);
    List<String> full = new ArrayList<>(fullReplicas);
    List<String> logs = new ArrayList<>(logReplicas);
    full.remove(id);
    logs.remove(id);
    return new Membership(full, logs);
  }

  /** This membership with log replica {@code id} made a full replica. */
  public Membership promoted(String id) {
    if (!isLogReplica(id)) {
      throw new IllegalArgumentException(id + " is not a log replica of " + this);
    }
    List<String> full = new ArrayList<>(fullReplicas);
    List<String> logs = new ArrayList<>(logReplicas);
    logs.remove(id);
    full.add(id);
    return new Membership(full, logs);
  }

  /**
   * Whether some majority of {@code a} and some majority of {@code b} share no member: two such
   * configurations must never both be in use, or each could decide without the other knowing.
   */
  public static boolean disjointMajoritiesExist(Membership a, Membership b) {
    Set<String> shared = new HashSet<>(a.members());
    shared.retainAll(b.members());
    int onlyA = a.size() - shared.size();
    int onlyB = b.size() - shared.size();
    return Math.max(0, a.quorum() - onlyA) + Math.max(0, b.quorum() - onlyB) <= shared.size();
  }

  private void requireMember(String id) {
    if (!contains(id)) {
      throw new IllegalArgumentException(id + " is not a member of " + this);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }
}
