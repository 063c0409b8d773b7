package triad.replication.core;

/** What {@link ReplicationGroup#propose} (or a membership change) did. */
public sealed interface ProposeResult {

  /** Appended at {@code index} in {@code term}; it is applied when a Ready carries it as committed. */
  record Accepted(long index, long term) implements ProposeResult {}

  /**
   * Only a leader that serves clients accepts proposals. {@code leaderHint} is where to retry, null
   * if unknown; during a leadership transfer it names the member taking over.
   */
  record NotLeader(String leaderHint) implements ProposeResult {}

  /** {@link GroupSettings#maxUncommittedEntries()} entries already wait for a quorum: back off. */
  record Overloaded() implements ProposeResult {}

  /**
   * A membership change that cannot be made now: {@code reason} says why (an earlier change or the
   * leader's first entry is not committed yet, a log replica is still being built, the change breaks
   * a rule of docs/replication.md).
   */
  record Refused(String reason) implements ProposeResult {}
}
