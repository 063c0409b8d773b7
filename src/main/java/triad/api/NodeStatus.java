package triad.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import triad.api.core.Json;
import triad.replication.ReplicaDirectory;

/**
 * `GET /triad/status`: this node's zone and address and what each of its replicas is doing (role,
 * term, leader, commit and applied index). For operators and cluster tests; no data, no secrets.
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
    ByteArrayBuilder out = new ByteArrayBuilder(1024);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("zone", zone);
      g.writeStringField("address", address);
      g.writeArrayFieldStart("replicas");
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
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
