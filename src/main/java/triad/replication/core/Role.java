package triad.replication.core;

/** A member's role in its replication group; {@link ReplicationGroup} documents the transitions. */
public enum Role {
  FOLLOWER,
  /** Asking whether it could win an election, without raising its term (pre-vote). */
  PRE_CANDIDATE,
  CANDIDATE,
  LEADER
}
