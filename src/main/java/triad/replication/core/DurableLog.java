package triad.replication.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import triad.replication.core.DurableEvent.Compacted;
import triad.replication.core.DurableEvent.EntriesAppended;
import triad.replication.core.DurableEvent.HardStateChanged;
import triad.replication.core.DurableEvent.LogSeeded;
import triad.replication.core.DurableEvent.MemberCreated;
import triad.replication.core.DurableEvent.SnapshotInstalled;

/**
 * A member's persistent protocol state: its id, its term, its vote in that term, whether its item
 * store holds its state, and its log after the compaction point with the configuration as of that
 * point. It is what a member's journal replays to: the shell's event handler applies each
 * {@link DurableEvent}, on replay and live, and a {@link ReplicationGroup} starts from the result.
 *
 * <p>{@link #apply} mutates this log and returns it: a log holds up to a compaction interval of
 * entries and copying it per event would make replay quadratic. The group keeps its own copy
 * (taken when it is constructed), so the shell's instance stays the shell's. Applying an event that
 * could not have come from a correct member (a term going back, a second vote in a term, entries
 * that do not attach to the log, a second identity) throws: that is a bug or a corrupt journal, not
 * a state.
 *
 * <p>Indexes start at 1. Index {@link #compactedIndex()} is the compaction point: its entry is
 * gone but its term and configuration are kept, so the entry after it can still be checked against
 * a leader's (index 0, term 0 before any compaction).
 */
public final class DurableLog {
  // Plain, non-final fields: the shell snapshots this object with its serializer.
  private String self;
  private long term;
  private String votedFor;
  private boolean itemState;
  private long compactedIndex;
  private long compactedTerm;
  private Membership compactedMembership;
  private ArrayList<LogEntry> entries = new ArrayList<>();
  // Derived from the above: the latest configuration and the index of the entry that set it (at
  // most the compaction point when it comes from there).
  private Membership membership;
  private long membershipIndex;

  /** An empty log with no identity yet: its first event must be {@link MemberCreated}. */
  public DurableLog() {}

  /** An independent copy; entries are immutable and shared. */
  public DurableLog copy() {
    DurableLog c = new DurableLog();
    c.self = self;
    c.term = term;
    c.votedFor = votedFor;
    c.itemState = itemState;
    c.compactedIndex = compactedIndex;
    c.compactedTerm = compactedTerm;
    c.compactedMembership = compactedMembership;
    c.entries = new ArrayList<>(entries);
    c.membership = membership;
    c.membershipIndex = membershipIndex;
    return c;
  }

  /** Applies one event to this log (mutating it) and returns this log. */
  public DurableLog apply(DurableEvent event) {
    switch (event) {
      case MemberCreated m -> create(m.self(), m.membership());
      case HardStateChanged h -> setHardState(h.term(), h.votedFor());
      case EntriesAppended a -> append(a.entries());
      case Compacted c -> compact(c.index(), c.term(), c.membership());
      case SnapshotInstalled s -> installSnapshot(s.index(), s.term(), s.membership());
      case LogSeeded s -> seed(s.index(), s.term(), s.membership());
    }
    return this;
  }

  /** The member id this journal is bound to; null before {@link MemberCreated}. */
  public String self() {
    return self;
  }

  public long term() {
    return term;
  }

  /** The member this one voted for in {@link #term()}, null if none. */
  public String votedFor() {
    return votedFor;
  }

  /**
   * Whether the item store holds this member's state up to the compaction point (and so can apply
   * the entries after it): true for founding members and once a snapshot is installed; false for
   * a replica that joined and has not been given a copy of the item store yet.
   */
  public boolean itemState() {
    return itemState;
  }

  public long compactedIndex() {
    return compactedIndex;
  }

  public long compactedTerm() {
    return compactedTerm;
  }

  /** The configuration as of the compaction point; null for a joining replica that has none. */
  public Membership compactedMembership() {
    return compactedMembership;
  }

  /** The latest configuration in this log (committed or not); null for a replica that has none. */
  public Membership membership() {
    return membership;
  }

  /** The index of the entry that set {@link #membership()}, at most the compaction point if none is held. */
  public long membershipIndex() {
    return membershipIndex;
  }

