package triad.replication;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.dispatch.Futures;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import triad.serialization.KryoSerializable;
import triad.storage.Cursor;
import triad.storage.ItemStore;
import triad.storage.core.Batch;
import triad.storage.core.ItemKeys;
import triad.storage.core.KeyBytes;
import triad.storage.core.KeyRange;

/**
 * Where Cluster Sharding puts a zone's replicas: back on the node that hosted them last. A
 * replica's journal and items stay on the node that hosted it; started on another node it has
 * neither and joins its group as a new member, rebuilt from a copy (docs/replication.md). Sharding
 * places a shard of replicas when it is first needed: at the cluster's first start, after its node
 * left, and after the whole cluster restarted. This strategy asks the zone's nodes which node
 * hosted the shard last ({@link Records}: every node of a zone knows where each of the zone's
 * shards was hosted last, as of when it was up) and puts it there. A shard no node has hosted, or
 * whose last node has left the cluster, goes to the node of the zone with the fewest shards. It
 * never rebalances: replicas move only when their node leaves.
 *
 * <p>While the coordinator's node is younger than {@code settle} (a cluster starting), a shard
 * waits, at most {@code settle}, for every node of the zone that some node knows of to come up
 * and for every node to answer. A cluster started as a whole thus finds its replicas where their
 * journals are, while a node that died is replaced at once (by a coordinator on a node that has
 * been up for a while). "Last"
 * compares the hosting nodes' wall clocks, which need to agree only to within the time between
 * two moves of a shard.
 */
