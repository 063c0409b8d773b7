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
}
