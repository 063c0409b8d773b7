package triad.replication.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import triad.replication.core.DurableEvent.Compacted;
import triad.replication.core.DurableEvent.EntriesAppended;
import triad.replication.core.DurableEvent.HardStateChanged;
import triad.replication.core.TestCluster.Put;

class DurableLogTest {

  private static EntriesAppended append(long firstIndex, long... terms) {
    ArrayList<LogEntry> entries = new ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      entries.add(new LogEntry(terms[i], firstIndex + i, new Put("e" + (firstIndex + i) + "t" + terms[i])));
    }
    return new EntriesAppended(entries);
  }

  @Test
  void startsEmpty() {
    DurableLog log = new DurableLog();
    assertEquals(0, log.term());
    assertNull(log.votedFor());
    assertEquals(0, log.lastIndex());
    assertEquals(0, log.lastTerm());
    assertEquals(1, log.firstIndex());
    assertEquals(0, log.termAt(0));
    assertTrue(log.matches(0, 0));
  }

  @Test
  void applyMutatesAndReturnsTheSameLog() {
    DurableLog log = new DurableLog();
    assertSame(log, log.apply(new HardStateChanged(1, null)));
  }

  @Test
  void appendReplacesEverythingFromItsFirstIndex() {
    DurableLog log = new DurableLog().apply(new HardStateChanged(3, null)).apply(append(1, 1, 1, 2, 2));
    log.apply(append(3, 3));
    assertEquals(3, log.lastIndex());
    assertEquals(List.of(1L, 1L, 3L), List.of(log.termAt(1), log.termAt(2), log.termAt(3)));
    assertEquals(new Put("e3t3"), log.entry(3).command());
  }

  @Test
  void replayRebuildsTheSameLog() {
    List<DurableEvent> journal = List.of(new HardStateChanged(1, "az1"), append(1, 1, 1), new HardStateChanged(2, null),
        new HardStateChanged(2, "az2"), append(3, 2, 2), new Compacted(2, 1), append(4, 2));
    DurableLog a = new DurableLog();
    DurableLog b = new DurableLog();
    journal.forEach(a::apply);
    journal.forEach(b::apply);
    assertEquals(a.toString(), b.toString());
    assertEquals(a.entries(3, 5), b.entries(3, 5));
    assertEquals("az2", a.votedFor());
    assertEquals(2, a.compactedIndex());
    assertEquals(1, a.termAt(2));
    assertEquals(4, a.lastIndex());
  }

  @Test
  void compactionKeepsTheTermOfTheCompactionPointAndDropsTheRest() {
    DurableLog log = new DurableLog().apply(new HardStateChanged(2, null)).apply(append(1, 1, 1, 2));
    log.apply(new Compacted(2, 1));
    assertEquals(3, log.firstIndex());
    assertEquals(1, log.termAt(2));
    assertThrows(IllegalArgumentException.class, () -> log.entry(2));
    assertEquals(2, log.lastTerm());
    log.apply(new Compacted(1, 1));
    assertEquals(2, log.compactedIndex(), "an older compaction changes nothing");
    log.apply(new Compacted(9, 2));
    assertEquals(9, log.lastIndex());
    assertEquals(10, log.firstIndex());
    assertEquals(2, log.lastTerm());
    log.apply(append(10, 2));
    assertEquals(10, log.lastIndex());
  }

  @Test
  void copiesAreIndependent() {
    DurableLog log = new DurableLog().apply(new HardStateChanged(1, null)).apply(append(1, 1));
    DurableLog copy = log.copy();
    log.apply(append(2, 1));
    assertEquals(1, copy.lastIndex());
    assertEquals(2, log.lastIndex());
  }

  @Test
  void rejectsEventsNoCorrectMemberWrites() {
    DurableLog log = new DurableLog().apply(new HardStateChanged(2, "az1")).apply(append(1, 1, 2));
    assertThrows(IllegalStateException.class, () -> log.apply(new HardStateChanged(1, null)), "term going back");
    assertThrows(IllegalStateException.class, () -> log.apply(new HardStateChanged(2, "az2")), "second vote in a term");
    assertThrows(IllegalStateException.class, () -> log.apply(append(4, 2)), "gap");
    assertThrows(IllegalStateException.class, () -> log.apply(append(3, 1)), "term going back in the log");
    assertThrows(IllegalStateException.class, () -> log.apply(append(3, 3)), "entry from a future term");
    assertThrows(IllegalStateException.class, () -> log.apply(new Compacted(2, 1)), "compaction naming the wrong term");
    assertThrows(IllegalArgumentException.class, () -> log.apply(new EntriesAppended(new ArrayList<>())));
    assertEquals(2, log.lastIndex());
    assertFalse(log.matches(3, 2));
  }

  @Test
  void findsWhereLogsMayAgreeByTerm() {
    DurableLog log = new DurableLog().apply(new HardStateChanged(6, null)).apply(append(1, 1, 1, 1, 4, 4, 5, 5, 6, 6, 6));
    assertEquals(10, log.lastIndexWithTermAtMost(10, 6));
    assertEquals(7, log.lastIndexWithTermAtMost(10, 5));
    assertEquals(3, log.lastIndexWithTermAtMost(10, 3));
    assertEquals(0, log.lastIndexWithTermAtMost(10, 0));
    assertEquals(10, log.lastIndexWithTermAtMost(99, 9));
  }
}
