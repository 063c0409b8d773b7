package triad.testkit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Wing–Gong linearizability checker for histories of registers (one per key) with reads and
 * conditional writes, as clients observed them. Each key is checked on its own (linearizability is
 * local). An operation whose outcome is unknown (a timeout, a retriable error) may have taken
 * effect at any point after it started, or never.
 */
public final class Linearizability {
  /** Most operations per key the search handles (a bit set in a long). */
  public static final int OPS_PER_KEY_MAX = 63;

  private Linearizability() {}

  public enum Outcome { OK, CONDITION_FAILED, UNKNOWN }

  /**
   * A strongly consistent read that returned {@code value} (null: no item), or a conditional write
   * of {@code value} expecting {@code expected} (null: the item must not exist).
   */
  public record Op(String key, boolean read, Integer value, Integer expected, Outcome outcome, long invokedNanos, long completedNanos) {
    public static Op read(String key, Integer seen, long invoked, long completed) {
      return new Op(key, true, seen, null, Outcome.OK, invoked, completed);
    }

    public static Op write(String key, Integer value, Integer expected, Outcome outcome, long invoked, long completed) {
      return new Op(key, false, value, expected, outcome, invoked, outcome == Outcome.UNKNOWN ? Long.MAX_VALUE : completed);
    }
  }

  /** Null when every key's history is linearizable, else a description of the first that is not. */
  public static String check(List<Op> history) {
    Map<String, List<Op>> byKey = new TreeMap<>();
    for (Op op : history) {
      byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    }
    for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
      List<Op> ops = e.getValue();
      if (ops.size() > OPS_PER_KEY_MAX) {
        throw new IllegalArgumentException("key " + e.getKey() + " has " + ops.size() + " operations; at most " + OPS_PER_KEY_MAX);
      }
      if (!new Search(ops).linearizable()) {
        StringBuilder why = new StringBuilder("history of key " + e.getKey() + " is not linearizable:");
        ops.stream().sorted((a, b) -> Long.compare(a.invokedNanos(), b.invokedNanos())).forEach(op -> why.append("\n  ").append(op));
        return why.toString();
      }
    }
    return null;
  }

  private static final class Search {
    private final List<Op> ops;
    private final long mustDo;
    private final Set<State> failed = new HashSet<>();

    private record State(long done, Integer value) {}

    Search(List<Op> ops) {
      this.ops = ops;
      long required = 0;
      for (int i = 0; i < ops.size(); i++) {
        if (ops.get(i).outcome() != Outcome.UNKNOWN) {
          required |= 1L << i;
        }
      }
      this.mustDo = required;
    }

    boolean linearizable() {
      return search(0L, null);
    }

    private boolean search(long done, Integer value) {
      if ((done & mustDo) == mustDo) {
        return true;
      }
      State state = new State(done, value);
      if (failed.contains(state)) {
        return false;
      }
      // An operation may go next only if no pending operation completed before it was invoked.
      long firstCompletion = Long.MAX_VALUE;
      for (int i = 0; i < ops.size(); i++) {
        if ((done & (1L << i)) == 0) {
          firstCompletion = Math.min(firstCompletion, ops.get(i).completedNanos());
        }
      }
      for (int i = 0; i < ops.size(); i++) {
        Op op = ops.get(i);
        if ((done & (1L << i)) != 0 || op.invokedNanos() > firstCompletion) {
          continue;
        }
        long next = done | (1L << i);
        if (op.read()) {
          if (Objects.equals(op.value(), value) && search(next, value)) {
            return true;
          }
        } else if (Objects.equals(op.expected(), value)) {
          if (op.outcome() != Outcome.CONDITION_FAILED && search(next, op.value())) {
            return true;
          }
        } else if (op.outcome() != Outcome.OK && search(next, value)) {
          // A failed condition, or an unknown write that did not take effect.
          return true;
        }
      }
      failed.add(state);
      return false;
    }
  }
}
