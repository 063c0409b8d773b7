package triad.replication;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the replicas on this node are doing, for operators and tests: one entry per running
 * replica, updated by the replica itself. Holds no secrets and no data.
 */
public final class ReplicaDirectory {
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** One replica as it last reported itself. */
  public record Entry(String partitionId, String table, String member, String role, long term, String leader, long commitIndex,
      long appliedIndex) {}

  void report(String replicaId, Entry e) {
    entries.put(replicaId, e);
  }

  void forget(String replicaId) {
    entries.remove(replicaId);
  }

  /** Whether this node's replica of the partition is its leader. */
  public boolean leadsHere(String partitionId) {
    for (Entry e : entries.values()) {
      if (e.partitionId().equals(partitionId) && e.role().equals("LEADER")) {
        return true;
      }
    }
    return false;
  }

  public List<Entry> snapshot() {
    List<Entry> all = new ArrayList<>(entries.values());
    all.sort(Comparator.comparing(Entry::partitionId));
    return all;
  }
}
