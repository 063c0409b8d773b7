package triad.metadata.core;

/**
 * One partition of a table: a contiguous range of the 64-bit partition-hash prefix,
 * [hashStart, hashEnd] inclusive, compared unsigned. Its id names its replicas' sharded entities
 * (and their journals), so it is never reused.
 */
public record PartitionDescriptor(String partitionId, long hashStart, long hashEnd) {

  public boolean contains(long hashPrefix) {
    return Long.compareUnsigned(hashPrefix, hashStart) >= 0 && Long.compareUnsigned(hashPrefix, hashEnd) <= 0;
  }

  /** Exclusive end of the range, 0 when it runs to the end of the hash space. */
  public long hashEndExclusive() {
    return hashEnd + 1;
  }
}
