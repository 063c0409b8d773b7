package triad.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionSizeLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import triad.testkit.InJvmNode;

/** Local secondary indexes through the AWS SDK: maintained with every write, read by Query and Scan. */
class LocalIndexTest {
  @TempDir
  static Path data;
  static InJvmNode node;
  static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    node = InJvmNode.start(data, "triad.tables.item-collection-bytes-max = 3000");
    ddb = node.client();
    ddb.createTable(b -> b.tableName("orders")
        .keySchema(key("customer", KeyType.HASH), key("order", KeyType.RANGE))
        .attributeDefinitions(def("customer", ScalarAttributeType.S), def("order", ScalarAttributeType.N), def("total", ScalarAttributeType.N),
            def("status", ScalarAttributeType.S))
        .localSecondaryIndexes(
            LocalSecondaryIndex.builder().indexName("byTotal").keySchema(key("customer", KeyType.HASH), key("total", KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build(),
            LocalSecondaryIndex.builder().indexName("byStatus").keySchema(key("customer", KeyType.HASH), key("status", KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes("total").build()).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
    ddb.waiter().waitUntilTableExists(b -> b.tableName("orders"));
    for (int i = 1; i <= 12; i++) {
      int order = i;
      ddb.putItem(b -> b.tableName("orders").item(Map.of("customer", s("ann"), "order", n(order), "total", n((order * 7) % 13),
          "status", s(order % 3 == 0 ? "shipped" : "open"), "note", s("n" + order))));
    }
    ddb.putItem(b -> b.tableName("orders").item(Map.of("customer", s("bob"), "order", n(1), "note", s("no total, no status"))));
  }

  @AfterAll
  static void stop() {
    ddb.close();
    node.close();
  }

  static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  static AttributeDefinition def(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(int v) {
    return AttributeValue.fromN(Integer.toString(v));
  }

  @Test
  void aQueryOfAnIndexIsOrderedByTheIndexKeyAndPagesThroughIt() {
    List<String> totals = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> esk = start;
      QueryResponse r = ddb.query(b -> b.tableName("orders").indexName("byTotal").keyConditionExpression("customer = :c AND #t >= :min")
          .expressionAttributeNames(Map.of("#t", "total")).expressionAttributeValues(Map.of(":c", s("ann"), ":min", n(3))).limit(4)
          .exclusiveStartKey(esk));
      r.items().forEach(i -> {
        assertEquals(3, i.size(), "KEYS_ONLY holds the table's and the index's keys: " + i);
        totals.add(i.get("total").n());
      });
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
      if (start != null) {
        assertEquals(3, start.size(), "an index's LastEvaluatedKey names the table's keys and the index key");
      }
    } while (start != null);
    List<Integer> sorted = totals.stream().map(Integer::valueOf).sorted().toList();
    assertEquals(sorted, totals.stream().map(Integer::valueOf).toList());
    int expected = ddb.query(b -> b.tableName("orders").keyConditionExpression("customer = :c").filterExpression("#t >= :min")
        .expressionAttributeNames(Map.of("#t", "total")).expressionAttributeValues(Map.of(":c", s("ann"), ":min", n(3)))).count();
    assertEquals(expected, totals.size());
  }

  @Test
  void updatesMoveEntriesAndDeletesRemoveThem() {
    ddb.updateItem(b -> b.tableName("orders").key(Map.of("customer", s("ann"), "order", n(3))).updateExpression("SET #s = :s")
        .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("returned"))));
    ddb.deleteItem(b -> b.tableName("orders").key(Map.of("customer", s("ann"), "order", n(6))));
    QueryResponse shipped = ddb.query(b -> b.tableName("orders").indexName("byStatus").keyConditionExpression("customer = :c AND #s = :s")
        .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":c", s("ann"), ":s", s("shipped"))));
    assertEquals(List.of("9", "12"), shipped.items().stream().map(i -> i.get("order").n()).toList());
    QueryResponse returned = ddb.query(b -> b.tableName("orders").indexName("byStatus").keyConditionExpression("customer = :c AND #s = :s")
        .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":c", s("ann"), ":s", s("returned"))));
    assertEquals(1, returned.count());
    assertTrue(returned.items().get(0).containsKey("total"), "INCLUDE projects total");
    assertTrue(!returned.items().get(0).containsKey("note"), "INCLUDE does not project note");
  }

  @Test
  void askingForMoreThanTheIndexHoldsReadsTheTablesItems() {
    QueryResponse r = ddb.query(b -> b.tableName("orders").indexName("byTotal").keyConditionExpression("customer = :c")
        .expressionAttributeValues(Map.of(":c", s("ann"))).select(Select.ALL_ATTRIBUTES).limit(2)
        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
    assertNotNull(r.items().get(0).get("note"));
    assertNotNull(r.consumedCapacity().localSecondaryIndexes().get("byTotal"));
  }

  @Test
  void aSparseIndexHoldsOnlyItemsWithItsKey() {
    assertEquals(0, ddb.query(b -> b.tableName("orders").indexName("byTotal").keyConditionExpression("customer = :c")
        .expressionAttributeValues(Map.of(":c", s("bob")))).count());
    assertEquals(1, ddb.query(b -> b.tableName("orders").keyConditionExpression("customer = :c")
        .expressionAttributeValues(Map.of(":c", s("bob")))).count());
  }

  @Test
  void writesChargeTheirIndexesAndReportTheCollectionSize() {
    PutItemResponse r = ddb.putItem(b -> b.tableName("orders").item(Map.of("customer", s("cid"), "order", n(1), "total", n(5), "status", s("open")))
        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
    assertEquals(3.0, r.consumedCapacity().capacityUnits());
    assertEquals(2, r.consumedCapacity().localSecondaryIndexes().size());
    assertEquals(Map.of("customer", s("cid")), r.itemCollectionMetrics().itemCollectionKey());
    assertThrows(ItemCollectionSizeLimitExceededException.class, () -> ddb.putItem(b -> b.tableName("orders")
        .item(Map.of("customer", s("cid"), "order", n(2), "total", n(1), "blob", s("x".repeat(4000))))));
  }

  @Test
  void aScanOfAnIndexCoversEveryEntry() {
    int count = ddb.scanPaginator(b -> b.tableName("orders").indexName("byStatus").limit(3)).items().stream().mapToInt(i -> 1).sum();
    assertTrue(count >= 12, "entries scanned: " + count);
  }
}
