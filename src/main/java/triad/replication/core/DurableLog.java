package triad.replication.core;

import java.util.ArrayList;
import java.util.List;
import triad.replication.core.DurableEvent.Compacted;
import triad.replication.core.DurableEvent.EntriesAppended;
import triad.replication.core.DurableEvent.HardStateChanged;

/**
 * A member's persistent protocol state: its term, its vote in that term, and its log after the
 * compaction point. It is what a member's journal replays to: the shell's event handler applies
 * each {@link DurableEvent}, on replay and live, and a {@link ReplicationGroup} starts from the
 * result.
 *
 * <p>{@link #apply} mutates this log and returns it: a log holds up to a compaction interval of
 * entries and copying it per event would make replay quadratic. The group keeps its own copy
 * (taken when it is constructed), so the shell's instance stays the shell's. Applying an event that
 * could not have come from a correct member (a term going back, a second vote in a term, entries
 * that do not attach to the log) throws: that is a bug or a corrupt journal, not a state.
 *
 * <p>Indexes start at 1. Index {@link #compactedIndex()} is the compaction point: its entry is
 * gone but its term is kept, so the entry after it can still be checked against a leader's
 * (index 0, term 0 before any compaction).
 */
public final class DurableLog {
  // Plain, non-final fields: the shell snapshots this object with its serializer.
  private long term;
  private String votedFor;
  private long compactedIndex;
  private long compactedTerm;
  private ArrayList<LogEntry> entries = new ArrayList<>();

  /** An empty log: term 0, no vote, no entries. */
  public DurableLog() {}

  /** An independent copy; entries are immutable and shared. */
  public DurableLog copy() {
    DurableLog c = new DurableLog();
    c.term = term;
    c.votedFor = votedFor;
    c.compactedIndex = compactedIndex;
    c.compactedTerm = compactedTerm;
    c.entries = new ArrayList<>(entries);
    return c;
  }

  /** Applies one event to this log (mutating it) and returns this log. */
  public DurableLog apply(DurableEvent event) {
    switch (event) {
      case HardStateChanged h -> setHardState(h.term(), h.votedFor());
      case EntriesAppended a -> append(a.entries());
      case Compacted c -> compact(c.index(), c.term());
    }
    return this;
  }

  public long term() {
    return term;
  }

  /** The member this one voted for in {@link #term()}, null if none. */
  public String votedFor() {
    return votedFor;
  }

  public long compactedIndex() {
    return compactedIndex;
  }

  public long compactedTerm() {
    return compactedTerm;
  }

  /** The index of the first entry still held (one past the compaction point). */
  public long firstIndex() {
    return compactedIndex + 1;
  }

  /** The index of the last entry; the compaction point when no entry is held. */
  public long lastIndex() {
    return compactedIndex + entries.size();
  }

  public long lastTerm() {
    return entries.isEmpty() ? compactedTerm : entries.getLast().term();
  }

  /** The term of entry {@code index}, which must be in [{@link #compactedIndex()}, {@link #lastIndex()}]. */
  public long termAt(long index) {
    if (index == compactedIndex) {
      return compactedTerm;
    }
    return entry(index).term();
  }

  /** True if this log holds (or compacted at its compaction point) an entry at {@code index} with {@code term}. */
  public boolean matches(long index, long term) {
    return index >= compactedIndex && index <= lastIndex() && termAt(index) == term;
  }

  /** The entry at {@code index}, which must be in [{@link #firstIndex()}, {@link #lastIndex()}]. */
  public LogEntry entry(long index) {
    if (index < firstIndex() || index > lastIndex()) {
      throw new IllegalArgumentException("entry " + index + " is outside the log [" + firstIndex() + ", " + lastIndex() + "]");
    }
    return entries.get(offset(index));
  }

  /** A copy of the entries in [from, toExclusive), which must lie within the held entries. */
  public List<LogEntry> entries(long from, long toExclusive) {
    if (from < firstIndex() || toExclusive > lastIndex() + 1 || from > toExclusive) {
      throw new IllegalArgumentException("entries [" + from + ", " + toExclusive + ") are outside the log [" + firstIndex() + ", " + lastIndex() + "]");
    }
    return new ArrayList<>(entries.subList(offset(from), offset(toExclusive)));
  }

  /**
   * The largest index at or below {@code index} whose term is at most {@code term}, or the
   * compaction point if there is none above it: where a leader's and a follower's logs may still
   * agree, given that the other log has {@code term} at {@code index} (fast backtracking).
   */
  long lastIndexWithTermAtMost(long index, long term) {
    long i = Math.min(index, lastIndex());
    while (i > compactedIndex && termAt(i) > term) {
      i--;
    }
    return Math.max(i, compactedIndex);
  }

  private int offset(long index) {
    return (int) (index - compactedIndex - 1);
  }

  private void setHardState(long newTerm, String newVote) {
    boolean termGoesBack = newTerm < term;
    boolean voteChanges = newTerm == term && votedFor != null && !votedFor.equals(newVote);
    if (termGoesBack || voteChanges) {
      throw new IllegalStateException("hard state (" + term + ", " + votedFor + ") cannot become (" + newTerm + ", " + newVote + ")");
    }
    term = newTerm;
    votedFor = newVote;
  }

  private void append(List<LogEntry> added) {
    if (added.isEmpty()) {
      throw new IllegalArgumentException("an append carries at least one entry");
    }
    long first = added.getFirst().index();
    if (first <= compactedIndex || first > lastIndex() + 1) {
      throw new IllegalStateException("entries from " + first + " do not attach to the log [" + firstIndex() + ", " + lastIndex() + "]");
    }
    long previousTerm = termAt(first - 1);
    for (int k = 0; k < added.size(); k++) {
      LogEntry e = added.get(k);
      if (e.index() != first + k || e.term() < previousTerm || e.term() > term) {
        throw new IllegalStateException("entry " + e.index() + " of term " + e.term() + " cannot follow term " + previousTerm
            + " at position " + (first + k) + " in term " + term);
      }
      previousTerm = e.term();
    }
    entries.subList(offset(first), entries.size()).clear();
    entries.addAll(added);
  }

  private void compact(long index, long indexTerm) {
    if (index <= compactedIndex) {
      return;
    }
    if (index <= lastIndex()) {
      if (termAt(index) != indexTerm) {
        throw new IllegalStateException("compaction at " + index + " names term " + indexTerm + " but the log has " + termAt(index));
      }
      entries.subList(0, offset(index) + 1).clear();
    } else {
      entries.clear();
    }
    compactedIndex = index;
    compactedTerm = indexTerm;
  }

  @Override
  public String toString() {
    return "DurableLog[term=" + term + ", votedFor=" + votedFor + ", compacted=" + compactedIndex + "@" + compactedTerm
        + ", last=" + lastIndex() + "@" + lastTerm() + "]";
  }
}
