package triad.replication.core;

/**
 * Member {@code to} needs a copy of the leader's item store, as of some applied index at or above
 * {@code index} (the leader's compaction point), stamped with {@link ReplicationGroup#appliedPoint()};
 * the receiving shell hands the point to {@link ReplicationGroup#snapshotInstalled}. Two cases: a
 * member the leader can no longer replicate to from its log (the entries it needs were compacted;
 * nothing is sent to it meanwhile), and a log replica that holds only the log (it goes on
 * receiving entries, and is promoted to a full replica once the copy is installed). The leader
 * asks again (another signal) every {@code electionTicksMax} ticks until then; the shell keeps at
 * most one transfer per member running and ignores signals for a member it is already copying to.
 */
public record InstallSnapshotNeeded(String to, long index) {}