  /**
   * The configuration as of {@code index}, which must be in [{@link #compactedIndex()},
   * {@link #lastIndex()}]; null if this log does not know it (a joiner, before its first
   * configuration entry).
   */
  public Membership membershipAt(long index) {
    if (index >= membershipIndex) {
      requireHeld(index);
      return membership;
    }
    for (long i = index; i > compactedIndex; i--) {
      if (entry(i).command() instanceof Membership m) {
        return m;
      }
    }
    requireHeld(index);
    return compactedMembership;
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

  private void requireHeld(long index) {
    if (index < compactedIndex || index > lastIndex()) {
      throw new IllegalArgumentException("index " + index + " is outside the log [" + compactedIndex + ", " + lastIndex() + "]");
    }
  }

  private void create(String id, Membership founding) {
    if (self != null || term != 0 || compactedIndex != 0 || !entries.isEmpty()) {
      throw new IllegalStateException("a journal is created once, first: " + this);
    }
    if (founding != null && !founding.contains(id)) {
      throw new IllegalStateException(id + " is not a member of its founding configuration " + founding);
    }
    self = Objects.requireNonNull(id, "self");
    itemState = founding != null;
    compactedMembership = founding;
    membership = founding;
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
    if (first <= membershipIndex) {
      findMembership();
    } else {
      for (LogEntry e : added) {
        if (e.command() instanceof Membership m) {
          membership = m;
          membershipIndex = e.index();
        }
      }
    }
  }

  private void compact(long index, long indexTerm, Membership asOfIndex) {
    if (index <= compactedIndex) {
      return;
    }
    if (!itemState || index > lastIndex()) {
      throw new IllegalStateException("only a member with item state compacts, within its log: " + index + " in " + this);
    }
    if (termAt(index) != indexTerm || !membershipAt(index).equals(asOfIndex)) {
      throw new IllegalStateException("compaction at " + index + " names term " + indexTerm + " and " + asOfIndex + " but the log has "
          + termAt(index) + " and " + membershipAt(index));
    }
    dropThrough(index, indexTerm, asOfIndex);
  }

  private void installSnapshot(long index, long indexTerm, Membership asOfIndex) {
    if (index < compactedIndex || (itemState && index == compactedIndex)) {
      throw new IllegalStateException("a snapshot at " + index + " is not beyond " + this);
    }
    if (matches(index, indexTerm)) {
      // A joiner that got the log from index 1 knows no configuration before its first entry.
      Membership held = membershipAt(index);
      if (held != null && !held.equals(asOfIndex)) {
        throw new IllegalStateException("a snapshot at " + index + " names " + asOfIndex + " but the log has " + membershipAt(index));
      }
      dropThrough(index, indexTerm, asOfIndex);
    } else {
      entries.clear();
      compactedIndex = index;
      compactedTerm = indexTerm;
      compactedMembership = asOfIndex;
      membership = asOfIndex;
      membershipIndex = index;
    }
    itemState = true;
  }

  private void seed(long index, long indexTerm, Membership asOfIndex) {
    if (itemState || lastIndex() != 0) {
      throw new IllegalStateException("only a log that holds nothing is seeded: " + this);
    }
    compactedIndex = index;
    compactedTerm = indexTerm;
    compactedMembership = asOfIndex;
    membership = asOfIndex;
    membershipIndex = index;
  }

  private void dropThrough(long index, long indexTerm, Membership asOfIndex) {
    entries.subList(0, offset(index) + 1).clear();
    compactedIndex = index;
    compactedTerm = indexTerm;
    compactedMembership = asOfIndex;
  }

  private void findMembership() {
    for (long i = lastIndex(); i > compactedIndex; i--) {
      if (entry(i).command() instanceof Membership m) {
        membership = m;
        membershipIndex = i;
        return;
      }
    }
    membership = compactedMembership;
    membershipIndex = compactedIndex;
  }

  @Override
  public String toString() {
    return "DurableLog[" + self + " term=" + term + ", votedFor=" + votedFor + (itemState ? "" : ", no item state") + ", compacted="
        + compactedIndex + "@" + compactedTerm + ", last=" + lastIndex() + "@" + lastTerm() + ", membership=" + membership + "@"
        + membershipIndex + "]";
  }
}
