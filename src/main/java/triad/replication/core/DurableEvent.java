package triad.replication.core;

import java.util.List;

/**
 * What a member persists, as journal events. Replaying a member's events in order through
 * {@link DurableLog#apply} rebuilds its {@link DurableLog}. The lists are ArrayLists so the shell's
 * serializer sees plain data.
 */
public sealed interface DurableEvent {

  /** The member's current term and whom it voted for in that term (null: nobody yet). */
  record HardStateChanged(long term, String votedFor) implements DurableEvent {}

  /**
   * Consecutive entries, never empty; they replace any entries from {@code entries.get(0).index()}
   * on (a follower drops a conflicting suffix this way).
   */
  record EntriesAppended(List<LogEntry> entries) implements DurableEvent {}

  /**
   * Entries up to {@code index} (whose term was {@code term}) are dropped: the item store durably
   * holds their effect. When {@code index} is beyond the log's end the whole log is dropped and
   * continues after {@code index} (a member restored from a copy of another's item store).
   */
  record Compacted(long index, long term) implements DurableEvent {}
}
