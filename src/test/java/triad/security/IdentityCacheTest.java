package triad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import triad.security.core.Credential;
import triad.security.core.CredentialStore;
import triad.security.core.Identities;
import triad.security.core.Identity;

/** Reloads never block or break the data path; the last good state keeps serving. */
class IdentityCacheTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void theFirstLoadFailsTheStart() {
    Supplier<Identities> broken = () -> {
      throw new SecurityConfigException("creds line 3: nope");
    };
    assertEquals("creds line 3: nope",
        assertThrows(SecurityConfigException.class, () -> IdentityCache.start(broken, scheduler, Duration.ofHours(1))).getMessage());
  }

  @Test
  void aFailedReloadKeepsTheLastGoodStateAndALaterOneReplacesIt() {
    AtomicReference<Supplier<Identities>> source = new AtomicReference<>(() -> identities("AKIDONE"));
    try (IdentityCache cache = IdentityCache.start(() -> source.get().get(), scheduler, Duration.ofHours(1))) {
      Identities first = cache.current();
      source.set(() -> {
        throw new IllegalStateException("disk on fire");
      });
      cache.refresh();
      cache.refresh();
      assertSame(first, cache.current());
      assertTrue(cache.find("AKIDONE").isPresent());
      source.set(() -> identities("AKIDTWO"));
      cache.refresh();
      assertTrue(cache.find("AKIDONE").isEmpty());
      assertTrue(cache.find("AKIDTWO").isPresent());
    }
  }

  @Test
  void aHangingReloadDoesNotBlockReaders() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Supplier<Identities> slow = () -> {
      if (calls.incrementAndGet() == 1) {
        return identities("AKIDONE");
      }
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return identities("AKIDTWO");
    };
    try (IdentityCache cache = IdentityCache.start(slow, scheduler, Duration.ofMillis(10))) {
      assertTrue(entered.await(10, TimeUnit.SECONDS), "the scheduler never reloaded");
      assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
        for (int i = 0; i < 1000; i++) {
          assertTrue(cache.find("AKIDONE").isPresent());
        }
      });
      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (cache.find("AKIDTWO").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(cache.find("AKIDTWO").isPresent());
    }
  }

  @Test
  void closeStopsReloading() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    IdentityCache cache = IdentityCache.start(() -> {
      calls.incrementAndGet();
      return identities("AKIDONE");
    }, scheduler, Duration.ofMillis(5));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (calls.get() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    cache.close();
    Thread.sleep(50);
    int after = calls.get();
    Thread.sleep(100);
    assertEquals(after, calls.get());
    assertTrue(cache.find("AKIDONE").isPresent());
  }

  private static Identities identities(String accessKeyId) {
    return new Identities(CredentialStore.of(List.of(new Credential(new Identity("alice", "000000000000", accessKeyId), SECRET))),
        Map.of());
  }
}
