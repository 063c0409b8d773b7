package triad.replication;

import triad.replication.core.Command;

/**
 * The commands a partition's replication log carries. A log record holds the effect of a write
 * (the item's new image), not the request, so followers, streams and index propagation consume
 * it without evaluating anything.
 */
public final class LogCommands {
  private LogCommands() {}

  /**
   * One item's new image ({@code image} null: deleted) under its store key. The sizes before and
   * after (-1 for no item) keep the partition's item count and size exact on every replica.
   */
  public record ItemWrite(byte[] key, byte[] image, long oldSize, long newSize) implements Command {}

  /** The table is being deleted: replicas drop the partition's items and stop serving. */
  public record PartitionDrop() implements Command {}
}
