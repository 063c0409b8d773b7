package triad.replication.core;

import java.util.List;

/**
 * What a member persists, as journal events. Replaying a member's events in order through
 * {@link DurableLog#apply} rebuilds its {@link DurableLog}. The lists are ArrayLists so the shell's
 * serializer sees plain data.
 */
public sealed interface DurableEvent {

  /**
   * The first event of every journal, written by the shell before the core starts: binds the
   * journal to member id {@code self} for good. {@code membership} is the group's founding
   * configuration for a member created with its group (its empty item store is its state at index
   * 0), or null for a replica created to join an existing group, which has no item state and no
   * configuration until the group admits it.
   */
  record MemberCreated(String self, Membership membership) implements DurableEvent {}

  /** The member's current term and whom it voted for in that term (null: nobody yet). */
  record HardStateChanged(long term, String votedFor) implements DurableEvent {}

  /**
   * Consecutive entries, never empty; they replace any entries from {@code entries.get(0).index()}
   * on (a follower drops a conflicting suffix this way).
   */
  record EntriesAppended(List<LogEntry> entries) implements DurableEvent {}

  /**
   * Entries up to {@code index} (whose term was {@code term}) are dropped: the item store durably
   * holds their effect. {@code membership} is the configuration as of {@code index}.
   */
  record Compacted(long index, long term, Membership membership) implements DurableEvent {}

  /**
   * The item store was replaced by a copy of another member's, as of {@code index} (of
   * {@code term}, under {@code membership}). The log keeps its entries after {@code index} if it
   * holds that entry; otherwise it is dropped and continues after {@code index}.
   */
  record SnapshotInstalled(long index, long term, Membership membership) implements DurableEvent {}

  /**
   * A log replica that held nothing was given the start of its log by the leader: the log
   * continues after {@code index} (of {@code term}, under {@code membership}). The member holds no
   * item state for the entries up to {@code index}; they were committed before it joined.
   */
  record LogSeeded(long index, long term, Membership membership) implements DurableEvent {}
}
