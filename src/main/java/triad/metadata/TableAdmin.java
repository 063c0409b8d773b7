package triad.metadata;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import triad.item.core.DbException;
import triad.metadata.core.IndexDefinition;
import triad.metadata.core.PartitionDescriptor;
import triad.metadata.core.TableDescriptor;
import triad.metadata.core.TableStatus;
import triad.replication.PartitionSpec;
import triad.replication.ReplicaBehavior;
import triad.storage.core.LocalIndex;
import triad.replication.PartitionClient;

/**
 * The control plane: table lifecycles as DynamoDB runs them. CreateTable records the table as
 * CREATING and answers; the partitions' replicas are then initialized and the table becomes
 * ACTIVE. DeleteTable records DELETING and answers; the replicas then drop their items and the
 * table leaves the catalog. Every step is idempotent and recorded in the catalog first, so a node
 * that restarts midway finishes the job ({@link #reconcile}).
 */
public final class TableAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(TableAdmin.class);
  private static final Duration RETRY_DELAY = Duration.ofMillis(500);

  private final ActorSystem<?> system;
  private final Catalog catalog;
  private final MetadataCache cache;
  private final PartitionClient partitions;
  private final Clock clock;
  private final ConcurrentHashMap<String, CompletableFuture<TableDescriptor>> activations = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<Void>> deletions = new ConcurrentHashMap<>();
  private final Duration transitionWait;

  /** Item count and size of a table, summed over its partitions. */
  public record TableStats(long itemCount, long sizeBytes) {}

  /**
   * @param transitionWait how long DescribeTable waits for a CREATING or DELETING table this node
   *     is converging to finish, so a waiter's first poll sees the result instead of sleeping
   */
  public TableAdmin(ActorSystem<?> system, Catalog catalog, MetadataCache cache, PartitionClient partitions, Clock clock, Duration transitionWait) {
    this.system = system;
    this.transitionWait = transitionWait;
    this.catalog = catalog;
    this.cache = cache;
    this.partitions = partitions;
    this.clock = clock;
  }

  public long nowMillis() {
    return clock.millis();
  }

  public CompletionStage<TableDescriptor> create(TableDescriptor draft) {
    return catalog.create(draft).thenApply(created -> {
      if (!created) {
        throw DbException.inUse("Table already exists: " + draft.name());
      }
      cache.update(draft);
      activate(draft);
      return draft;
    });
  }

  /**
   * Completes when a CREATING table this node is activating becomes ACTIVE; null when this node
   * is not activating it.
   */
  public CompletionStage<TableDescriptor> activation(String name) {
    return activations.get(name);
  }

  public CompletionStage<TableDescriptor> describe(String name) {
    return catalog.get(name).thenCompose(d -> {
      CompletableFuture<?> transition = d == null ? null
          : d.status() == TableStatus.CREATING ? activations.get(name)
          : d.status() == TableStatus.DELETING ? deletions.get(name)
          : null;
      if (transition != null) {
        return transition.orTimeout(transitionWait.toMillis(), TimeUnit.MILLISECONDS)
            .handle((x, e) -> null)
            .thenCompose(x -> catalog.get(name))
            .thenApply(now -> found(name, now));
      }
      return CompletableFuture.completedFuture(found(name, d));
    });
  }

  private TableDescriptor found(String name, TableDescriptor d) {
    if (d == null) {
      throw DbException.notFound("Requested resource not found: Table: " + name + " not found");
    }
    cache.update(d);
    return d;
  }

  public CompletionStage<TableStats> stats(TableDescriptor d) {
    if (d.status() != TableStatus.ACTIVE && d.status() != TableStatus.UPDATING) {
      return CompletableFuture.completedFuture(new TableStats(0, 0));
    }
    List<CompletableFuture<ReplicaBehavior.Reply>> asks = new ArrayList<>();
    for (PartitionDescriptor p : d.partitions()) {
      asks.add(partitions.toLeader(p.partitionId(), members(d), PartitionClient.Kind.READ, r -> new ReplicaBehavior.GetStats(d.tableId(), r)).toCompletableFuture());
    }
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(x -> {
      long items = 0;
      long bytes = 0;
      for (CompletableFuture<ReplicaBehavior.Reply> a : asks) {
        if (a.join() instanceof ReplicaBehavior.Stats s) {
          items += s.itemCount();
          bytes += s.sizeBytes();
        }
      }
      return new TableStats(items, bytes);
    });
  }

  public CompletionStage<List<TableDescriptor>> list() {
    return catalog.list();
  }

  public CompletionStage<TableDescriptor> delete(String name) {
    return describe(name).thenCompose(d -> {
      switch (d.status()) {
        case CREATING -> throw DbException.inUse("Attempt to change a resource which is still in use: Table is being created: " + name);
        case DELETING -> throw DbException.inUse("Attempt to change a resource which is still in use: Table is being deleted: " + name);
        case UPDATING -> throw DbException.inUse("Attempt to change a resource which is still in use: Table is being updated: " + name);
        default -> { }
      }
      if (d.deletionProtection()) {
        throw DbException.validation("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
      }
      TableDescriptor deleting = d.withStatus(TableStatus.DELETING);
      return catalog.replace(d, deleting).thenApply(ok -> {
        if (!ok) {
          throw DbException.inUse("Attempt to change a resource which is still in use: Table is being changed: " + name);
        }
        cache.forget(name);
        drop(deleting);
        return deleting;
      });
    });
  }

  /** Records a settings change (status UPDATING, answered at once), then returns to ACTIVE. */
  public CompletionStage<TableDescriptor> update(TableDescriptor previous, TableDescriptor changed) {
    TableDescriptor updating = changed.status() == TableStatus.UPDATING ? changed : changed.withStatus(TableStatus.UPDATING);
    return catalog.replace(previous, updating).thenApply(ok -> {
      if (!ok) {
        throw DbException.inUse("Attempt to change a resource which is still in use: Table is being changed: " + previous.name());
      }
      cache.update(updating);
      settle(updating);
      return updating;
    });
  }

  /**
   * Applies a change that needs no lifecycle step (tags, time to live) to an ACTIVE table,
   * re-reading and retrying when another change won the race.
   */
  public CompletionStage<TableDescriptor> amend(String name, java.util.function.UnaryOperator<TableDescriptor> change) {
    return describe(name).thenCompose(d -> {
      if (d.status() != TableStatus.ACTIVE) {
        throw DbException.inUse("Attempt to change a resource which is still in use: Table is being " + d.status().name().toLowerCase() + ": " + name);
      }
      TableDescriptor next = change.apply(d);
      if (next == d) {
        return CompletableFuture.completedFuture(d);
      }
      return catalog.replace(d, next).thenCompose(ok -> {
        if (!ok) {
          return amend(name, change);
        }
        cache.update(next);
        return CompletableFuture.completedFuture(next);
      });
    });
  }

  /** Finishes lifecycle steps a previous run of this node left half done. */
  public CompletionStage<Void> reconcile() {
    return catalog.list().thenAccept(tables -> {
      for (TableDescriptor d : tables) {
        switch (d.status()) {
          case CREATING -> activate(d);
          case DELETING -> drop(d);
          case UPDATING -> settle(d);
          case ACTIVE -> { }
        }
      }
    });
  }

  /** The table's local secondary indexes, numbered in the order they were defined. */
  public static List<LocalIndex> localIndexes(TableDescriptor d) {
    List<LocalIndex> out = new ArrayList<>();
    for (IndexDefinition i : d.indexes()) {
      if (!i.global()) {
        out.add(new LocalIndex(out.size(), i.name(), i.keySchema(), i.projectionType(), new ArrayList<>(i.nonKeyAttributes())));
      }
    }
    return out;
  }

  /** Every partition has one replica in each of the replication group's zones. */
  private List<String> members(TableDescriptor d) {
    return catalog.spec().members();
  }

  private void activate(TableDescriptor d) {
    CompletableFuture<TableDescriptor> done = activations.computeIfAbsent(d.name(), n -> new CompletableFuture<>());
    List<CompletableFuture<ReplicaBehavior.Reply>> inits = new ArrayList<>();
    for (PartitionDescriptor p : d.partitions()) {
      PartitionSpec spec = new PartitionSpec(d.name(), d.tableId(), d.keySchema(), localIndexes(d), p, members(d));
      for (String zone : spec.members()) {
        // Founding: the table's creation (or its retry) is what creates its partitions.
        inits.add(partitions.toZone(p.partitionId(), zone, r -> new ReplicaBehavior.Init(spec, true, r)).toCompletableFuture());
      }
    }
    CompletableFuture.allOf(inits.toArray(CompletableFuture[]::new))
        .thenCompose(x -> {
          for (CompletableFuture<ReplicaBehavior.Reply> i : inits) {
            if (!(i.join() instanceof ReplicaBehavior.Acked)) {
              throw new IllegalStateException("partition init answered " + i.join());
            }
          }
          TableDescriptor active = d.withStatus(TableStatus.ACTIVE);
          return catalog.replace(d, active).thenApply(ok -> ok ? active : null);
        })
        .whenComplete((active, failure) -> {
          if (failure != null) {
            LOG.warn("table {} not yet active, retrying: {}", d.name(), failure.toString());
            later(() -> activate(d));
            return;
          }
          activations.remove(d.name(), done);
          if (active != null) {
            cache.update(active);
            done.complete(active);
          } else {
            done.completeExceptionally(DbException.notFound("Requested resource not found"));
          }
        });
  }

  private void drop(TableDescriptor d) {
    CompletableFuture<Void> done = deletions.computeIfAbsent(d.name(), n -> new CompletableFuture<>());
    List<CompletableFuture<ReplicaBehavior.Reply>> drops = new ArrayList<>();
    for (PartitionDescriptor p : d.partitions()) {
      // The drop is a log entry: the leader replicates it to the other members.
      drops.add(partitions.toLeader(p.partitionId(), members(d), PartitionClient.Kind.WRITE, r -> new ReplicaBehavior.Drop(d.tableId(), r)).toCompletableFuture());
    }
    CompletableFuture.allOf(drops.toArray(CompletableFuture[]::new))
        .thenCompose(x -> catalog.remove(d))
        .whenComplete((ok, failure) -> {
          if (failure != null) {
            LOG.warn("table {} not yet dropped, retrying: {}", d.name(), failure.toString());
            later(() -> drop(d));
            return;
          }
          deletions.remove(d.name(), done);
          done.complete(null);
        });
  }

  private void settle(TableDescriptor updating) {
    catalog.replace(updating, updating.withStatus(TableStatus.ACTIVE)).whenComplete((ok, failure) -> {
      if (failure != null) {
        later(() -> settle(updating));
      } else if (ok) {
        cache.update(updating.withStatus(TableStatus.ACTIVE));
      }
    });
  }

  private void later(Runnable r) {
    system.scheduler().scheduleOnce(RETRY_DELAY, r, system.executionContext());
  }
}
