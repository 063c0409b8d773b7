package triad.security;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import triad.security.core.Credential;
import triad.security.core.CredentialsLookup;
import triad.security.core.Identities;

/**
 * The identities and policies the data path consults, refreshed in the background. As DynamoDB
 * caches what it gets from its identity service: a request only reads the last good state, so a
 * reload that is slow, hangs or fails never delays or fails a request; a failed reload is logged
 * and the previous state stays in force until a later reload succeeds.
 *
 * <p>The first load happens in {@link #start} and fails the start-up: a node must not serve with
 * credentials it could not read.
 */
public final class IdentityCache implements CredentialsLookup, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityCache.class);

  private final Supplier<Identities> reload;
  private final AtomicReference<Identities> current;
  private volatile ScheduledFuture<?> schedule;
  /** Written only by the (single) reload task. */
  private volatile int failuresInARow;

  private IdentityCache(Supplier<Identities> reload, Identities first) {
    this.reload = reload;
    this.current = new AtomicReference<>(first);
  }

  /**
   * Loads now, then reloads every {@code interval} on {@code scheduler}, one reload at a time.
   *
   * @param reload reads credentials and policies afresh, e.g. {@code () -> IdentitiesConfig.load(readConfig())}
   * @throws SecurityConfigException when the first load fails
   */
  public static IdentityCache start(Supplier<Identities> reload, ScheduledExecutorService scheduler, Duration interval) {
    Identities first = Objects.requireNonNull(reload.get(), "reload returned null");
    IdentityCache cache = new IdentityCache(reload, first);
    cache.logLoaded(first);
    long ms = interval.toMillis();
    cache.schedule = scheduler.scheduleWithFixedDelay(cache::refresh, ms, ms, TimeUnit.MILLISECONDS);
    return cache;
  }

  /** The last state that loaded successfully. Never blocks. */
  public Identities current() {
    return current.get();
  }

  @Override
  public Optional<Credential> find(String accessKeyId) {
    return current.get().find(accessKeyId);
  }

  /** Reloads once; on failure keeps the current state. Runs on the scheduler's thread. */
  void refresh() {
    Identities next;
    try {
      next = Objects.requireNonNull(reload.get(), "reload returned null");
    } catch (RuntimeException e) {
      failuresInARow++;
      // Messages of SecurityConfigException never hold secrets; other exceptions are summarized.
      String why = e instanceof SecurityConfigException ? e.getMessage() : e.toString();
      LOG.warn("reloading identities failed ({} in a row); still serving the last good identities: {}", failuresInARow, why);
      return;
    }
    if (failuresInARow > 0) {
      LOG.info("identities reloaded after {} failed attempts", failuresInARow);
      failuresInARow = 0;
    }
    Identities before = current.getAndSet(next);
    if (!next.equals(before)) {
      logLoaded(next);
    }
  }

  private void logLoaded(Identities identities) {
    LOG.info("identities loaded: {} access keys, policies for {} identities", identities.credentials().size(),
        identities.policies().size());
    identities.warnings().forEach(w -> LOG.warn("{}", w));
  }

  /** Stops reloading; the current state stays readable. */
  @Override
  public void close() {
    ScheduledFuture<?> s = schedule;
    if (s != null) {
      s.cancel(false);
    }
  }
}
