package triad.cluster;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The typed, validated `triad.*` configuration of one node, read once at start-up. */
public record NodeSettings(
    String availabilityZone,
    Path dataDir,
    String clusterHost,
    int clusterPort,
    List<String> seedNodes,
    List<String> availabilityZones,
    Duration placementSettle,
    String httpHost,
    int httpPort,
    long requestBytesMax,
    Duration requestTimeout,
    ReplicationSettings replication,
    int initialPartitions,
    Duration tableLifecycleTimeout,
    Duration creatingWait,
    Duration ttlSweepInterval,
    int ttlScanItemsMax,
    Duration cacheRefreshAfter,
    int routerInstances,
    Duration replicaTimeout,
    String region,
    String accountId) {

  /** Settings of the replica shell and its protocol core. */
  public record ReplicationSettings(
      int factor,
      Duration tickInterval,
      int electionTicksMin,
      int electionTicksMax,
      int heartbeatTicks,
      int clockDriftTicksMax,
      int entriesPerAppendMax,
      int inflightAppendsMax,
      long uncommittedEntriesMax,
      int committedPerReadyMax,
      long compactEveryEntries,
      int waitingReadsMax,
      int snapshotChunkBytes,
      Duration snapshotAckTimeout,
      long itemCollectionBytesMax) {}

  /** Reads and validates; a ConfigException or IllegalArgumentException names the bad key. */
  public static NodeSettings from(Config root) {
    Config t = root;
    String az = t.getString("triad.node.availability-zone");
    List<String> zones = t.getStringList("triad.cluster.availability-zones");
    require(!az.isBlank(), "triad.node.availability-zone must not be empty");
    require(zones.contains(az), "triad.node.availability-zone \"" + az + "\" is not one of triad.cluster.availability-zones " + zones);
    Config r = root;
    ReplicationSettings replication = new ReplicationSettings(
        r.getInt("triad.replication.factor"),
        r.getDuration("triad.replication.tick-interval"),
        r.getInt("triad.replication.election-ticks-min"),
        r.getInt("triad.replication.election-ticks-max"),
        r.getInt("triad.replication.heartbeat-ticks"),
        r.getInt("triad.replication.clock-drift-ticks-max"),
        r.getInt("triad.replication.entries-per-append-max"),
        r.getInt("triad.replication.inflight-appends-max"),
        r.getLong("triad.replication.uncommitted-entries-max"),
        r.getInt("triad.replication.committed-per-ready-max"),
        r.getLong("triad.replication.compact-every-entries"),
        r.getInt("triad.replication.waiting-reads-max"),
        Math.toIntExact(r.getBytes("triad.replication.snapshot-chunk-bytes")),
        r.getDuration("triad.replication.snapshot-ack-timeout"),
        r.getBytes("triad.tables.item-collection-bytes-max"));
    require(replication.factor() >= 1, "triad.replication.factor must be at least 1");
    require(replication.electionTicksMin() > replication.heartbeatTicks(), "triad.replication.election-ticks-min must exceed heartbeat-ticks");
    require(replication.electionTicksMax() >= replication.electionTicksMin(), "triad.replication.election-ticks-max must be at least election-ticks-min");
    require(replication.clockDriftTicksMax() >= 1
        && replication.heartbeatTicks() < replication.electionTicksMin() - replication.clockDriftTicksMax(),
        "triad.replication.clock-drift-ticks-max must be at least 1 and leave a lease (election-ticks-min - clock-drift-ticks-max) longer than heartbeat-ticks");
    require(replication.snapshotChunkBytes() >= 1024 && replication.snapshotChunkBytes() <= 200 * 1024,
        "triad.replication.snapshot-chunk-bytes must be between 1 KiB and 200 KiB (remoting frames are 256 KiB)");
    int partitions = t.getInt("triad.tables.initial-partitions");
    require(partitions >= 1 && partitions <= 1024, "triad.tables.initial-partitions must be between 1 and 1024");
    require(!t.getDuration("triad.cluster.placement-settle").isNegative(), "triad.cluster.placement-settle must not be negative");
    int httpPort = t.getInt("triad.http.port");
    require(httpPort >= 0 && httpPort <= 65535, "triad.http.port must be a port number");
    long requestBytesMax = t.getBytes("triad.http.request-bytes-max");
    require(requestBytesMax > 0, "triad.http.request-bytes-max must be positive");
    int clusterPort = t.getInt("triad.cluster.port");
    require(clusterPort >= 0 && clusterPort <= 65535, "triad.cluster.port must be a port number");
    return new NodeSettings(
        az,
        Path.of(t.getString("triad.node.data-dir")),
        t.getString("triad.cluster.host"),
        clusterPort,
        t.getStringList("triad.cluster.seed-nodes"),
        zones,
        t.getDuration("triad.cluster.placement-settle"),
        t.getString("triad.http.host"),
        httpPort,
        requestBytesMax,
        t.getDuration("triad.http.request-timeout"),
        replication,
        partitions,
        t.getDuration("triad.tables.lifecycle-timeout"),
        t.getDuration("triad.tables.creating-wait"),
        t.getDuration("triad.tables.ttl-sweep-interval"),
        t.getInt("triad.tables.ttl-scan-items-max"),
        t.getDuration("triad.metadata.cache-refresh-after"),
        t.getInt("triad.router.instances"),
        t.getDuration("triad.router.replica-timeout"),
        t.getString("triad.api.region"),
        t.getString("triad.api.account-id"));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
