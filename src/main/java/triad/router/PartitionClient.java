package triad.router;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import triad.item.core.DbException;
import triad.replication.ReplicaBehavior;
import triad.replication.ReplicaBehavior.Command;
import triad.replication.ReplicaBehavior.NotLeader;
import triad.replication.ReplicaBehavior.Rejected;
import triad.replication.ReplicaBehavior.Reply;

/**
 * Sends requests to a partition's replicas through Cluster Sharding: writes and strongly
 * consistent reads to the leader (remembered per partition, corrected by NotLeader answers),
 * eventually consistent reads to the replica in this node's zone when it has one. Transient
 * answers (no leader yet) are retried a bounded number of times with a short backoff.
 */
public final class PartitionClient {
  private static final int ATTEMPTS_MAX = 8;
  private static final Duration BACKOFF_STEP = Duration.ofMillis(50);

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final String localZone;
  private final Duration timeout;
  private final ConcurrentHashMap<String, String> leaders = new ConcurrentHashMap<>();

  public PartitionClient(ActorSystem<?> system, String localZone, Duration timeout) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.localZone = localZone;
    this.timeout = timeout;
  }

  /** Asks the partition's leader; {@code message} builds the command for a reply address. */
  public CompletionStage<Reply> toLeader(String partitionId, List<String> members, Function<ActorRef<Reply>, Command> message) {
    String zone = leaders.getOrDefault(partitionId, members.contains(localZone) ? localZone : members.get(0));
    return attempt(partitionId, members, zone, message, 1);
  }

  /** Asks any replica, this zone's first (eventually consistent reads). */
  public CompletionStage<Reply> toNearest(String partitionId, List<String> members, Function<ActorRef<Reply>, Command> message) {
    String zone = members.contains(localZone) ? localZone : leaders.getOrDefault(partitionId, members.get(0));
    return attempt(partitionId, members, zone, message, 1);
  }

  /** Asks the replica in one given zone, without redirection (partition lifecycle). */
  public CompletionStage<Reply> toZone(String partitionId, String zone, Function<ActorRef<Reply>, Command> message) {
    return sharding.entityRefFor(ReplicaBehavior.typeKey(zone), partitionId).ask(message::apply, timeout);
  }

  private CompletionStage<Reply> attempt(String partitionId, List<String> members, String zone, Function<ActorRef<Reply>, Command> message, int n) {
    return toZone(partitionId, zone, message).thenCompose(reply -> {
      if (n >= ATTEMPTS_MAX) {
        return CompletableFuture.completedFuture(reply);
      }
      if (reply instanceof NotLeader nl) {
        if (nl.leader() != null && !nl.leader().equals(zone)) {
          leaders.put(partitionId, nl.leader());
          return attempt(partitionId, members, nl.leader(), message, n + 1);
        }
        String next = members.get(n % members.size());
        return later(n).thenCompose(x -> attempt(partitionId, members, next, message, n + 1));
      }
      if (reply instanceof Rejected r && r.kind() == DbException.Kind.SERVICE_UNAVAILABLE) {
        return later(n).thenCompose(x -> attempt(partitionId, members, zone, message, n + 1));
      }
      return CompletableFuture.completedFuture(reply);
    });
  }

  private CompletionStage<Void> later(int attempt) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    system.scheduler().scheduleOnce(BACKOFF_STEP.multipliedBy(attempt), () -> f.complete(null), system.executionContext());
    return f;
  }
}
