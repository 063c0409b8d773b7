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
import com.fasterxml.jackson.databind.JsonNode;
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
 * Real node processes, every partition a group of three replicas in three availability zones.
 * With one node per zone: writes keep flowing while a node is killed and restarted, nothing
 * acknowledged is lost, the whole cluster comes back after a full stop, strong reads and
 * conditional writes stay linearizable, and a node cut off from the others never answers with a
 * stale value. With two nodes per zone: a killed node's replicas are rebuilt on the other node of
 * its zone and agree with their groups.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  @TempDir
  static Path dir;
  static LocalCluster cluster;
  static final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws Exception {
    // Assigned before it starts, so that a start that fails still stops the nodes that did start.
    cluster = LocalCluster.create(dir.resolve("three"), 3);
    cluster.start();
    createTable(cluster.endpoints().get(0));
  }

  static void createTable(URI endpoint) {
    try (DynamoDbClient ddb = Clients.dynamo(endpoint)) {
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

  /** Writers spread over the given nodes; each moves to the next node when one fails it. */
  static final class Writers implements AutoCloseable {
    final AtomicBoolean stop = new AtomicBoolean();
    final List<Thread> threads = new ArrayList<>();
    final ConcurrentLinkedQueue<Long> ackTimesNanos = new ConcurrentLinkedQueue<>();

    Writers(List<URI> endpoints, String prefix, int count, ConcurrentLinkedQueue<String> acknowledged) {
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
    assertAllReadable(cluster.endpoints().get(0), acknowledged);
  }

  static void assertAllReadable(URI endpoint, java.util.Collection<String> acknowledged) {
    int missing = 0;
    try (DynamoDbClient ddb = Clients.dynamo(endpoint)) {
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
    try (Writers writers = new Writers(cluster.endpoints(), "a", 6, acknowledged)) {
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

  /**
   * (b) Six nodes, two per zone. SIGKILL of the node holding the most replicas while writes go on:
   * Cluster Sharding re-creates its replicas on the other node of its zone, with no journal; each
   * joins its group as a new member, gets a copy of the leader's items and catches up. Then every
   * partition has one full replica in each zone, all three report the same applied index and
   * checksum, and every acknowledged write is readable. Runs last: this machine runs six node
   * processes, not nine, so the three-node cluster is stopped first.
   */
  @Test
  @Order(5)
  void aKilledNodesReplicasAreRebuiltOnTheOtherNodeOfItsZoneAndAgree() throws Exception {
    cluster.close();
    ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
    try (LocalCluster six = LocalCluster.create(dir.resolve("six"), 6)) {
      six.start();
      createTable(six.endpoints().get(0));
      try (Writers before = new Writers(six.endpoints(), "b", 4, written)) {
        Thread.sleep(4000);
      }
      Map<Integer, Integer> hosted = replicasPerNode(six);
      Map<Integer, Integer> leaders = six.leaders();
      // The node with the most replicas, and of those the most leaders: its loss is felt.
      int victim = hosted.keySet().stream()
          .max(java.util.Comparator.<Integer>comparingInt(hosted::get).thenComparingInt(n -> leaders.getOrDefault(n, 0)))
          .orElseThrow();
      int twin = (victim + 3) % 6;
      List<URI> survivors = new ArrayList<>(six.endpoints());
      survivors.remove(victim);
      long killedAt;
      long gap;
      long rebuiltMillis;
      try (Writers writers = new Writers(survivors, "b-", 4, written)) {
        Thread.sleep(2000);
        killedAt = System.nanoTime();
        six.node(victim).kill();
        awaitReplicas(six, 120, false);
        rebuiltMillis = (System.nanoTime() - killedAt) / 1_000_000;
        gap = writers.longestGapMillis(killedAt);
      }
      Map<String, List<JsonNode>> agreed = awaitReplicas(six, 60, true);
      long agreedMillis = (System.nanoTime() - killedAt) / 1_000_000;
      System.out.println("ClusterIT: node-" + (victim + 1) + " (" + hosted.get(victim) + " replicas, " + leaders.getOrDefault(victim, 0)
          + " leaders) killed: writes paused at most " + gap
          + " ms; its replicas were rebuilt on node-" + (twin + 1) + " and full members after " + rebuiltMillis + " ms, all replicas agreed after "
          + agreedMillis + " ms; acknowledged " + written.size());
      List<String> rebuilt = new ArrayList<>();
      for (JsonNode r : six.partitions(twin).path("partitions")) {
        rebuilt.add(r.path("member").asText());
      }
      assertTrue(rebuilt.stream().anyMatch(m -> !m.endsWith("#1")), "node-" + (twin + 1) + " hosts no new member: " + rebuilt);
      assertEquals(3, agreed.size(), "partitions: the catalog and the table's two");
      assertTrue(gap < 10_000, "writes were unavailable for " + gap + " ms");
      assertAllReadable(survivors.get(0), written);
    }
  }

  /** How many replicas each live node hosts, by node index. */
  static Map<Integer, Integer> replicasPerNode(LocalCluster c) {
    Map<Integer, Integer> out = new java.util.HashMap<>();
    for (int i = 0; i < c.size(); i++) {
      if (c.node(i).isAlive()) {
        out.put(i, c.partitions(i).path("partitions").size());
      }
    }
    return out;
  }

  /**
   * Waits until every partition has exactly one full replica in each zone on the live nodes (and,
   * with {@code agreeing}, until those three report the same applied index and checksum); returns
   * the replicas by partition.
   */
  static Map<String, List<JsonNode>> awaitReplicas(LocalCluster c, int seconds, boolean agreeing) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    Map<String, List<JsonNode>> full = Map.of();
    while (System.nanoTime() < deadline) {
      full = fullReplicas(c);
      boolean done = !full.isEmpty();
      for (List<JsonNode> replicas : full.values()) {
        long zones = replicas.stream().map(r -> r.path("zone").asText()).distinct().count();
        done &= replicas.size() == 3 && zones == 3;
        if (agreeing) {
          done &= replicas.stream().map(r -> r.path("appliedIndex").asLong() + "/" + r.path("checksum").asText()).distinct().count() == 1;
        }
      }
      if (done) {
        return full;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("replicas did not " + (agreeing ? "agree" : "become full members") + " within " + seconds + " s: " + full);
  }

  private static Map<String, List<JsonNode>> fullReplicas(LocalCluster c) {
    Map<String, List<JsonNode>> byPartition = new java.util.TreeMap<>();
    for (int i = 0; i < c.size(); i++) {
      if (!c.node(i).isAlive()) {
        continue;
      }
      for (JsonNode r : c.partitions(i).path("partitions")) {
        List<JsonNode> replicas = byPartition.computeIfAbsent(r.path("partition").asText(), p -> new ArrayList<>());
        if ("full".equals(r.path("replica").asText())) {
          replicas.add(r);
        }
      }
    }
    return byPartition;
  }
}
