package triad.expression.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A bounded, thread-safe map from expression text to its parsed form, evicting the least
 * recently used entries. Lookups take no lock; when an insert pushes the size past the bound, one
 * thread at a time evicts the least recently used tenth (recency is a logical use counter, not a
 * clock), so eviction costs O(n log n) once per n/10 inserts. The size can exceed the bound by
 * at most the number of threads inserting while an eviction finishes.
 *
 * @param <V> the cached value; computing it must not throw
 */
final class ExpressionCache<V> {
  private final int entriesMax;
  private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
  private final AtomicLong uses = new AtomicLong();
  private final ReentrantLock evicting = new ReentrantLock();

  private static final class Entry<V> {
    final V value;
    volatile long lastUse;

    Entry(V value) {
      this.value = value;
    }
  }

  ExpressionCache(int entriesMax) {
    if (entriesMax < 1) {
      throw new IllegalArgumentException("entriesMax must be positive: " + entriesMax);
    }
    this.entriesMax = entriesMax;
  }

  V get(String key, Function<String, V> compute) {
    long use = uses.incrementAndGet();
    Entry<V> e = entries.get(key);
    if (e != null) {
      e.lastUse = use;
      return e.value;
    }
    e = entries.computeIfAbsent(key, k -> new Entry<>(compute.apply(k)));
    e.lastUse = use;
    if (entries.size() > entriesMax) {
      evict();
    }
    return e.value;
  }

  int size() {
    return entries.size();
  }

  /**
   * Removes the least recently used tenth (at least down to the bound), again until within the
   * bound, so inserts racing an eviction are caught by the next round. Victims are chosen from a
   * snapshot of use counts and removed even if used since: progress never depends on quiet.
   */
  private void evict() {
    if (!evicting.tryLock()) {
      return;
    }
    try {
      while (entries.size() > entriesMax) {
        List<Use> snapshot = new ArrayList<>(entries.size());
        entries.forEach((key, entry) -> snapshot.add(new Use(entry.lastUse, key)));
        snapshot.sort(Comparator.comparingLong(Use::lastUse));
        int evictCount = Math.min(snapshot.size(), Math.max(entries.size() - entriesMax, entriesMax / 10));
        for (int i = 0; i < evictCount; i++) {
          entries.remove(snapshot.get(i).key());
        }
      }
    } finally {
      evicting.unlock();
    }
  }

  private record Use(long lastUse, String key) {}
}
