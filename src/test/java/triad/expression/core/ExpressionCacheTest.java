package triad.expression.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpressionCacheTest {

  @Test
  void computesOnceAndReturnsTheCachedValue() {
    ExpressionCache<Object> cache = new ExpressionCache<>(10);
    AtomicInteger computed = new AtomicInteger();
    Object first = cache.get("a", k -> {
      computed.incrementAndGet();
      return new Object();
    });
    assertSame(first, cache.get("a", k -> new Object()));
    assertEquals(1, computed.get());
  }

  @Test
  void evictsTheLeastRecentlyUsedWhenFull() {
    ExpressionCache<String> cache = new ExpressionCache<>(100);
    for (int i = 0; i < 100; i++) {
      cache.get("k" + i, k -> k);
    }
    cache.get("k0", k -> "recomputed");
    cache.get("k100", k -> k);
    assertTrue(cache.size() <= 100);
    assertEquals("k0", cache.get("k0", k -> "recomputed"), "recently used entries survive");
    assertEquals("recomputed", cache.get("k1", k -> "recomputed"), "the least recently used went first");
  }

  @Test
  void staysBoundedUnderConcurrentUse() throws Exception {
    ExpressionCache<String> cache = new ExpressionCache<>(1000);
    List<Thread> threads = new ArrayList<>();
    AtomicInteger wrong = new AtomicInteger();
    for (int t = 0; t < 4; t++) {
      int seed = t;
      threads.add(Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 20_000; i++) {
          String key = "k" + ((i * 31 + seed * 7) % 5000);
          if (!cache.get(key, k -> k).equals(key)) {
            wrong.incrementAndGet();
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(0, wrong.get());
    assertTrue(cache.size() <= 1000 + 4, "bounded, give or take the inserts racing an eviction: " + cache.size());
  }

  @Test
  void compiledExpressionsShareParsedTreesButNotBindings() {
    ExpressionContext one = Ddb.ctx("{':v':{'N':'1'}}");
    ExpressionContext two = Ddb.ctx("{':v':{'N':'2'}}");
    Condition c1 = Expressions.condition("a = :v", one);
    Condition c2 = Expressions.condition("a = :v", two);
    assertTrue(c1.test(Ddb.item("{'a':{'N':'1'}}")));
    assertTrue(c2.test(Ddb.item("{'a':{'N':'2'}}")));
  }
}
