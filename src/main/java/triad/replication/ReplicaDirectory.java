package triad.replication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * What the replicas on this node are doing, for operators and tests: one entry per running
 * replica, updated by the replica itself. Holds no secrets and no data.
 */
public final class ReplicaDirectory {
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ActorRef<ReplicaBehavior.Command>> replicas = new ConcurrentHashMap<>();

  /** One replica as it last reported itself. */
  public record Entry(String partitionId, String table, String member, String role, long term, String leader, long commitIndex,
      long appliedIndex) {}

  void report(String replicaId, Entry e, ActorRef<ReplicaBehavior.Command> replica) {
    entries.put(replicaId, e);
    replicas.put(replicaId, replica);
  }

  void forget(String replicaId) {
    entries.remove(replicaId);
    replicas.remove(replicaId);
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

  /**
   * Asks every replica on this node what it holds, with a checksum of its items (each replica
   * reads all its items for it); replicas that do not answer within {@code timeout} are left out.
   */
  public CompletionStage<List<ReplicaBehavior.Verified>> verify(ActorSystem<?> system, Duration timeout) {
    List<CompletableFuture<ReplicaBehavior.Reply>> asks = new ArrayList<>();
    for (ActorRef<ReplicaBehavior.Command> replica : replicas.values()) {
      CompletionStage<ReplicaBehavior.Reply> ask = AskPattern.ask(replica, ReplicaBehavior.Verify::new, timeout, system.scheduler());
      asks.add(ask.toCompletableFuture().exceptionally(failure -> null));
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(x -> {
      List<ReplicaBehavior.Verified> all = new ArrayList<>();
      for (CompletableFuture<ReplicaBehavior.Reply> a : asks) {
        if (a.join() instanceof ReplicaBehavior.Verified v) {
          all.add(v);
        }
      }
      all.sort(Comparator.comparing(ReplicaBehavior.Verified::partitionId));
      return all;
    });
  }
}
