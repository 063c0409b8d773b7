package triad.replication;

import java.util.List;
import triad.item.core.KeySchema;
import triad.storage.core.LocalIndex;
import triad.metadata.core.PartitionDescriptor;

/**
 * What a replica must know about its partition before it serves anything: the table it belongs
 * to, its key schema, its local secondary indexes (kept in the same partition), its hash range, and
 * the members of its replication group (availability zone names, one replica per zone).
 */
public record PartitionSpec(String tableName, long tableId, KeySchema keySchema, List<LocalIndex> localIndexes, PartitionDescriptor partition,
    List<String> members) {

  public LocalIndex localIndex(String name) {
    for (LocalIndex ix : localIndexes) {
      if (ix.name().equals(name)) {
        return ix;
      }
    }
    return null;
  }
}
