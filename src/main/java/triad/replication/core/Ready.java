package triad.replication.core;

import java.util.List;

/**
 * What the shell must do next, handed out by {@link ReplicationGroup#ready()}. The shell's loop,
 * followed exactly:
 *
 * <ol>
 *   <li>Persist {@link #toPersist()} as journal events, all in one journal write (skip the write
 *       if there are none). The shell's event handler applies each event to its
 *       {@link DurableLog}, live and on replay.
 *   <li>Send {@link #messages()}. They may depend on this Ready's events (a vote, an
 *       acknowledgement of entries), which is why they leave only after the write.
 *   <li>Apply {@link #committed()} to the item store, in order (a {@link Membership} or
 *       {@link Noop} entry changes no item). They may include entries this Ready persists: they
 *       are committed once the write is done. Also start the snapshot transfers in
 *       {@link #snapshotsNeeded()}, at most one per member at a time.
 *   <li>Call {@link ReplicationGroup#advance(Ready)} with this Ready.
 * </ol>
 *
 * <p>The shell calls {@code ready()} only when {@link ReplicationGroup#hasReady()}. Between
 * {@code ready()} and {@code advance} it may go on calling {@code tick}, {@code step} and
 * {@code propose}; what they produce goes into the next Ready, which {@code hasReady()} offers only
 * after the advance. A crash anywhere in the loop is safe: what was not persisted is lost, and
 * nothing that depended on it left the member.
 *
 * @param toPersist events to persist, in order: the hard state first, then a log reset (a seed or
 *     an installed snapshot), then entries, then a compaction
 * @param messages messages to peers
 * @param committed entries to apply, consecutive, starting right after the applied index
 * @param snapshotsNeeded members the leader can no longer replicate to from its log
 */
public record Ready(List<DurableEvent> toPersist, List<Outbound> messages, List<LogEntry> committed,
    List<InstallSnapshotNeeded> snapshotsNeeded) {}
