package triad.metadata;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import triad.metadata.core.TableDescriptor;

/**
 * A router-side cache of table descriptors over the catalog. Hits answer at once; a hit older
 * than the refresh interval also starts one background refresh, so the catalog's load follows
 * the traffic, not the cache's temperature. Versions only move forward: an older descriptor
 * never replaces a newer one. Replicas are the final word: a request routed on a stale
 * descriptor is refused there, and the router refreshes and retries.
 */
public final class MetadataCache {
  private final Catalog catalog;
  private final long refreshAfterNanos;
  private final ConcurrentHashMap<String, Cached> entries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<TableDescriptor>> inFlight = new ConcurrentHashMap<>();

  private record Cached(TableDescriptor descriptor, long fetchedAtNanos) {}

  public MetadataCache(Catalog catalog, Duration refreshAfter) {
    this.catalog = catalog;
    this.refreshAfterNanos = refreshAfter.toNanos();
  }

  /** The table's descriptor, or null when the catalog has no such table. */
  public CompletionStage<TableDescriptor> describe(String name) {
    Cached c = entries.get(name);
    if (c == null) {
      return fetch(name);
    }
    if (System.nanoTime() - c.fetchedAtNanos() > refreshAfterNanos) {
      fetch(name);
    }
    return CompletableFuture.completedFuture(c.descriptor());
  }

  /** Reads the catalog now (one request in flight per table). */
  public CompletionStage<TableDescriptor> fetch(String name) {
    CompletableFuture<TableDescriptor> mine = new CompletableFuture<>();
    CompletableFuture<TableDescriptor> existing = inFlight.putIfAbsent(name, mine);
    if (existing != null) {
      return existing;
    }
    catalog.get(name).whenComplete((d, failure) -> {
      inFlight.remove(name, mine);
      if (failure != null) {
        mine.completeExceptionally(failure);
        return;
      }
      if (d == null) {
        entries.remove(name);
      } else {
        update(d);
      }
      mine.complete(d);
    });
    return mine;
  }

  public void update(TableDescriptor d) {
    entries.merge(d.name(), new Cached(d, System.nanoTime()),
        (old, fresh) -> old.descriptor().tableId() == fresh.descriptor().tableId() && old.descriptor().version() > fresh.descriptor().version() ? old : fresh);
  }

  public void forget(String name) {
    entries.remove(name);
  }
}
