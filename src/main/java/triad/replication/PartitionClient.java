package triad.replication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import triad.item.core.DbException;
import triad.replication.ReplicaBehavior.Command;
import triad.replication.ReplicaBehavior.NotLeader;
import triad.replication.ReplicaBehavior.Rejected;
import triad.replication.ReplicaBehavior.Reply;

/**
 * Sends requests to a partition's replicas through Cluster Sharding: writes and strongly
 * consistent reads to the leader (remembered per partition, corrected by NotLeader answers),
 * eventually consistent reads to the replica in this node's zone when it has one. Zones with no
 * reachable node are tried last. Transient answers (no leader yet) are retried a bounded number of
 * times with a short backoff; a replica that does not answer within the attempt timeout is
 * skipped for reads, and makes a write answer a retriable error (it may or may not have been
 * applied, exactly as with DynamoDB).
 */
public final class PartitionClient {
  private static final int ATTEMPTS_MAX = 8;
  private static final Duration BACKOFF_STEP = Duration.ofMillis(50);

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final Cluster cluster;
  private final String localZone;
  private final Duration attemptTimeout;
  private final ConcurrentHashMap<String, String> leaders = new ConcurrentHashMap<>();

  /** What an ask is for: reads may be retried on another replica after a timeout, writes may not. */
  public enum Kind { READ, WRITE }

  public PartitionClient(ActorSystem<?> system, String localZone, Duration attemptTimeout) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.cluster = Cluster.get(system);
    this.localZone = localZone;
    this.attemptTimeout = attemptTimeout;
  }

  /** Asks the partition's leader; {@code message} builds the command for a reply address. */
  public CompletionStage<Reply> toLeader(String partitionId, List<String> members, Kind kind, Function<ActorRef<Reply>, Command> message) {
    List<String> order = order(members, leaders.getOrDefault(partitionId, members.contains(localZone) ? localZone : members.get(0)));
    return attempt(partitionId, order, 0, kind, message, 1);
  }

  /** Asks any replica, this zone's first (eventually consistent reads). */
  public CompletionStage<Reply> toNearest(String partitionId, List<String> members, Function<ActorRef<Reply>, Command> message) {
    List<String> order = order(members, members.contains(localZone) ? localZone : leaders.getOrDefault(partitionId, members.get(0)));
    return attempt(partitionId, order, 0, Kind.READ, message, 1);
  }

  /** Asks the replica in one given zone, without redirection (partition lifecycle). */
  public CompletionStage<Reply> toZone(String partitionId, String zone, Function<ActorRef<Reply>, Command> message) {
    return sharding.entityRefFor(ReplicaBehavior.typeKey(zone), partitionId).ask(message::apply, attemptTimeout);
  }

  /** The first choice, then the other members, zones without a reachable node last. */
  private List<String> order(List<String> members, String first) {
    Set<String> reachable = reachableZones();
    List<String> order = new ArrayList<>(members.size());
    if (reachable.contains(first)) {
      order.add(first);
    }
    for (String m : members) {
      if (!order.contains(m) && reachable.contains(m)) {
        order.add(m);
      }
    }
    for (String m : members) {
      if (!order.contains(m)) {
        order.add(m);
      }
    }
    return order;
  }

  private Set<String> reachableZones() {
    var state = cluster.state();
    Set<Member> unreachable = new HashSet<>(state.getUnreachable());
    Set<String> zones = new HashSet<>();
    for (Member m : state.getMembers()) {
      if (m.status() == MemberStatus.up() && !unreachable.contains(m)) {
        zones.addAll(m.getRoles());
      }
    }
    return zones;
  }

  private CompletionStage<Reply> attempt(String partitionId, List<String> order, int index, Kind kind, Function<ActorRef<Reply>, Command> message, int n) {
    String zone = order.get(index % order.size());
    return toZone(partitionId, zone, message).handle((reply, failure) -> {
      if (failure != null) {
        return timedOut(partitionId, order, index, kind, message, n, zone, failure);
      }
      if (n >= ATTEMPTS_MAX) {
        return CompletableFuture.completedFuture(reply);
      }
      if (reply instanceof NotLeader nl) {
        if (nl.leader() != null && !nl.leader().equals(zone) && order.contains(nl.leader())) {
          leaders.put(partitionId, nl.leader());
          return attempt(partitionId, order, order.indexOf(nl.leader()), kind, message, n + 1);
        }
        return later(n).thenCompose(x -> attempt(partitionId, order, index + 1, kind, message, n + 1));
      }
      if (reply instanceof Rejected r && r.kind() == DbException.Kind.SERVICE_UNAVAILABLE) {
        return later(n).thenCompose(x -> attempt(partitionId, order, index, kind, message, n + 1));
      }
      return CompletableFuture.completedFuture(reply);
    }).thenCompose(f -> f);
  }

  private CompletionStage<Reply> timedOut(String partitionId, List<String> order, int index, Kind kind, Function<ActorRef<Reply>, Command> message,
      int n, String zone, Throwable failure) {
    leaders.remove(partitionId, zone);
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (!(cause instanceof TimeoutException)) {
      return CompletableFuture.failedFuture(cause);
    }
    if (kind == Kind.READ && n < ATTEMPTS_MAX && n < order.size() * 2) {
      return attempt(partitionId, order, index + 1, kind, message, n + 1);
    }
    return CompletableFuture.completedFuture(new Rejected(DbException.Kind.SERVICE_UNAVAILABLE,
        kind == Kind.READ ? "No replica of the partition answered; retry the request"
            : "The partition's leader did not answer; the write may or may not have been applied"));
  }

  private CompletionStage<Void> later(int attempt) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    system.scheduler().scheduleOnce(BACKOFF_STEP.multipliedBy(attempt), () -> f.complete(null), system.executionContext());
    return f;
  }
}
