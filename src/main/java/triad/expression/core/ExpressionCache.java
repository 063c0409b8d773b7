package triad.expression.core;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A bounded, thread-safe map from expression text to its parsed form, evicting the least
 * recently used entries. Lookups take no lock; when an insert pushes the size past the bound, one
 * thread at a time evicts the least recently used tenth (recency is a logical use counter, not a
 * clock), so eviction costs O(n log n) once per n/10 inserts.
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

  private void evict() {
    if (!evicting.tryLock()) {
      return;
    }
    try {
      int excess = entries.size() - entriesMax;
      if (excess <= 0) {
        return;
      }
      long[] lastUses = entries.values().stream().mapToLong(en -> en.lastUse).toArray();
      Arrays.sort(lastUses);
      int evictCount = Math.min(lastUses.length, Math.max(excess, entriesMax / 10));
      long newestEvicted = lastUses[evictCount - 1];
      entries.values().removeIf(en -> en.lastUse <= newestEvicted);
    } finally {
      evicting.unlock();
    }
  }
}
