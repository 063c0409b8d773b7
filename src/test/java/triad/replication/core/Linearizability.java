package triad.replication.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A linearizability checker for one read/write register: Wing and Gong's search with Lowe's
 * just-in-time linearization and a cache of (linearized set, register value) states, as Porcupine
 * and Knossos do it. Times are any totally ordered stamps (the simulation's event counter). A write
 * whose response never came (the client was told "maybe") may take effect at any time after its
 * invocation, or never; a read is an instant.
 */
final class Linearizability {
  /** Responded {@code Long.MAX_VALUE}: not known to have taken effect. */
  static final long UNKNOWN = Long.MAX_VALUE;

  record Op(boolean write, long value, long invoke, long response) {
    Op {
      if (response < invoke) {
        throw new IllegalArgumentException("an operation responds after it is invoked: " + invoke + " > " + response);
      }
    }

    static Op write(long value, long invoke, long response) {
      return new Op(true, value, invoke, response);
    }

    static Op read(long value, long at) {
      return new Op(false, value, at, at);
    }
  }

  private Linearizability() {}

  /**
   * Null if {@code history} is linearizable for a register that starts at {@code initial}, else a
   * description of the failure. At most {@code statesMax} states are explored (the bound); beyond
   * it the history is reported as too hard to check, which also fails.
   */
  static String check(List<Op> history, long initial, int statesMax) {
    List<Op> ops = relevant(history);
    Entry head = entries(ops);
    long state = initial;
    BitSet linearized = new BitSet(ops.size());
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    Set<CacheKey> seen = new HashSet<>();
    Entry e = head.next;
    while (head.next != null) {
      if (e.isCall()) {
        Op op = ops.get(e.id);
        boolean legal = op.write() || op.value() == state;
        long next = op.write() ? op.value() : state;
        BitSet with = (BitSet) linearized.clone();
        with.set(e.id);
        if (legal && seen.add(new CacheKey(with, next))) {
          if (seen.size() > statesMax) {
            return "more than " + statesMax + " states: too hard to check " + ops.size() + " operations";
          }
          stack.push(new Frame(e, state));
          state = next;
          linearized = with;
          e.lift();
          e = head.next;
        } else {
          e = e.next;
        }
      } else if (ops.get(e.id).response() == UNKNOWN) {
        return null; // Only writes not known to have happened remain; none has to.
      } else if (stack.isEmpty()) {
        return "not linearizable: no order explains " + ops.get(e.id) + " in " + describe(ops);
      } else {
        Frame f = stack.pop();
        state = f.state;
        linearized.clear(f.call.id);
        f.call.unlift();
        e = f.call.next;
      }
    }
    return null;
  }

  /** Writes that may not have happened and that no read saw cannot matter: leave them out. */
  private static List<Op> relevant(List<Op> history) {
    Set<Long> read = new HashSet<>();
    for (Op op : history) {
      if (!op.write()) {
        read.add(op.value());
      }
    }
    return history.stream().filter(op -> !op.write() || op.response() != UNKNOWN || read.contains(op.value())).toList();
  }

  private static String describe(List<Op> ops) {
    StringBuilder sb = new StringBuilder();
    List<Op> sorted = new ArrayList<>(ops);
    sorted.sort(Comparator.comparingLong(Op::invoke));
    for (Op op : sorted.subList(0, Math.min(sorted.size(), 60))) {
      sb.append("\n    ").append(op.write() ? "write " : "read  ").append(op.value()).append(" [").append(op.invoke()).append(", ")
          .append(op.response() == UNKNOWN ? "?" : Long.toString(op.response())).append(']');
    }
    return sb.toString();
  }

  private record Frame(Entry call, long state) {}

  private record CacheKey(BitSet linearized, long state) {}

  /** A call or return in the doubly linked list of events ordered by time. */
  private static final class Entry {
    final int id;
    final long time;
    final boolean call;
    Entry match;
    Entry prev;
    Entry next;

    Entry(int id, long time, boolean call) {
      this.id = id;
      this.time = time;
      this.call = call;
    }

    boolean isCall() {
      return call;
    }

    /** Takes this call and its return out of the list. */
    void lift() {
      prev.next = next;
      if (next != null) {
        next.prev = prev;
      }
      match.prev.next = match.next;
      if (match.next != null) {
        match.next.prev = match.prev;
      }
    }

    /** Puts them back where they were. */
    void unlift() {
      match.prev.next = match;
      if (match.next != null) {
        match.next.prev = match;
      }
      prev.next = this;
      if (next != null) {
        next.prev = this;
      }
    }
  }

  private static Entry entries(List<Op> ops) {
    List<Entry> all = new ArrayList<>(2 * ops.size());
    for (int i = 0; i < ops.size(); i++) {
      Entry call = new Entry(i, ops.get(i).invoke(), true);
      Entry ret = new Entry(i, ops.get(i).response(), false);
      call.match = ret;
      all.add(call);
      all.add(ret);
    }
    // Calls before returns at the same stamp: an instantaneous read is a call, then its return.
    all.sort(Comparator.comparingLong((Entry x) -> x.time).thenComparing(x -> !x.call).thenComparingInt(x -> x.id));
    Entry head = new Entry(-1, Long.MIN_VALUE, false);
    Entry last = head;
    for (Entry x : all) {
      last.next = x;
      x.prev = last;
      last = x;
    }
    return head;
  }
}
