package triad.replication.core;

import java.util.List;

/**
 * A replication group's limits and timers. Times are in ticks: the shell calls
 * {@link ReplicationGroup#tick()} at a fixed interval.
 *
 * @param electionTicksMin a follower that heard nothing from a leader for a randomized timeout in
 *     [min, max] ticks starts an election; a leader that did not hear from a quorum within min ticks
 *     steps down (check-quorum); a member that heard from its leader within min ticks (or restarted
 *     within min ticks) refuses to vote for anyone else, which is what a lease relies on
 * @param electionTicksMax the upper end of the randomized election timeout
 * @param heartbeatTicks a leader sends heartbeats every this many ticks; must be below the lease
 * @param clockDriftTicksMax the bound on how far members' tick clocks drift apart, including the
 *     phase of one tick: from any instant on, no member's {@code (electionTicksMin -
 *     clockDriftTicksMax)}-th tick comes later than any other member's {@code electionTicksMin}-th
 *     tick. A lease lasts {@link #leaseTicks()}; docs/replication.md derives the value from the
 *     tick interval and the clocks' rate error
 * @param maxEntriesPerAppend the most entries one AppendEntries message carries
 * @param maxInflightAppends the most AppendEntries messages in flight to one follower
 * @param maxUncommittedEntries proposals are refused (Overloaded) while this many entries are
 *     uncommitted
 * @param maxCommittedPerReady the most committed entries one Ready hands to the shell to apply
 * @param zones the availability zones groups place members in; a replica that is not a member
 *     asks the replicas of these zones to admit it
 */
public record GroupSettings(int electionTicksMin, int electionTicksMax, int heartbeatTicks, int clockDriftTicksMax,
    int maxEntriesPerAppend, int maxInflightAppends, long maxUncommittedEntries, int maxCommittedPerReady, List<String> zones) {

  public GroupSettings {
    require(heartbeatTicks >= 1, "heartbeatTicks must be at least 1");
    require(electionTicksMin > heartbeatTicks, "electionTicksMin must exceed heartbeatTicks");
    require(electionTicksMax >= electionTicksMin, "electionTicksMax must be at least electionTicksMin");
    require(clockDriftTicksMax >= 1 && clockDriftTicksMax < electionTicksMin, "clockDriftTicksMax must be in [1, electionTicksMin)");
    require(heartbeatTicks < electionTicksMin - clockDriftTicksMax, "heartbeatTicks must be below the lease (electionTicksMin - clockDriftTicksMax)");
    require(maxEntriesPerAppend >= 1, "maxEntriesPerAppend must be at least 1");
    require(maxInflightAppends >= 1, "maxInflightAppends must be at least 1");
    require(maxUncommittedEntries >= 1, "maxUncommittedEntries must be at least 1");
    require(maxCommittedPerReady >= 1, "maxCommittedPerReady must be at least 1");
    zones = List.copyOf(zones);
  }

  /** How long a leader's lease lasts, in its own ticks, from the heartbeat a quorum acknowledged. */
  public int leaseTicks() {
    return electionTicksMin - clockDriftTicksMax;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
