package triad.replication.core;

/** One slot of the replicated log: the command, the index it occupies and the term that wrote it. */
public record LogEntry(long term, long index, Command command) {

  public LogEntry {
    if (term < 1 || index < 1) {
      throw new IllegalArgumentException("term and index start at 1: " + term + ", " + index);
    }
    if (command == null) {
      throw new IllegalArgumentException("command must not be null");
    }
  }
}
