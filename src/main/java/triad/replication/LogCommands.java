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
   * One item's new image ({@code image} null: deleted) under its store key, with the partition's
   * item count and size after it. Absolute values, not deltas, make applying an entry twice
   * harmless, which recovery relies on.
   */
  public record ItemWrite(byte[] key, byte[] image, long itemCount, long sizeBytes) implements Command {}

  /**
   * Time to live deleted an expired item; recorded apart from a client's delete so that streams
   * can mark it as the service's deletion.
   */
  public record ItemExpired(byte[] key, long itemCount, long sizeBytes) implements Command {}

  /** The table is being deleted: replicas drop the partition's items and stop serving. */
  public record PartitionDrop() implements Command {}
}
