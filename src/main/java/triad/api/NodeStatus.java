package triad.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import triad.api.core.Json;
import triad.replication.ReplicaBehavior;
import triad.replication.ReplicaDirectory;

/**
 * `GET /triad/status`: this node's zone and address and what each of its replicas is doing (role,
 * term, leader, commit and applied index). `GET /triad/partitions`: per replica on this node, its
 * partition, member id, role, kind (full, log replica, none), applied index and a checksum of its
 * items, so an operator (or a test) can check that the replicas of a partition agree. For
 * operators and cluster tests; no keys, no items, no secrets.
 */
public final class NodeStatus {
  private final String zone;
  private final String address;
  private final ReplicaDirectory directory;

  public NodeStatus(String zone, String address, ReplicaDirectory directory) {
    this.zone = zone;
    this.address = address;
    this.directory = directory;
  }

  public byte[] json() {
    return nodeJson("replicas", g -> {
      for (ReplicaDirectory.Entry e : directory.snapshot()) {
        g.writeStartObject();
        g.writeStringField("partition", e.partitionId());
        g.writeStringField("table", e.table());
        g.writeStringField("member", e.member());
        g.writeStringField("role", e.role());
        g.writeNumberField("term", e.term());
        g.writeStringField("leader", e.leader());
        g.writeNumberField("commitIndex", e.commitIndex());
        g.writeNumberField("appliedIndex", e.appliedIndex());
        g.writeEndObject();
      }
    });
  }

  /** Asks every replica on this node; each reads all its items for the checksum. */
  public CompletionStage<byte[]> partitionsJson(ActorSystem<?> system, Duration timeout) {
    return directory.verify(system, timeout).thenApply(this::partitionsJson);
  }

  private byte[] partitionsJson(List<ReplicaBehavior.Verified> replicas) {
    return nodeJson("partitions", g -> {
      for (ReplicaBehavior.Verified v : replicas) {
        g.writeStartObject();
        g.writeStringField("partition", v.partitionId());
        g.writeStringField("zone", zone);
        g.writeStringField("member", v.member());
        g.writeStringField("role", v.role());
        g.writeStringField("replica", v.replica());
        g.writeNumberField("appliedIndex", v.appliedIndex());
        g.writeStringField("checksum", v.checksum());
        g.writeEndObject();
      }
    });
  }

  private interface Elements {
    void write(JsonGenerator g) throws IOException;
  }

  /** {"zone": ..., "address": ..., arrayField: [elements]}. */
  private byte[] nodeJson(String arrayField, Elements elements) {
    ByteArrayBuilder out = new ByteArrayBuilder(1024);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("zone", zone);
      g.writeStringField("address", address);
      g.writeArrayFieldStart(arrayField);
      elements.write(g);
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
