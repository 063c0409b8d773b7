package triad.replication.core;

import java.util.LinkedHashMap;

/** A member's role with the state only that role has; {@link ReplicationGroup} owns the transitions. */
sealed interface RoleState {

  Role role();

  final class Follower implements RoleState {
    /** The leader of the current term once heard from, else null. */
    String leader;

    Follower(String leader) {
      this.leader = leader;
    }

    @Override
    public Role role() {
      return Role.FOLLOWER;
    }
  }

  final class PreCandidate implements RoleState {
    final VoteTally votes = new VoteTally();

    @Override
    public Role role() {
      return Role.PRE_CANDIDATE;
    }
  }

  final class Candidate implements RoleState {
    final VoteTally votes = new VoteTally();

    @Override
    public Role role() {
      return Role.CANDIDATE;
    }
  }

  final class Leader implements RoleState {
    /** One per other member of the latest configuration, in the order they joined (deterministic iteration). */
    final LinkedHashMap<String, Progress> progress = new LinkedHashMap<>();
    int heartbeatElapsed;
    /** The member leadership is being handed to, null if none. */
    String transferee;
    boolean timeoutNowSent;
    /** Ticks before this leader starts another transfer of its own accord (after one was abandoned). */
    int transferPauseTicks;
    /**
     * Only members whose log holds this index count toward the lease: the entry appended after the
     * last abandoned transfer (0 before any); {@link ReplicationGroup#NONE} while a TimeoutNow may
     * still make another member leader.
     */
    long leaseBarrier;
    /** A replacement under way: the member to add as a log replica once the removal commits. */
    String pendingAddition;

    @Override
    public Role role() {
      return Role.LEADER;
    }
  }
}
