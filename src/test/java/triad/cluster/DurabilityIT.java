package triad.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import triad.testkit.Clients;
import triad.testkit.NodeProcess;

/**
 * A node as a real process, killed with SIGKILL while writers are busy, restarted on the same
 * data directory: every acknowledged write and the table catalog are back.
 */
class DurabilityIT {
  @TempDir
  Path dir;

  @Test
  void acknowledgedWritesSurviveSigkill() throws Exception {
    try (NodeProcess node = NodeProcess.singleNode(dir, "").start()) {
      ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
      try (DynamoDbClient ddb = Clients.dynamo(node.endpoint())) {
        ddb.createTable(b -> b.tableName("durable")
            .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
            .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
            .billingMode(BillingMode.PAY_PER_REQUEST));
        ddb.waiter().waitUntilTableExists(b -> b.tableName("durable"));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
          int writer = w;
          futures.add(writers.submit(() -> {
            for (int i = 0; !stop.get(); i++) {
              String key = "w" + writer + "-" + i;
              try {
                ddb.putItem(b -> b.tableName("durable").item(Map.of("pk", av(key), "payload", av("x".repeat(100)))));
                acknowledged.add(key);
              } catch (RuntimeException e) {
                return;
              }
            }
          }));
        }
        while (acknowledged.size() < 2000) {
          Thread.sleep(10);
        }
        node.kill();
        stop.set(true);
        writers.shutdown();
        for (Future<?> f : futures) {
          f.get();
        }
      }
      assertTrue(acknowledged.size() >= 2000);
      node.start();
      try (DynamoDbClient ddb = Clients.dynamo(node.endpoint())) {
        assertEquals(TableStatus.ACTIVE, ddb.describeTable(b -> b.tableName("durable")).table().tableStatus());
        int missing = 0;
        for (String key : acknowledged) {
          if (!ddb.getItem(b -> b.tableName("durable").key(Map.of("pk", av(key))).consistentRead(true)).hasItem()) {
            missing++;
          }
        }
        assertEquals(0, missing, "acknowledged writes lost after SIGKILL, of " + acknowledged.size());
        node.terminate();
        assertTrue(java.nio.file.Files.readString(node.log()).contains("TriadDB stopped"), "SIGTERM shuts the node down cleanly");
      }
    }
  }

  private static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String s) {
    return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s);
  }
}
