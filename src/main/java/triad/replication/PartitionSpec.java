package triad.replication;

import java.util.List;
import triad.item.core.KeySchema;
import triad.metadata.core.PartitionDescriptor;

/**
 * What a replica must know about its partition before it serves anything: the table it belongs
 * to, its key schema and hash range, and the members of its replication group (availability
 * zone names, one replica per zone).
 */
public record PartitionSpec(String tableName, long tableId, KeySchema keySchema, PartitionDescriptor partition, List<String> members) {}
