package triad.router;

import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import triad.cluster.NodeSettings;
import triad.metadata.MetadataCache;
import triad.metadata.TableAdmin;
import triad.replication.PartitionClient;

/** Wires a router's data plane and control plane from the node's services. */
public final class Routes {
  private final ItemRoutes items;
  private final TableRoutes tables;

  public Routes(PartitionClient partitions, MetadataCache cache, TableAdmin admin, NodeSettings settings, List<String> members) {
    this.items = new ItemRoutes(new Tables(cache, admin, settings.creatingWait()), partitions, members);
    this.tables = new TableRoutes(admin, settings.region(), settings.accountId(), settings.httpHost() + ":" + settings.httpPort(),
        settings.initialPartitions(), settings.replication().factor(), settings.availabilityZones().size());
  }

  public Behavior<RouterBehavior.Command> behavior() {
    return RouterBehavior.create(items, tables);
  }
}
