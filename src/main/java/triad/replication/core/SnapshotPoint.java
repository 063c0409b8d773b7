package triad.replication.core;

/**
 * Where a copy of a member's item store stands: it holds the effect of every entry up to
 * {@code index} (of {@code term}), under {@code membership} (the configuration as of
 * {@code index}). The shell that sends a snapshot takes it from {@link ReplicationGroup#appliedPoint()}
 * together with the copy; the shell that receives it hands it to
 * {@link ReplicationGroup#snapshotInstalled}.
 */
public record SnapshotPoint(long index, long term, Membership membership) {}
