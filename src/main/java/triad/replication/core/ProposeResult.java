package triad.replication.core;

/** What {@link ReplicationGroup#propose} did with a command. */
public sealed interface ProposeResult {

  /** Appended at {@code index} in {@code term}; it is applied when a Ready carries it as committed. */
  record Accepted(long index, long term) implements ProposeResult {}

  /**
   * Only the leader accepts proposals. {@code leaderHint} is where to retry, null if unknown; during
   * a leadership transfer it names the member taking over.
   */
  record NotLeader(String leaderHint) implements ProposeResult {}

  /** {@link GroupSettings#maxUncommittedEntries()} entries already wait for a quorum: back off. */
  record Overloaded() implements ProposeResult {}
}
