package triad.replication.core;

import java.util.List;

/**
 * The messages between members of a replication group. Every message carries its sender and the
 * sender's term; a member that sees a higher term adopts it (with the pre-vote, lease and join
 * exceptions documented in {@link ReplicationGroup}). The shell routes a message by the zone of
 * its addressee ({@link MemberId#zone}) and hands it over with that addressee, so a replica can tell
 * a message for itself from one for an earlier or later incarnation of its zone. Lists are
 * ArrayLists so the shell's serializer sees plain data.
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
   * (hint term 0 if unknown), so the leader skips a whole term per round trip. A log replica that
   * cannot take a {@link SeedLog} answers with a rejection of the seed's index.
   */
  record AppendResponse(String from, long term, boolean success, long index, long rejectHintIndex, long rejectHintTerm)
      implements Message {}

  /**
   * Leader to follower: keeps the follower from starting an election and from voting for anyone
   * else (the lease), and tells it what is committed, never beyond what the follower is known to
   * hold. {@code sentTick} is the leader's own tick count when it sent this; the answer echoes it,
   * and a quorum of answers lets the leader hold a lease from that tick on.
   */
  record Heartbeat(String from, long term, long commitIndex, long sentTick) implements Message {}

  /**
   * Echoes the heartbeat's {@code sentTick} (0 when it answers a stale message). {@code itemState}:
   * this member's item store holds its state (a log replica says so once a snapshot is installed,
   * and the leader then promotes it).
   */
  record HeartbeatResponse(String from, long term, long sentTick, boolean itemState) implements Message {}

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

  /**
   * Leader to an up-to-date full replica: start an election now (leadership transfer), if your log
   * still ends at {@code lastLogIndex}; a TimeoutNow that arrives after the leader appended more is
   * stale and ignored.
   */
  record TimeoutNow(String from, long term, long lastLogIndex) implements Message {}

  /**
   * Leader to a log replica whose log holds nothing and would need entries the leader compacted:
   * continue your log after ({@code index}, {@code indexTerm}), under {@code membership} (the
   * configuration as of {@code index}). Answered like an AppendEntries that ends at {@code index}.
   */
  record SeedLog(String from, long term, long index, long indexTerm, Membership membership) implements Message {}

  /**
   * A replica that is not a member asks to be admitted in place of {@code replacing}, the member of
   * its zone it saw the group address (null if it saw none). Sent to the sender of such a message
   * and to the replicas of the other zones; followers forward it to their leader. Not part of the
   * term protocol: its term (the sender's) is ignored.
   */
  record JoinRequest(String from, long term, String replacing) implements Message {}
}
