package triad.metadata.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import triad.item.core.AttributeValue;
import triad.item.core.KeySchema;
import triad.item.core.PartitionHash;
import triad.item.core.ScalarType;

class CatalogCodecTest {

  static TableDescriptor sample(int partitions) {
    Map<String, ScalarType> defs = new LinkedHashMap<>();
    defs.put("pk", ScalarType.S);
    defs.put("sk", ScalarType.N);
    defs.put("lsk", ScalarType.B);
    KeySchema key = new KeySchema("pk", ScalarType.S, "sk", ScalarType.N);
    IndexDefinition lsi = new IndexDefinition("byL", false, new KeySchema("pk", ScalarType.S, "lsk", ScalarType.B), "INCLUDE", List.of("a", "b"), 0, 0);
    return new TableDescriptor("Music", 0x1234_5678_9abc_def0L, 3, TableStatus.ACTIVE, key, defs, TableDescriptor.PROVISIONED, 5, 7,
        List.of(lsi), TableDescriptor.evenPartitions(0x1234_5678_9abc_def0L, partitions), 1_700_000_000_123L, 0, 1_700_000_001_000L, 0, 0,
        true, "STANDARD", Map.of("team", "music"), "expiresAt");
  }

  @Test
  void descriptorsRoundTripThroughCatalogItems() {
    TableDescriptor d = sample(3);
    Map<String, AttributeValue> item = CatalogCodec.toItem(d);
    assertEquals(AttributeValue.s("Music"), item.get("name"));
    assertEquals(d, CatalogCodec.fromItem(item));
  }

  @Test
  void evenPartitionsCoverTheHashSpaceWithoutGaps() {
    for (int n : new int[] {1, 2, 3, 7, 64}) {
      List<PartitionDescriptor> ps = TableDescriptor.evenPartitions(42, n);
      assertEquals(n, ps.size());
      assertEquals(0L, ps.get(0).hashStart());
      assertEquals(-1L, ps.get(n - 1).hashEnd());
      for (int i = 1; i < n; i++) {
        assertEquals(ps.get(i - 1).hashEnd() + 1, ps.get(i).hashStart());
      }
    }
    TableDescriptor d = sample(4);
    for (int i = 0; i < 1000; i++) {
      byte[] hash = PartitionHash.of(AttributeValue.s("key" + i));
      assertTrue(d.partitionFor(hash).contains(PartitionHash.prefix(hash)));
    }
  }
}
