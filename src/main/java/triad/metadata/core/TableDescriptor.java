package triad.metadata.core;

import java.util.List;
import java.util.Map;
import triad.item.core.KeySchema;
import triad.item.core.PartitionHash;
import triad.item.core.ScalarType;

/**
 * The catalog's authority on one table: schema, capacity settings, lifecycle status and its
 * partitions. {@code version} grows with every change, so caches can tell stale from fresh;
 * {@code tableId} is unique per creation, so a re-created table never sees an old one's data.
 */
public record TableDescriptor(
    String name,
    long tableId,
    long version,
    TableStatus status,
    KeySchema keySchema,
    Map<String, ScalarType> attributeDefinitions,
    String billingMode,
    long readCapacityUnits,
    long writeCapacityUnits,
    List<IndexDefinition> indexes,
    List<PartitionDescriptor> partitions,
    long createdAtMillis,
    long billingModeChangedAtMillis,
    long lastIncreaseAtMillis,
    long lastDecreaseAtMillis,
    int decreasesToday,
    boolean deletionProtection,
    String tableClass,
    Map<String, String> tags,
    String ttlAttribute) {

  public static final String PROVISIONED = "PROVISIONED";
  public static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";

  public TableDescriptor {
    attributeDefinitions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributeDefinitions));
    indexes = List.copyOf(indexes);
    partitions = List.copyOf(partitions);
    tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
  }

  /** The partition whose hash range holds this partition-key hash. */
  public PartitionDescriptor partitionFor(byte[] hash) {
    long prefix = PartitionHash.prefix(hash);
    for (PartitionDescriptor p : partitions) {
      if (p.contains(prefix)) {
        return p;
      }
    }
    throw new IllegalStateException("partitions of " + name + " do not cover hash " + Long.toUnsignedString(prefix));
  }

  public IndexDefinition index(String indexName) {
    for (IndexDefinition i : indexes) {
      if (i.name().equals(indexName)) {
        return i;
      }
    }
    return null;
  }

  public TableDescriptor withStatus(TableStatus s) {
    return new TableDescriptor(name, tableId, version + 1, s, keySchema, attributeDefinitions, billingMode, readCapacityUnits,
        writeCapacityUnits, indexes, partitions, createdAtMillis, billingModeChangedAtMillis, lastIncreaseAtMillis,
        lastDecreaseAtMillis, decreasesToday, deletionProtection, tableClass, tags, ttlAttribute);
  }

  public TableDescriptor withCapacity(String mode, long rcu, long wcu, long modeChangedAt, long increaseAt, long decreaseAt, int decreases) {
    return new TableDescriptor(name, tableId, version + 1, status, keySchema, attributeDefinitions, mode, rcu, wcu, indexes,
        partitions, createdAtMillis, modeChangedAt, increaseAt, decreaseAt, decreases, deletionProtection, tableClass, tags, ttlAttribute);
  }

  public TableDescriptor withDeletionProtection(boolean on) {
    return new TableDescriptor(name, tableId, version + 1, status, keySchema, attributeDefinitions, billingMode, readCapacityUnits,
        writeCapacityUnits, indexes, partitions, createdAtMillis, billingModeChangedAtMillis, lastIncreaseAtMillis,
        lastDecreaseAtMillis, decreasesToday, on, tableClass, tags, ttlAttribute);
  }

  public TableDescriptor withTableClass(String cls) {
    return new TableDescriptor(name, tableId, version + 1, status, keySchema, attributeDefinitions, billingMode, readCapacityUnits,
        writeCapacityUnits, indexes, partitions, createdAtMillis, billingModeChangedAtMillis, lastIncreaseAtMillis,
        lastDecreaseAtMillis, decreasesToday, deletionProtection, cls, tags, ttlAttribute);
  }

  public TableDescriptor withTags(Map<String, String> newTags) {
    return new TableDescriptor(name, tableId, version + 1, status, keySchema, attributeDefinitions, billingMode, readCapacityUnits,
        writeCapacityUnits, indexes, partitions, createdAtMillis, billingModeChangedAtMillis, lastIncreaseAtMillis,
        lastDecreaseAtMillis, decreasesToday, deletionProtection, tableClass, newTags, ttlAttribute);
  }

  /** {@code attribute} null: time to live disabled. */
  public TableDescriptor withTtl(String attribute) {
    return new TableDescriptor(name, tableId, version + 1, status, keySchema, attributeDefinitions, billingMode, readCapacityUnits,
        writeCapacityUnits, indexes, partitions, createdAtMillis, billingModeChangedAtMillis, lastIncreaseAtMillis,
        lastDecreaseAtMillis, decreasesToday, deletionProtection, tableClass, tags, attribute);
  }

  /** Splits the 64-bit hash space into n contiguous ranges of (nearly) equal width. */
  public static List<PartitionDescriptor> evenPartitions(long tableId, int n) {
    java.util.ArrayList<PartitionDescriptor> out = new java.util.ArrayList<>(n);
    java.math.BigInteger space = java.math.BigInteger.ONE.shiftLeft(64);
    for (int i = 0; i < n; i++) {
      long start = space.multiply(java.math.BigInteger.valueOf(i)).divide(java.math.BigInteger.valueOf(n)).longValue();
      long end = space.multiply(java.math.BigInteger.valueOf(i + 1)).divide(java.math.BigInteger.valueOf(n)).subtract(java.math.BigInteger.ONE).longValue();
      out.add(new PartitionDescriptor(partitionId(tableId, i), start, end));
    }
    return out;
  }

  public static String partitionId(long tableId, int ordinal) {
    return Long.toHexString(tableId) + "-" + ordinal;
  }

  /** The table a partition id belongs to: its hex prefix, or the catalog's table for the catalog partition. */
  public static long tableIdOfPartition(String partitionId) {
    if (partitionId.equals(CatalogCodec.CATALOG_PARTITION_ID)) {
      return CatalogCodec.CATALOG_TABLE_ID;
    }
    int dash = partitionId.indexOf('-');
    if (dash <= 0 || dash > 16) {
      throw new IllegalArgumentException("not a partition id: " + partitionId);
    }
    return Long.parseUnsignedLong(partitionId.substring(0, dash), 16);
  }
}
