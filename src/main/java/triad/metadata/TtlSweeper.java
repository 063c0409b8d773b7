package triad.metadata;

import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import triad.metadata.core.PartitionDescriptor;
import triad.metadata.core.TableDescriptor;
import triad.metadata.core.TableStatus;
import triad.replication.PartitionClient;
import triad.replication.ReplicaBehavior;
import triad.replication.ReplicaDirectory;

/**
 * Time to live as a background process: every interval, each node asks the partition leaders it
 * hosts to delete (through their logs) the expired items among the next {@code scanMax} items of
 * their partition. A partition of N items is swept in full at least every ceil(N / scanMax)
 * intervals, which bounds how long an expired item stays.
 */
public final class TtlSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(TtlSweeper.class);

  private TtlSweeper() {}

  public static void start(ActorSystem<?> system, Catalog catalog, PartitionClient partitions, ReplicaDirectory directory, String zone,
      Duration interval, int scanMax, Clock clock) {
    system.scheduler().scheduleWithFixedDelay(interval, interval, () -> sweep(catalog, partitions, directory, zone, scanMax, clock),
        system.executionContext());
  }

  private static void sweep(Catalog catalog, PartitionClient partitions, ReplicaDirectory directory, String zone, int scanMax, Clock clock) {
    catalog.list().whenComplete((tables, failure) -> {
      if (failure != null) {
        LOG.debug("time-to-live sweep skipped: {}", failure.toString());
        return;
      }
      long now = clock.millis() / 1000;
      for (TableDescriptor d : tables) {
        if (d.ttlAttribute() == null || d.status() != TableStatus.ACTIVE) {
          continue;
        }
        for (PartitionDescriptor p : d.partitions()) {
          if (directory.leadsHere(p.partitionId())) {
            partitions.toZone(p.partitionId(), zone, r -> new ReplicaBehavior.SweepExpired(d.tableId(), d.ttlAttribute(), now, scanMax, r));
          }
        }
      }
    });
  }
}
