package triad.cluster;

import java.time.Clock;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGeneratorFactory;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Routers;
import org.apache.pekko.cluster.sharding.typed.HashCodeMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;
import triad.api.HttpApi;
import triad.api.NodeStatus;
import triad.metadata.Catalog;
import triad.metadata.MetadataCache;
import triad.metadata.TableAdmin;
import triad.metadata.TtlSweeper;
import triad.replication.ReplicaBehavior;
import triad.replication.ReplicaDirectory;
import triad.replication.ReplicaPlacement;
import triad.replication.PartitionClient;
import triad.router.RouterBehavior;
import triad.router.Routes;
import triad.security.core.RequestGuard;
import triad.storage.ItemStore;

/**
 * The node's root actor: forms or joins the cluster, starts this zone's replicas under Cluster
 * Sharding, makes sure the catalog partition exists, then starts routers and the DynamoDB API.
 * The node is ready when the API is bound.
 */
public final class Guardian {
  private static final Duration CATALOG_RETRY = Duration.ofMillis(200);

  public sealed interface Command {}

  /** Answers with the API binding once the node serves requests. */
  public record AwaitReady(ActorRef<ServerBinding> replyTo) implements Command {}

  private record CatalogReady() implements Command {}

  private record CatalogNotReady(Throwable cause) implements Command {}

  private record Bound(ServerBinding binding) implements Command {}

  private record BindFailed(Throwable cause) implements Command {}

  private Guardian() {}

  /**
   * The API's security, built by {@link TriadNode} before the actor system starts.
   *
   * @param guard authentication and authorization; empty when switched off
   * @param tls the API's TLS context; empty for plain HTTP
   * @param tlsProtocols the TLS versions offered
   */
  public record ApiSecurity(Optional<RequestGuard> guard, Optional<SSLContext> tls, List<String> tlsProtocols) {}

