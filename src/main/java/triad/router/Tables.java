package triad.router;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import triad.item.core.DbException;
import triad.metadata.MetadataCache;
import triad.metadata.TableAdmin;
import triad.metadata.core.TableDescriptor;
import triad.metadata.core.TableStatus;

/**
 * Finds the table a data-plane request names, through the node's metadata cache. A table that
 * is still CREATING is waited for (briefly) instead of refused: see docs/compatibility.md.
 */
final class Tables {
  private final MetadataCache cache;
  private final TableAdmin admin;
  private final Duration creatingWait;

  Tables(MetadataCache cache, TableAdmin admin, Duration creatingWait) {
    this.cache = cache;
    this.admin = admin;
    this.creatingWait = creatingWait;
  }

  CompletionStage<TableDescriptor> active(String name) {
    return cache.describe(name).thenCompose(d -> usable(name, d, true));
  }

  /** After a replica said the table it holds is not this one: read the catalog again. */
  CompletionStage<TableDescriptor> refreshed(String name) {
    return cache.fetch(name).thenCompose(d -> usable(name, d, false));
  }

  private CompletionStage<TableDescriptor> usable(String name, TableDescriptor d, boolean mayBeStale) {
    if (d == null) {
      throw notFound();
    }
    return switch (d.status()) {
      case ACTIVE, UPDATING -> CompletableFuture.completedFuture(d);
      case DELETING -> throw notFound();
      case CREATING -> {
        CompletionStage<TableDescriptor> activation = admin.activation(name);
        if (activation == null) {
          yield mayBeStale ? refreshed(name) : pollUntilActive(name, System.nanoTime() + creatingWait.toNanos());
        }
        yield activation.toCompletableFuture().orTimeout(creatingWait.toMillis(), TimeUnit.MILLISECONDS)
            .exceptionally(e -> {
              throw notFound();
            });
      }
    };
  }

  private CompletionStage<TableDescriptor> pollUntilActive(String name, long deadlineNanos) {
    return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS))
        .thenCompose(x -> cache.fetch(name))
        .thenCompose(d -> {
          if (d != null && d.status() == TableStatus.CREATING && System.nanoTime() < deadlineNanos) {
            return pollUntilActive(name, deadlineNanos);
          }
          if (d == null || d.status() == TableStatus.CREATING || d.status() == TableStatus.DELETING) {
            throw notFound();
          }
          return CompletableFuture.completedFuture(d);
        });
  }

  static DbException notFound() {
    return DbException.notFound("Requested resource not found");
  }
}
