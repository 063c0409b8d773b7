package triad.replication.core;

import java.util.List;

/**
 * The messages between members of a replication group. Every message carries its sender and the
 * sender's term; a member that sees a higher term adopts it (with the pre-vote and lease
 * exceptions documented in {@link ReplicationGroup}). Lists are ArrayLists so the shell's
 * serializer sees plain data.
 */
public sealed interface Message {

  String from();

  long term();

  /**
   * Leader to follower: entries following ({@code prevLogIndex}, {@code prevLogTerm}), which the
   * follower accepts only if its log has that entry (the consistency check).
   */
  record AppendEntries(String from, long term, long prevLogIndex, long prevLogTerm, List<LogEntry> entries, long leaderCommit)
      implements Message {}

  /**
   * Follower to leader. On success {@code index} is the follower's last index known to match the
   * leader's log. On rejection {@code index} is the rejected {@code prevLogIndex}, and the hint is
   * the follower's last entry at or below it whose term is at most the leader's {@code prevLogTerm}
   * (hint term 0 if unknown), so the leader skips a whole term per round trip.
   */
  record AppendResponse(String from, long term, boolean success, long index, long rejectHintIndex, long rejectHintTerm)
      implements Message {}

  /**
   * Leader to follower: keeps the follower from starting an election and tells it what is
   * committed, never beyond what the follower is known to hold.
   */
  record Heartbeat(String from, long term, long commitIndex) implements Message {}

  record HeartbeatResponse(String from, long term) implements Message {}

  /**
   * Would you vote for me in {@code term}? Sent without raising the sender's term; receivers do not
   * change their state either.
   */
  record RequestPreVote(String from, long term, long lastLogIndex, long lastLogTerm) implements Message {}

  /** A granted pre-vote carries the term asked about; a refusal carries the voter's term. */
  record PreVoteResponse(String from, long term, boolean granted) implements Message {}

  /**
   * A candidate asks for a vote. {@code leadershipTransfer}: the leader asked for this election
   * (TimeoutNow), so voters that still hear from that leader vote anyway.
   */
  record RequestVote(String from, long term, long lastLogIndex, long lastLogTerm, boolean leadershipTransfer)
      implements Message {}

  record VoteResponse(String from, long term, boolean granted) implements Message {}

  /** Leader to an up-to-date follower: start an election now (leadership transfer). */
  record TimeoutNow(String from, long term) implements Message {}
}
