package triad.replication.core;

/**
 * The leader cannot replicate to {@code to} from its log any more: the entries that member needs
 * were compacted. The member needs a copy of the item store as of some applied index at or above
 * {@code index} (the leader's compaction point), after which the log takes over again. The leader
 * stops sending entries to it and asks again (another signal) every {@code electionTicksMax}
 * ticks until the member's log reaches the compaction point.
 */
public record InstallSnapshotNeeded(String to, long index) {}
