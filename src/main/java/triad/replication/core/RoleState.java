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
    /** One per other voter, in membership order (deterministic iteration). */
    final LinkedHashMap<String, Progress> progress = new LinkedHashMap<>();
    int heartbeatElapsed;
    /** The member leadership is being handed to, null if none. */
    String transferee;
    boolean timeoutNowSent;

    @Override
    public Role role() {
      return Role.LEADER;
    }
  }
}