public final class ReplicaPlacement extends ShardCoordinator.AbstractShardAllocationStrategy
    implements ShardCoordinator.ActorSystemDependentAllocationStrategy {

  /** The name of every node's {@link #recordsBehavior} actor, under /user. */
  public static final String RECORDS_ACTOR = "replica-placement";
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(1);
  /** How often a waiting placement looks again. */
  private static final Duration RETRY = Duration.ofMillis(500);

  /** Node {@code host} started hosting shard {@code shardId} of {@code zone} at {@code sinceMillis} (epoch); host null: unknown. */
  public record Hosted(String zone, String shardId, String host, long sinceMillis) implements RecordsCommand {}

  /** Which node hosted shard {@code shardId} of {@code zone} last, as far as the asked node knows. */
  public record WhereHosted(String zone, String shardId, org.apache.pekko.actor.typed.ActorRef<Known> replyTo) implements RecordsCommand {}

  /** The asked node's answer: the shard's last host as it knows it, and every node of the zone it knows of. */
  public record Known(Hosted last, List<String> zoneNodes) implements KryoSerializable {}

  public sealed interface RecordsCommand extends KryoSerializable {}

  private final String zone;
  private final Duration settle;
  private final Clock clock;
  /** Placements under way, by shard. */
  private final Map<String, CompletableFuture<ActorRef>> placing = new ConcurrentHashMap<>();
  /** When this node started: a young node's coordinator is a cluster (re)starting, an old one's is a failover. */
  private final long startedMillis;
  private ActorSystem<?> system;

  /**
   * @param zone the zone (and Cluster Sharding role) of the replicas this strategy places
   * @param settle how long a shard waits for the node that hosted it last to come up; made when
   *     the node starts
   */
  public ReplicaPlacement(String zone, Duration settle, Clock clock) {
    this.zone = zone;
    this.settle = settle;
    this.clock = clock;
    this.startedMillis = clock.millis();
  }

  @Override
  public void start(org.apache.pekko.actor.ActorSystem classic) {
    this.system = Adapter.toTyped(classic);
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> allocations) {
    // Sharding asks again while an answer is pending; one placement per shard answers them all.
    CompletableFuture<ActorRef> placed = placing.computeIfAbsent(shardId, s -> place(s, allocations, clock.millis(), true));
    placed.whenComplete((region, failure) -> placing.remove(shardId, placed));
    return scala.jdk.javaapi.FutureConverters.asScala(placed);
  }

  /** Placement never moves a replica off a node that is still there. */
  @Override
  public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> allocations, Set<String> inProgress) {
    return Futures.successful(Set.of());
  }

  private CompletableFuture<ActorRef> place(String shardId, Map<ActorRef, IndexedSeq<String>> allocations, long waitingSinceMillis,
      boolean first) {
    Map<String, ActorRef> regions = new HashMap<>();
    allocations.keySet().forEach(r -> regions.put(nodeOf(r).toString(), r));
    Set<String> up = new LinkedHashSet<>(upNodes(system, zone));
    Set<String> asked = new LinkedHashSet<>(regions.keySet());
    asked.addAll(up);
    List<CompletableFuture<Known>> answers = new ArrayList<>();
    for (String node : asked) {
      answers.add(AskPattern.<RecordsCommand, Known>ask(recordsOf(system, node), replyTo -> new WhereHosted(zone, shardId, replyTo), ASK_TIMEOUT,
          system.scheduler()).toCompletableFuture().exceptionally(e -> null));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenCompose(x -> {
      List<Known> known = answers.stream().map(CompletableFuture::join).toList();
      Hosted last = null;
      Set<String> absent = new LinkedHashSet<>();
      for (Known k : known) {
        if (k != null) {
          absent.addAll(k.zoneNodes());
          last = last == null || k.last().sinceMillis() > last.sinceMillis() ? k.last() : last;
        }
      }
      absent.removeAll(up);
      String host = last == null ? null : last.host();
      if (host != null && regions.containsKey(host)) {
        return CompletableFuture.completedFuture(regions.get(host));
      }
      if (host != null && up.contains(host)) {
        // Up, its region about to register: sharding takes the region once it has.
        return regionOf(host);
      }
      long now = clock.millis();
      boolean starting = now - startedMillis < settle.toMillis();
      String awaited = starting && known.contains(null) ? "an answer from every node of the zone"
          : starting && !absent.isEmpty() ? "the zone's nodes " + absent + " to come up"
          : null;
      if (awaited != null && now - waitingSinceMillis < settle.toMillis()) {
        if (first) {
          system.log().info("shard {} of {} waits up to {} for {}", shardId, zone, settle, awaited);
        }
        return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(RETRY.toMillis(), TimeUnit.MILLISECONDS))
            .thenCompose(y -> place(shardId, allocations, waitingSinceMillis, false));
      }
      ActorRef fewest = allocations.entrySet().stream()
          .min(Comparator.<Map.Entry<ActorRef, IndexedSeq<String>>>comparingInt(e -> e.getValue().size())
              .thenComparing(e -> nodeOf(e.getKey()).toString()))
          .orElseThrow()
          .getKey();
      if (host != null) {
        system.log().info("shard {} of {}: {} hosted it last but is not in the cluster; placed on {}", shardId, zone, host, nodeOf(fewest));
      }
      return CompletableFuture.completedFuture(fewest);
    });
  }

  /** The shard region of this strategy's zone on {@code node}. */
  private CompletableFuture<ActorRef> regionOf(String node) {
    return Adapter.toClassic(system).actorSelection(node + "/system/sharding/replica-" + zone).resolveOne(ASK_TIMEOUT).toCompletableFuture();
  }

  private Address nodeOf(ActorRef region) {
    Address a = region.path().address();
    return a.hasGlobalScope() ? a : Cluster.get(system).selfMember().address();
  }

  private static List<String> upNodes(ActorSystem<?> system, String zone) {
    List<String> up = new ArrayList<>();
    for (Member m : Cluster.get(system).state().getMembers()) {
      if (m.status() == MemberStatus.up() && m.hasRole(zone)) {
        up.add(m.address().toString());
      }
    }
    return up;
  }

  private static org.apache.pekko.actor.typed.ActorRef<RecordsCommand> recordsOf(ActorSystem<?> system, String node) {
    return ActorRefResolver.get(system).resolveActorRef(node + "/user/" + RECORDS_ACTOR);
  }

  /**
   * A node's durable knowledge of where each shard of replicas was hosted last, in its item
   * store's metadata: its own hosting, and what the other nodes of the zone told it when they
   * started hosting one. The latter lets a node that restarts first say where a shard belongs
   * before the node holding it is back.
   */
  public static final class Records {
    private final ItemStore store;
    private final Clock clock;
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    public Records(ItemStore store, Clock clock) {
      this.store = store;
      this.clock = clock;
    }

    /**
     * This node starts hosting a replica of shard {@code shardId} of {@code zone}: recorded (once
     * per start of the node) and told to the zone's other nodes.
     */
    public void hosting(ActorSystem<?> system, String zone, String shardId) {
      if (!recorded.add(zone + "/" + shardId)) {
        return;
      }
      Hosted h = new Hosted(zone, shardId, Cluster.get(system).selfMember().address().toString(), clock.millis());
      learn(h);
      String self = h.host();
      for (String node : upNodes(system, zone)) {
        if (!node.equals(self)) {
          recordsOf(system, node).tell(h);
        }
      }
    }

    /** Keeps {@code h} if it is later than what this node knew. */
    synchronized void learn(Hosted h) {
      if (h.sinceMillis() > find(h.zone(), h.shardId()).sinceMillis()) {
        byte[] host = h.host().getBytes(StandardCharsets.UTF_8);
        store.write(new Batch().put(key(h.zone(), h.shardId()), KeyBytes.concat(ItemKeys.encodeLong(h.sinceMillis()), host)), true);
      }
    }

    /** Every node this node knows to have hosted a shard of {@code zone}. */
    List<String> zoneNodes(String zone) {
      Set<String> nodes = new LinkedHashSet<>();
      all(zone).forEach(h -> nodes.add(h.host()));
      return new ArrayList<>(nodes);
    }

    /** What this node knows of the shards of {@code zone}. */
    List<Hosted> all(String zone) {
      List<Hosted> out = new ArrayList<>();
      KeyRange r = prefixRange(zone);
      try (Cursor c = store.range(r.fromInclusive(), r.toExclusive(), false)) {
        while (c.hasNext()) {
          Cursor.Entry e = c.next();
          String key = new String(e.key(), 1, e.key().length - 1, StandardCharsets.UTF_8);
          out.add(decode(zone, key.substring(key.lastIndexOf('/') + 1), e.value()));
        }
      }
      return out;
    }

    Hosted find(String zone, String shardId) {
      byte[] v = store.get(key(zone, shardId));
      return v == null ? new Hosted(zone, shardId, null, 0) : decode(zone, shardId, v);
    }

    private static Hosted decode(String zone, String shardId, byte[] v) {
      return new Hosted(zone, shardId, new String(v, 8, v.length - 8, StandardCharsets.UTF_8), ItemKeys.decodeLong(Arrays.copyOf(v, 8)));
    }

    private static byte[] key(String zone, String shardId) {
      return ItemKeys.replicaMetadataKey("placement/" + zone + "/" + shardId);
    }

    private static KeyRange prefixRange(String zone) {
      byte[] prefix = ItemKeys.replicaMetadataKey("placement/" + zone + "/");
      return new KeyRange(prefix, KeyBytes.prefixEnd(prefix));
    }
  }

  /**
   * Answers {@link WhereHosted} from this node's records and learns from {@link Hosted}. When a
   * node of its zone comes up, it tells it everything it knows, so the zone's nodes that are up
   * share what each of them saw.
   */
  public static Behavior<RecordsCommand> recordsBehavior(Records records, String zone) {
    return Behaviors.<Object>setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberUp.class));
      return Behaviors.receiveMessage(m -> {
        switch (m) {
          case Hosted h -> records.learn(h);
          case WhereHosted w -> w.replyTo().tell(new Known(records.find(w.zone(), w.shardId()), records.zoneNodes(w.zone())));
          case ClusterEvent.MemberUp up when up.member().hasRole(zone) && !up.member().address().equals(cluster.selfMember().address()) -> {
            var peer = recordsOf(ctx.getSystem(), up.member().address().toString());
            records.all(zone).forEach(peer::tell);
          }
          default -> { }
        }
        return Behaviors.same();
      });
    }).narrow();
  }
}
