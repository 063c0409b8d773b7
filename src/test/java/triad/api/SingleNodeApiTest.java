package triad.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import triad.testkit.InJvmNode;

/** The single-node API through the AWS SDK for Java v2, against a real node in this JVM. */
class SingleNodeApiTest {
  @TempDir
  static Path data;
  static InJvmNode node;
  static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    node = InJvmNode.start(data);
    ddb = node.client();
  }

  @AfterAll
  static void stop() {
    if (ddb != null) {
      ddb.close();
    }
    if (node != null) {
      node.close();
    }
  }

  static void createTable(String name, boolean withSortKey) {
    List<KeySchemaElement> keys = new ArrayList<>(List.of(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
    List<AttributeDefinition> defs = new ArrayList<>(List.of(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build()));
    if (withSortKey) {
      keys.add(KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build());
      defs.add(AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build());
    }
    CreateTableResponse r = ddb.createTable(b -> b.tableName(name).keySchema(keys).attributeDefinitions(defs).billingMode(BillingMode.PAY_PER_REQUEST));
    assertEquals(name, r.tableDescription().tableName());
    ddb.waiter().waitUntilTableExists(b -> b.tableName(name));
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(String v) {
    return AttributeValue.fromN(v);
  }

  @Test
  void tableLifecycleAsTheWaitersExpect() {
    createTable("lifecycle", false);
    DescribeTableResponse d = ddb.describeTable(b -> b.tableName("lifecycle"));
    assertEquals(TableStatus.ACTIVE, d.table().tableStatus());
    assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/lifecycle", d.table().tableArn());
    assertEquals(BillingMode.PAY_PER_REQUEST, d.table().billingModeSummary().billingMode());
    assertTrue(ddb.listTables().tableNames().contains("lifecycle"));
    assertThrows(ResourceInUseException.class, () -> createTable("lifecycle", false));
    ddb.deleteTable(b -> b.tableName("lifecycle"));
    ddb.waiter().waitUntilTableNotExists(b -> b.tableName("lifecycle"));
    assertThrows(ResourceNotFoundException.class, () -> ddb.describeTable(b -> b.tableName("lifecycle")));
    assertThrows(ResourceNotFoundException.class, () -> ddb.getItem(b -> b.tableName("lifecycle").key(Map.of("pk", s("a")))));
  }

  @Test
  void itemsOfAllTenTypesRoundTrip() {
    createTable("types", false);
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("k1"));
    item.put("s", s("héllo"));
    item.put("n", n("123456789012345678901234567890.12345678"));
    item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 255})));
    item.put("bool", AttributeValue.fromBool(true));
    item.put("null", AttributeValue.fromNul(true));
    item.put("m", AttributeValue.fromM(Map.of("x", n("1"), "y", AttributeValue.fromL(List.of(s("a"), n("2"))))));
    item.put("l", AttributeValue.fromL(List.of(s("a"), AttributeValue.fromBool(false))));
    item.put("ss", AttributeValue.fromSs(List.of("a", "b")));
    item.put("ns", AttributeValue.fromNs(List.of("1", "2.5")));
    item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1}), SdkBytes.fromByteArray(new byte[] {2}))));
    ddb.putItem(b -> b.tableName("types").item(item));
    GetItemResponse got = ddb.getItem(b -> b.tableName("types").key(Map.of("pk", s("k1"))).consistentRead(true));
    assertEquals(item.keySet(), got.item().keySet());
    assertEquals(item.get("n"), got.item().get("n"));
    assertEquals(item.get("m"), got.item().get("m"));
    assertEquals(Set.copyOf(item.get("ss").ss()), Set.copyOf(got.item().get("ss").ss()));
    assertEquals(item.get("b"), got.item().get("b"));
    assertFalse(ddb.getItem(b -> b.tableName("types").key(Map.of("pk", s("missing")))).hasItem());
  }

  @Test
  void conditionalWritesAndReturnValues() {
    createTable("cond", false);
    ddb.putItem(b -> b.tableName("cond").item(Map.of("pk", s("a"), "v", n("1"))));
    ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class, () -> ddb.putItem(b -> b.tableName("cond")
        .item(Map.of("pk", s("a"), "v", n("2")))
        .conditionExpression("attribute_not_exists(pk)")
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
    assertEquals(n("1"), e.item().get("v"));
    Map<String, AttributeValue> old = ddb.putItem(b -> b.tableName("cond").item(Map.of("pk", s("a"), "v", n("3")))
        .conditionExpression("v = :one").expressionAttributeValues(Map.of(":one", n("1"))).returnValues(ReturnValue.ALL_OLD)).attributes();
    assertEquals(n("1"), old.get("v"));
    UpdateItemResponse u = ddb.updateItem(b -> b.tableName("cond").key(Map.of("pk", s("a")))
        .updateExpression("SET v = v + :d, w = :w REMOVE gone").expressionAttributeValues(Map.of(":d", n("10"), ":w", s("x")))
        .returnValues(ReturnValue.ALL_NEW));
    assertEquals(n("13"), u.attributes().get("v"));
    assertEquals(s("x"), u.attributes().get("w"));
    Map<String, AttributeValue> deleted = ddb.deleteItem(b -> b.tableName("cond").key(Map.of("pk", s("a"))).returnValues(ReturnValue.ALL_OLD)).attributes();
    assertEquals(n("13"), deleted.get("v"));
    assertFalse(ddb.getItem(b -> b.tableName("cond").key(Map.of("pk", s("a"))).consistentRead(true)).hasItem());
    UpdateItemResponse created = ddb.updateItem(b -> b.tableName("cond").key(Map.of("pk", s("new")))
        .updateExpression("SET c = :c").expressionAttributeValues(Map.of(":c", n("1"))).returnValues(ReturnValue.UPDATED_NEW));
    assertEquals(Map.of("c", n("1")), created.attributes());
  }

  @Test
  void queryPagesThroughASortedItemCollection() {
    createTable("query", true);
    for (int i = 0; i < 25; i++) {
      int sk = i;
      ddb.putItem(b -> b.tableName("query").item(Map.of("pk", s("p"), "sk", n(Integer.toString(sk - 10)), "v", s("x" + sk))));
      ddb.putItem(b -> b.tableName("query").item(Map.of("pk", s("other"), "sk", n(Integer.toString(sk)))));
    }
    List<String> seen = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    int pages = 0;
    do {
      Map<String, AttributeValue> esk = start;
      QueryResponse r = ddb.query(b -> b.tableName("query").keyConditionExpression("pk = :p AND sk BETWEEN :lo AND :hi")
          .expressionAttributeValues(Map.of(":p", s("p"), ":lo", n("-5"), ":hi", n("5"))).limit(4).exclusiveStartKey(esk));
      r.items().forEach(i -> seen.add(i.get("sk").n()));
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
      pages++;
    } while (start != null);
    assertEquals(IntStream.rangeClosed(-5, 5).mapToObj(Integer::toString).toList(), seen);
    assertEquals(3, pages);
    QueryResponse backwards = ddb.query(b -> b.tableName("query").keyConditionExpression("pk = :p AND sk < :z")
        .expressionAttributeValues(Map.of(":p", s("p"), ":z", n("0"))).scanIndexForward(false).limit(3));
    assertEquals(List.of("-1", "-2", "-3"), backwards.items().stream().map(i -> i.get("sk").n()).toList());
    QueryResponse count = ddb.query(b -> b.tableName("query").keyConditionExpression("pk = :p").filterExpression("v = :v")
        .expressionAttributeValues(Map.of(":p", s("p"), ":v", s("x3"))).select(Select.COUNT).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertEquals(1, count.count());
    assertEquals(25, count.scannedCount());
    assertEquals(0.5, count.consumedCapacity().capacityUnits());
  }

  @Test
  void scanCoversEveryPartitionAndSegment() {
    createTable("scan", false);
    Set<String> keys = IntStream.range(0, 60).mapToObj(i -> "k" + i).collect(Collectors.toSet());
    for (String k : keys) {
      ddb.putItem(b -> b.tableName("scan").item(Map.of("pk", s(k))));
    }
    Set<String> seen = new HashSet<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> esk = start;
      ScanResponse r = ddb.scan(b -> b.tableName("scan").limit(7).exclusiveStartKey(esk));
      r.items().forEach(i -> assertTrue(seen.add(i.get("pk").s())));
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    assertEquals(keys, seen);
    Set<String> bySegments = new HashSet<>();
    for (int segment = 0; segment < 3; segment++) {
      int sg = segment;
      ddb.scanPaginator(b -> b.tableName("scan").segment(sg).totalSegments(3)).items().forEach(i -> assertTrue(bySegments.add(i.get("pk").s())));
    }
    assertEquals(keys, bySegments);
  }

  @Test
  void batchesWriteAndReadManyItems() {
    createTable("batch", false);
    List<WriteRequest> puts = IntStream.range(0, 25)
        .mapToObj(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("pk", s("b" + i), "v", n(Integer.toString(i)))).build()).build())
        .toList();
    BatchWriteItemResponse w = ddb.batchWriteItem(b -> b.requestItems(Map.of("batch", puts)));
    assertTrue(w.unprocessedItems().isEmpty());
    List<Map<String, AttributeValue>> keys = IntStream.range(0, 30).mapToObj(i -> Map.of("pk", s("b" + i))).toList();
    BatchGetItemResponse g = ddb.batchGetItem(b -> b.requestItems(Map.of("batch", KeysAndAttributes.builder().keys(keys).build())));
    assertEquals(25, g.responses().get("batch").size());
    ddb.batchWriteItem(b -> b.requestItems(Map.of("batch", List.of(
        WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of("pk", s("b0"))).build()).build()))));
    assertNull(ddb.getItem(b -> b.tableName("batch").key(Map.of("pk", s("b0")))).item().get("pk"));
    DynamoDbException dup = assertThrows(DynamoDbException.class, () -> ddb.batchWriteItem(b -> b.requestItems(Map.of("batch", List.of(puts.get(1), puts.get(1))))));
    assertEquals("ValidationException", dup.awsErrorDetails().errorCode());
  }

  @Test
  void badInputGetsDynamoDbErrorsAndChangesNothing() {
    createTable("bad", false);
    ddb.putItem(b -> b.tableName("bad").item(Map.of("pk", s("keep"), "v", n("1"))));
    assertValidation(() -> ddb.putItem(b -> b.tableName("bad").item(Map.of("v", n("1")))));
    assertValidation(() -> ddb.putItem(b -> b.tableName("bad").item(Map.of("pk", n("1")))));
    assertValidation(() -> ddb.putItem(b -> b.tableName("bad").item(Map.of("pk", s("")))));
    assertValidation(() -> ddb.getItem(b -> b.tableName("bad").key(Map.of("pk", s("keep"), "v", n("1")))));
    assertValidation(() -> ddb.updateItem(b -> b.tableName("bad").key(Map.of("pk", s("keep"))).updateExpression("SET pk = :x")
        .expressionAttributeValues(Map.of(":x", s("y")))));
    assertValidation(() -> ddb.putItem(b -> b.tableName("bad").item(Map.of("pk", s("keep"), "big", s("x".repeat(410 * 1024))))));
    assertValidation(() -> ddb.putItem(b -> b.tableName("bad").item(Map.of("pk", s("keep"), "v", n("1e126")))));
    assertThrows(ResourceNotFoundException.class, () -> ddb.putItem(b -> b.tableName("nosuchtable").item(Map.of("pk", s("a")))));
    GetItemResponse kept = ddb.getItem(b -> b.tableName("bad").key(Map.of("pk", s("keep"))).consistentRead(true));
    assertEquals(Map.of("pk", s("keep"), "v", n("1")), kept.item());
    assertNotNull(ddb.describeTable(b -> b.tableName("bad")).table());
  }

  @Test
  void legacyParametersThatOlderCodeStillSends() {
    createTable("legacy", true);
    ddb.putItem(b -> b.tableName("legacy").item(Map.of("pk", s("p"), "sk", n("1"), "v", n("10")))
        .expected(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue.builder().exists(false).build())));
    assertThrows(ConditionalCheckFailedException.class, () -> ddb.putItem(b -> b.tableName("legacy").item(Map.of("pk", s("p"), "sk", n("1")))
        .expected(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue.builder().exists(false).build()))));
    UpdateItemResponse u = ddb.updateItem(b -> b.tableName("legacy").key(Map.of("pk", s("p"), "sk", n("1")))
        .attributeUpdates(Map.of("v", software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate.builder()
            .action(software.amazon.awssdk.services.dynamodb.model.AttributeAction.ADD).value(n("5")).build()))
        .returnValues(ReturnValue.UPDATED_NEW));
    assertEquals(n("15"), u.attributes().get("v"));
    ddb.putItem(b -> b.tableName("legacy").item(Map.of("pk", s("p"), "sk", n("2"), "v", n("1"))));
    QueryResponse q = ddb.query(b -> b.tableName("legacy")
        .keyConditions(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.Condition.builder()
            .comparisonOperator(software.amazon.awssdk.services.dynamodb.model.ComparisonOperator.EQ).attributeValueList(s("p")).build()))
        .queryFilter(Map.of("v", software.amazon.awssdk.services.dynamodb.model.Condition.builder()
            .comparisonOperator(software.amazon.awssdk.services.dynamodb.model.ComparisonOperator.GT).attributeValueList(n("3")).build()))
        .attributesToGet("sk"));
    assertEquals(List.of(Map.of("sk", n("1"))), q.items());
    assertEquals(2, q.scannedCount());
    ScanResponse scan = ddb.scan(b -> b.tableName("legacy").scanFilter(Map.of("v", software.amazon.awssdk.services.dynamodb.model.Condition.builder()
        .comparisonOperator(software.amazon.awssdk.services.dynamodb.model.ComparisonOperator.LT).attributeValueList(n("3")).build())));
    assertEquals(1, scan.count());
    assertValidation(() -> ddb.putItem(b -> b.tableName("legacy").item(Map.of("pk", s("p"), "sk", n("3")))
        .expected(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue.builder().exists(false).build()))
        .conditionExpression("attribute_not_exists(pk)")));
  }

  static void assertValidation(org.junit.jupiter.api.function.Executable e) {
    DynamoDbException ex = assertThrows(DynamoDbException.class, e);
    assertEquals(400, ex.statusCode());
    assertEquals("ValidationException", ex.awsErrorDetails().errorCode(), ex.getMessage());
  }
}
