package triad.replication.core;

/**
 * A replication group's limits and timers. Times are in ticks: the shell calls
 * {@link ReplicationGroup#tick()} at a fixed interval.
 *
 * @param electionTicksMin a follower that heard nothing from a leader for a randomized timeout in
 *     [min, max] ticks starts an election; a leader that did not hear from a quorum within min ticks
 *     steps down (check-quorum); a follower that heard from its leader within min ticks ignores
 *     candidates (so a member cut off from the leader cannot depose it)
 * @param electionTicksMax the upper end of the randomized election timeout
 * @param heartbeatTicks a leader sends heartbeats every this many ticks; must be below
 *     {@code electionTicksMin}
 * @param maxEntriesPerAppend the most entries one AppendEntries message carries
 * @param maxInflightAppends the most AppendEntries messages in flight to one follower
 * @param maxUncommittedEntries proposals are refused (Overloaded) while this many entries are
 *     uncommitted
 * @param maxCommittedPerReady the most committed entries one Ready hands to the shell to apply
 */
public record GroupSettings(int electionTicksMin, int electionTicksMax, int heartbeatTicks, int maxEntriesPerAppend,
    int maxInflightAppends, long maxUncommittedEntries, int maxCommittedPerReady) {

  public GroupSettings {
    require(heartbeatTicks >= 1, "heartbeatTicks must be at least 1");
    require(electionTicksMin > heartbeatTicks, "electionTicksMin must exceed heartbeatTicks");
    require(electionTicksMax >= electionTicksMin, "electionTicksMax must be at least electionTicksMin");
    require(maxEntriesPerAppend >= 1, "maxEntriesPerAppend must be at least 1");
    require(maxInflightAppends >= 1, "maxInflightAppends must be at least 1");
    require(maxUncommittedEntries >= 1, "maxUncommittedEntries must be at least 1");
    require(maxCommittedPerReady >= 1, "maxCommittedPerReady must be at least 1");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
