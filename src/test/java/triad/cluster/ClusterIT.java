package triad.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import triad.testkit.Clients;
import triad.testkit.LocalCluster;

/**
 * Three real node processes, one per availability zone, every partition a group of three: writes
 * keep flowing while a node is killed and restarted, nothing acknowledged is lost, the whole
 * cluster comes back after a full stop, and a node cut off from the others never answers with a
 * stale value.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.create(dir, 3).start();
    try (DynamoDbClient ddb = Clients.dynamo(cluster.endpoints().get(0))) {
      ddb.createTable(b -> b.tableName("kvs")
          .keySchema(KeySchemaElement.builder().attributeName("k").keyType(KeyType.HASH).build())
          .attributeDefinitions(AttributeDefinition.builder().attributeName("k").attributeType(ScalarAttributeType.S).build())
          .billingMode(BillingMode.PAY_PER_REQUEST));
      ddb.waiter().waitUntilTableExists(b -> b.tableName("kvs"));
    }
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Writers spread over every node; each moves to the next node when one fails it. */
  static final class Writers implements AutoCloseable {
    final AtomicBoolean stop = new AtomicBoolean();
    final List<Thread> threads = new ArrayList<>();
    final ConcurrentLinkedQueue<Long> ackTimesNanos = new ConcurrentLinkedQueue<>();

    Writers(String prefix, int count) {
      List<URI> endpoints = cluster.endpoints();
      for (int w = 0; w < count; w++) {
        int writer = w;
        Thread t = new Thread(() -> {
          int node = writer % endpoints.size();
          DynamoDbClient ddb = Clients.dynamo(endpoints.get(node));
          for (int i = 0; !stop.get(); i++) {
            String key = prefix + writer + "-" + i;
            try {
              ddb.putItem(b -> b.tableName("kvs").item(Map.of("k", AttributeValue.fromS(key), "v", AttributeValue.fromN("1"))));
              acknowledged.add(key);
              ackTimesNanos.add(System.nanoTime());
            } catch (RuntimeException e) {
              ddb.close();
              node = (node + 1) % endpoints.size();
              ddb = Clients.dynamo(endpoints.get(node));
            }
          }
          ddb.close();
        });
        t.start();
        threads.add(t);
      }
    }

    /** The longest time without any acknowledged write between {@code fromNanos} and now. */
    long longestGapMillis(long fromNanos) {
      List<Long> times = new ArrayList<>(ackTimesNanos);
      times.add(fromNanos);
      times.add(System.nanoTime());
      times.sort(Long::compare);
      long gap = 0;
      for (int i = 1; i < times.size(); i++) {
        if (times.get(i) >= fromNanos) {
          gap = Math.max(gap, times.get(i) - Math.max(times.get(i - 1), fromNanos));
        }
      }
      return gap / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
    }
  }

  static void assertAllReadable() {
    int missing = 0;
    try (DynamoDbClient ddb = Clients.dynamo(cluster.endpoints().get(0))) {
      for (String key : acknowledged) {
        if (!ddb.getItem(b -> b.tableName("kvs").key(Map.of("k", AttributeValue.fromS(key))).consistentRead(true)).hasItem()) {
          missing++;
        }
      }
    }
    assertEquals(0, missing, "acknowledged writes lost, of " + acknowledged.size());
  }

  @Test
  @Order(1)
  void killingTheNodeWithMostLeadersLosesNoAcknowledgedWrite() throws Exception {
    long killedAt;
    long window;
    try (Writers writers = new Writers("a", 6)) {
      Thread.sleep(5000);
      Map<Integer, Integer> leaders = cluster.leaders();
      int victim = leaders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      killedAt = System.nanoTime();
      cluster.node(victim).kill();
      Thread.sleep(15000);
      window = writers.longestGapMillis(killedAt);
      cluster.start();
      Thread.sleep(5000);
    }
    System.out.println("ClusterIT: write unavailability after SIGKILL of the node with most leaders: " + window + " ms; acknowledged "
        + acknowledged.size());
    assertTrue(window < 10_000, "writes were unavailable for " + window + " ms");
    assertAllReadable();
  }

  @Test
  @Order(2)
  void theWholeClusterComesBackAfterAFullStop() throws Exception {
    for (int i = 0; i < cluster.size(); i++) {
      cluster.node(i).terminate();
    }
    cluster.start();
    assertAllReadable();
  }

  /** A client that never retries on its own, so every outcome it reports is the outcome of one attempt. */
  static DynamoDbClient oneShot(URI endpoint) {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(Clients.credentials())
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder().build())
        .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(java.time.Duration.ofSeconds(10)))
        .build();
  }

  @Test
  @Order(3)
  void strongReadsAndConditionalWritesStayLinearizableWhileANodeDies() throws Exception {
    int keys = 3;
    int opsPerKey = triad.testkit.Linearizability.OPS_PER_KEY_MAX;
    java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> budget = new java.util.concurrent.ConcurrentHashMap<>();
    for (int k = 0; k < keys; k++) {
      budget.put("lin-" + k, new java.util.concurrent.atomic.AtomicInteger(opsPerKey));
    }
    ConcurrentLinkedQueue<triad.testkit.Linearizability.Op> history = new ConcurrentLinkedQueue<>();
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    List<URI> endpoints = cluster.endpoints();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      int seed = c;
      Thread t = new Thread(() -> {
        java.util.Random random = new java.util.Random(seed);
        while (budget.values().stream().anyMatch(b -> b.get() > 1)) {
          String key = "lin-" + random.nextInt(keys);
          if (budget.get(key).addAndGet(-2) < 0) {
            continue;
          }
          try (DynamoDbClient ddb = oneShot(endpoints.get(random.nextInt(endpoints.size())))) {
            Integer seen = read(ddb, key, history);
            write(ddb, key, random.nextInt(1_000_000), seen, history);
          } catch (RuntimeException unreadable) {
            // The read failed: nothing was written, and a failed read has no effect to record.
          }
          done.incrementAndGet();
        }
      });
      t.start();
      clients.add(t);
    }
    while (done.get() < keys * opsPerKey / 6) {
      Thread.sleep(20);
    }
    int victim = cluster.leaders().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    cluster.node(victim).kill();
    while (done.get() < keys * opsPerKey / 3 && clients.stream().anyMatch(Thread::isAlive)) {
      Thread.sleep(20);
    }
    cluster.start();
    for (Thread t : clients) {
      t.join();
    }
    System.out.println("ClusterIT: linearizability checked over " + history.size() + " operations");
    String verdict = triad.testkit.Linearizability.check(new ArrayList<>(history));
    assertEquals(null, verdict, verdict);
  }

  /** A strongly consistent read of {@code v}; throws when it fails (then it had no effect). */
  static Integer read(DynamoDbClient ddb, String key, ConcurrentLinkedQueue<triad.testkit.Linearizability.Op> history) {
    long start = System.nanoTime();
    var item = ddb.getItem(b -> b.tableName("kvs").key(Map.of("k", AttributeValue.fromS(key))).consistentRead(true)).item();
    Integer v = item == null || !item.containsKey("v") ? null : Integer.valueOf(item.get("v").n());
    history.add(triad.testkit.Linearizability.Op.read(key, v, start, System.nanoTime()));
    return v;
  }

  /** A conditional write of {@code v} expecting {@code expected} (null: no item yet). */
  static void write(DynamoDbClient ddb, String key, int v, Integer expected, ConcurrentLinkedQueue<triad.testkit.Linearizability.Op> history) {
    long start = System.nanoTime();
    triad.testkit.Linearizability.Outcome outcome;
    try {
      ddb.putItem(b -> {
        b.tableName("kvs").item(Map.of("k", AttributeValue.fromS(key), "v", AttributeValue.fromN(Integer.toString(v))));
        if (expected == null) {
          b.conditionExpression("attribute_not_exists(v)");
        } else {
          b.conditionExpression("v = :e").expressionAttributeValues(Map.of(":e", AttributeValue.fromN(Integer.toString(expected))));
        }
      });
      outcome = triad.testkit.Linearizability.Outcome.OK;
    } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
      outcome = triad.testkit.Linearizability.Outcome.CONDITION_FAILED;
    } catch (RuntimeException e) {
      outcome = triad.testkit.Linearizability.Outcome.UNKNOWN;
    }
    history.add(triad.testkit.Linearizability.Op.write(key, v, expected, outcome, start, System.nanoTime()));
  }

  @Test
  @Order(4)
  void aNodeCutOffFromTheOthersNeverServesAStaleValue() throws Exception {
    Map<Integer, Integer> leaders = cluster.leaders();
    int cutOff = leaders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    int other = (cutOff + 1) % cluster.size();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      keys.add("cut-" + i);
    }
    try (DynamoDbClient ddb = Clients.dynamo(cluster.endpoints().get(other))) {
      for (String k : keys) {
        ddb.putItem(b -> b.tableName("kvs").item(Map.of("k", AttributeValue.fromS(k), "v", AttributeValue.fromN("1"))));
      }
      cluster.node(cutOff).pause();
      try {
        // The majority goes on: every key gets a new value while the cut-off node sleeps.
        for (String k : keys) {
          ddb.putItem(b -> b.tableName("kvs").item(Map.of("k", AttributeValue.fromS(k), "v", AttributeValue.fromN("2"))));
        }
      } finally {
        cluster.node(cutOff).resume();
      }
    }
    int stale = 0;
    int answered = 0;
    try (DynamoDbClient isolated = oneShot(cluster.endpoints().get(cutOff))) {
      for (String k : keys) {
        try {
          var item = isolated.getItem(b -> b.tableName("kvs").key(Map.of("k", AttributeValue.fromS(k))).consistentRead(true)).item();
          answered++;
          if (!"2".equals(item.get("v").n())) {
            stale++;
          }
        } catch (RuntimeException refusedOrGone) {
          // Refusing is right for a node that may be behind.
        }
      }
    }
    System.out.println("ClusterIT: the resumed node answered " + answered + " of " + keys.size() + " strong reads, " + stale + " stale");
    assertEquals(0, stale, "strongly consistent reads answered with a stale value");
    cluster.start();
    acknowledged.addAll(keys);
    assertAllReadable();
  }
}