  /**
   * @param firstStart this node's data directory held no journal when it started: the catalog
   *     partition is founded only then (a replica re-created elsewhere must not take a founding
   *     id, see docs/replication.md, section 1)
   */
  public static Behavior<Command> create(NodeSettings settings, ItemStore store, ApiSecurity security, boolean firstStart) {
    return Behaviors.setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      if (settings.seedNodes().isEmpty()) {
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      // Seeds the replicas' own generators, and mints member incarnations, which must never repeat.
      SecureRandom seeds = new SecureRandom();
      ReplicaDirectory directory = new ReplicaDirectory();
      List<String> members = settings.availabilityZones().subList(0, Math.min(settings.replication().factor(), settings.availabilityZones().size()));
      ClusterSharding sharding = ClusterSharding.get(ctx.getSystem());
      ReplicaPlacement.Records placements = new ReplicaPlacement.Records(store, Clock.systemUTC());
      // The shard of an entity as the entity type's default message extractor computes it.
      HashCodeMessageExtractor<ReplicaBehavior.Command> shards = new HashCodeMessageExtractor<>(
          ctx.getSystem().settings().config().getInt("pekko.cluster.sharding.number-of-shards"));
      ctx.spawn(ReplicaPlacement.recordsBehavior(placements, settings.availabilityZone()), ReplicaPlacement.RECORDS_ACTOR);
      // A node alone (no seeds) has no other node to wait for; its last address, with an
      // ephemeral remoting port, would never come back.
      Duration settle = settings.seedNodes().isEmpty() ? Duration.ZERO : settings.placementSettle();
      for (String zone : settings.availabilityZones()) {
        sharding.init(Entity.of(ReplicaBehavior.typeKey(zone), entity -> {
              placements.hosting(ctx.getSystem(), zone, shards.shardId(entity.getEntityId()));
              return ReplicaBehavior.create(zone, entity.getEntityId(), store, settings.replication(),
                  partitionId -> peerZone -> sharding.entityRefFor(ReplicaBehavior.typeKey(peerZone), partitionId),
                  RandomGeneratorFactory.of("L64X128MixRandom").create(seeds.nextLong()), seeds, directory, members);
            })
            .withRole(zone)
            .withAllocationStrategy(new ReplicaPlacement(zone, settle, Clock.systemUTC())));
      }
      PartitionClient partitions = new PartitionClient(ctx.getSystem(), settings.availabilityZone(), settings.replicaTimeout());
      Catalog catalog = new Catalog(partitions, members);
      MetadataCache cache = new MetadataCache(catalog, settings.cacheRefreshAfter());
      TableAdmin admin = new TableAdmin(ctx.getSystem(), catalog, cache, partitions, Clock.systemUTC(), settings.creatingWait());
      initCatalog(ctx, partitions, catalog, settings, firstStart);
      return starting(ctx, settings, security, partitions, catalog, cache, admin, members, directory, firstStart, new java.util.ArrayList<>());
    });
  }

  private static void initCatalog(ActorContext<Command> ctx, PartitionClient partitions, Catalog catalog, NodeSettings settings,
      boolean firstStart) {
    if (!catalog.spec().members().contains(settings.availabilityZone())) {
      ctx.getSelf().tell(new CatalogReady());
      return;
    }
    ctx.pipeToSelf(partitions.toZone(catalog.spec().partition().partitionId(), settings.availabilityZone(),
            r -> new ReplicaBehavior.Init(catalog.spec(), firstStart, r)),
        (reply, failure) -> reply instanceof ReplicaBehavior.Acked ? new CatalogReady()
            : new CatalogNotReady(failure != null ? failure : new IllegalStateException(String.valueOf(reply))));
  }

  private static Behavior<Command> starting(ActorContext<Command> ctx, NodeSettings settings, ApiSecurity security, PartitionClient partitions,
      Catalog catalog, MetadataCache cache, TableAdmin admin, List<String> members, ReplicaDirectory directory, boolean firstStart,
      List<ActorRef<ServerBinding>> waiting) {
    return Behaviors.receive(Command.class)
        .onMessage(AwaitReady.class, m -> {
          waiting.add(m.replyTo());
          return Behaviors.same();
        })
        .onMessage(CatalogNotReady.class, m -> {
          ctx.getLog().info("catalog partition not ready yet ({}), retrying", m.cause().toString());
          ctx.scheduleOnce(CATALOG_RETRY, ctx.getSelf(), new CatalogReadyRetry());
          return Behaviors.same();
        })
        .onMessage(CatalogReadyRetry.class, m -> {
          initCatalog(ctx, partitions, catalog, settings, firstStart);
          return Behaviors.same();
        })
        .onMessage(CatalogReady.class, m -> {
          Routes routes = new Routes(partitions, cache, admin, settings, members);
          ActorRef<RouterBehavior.Command> router = ctx.spawn(
              Routers.pool(settings.routerInstances(), Behaviors.supervise(routes.behavior()).onFailure(SupervisorStrategy.restart()))
                  .withRoundRobinRouting(),
              "router");
          HttpApi api = new HttpApi(ctx.getSystem(), router, settings.requestTimeout(), settings.requestBytesMax(), security.guard(),
              Clock.systemUTC(), new NodeStatus(settings.availabilityZone(), ctx.getSystem().address().toString(), directory));
          ctx.pipeToSelf(api.bind(settings.httpHost(), settings.httpPort(), security.tls(), security.tlsProtocols()),
              (binding, failure) -> failure == null ? new Bound(binding) : new BindFailed(failure));
          admin.reconcile();
          TtlSweeper.start(ctx.getSystem(), catalog, partitions, directory, settings.availabilityZone(), settings.ttlSweepInterval(),
              settings.ttlScanItemsMax(), Clock.systemUTC());
          return Behaviors.same();
        })
        .onMessage(Bound.class, m -> {
          waiting.forEach(w -> w.tell(m.binding()));
          return running(m.binding());
        })
        .onMessage(BindFailed.class, m -> {
          ctx.getLog().error("cannot bind the DynamoDB API on {}:{}: {}", settings.httpHost(), settings.httpPort(), m.cause().getMessage());
          throw new IllegalStateException("cannot bind the DynamoDB API on " + settings.httpHost() + ":" + settings.httpPort(), m.cause());
        })
        .build();
  }

  private record CatalogReadyRetry() implements Command {}

  private static Behavior<Command> running(ServerBinding binding) {
    return Behaviors.receive(Command.class)
        .onMessage(AwaitReady.class, m -> {
          m.replyTo().tell(binding);
          return Behaviors.same();
        })
        .build();
  }

  /** Completes with the API binding when the node is ready. */
  static CompletionStage<ServerBinding> ready(ActorSystem<Command> system, Duration timeout) {
    CompletableFuture<ServerBinding> failed = new CompletableFuture<>();
    system.getWhenTerminated().whenComplete((d, e) -> failed.completeExceptionally(
        new IllegalStateException("the node stopped while starting; see the log above")));
    CompletionStage<ServerBinding> ready = AskPattern.ask(system, AwaitReady::new, timeout, system.scheduler());
    return ready.applyToEither(failed, b -> b);
  }
}
