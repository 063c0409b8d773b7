package triad.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import triad.api.codegen.ApiCodegen;
import triad.api.core.model.PutItemInput;

/**
 * Every operation's request and response through our model and through the AWS SDK for Java v2:
 * the SDK marshals a realistic request, we read it and write it back identically; we read a
 * realistic DynamoDB response, write it back identically, and the SDK parses our bytes to the same
 * response object as DynamoDB's.
 */
class SdkRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "Music";
  private static final String ARN = "arn:aws:dynamodb:us-east-1:111122223333:table/Music";

  record Case(String operation, Function<DynamoDbClient, Object> call, String response) {
    @Override
    public String toString() {
      return operation;
    }
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(String v) {
    return AttributeValue.fromN(v);
  }

  static Map<String, AttributeValue> key() {
    return Map.of("Artist", s("No One You Know"), "SongTitle", s("Call Me Today"));
  }

  /** An item with every attribute type, nested. */
  static Map<String, AttributeValue> richItem() {
    return Map.of(
        "Artist", s("No One You Know"),
        "SongTitle", s("Call Me Today"),
        "Year", n("2015"),
        "Price", n("-1250"),
        "Cover", AttributeValue.fromB(SdkBytes.fromUtf8String("jpeg bytes")),
        "Live", AttributeValue.fromBool(false),
        "Label", AttributeValue.fromNul(true),
        "Tags", AttributeValue.fromSs(List.of("pop", "rock")),
        "Charts", AttributeValue.fromNs(List.of("1", "3.5")),
        "Samples", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("a"), SdkBytes.fromUtf8String("b"))));
  }

  static Map<String, AttributeValue> nestedItem() {
    return Map.of(
        "Artist", s("Acme Band"),
        "Album", AttributeValue.fromM(Map.of(
            "Tracks", AttributeValue.fromL(List.of(s("one"), n("2"), AttributeValue.fromM(Map.of()))),
            "Empty", AttributeValue.fromL(List.of()),
            "Blank", s(""))));
  }

  static List<KeySchemaElement> keySchema() {
    return List.of(
        KeySchemaElement.builder().attributeName("Artist").keyType("HASH").build(),
        KeySchemaElement.builder().attributeName("SongTitle").keyType("RANGE").build());
  }

  static final String TABLE_DESCRIPTION = """
      {"AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},{"AttributeName":"SongTitle","AttributeType":"S"}],
       "TableName":"Music",
       "KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},{"AttributeName":"SongTitle","KeyType":"RANGE"}],
       "TableStatus":"ACTIVE","CreationDateTime":1795463511.876,
       "ProvisionedThroughput":{"LastIncreaseDateTime":0.000,"LastDecreaseDateTime":0.000,"NumberOfDecreasesToday":0,"ReadCapacityUnits":5,"WriteCapacityUnits":5},
       "TableSizeBytes":1024,"ItemCount":3,"TableArn":"arn:aws:dynamodb:us-east-1:111122223333:table/Music",
       "TableId":"ee6e3c3d-52ab-4b8b-8c6f-1a2d3e4f5a6b",
       "BillingModeSummary":{"BillingMode":"PROVISIONED","LastUpdateToPayPerRequestDateTime":1795463000.5},
       "LocalSecondaryIndexes":[{"IndexName":"ByYear","KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},{"AttributeName":"Year","KeyType":"RANGE"}],
         "Projection":{"ProjectionType":"KEYS_ONLY"},"IndexSizeBytes":0,"ItemCount":0,"IndexArn":"arn:aws:dynamodb:us-east-1:111122223333:table/Music/index/ByYear"}],
       "GlobalSecondaryIndexes":[{"IndexName":"ByGenre","KeySchema":[{"AttributeName":"Genre","KeyType":"HASH"}],
         "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["Year","Price"]},"IndexStatus":"ACTIVE","Backfilling":false,
         "ProvisionedThroughput":{"NumberOfDecreasesToday":0,"ReadCapacityUnits":1,"WriteCapacityUnits":1},
         "IndexSizeBytes":0,"ItemCount":0,"IndexArn":"arn:aws:dynamodb:us-east-1:111122223333:table/Music/index/ByGenre",
         "WarmThroughput":{"ReadUnitsPerSecond":12000,"WriteUnitsPerSecond":4000,"Status":"ACTIVE"}}],
       "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"},
       "LatestStreamLabel":"2026-11-23T10:11:51.876","LatestStreamArn":"arn:aws:dynamodb:us-east-1:111122223333:table/Music/stream/2026-11-23T10:11:51.876",
       "SSEDescription":{"Status":"ENABLED","SSEType":"KMS","KMSMasterKeyArn":"arn:aws:kms:us-east-1:111122223333:key/abc"},
       "TableClassSummary":{"TableClass":"STANDARD"},
       "DeletionProtectionEnabled":false,
       "WarmThroughput":{"ReadUnitsPerSecond":12000,"WriteUnitsPerSecond":4000,"Status":"ACTIVE"}}""";

  static final String CONSUMED = """
      {"TableName":"Music","CapacityUnits":1.5,"ReadCapacityUnits":0.5,"WriteCapacityUnits":1.0,
       "Table":{"CapacityUnits":1.0},"GlobalSecondaryIndexes":{"ByGenre":{"CapacityUnits":0.5}}}""";

  static final String ITEM_JSON = """
      {"Artist":{"S":"No One You Know"},"SongTitle":{"S":"Call Me Today"},"Year":{"N":"2015"},"Price":{"N":"-1250"},
       "Cover":{"B":"anBlZyBieXRlcw=="},"Live":{"BOOL":false},"Label":{"NULL":true},"Tags":{"SS":["pop","rock"]},
       "Charts":{"NS":["1","3.5"]},"Samples":{"BS":["YQ==","Yg=="]},
       "Album":{"M":{"Tracks":{"L":[{"S":"one"},{"N":"2"},{"M":{}}]},"Empty":{"L":[]},"Blank":{"S":""}}}}""";

  static Stream<Case> cases() {
    return Stream.of(
        new Case("CreateTable", c -> c.createTable(b -> b
            .tableName(TABLE)
            .attributeDefinitions(
                AttributeDefinition.builder().attributeName("Artist").attributeType("S").build(),
                AttributeDefinition.builder().attributeName("SongTitle").attributeType("S").build(),
                AttributeDefinition.builder().attributeName("Genre").attributeType("S").build(),
                AttributeDefinition.builder().attributeName("Year").attributeType("N").build())
            .keySchema(keySchema())
            .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("ByYear")
                .keySchema(KeySchemaElement.builder().attributeName("Artist").keyType("HASH").build(),
                    KeySchemaElement.builder().attributeName("Year").keyType("RANGE").build())
                .projection(Projection.builder().projectionType("KEYS_ONLY").build()).build())
            .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("ByGenre")
                .keySchema(KeySchemaElement.builder().attributeName("Genre").keyType("HASH").build())
                .projection(Projection.builder().projectionType("INCLUDE").nonKeyAttributes("Year", "Price").build())
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(1L).writeCapacityUnits(1L).build())
                .build())
            .billingMode("PROVISIONED")
            .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build())
            .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES").build())
            .sseSpecification(SSESpecification.builder().enabled(true).sseType("KMS").kmsMasterKeyId("alias/music").build())
            .tags(Tag.builder().key("team").value("audio").build())
            .tableClass("STANDARD")
            .deletionProtectionEnabled(false)),
            "{\"TableDescription\":" + TABLE_DESCRIPTION + "}"),
        new Case("DescribeTable", c -> c.describeTable(b -> b.tableName(TABLE)), "{\"Table\":" + TABLE_DESCRIPTION + "}"),
        new Case("ListTables", c -> c.listTables(b -> b.exclusiveStartTableName("Album").limit(10)),
            "{\"TableNames\":[\"Music\",\"Podcasts\"],\"LastEvaluatedTableName\":\"Podcasts\"}"),
        new Case("DeleteTable", c -> c.deleteTable(b -> b.tableName(ARN)),
            "{\"TableDescription\":{\"TableName\":\"Music\",\"TableStatus\":\"DELETING\",\"TableSizeBytes\":0,\"ItemCount\":0,"
                + "\"TableArn\":\"" + ARN + "\",\"ProvisionedThroughput\":{\"NumberOfDecreasesToday\":0,\"ReadCapacityUnits\":5,\"WriteCapacityUnits\":5}}}"),
        new Case("UpdateTable", c -> c.updateTable(b -> b
            .tableName(TABLE)
            .billingMode("PAY_PER_REQUEST")
            .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                .update(UpdateGlobalSecondaryIndexAction.builder().indexName("ByGenre")
                    .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(2L).writeCapacityUnits(3L).build()).build())
                .build(), GlobalSecondaryIndexUpdate.builder()
                .delete(d -> d.indexName("Old"))
                .build())
            .streamSpecification(StreamSpecification.builder().streamEnabled(false).build())
            .deletionProtectionEnabled(true)),
            "{\"TableDescription\":" + TABLE_DESCRIPTION + "}"),
        new Case("PutItem", c -> c.putItem(b -> b
            .tableName(TABLE)
            .item(richItem())
            .conditionExpression("attribute_not_exists(#a) OR #y < :y")
            .expressionAttributeNames(Map.of("#a", "Artist", "#y", "Year"))
            .expressionAttributeValues(Map.of(":y", n("2000")))
            .returnValues("ALL_OLD")
            .returnConsumedCapacity("TOTAL")
            .returnItemCollectionMetrics("SIZE")
            .returnValuesOnConditionCheckFailure("ALL_OLD")),
            "{\"Attributes\":" + ITEM_JSON + ",\"ConsumedCapacity\":" + CONSUMED
                + ",\"ItemCollectionMetrics\":{\"ItemCollectionKey\":{\"Artist\":{\"S\":\"No One You Know\"}},\"SizeEstimateRangeGB\":[0.0,1.0]}}"),
        new Case("GetItem", c -> c.getItem(b -> b
            .tableName(TABLE).key(key()).consistentRead(true)
            .projectionExpression("#a, Album.Tracks[0], Price").expressionAttributeNames(Map.of("#a", "Artist"))
            .returnConsumedCapacity("INDEXES")),
            "{\"Item\":" + ITEM_JSON + ",\"ConsumedCapacity\":" + CONSUMED + "}"),
        new Case("DeleteItem", c -> c.deleteItem(b -> b
            .tableName(TABLE).key(key())
            .expected(Map.of("Year", ExpectedAttributeValue.builder().comparisonOperator("BETWEEN")
                .attributeValueList(n("1990"), n("2000")).build(),
                "Label", ExpectedAttributeValue.builder().exists(false).build()))
            .conditionalOperator("AND")
            .returnValues("ALL_OLD")),
            "{\"Attributes\":{\"Artist\":{\"S\":\"No One You Know\"}}}"),
        new Case("UpdateItem", c -> c.updateItem(b -> b
            .tableName(TABLE).key(key())
            .updateExpression("SET #p = :p, Plays = if_not_exists(Plays, :zero) + :one REMOVE Label ADD Tags :t")
            .conditionExpression("attribute_exists(Artist)")
            .expressionAttributeNames(Map.of("#p", "Price"))
            .expressionAttributeValues(Map.of(":p", n("0.99"), ":zero", n("0"), ":one", n("1"),
                ":t", AttributeValue.fromSs(List.of("indie"))))
            .returnValues("UPDATED_NEW")),
            "{\"Attributes\":{\"Price\":{\"N\":\"0.99\"},\"Plays\":{\"N\":\"1\"}},\"ConsumedCapacity\":{\"TableName\":\"Music\",\"CapacityUnits\":1.0}}"),
        new Case("UpdateItem", c -> c.updateItem(b -> b
            .tableName(TABLE).key(key())
            .attributeUpdates(Map.of("Price", AttributeValueUpdate.builder().action("PUT").value(n("1.5")).build(),
                "Label", AttributeValueUpdate.builder().action("DELETE").build()))),
            "{}"),
        new Case("Query", c -> c.query(b -> b
            .tableName(TABLE).indexName("ByYear").select("ALL_PROJECTED_ATTRIBUTES").limit(25).consistentRead(false)
            .keyConditionExpression("Artist = :a AND #y BETWEEN :lo AND :hi")
            .filterExpression("size(Tags) > :n")
            .expressionAttributeNames(Map.of("#y", "Year"))
            .expressionAttributeValues(Map.of(":a", s("No One You Know"), ":lo", n("1990"), ":hi", n("2020"), ":n", n("0")))
            .scanIndexForward(false)
            .exclusiveStartKey(Map.of("Artist", s("No One You Know"), "Year", n("2001"), "SongTitle", s("A")))
            .returnConsumedCapacity("TOTAL")),
            "{\"Items\":[" + ITEM_JSON + ",{\"Artist\":{\"S\":\"x\"}}],\"Count\":2,\"ScannedCount\":5,"
                + "\"LastEvaluatedKey\":{\"Artist\":{\"S\":\"x\"},\"SongTitle\":{\"S\":\"y\"}},\"ConsumedCapacity\":{\"TableName\":\"Music\",\"CapacityUnits\":0.5}}"),
        new Case("Query", c -> c.query(b -> b
            .tableName(TABLE)
            .keyConditions(Map.of("Artist", Condition.builder().comparisonOperator("EQ").attributeValueList(s("Acme Band")).build()))
            .queryFilter(Map.of("Year", Condition.builder().comparisonOperator("GT").attributeValueList(n("2000")).build()))
            .attributesToGet("Artist", "Year")
            .select("SPECIFIC_ATTRIBUTES")),
            "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}"),
        new Case("Scan", c -> c.scan(b -> b
            .tableName(TABLE).segment(3).totalSegments(8).limit(100)
            .filterExpression("contains(Tags, :t)").expressionAttributeValues(Map.of(":t", s("rock")))
            .projectionExpression("Artist, SongTitle").select("SPECIFIC_ATTRIBUTES")),
            "{\"Items\":[{\"Artist\":{\"S\":\"a\"},\"SongTitle\":{\"S\":\"b\"}}],\"Count\":1,\"ScannedCount\":1}"),
        new Case("BatchGetItem", c -> c.batchGetItem(b -> b
            .requestItems(Map.of(TABLE, KeysAndAttributes.builder()
                .keys(List.of(key(), Map.of("Artist", s("Acme Band"), "SongTitle", s("Happy Day"))))
                .consistentRead(true).projectionExpression("Artist, #t").expressionAttributeNames(Map.of("#t", "SongTitle")).build(),
                "Podcasts", KeysAndAttributes.builder().keys(List.of(Map.of("Id", n("7")))).build()))
            .returnConsumedCapacity("TOTAL")),
            "{\"Responses\":{\"Music\":[" + ITEM_JSON + "],\"Podcasts\":[]},"
                + "\"UnprocessedKeys\":{\"Podcasts\":{\"Keys\":[{\"Id\":{\"N\":\"7\"}}],\"ConsistentRead\":false}},"
                + "\"ConsumedCapacity\":[{\"TableName\":\"Music\",\"CapacityUnits\":1.0},{\"TableName\":\"Podcasts\",\"CapacityUnits\":0.5}]}"),
        new Case("BatchWriteItem", c -> c.batchWriteItem(b -> b
            .requestItems(Map.of(TABLE, List.of(
                WriteRequest.builder().putRequest(PutRequest.builder().item(nestedItem()).build()).build(),
                WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key()).build()).build())))
            .returnConsumedCapacity("INDEXES").returnItemCollectionMetrics("SIZE")),
            "{\"UnprocessedItems\":{\"Music\":[{\"DeleteRequest\":{\"Key\":{\"Artist\":{\"S\":\"a\"},\"SongTitle\":{\"S\":\"b\"}}}}]},"
                + "\"ItemCollectionMetrics\":{\"Music\":[{\"ItemCollectionKey\":{\"Artist\":{\"S\":\"a\"}},\"SizeEstimateRangeGB\":[0.0,1.0]}]},"
                + "\"ConsumedCapacity\":[" + CONSUMED + "]}"),
        new Case("DescribeLimits", c -> c.describeLimits(b -> { }),
            "{\"AccountMaxReadCapacityUnits\":80000,\"AccountMaxWriteCapacityUnits\":80000,"
                + "\"TableMaxReadCapacityUnits\":40000,\"TableMaxWriteCapacityUnits\":40000}"),
        new Case("DescribeEndpoints", c -> c.describeEndpoints(b -> { }),
            "{\"Endpoints\":[{\"Address\":\"dynamodb.us-east-1.amazonaws.com\",\"CachePeriodInMinutes\":1440}]}"),
        new Case("TransactWriteItems", c -> c.transactWriteItems(b -> b
            .transactItems(
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(TABLE).key(key())
                    .conditionExpression("attribute_exists(Artist)").returnValuesOnConditionCheckFailure("ALL_OLD").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName("Podcasts").item(nestedItem())
                    .conditionExpression("attribute_not_exists(Artist)").build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(ARN).key(key()).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(TABLE).key(key())
                    .updateExpression("SET Plays = Plays + :one").expressionAttributeValues(Map.of(":one", n("1"))).build()).build())
            .clientRequestToken("d8e4a3f2-6a7b-4c1d-9e2f-0a1b2c3d4e5f")
            .returnConsumedCapacity("TOTAL").returnItemCollectionMetrics("SIZE")),
            "{\"ConsumedCapacity\":[{\"TableName\":\"Music\",\"CapacityUnits\":6.0,\"WriteCapacityUnits\":6.0}],"
                + "\"ItemCollectionMetrics\":{}}"),
        new Case("TransactGetItems", c -> c.transactGetItems(b -> b
            .transactItems(TransactGetItem.builder().get(Get.builder().tableName(TABLE).key(key())
                .projectionExpression("#a").expressionAttributeNames(Map.of("#a", "Artist")).build()).build(),
                TransactGetItem.builder().get(Get.builder().tableName("Podcasts").key(Map.of("Id", n("7"))).build()).build())
            .returnConsumedCapacity("TOTAL")),
            "{\"Responses\":[{\"Item\":{\"Artist\":{\"S\":\"No One You Know\"}}},{}],"
                + "\"ConsumedCapacity\":[{\"TableName\":\"Music\",\"CapacityUnits\":2.0,\"ReadCapacityUnits\":2.0}]}"),
        new Case("TagResource", c -> c.tagResource(b -> b.resourceArn(ARN)
            .tags(Tag.builder().key("team").value("audio").build(), Tag.builder().key("env").value("").build())), "{}"),
        new Case("UntagResource", c -> c.untagResource(b -> b.resourceArn(ARN).tagKeys("team", "env")), "{}"),
        new Case("ListTagsOfResource", c -> c.listTagsOfResource(b -> b.resourceArn(ARN).nextToken("abc")),
            "{\"Tags\":[{\"Key\":\"team\",\"Value\":\"audio\"}],\"NextToken\":\"def\"}"),
        new Case("UpdateTimeToLive", c -> c.updateTimeToLive(b -> b.tableName(TABLE)
            .timeToLiveSpecification(TimeToLiveSpecification.builder().enabled(true).attributeName("ExpiresAt").build())),
            "{\"TimeToLiveSpecification\":{\"Enabled\":true,\"AttributeName\":\"ExpiresAt\"}}"),
        new Case("DescribeTimeToLive", c -> c.describeTimeToLive(b -> b.tableName(TABLE)),
            "{\"TimeToLiveDescription\":{\"TimeToLiveStatus\":\"ENABLED\",\"AttributeName\":\"ExpiresAt\"}}"));
  }

  static Stream<Arguments> arguments() {
    return cases().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arguments")
  void requestAndResponseRoundTrip(Case k) throws IOException {
    SdkHttpStub http = new SdkHttpStub();
    try (DynamoDbClient client = http.client()) {
      http.responseBody = k.response().getBytes(StandardCharsets.UTF_8);
      Object fromDynamoDb = k.call().apply(client);
      assertEquals("DynamoDB_20120810." + k.operation(), http.target);

      byte[] sdkBody = http.requestBody;
      Object input = Requests.read(k.operation(), sdkBody);
      assertEquals(tree(sdkBody), tree(Requests.write(input)), "request written back as the SDK sent it");
      assertEquals(input, Requests.read(k.operation(), Requests.write(input)), "request record survives a round trip");

      Object output = Responses.read(k.operation(), http.responseBody);
      byte[] ours = output == null ? Responses.empty() : Responses.write(output);
      assertEquals(tree(http.responseBody), tree(ours), "response written back as DynamoDB sent it");
      http.responseBody = ours;
      assertEquals(fromDynamoDb, k.call().apply(client), "the SDK reads our response as DynamoDB's");
    }
  }

  @Test
  void everyOperationHasACase() {
    Set<String> covered = cases().map(Case::operation).collect(Collectors.toSet());
    assertEquals(Set.copyOf(ApiCodegen.OPERATIONS), covered);
  }

  @Test
  void putItemRecordIsTyped() {
    SdkHttpStub http = new SdkHttpStub();
    try (DynamoDbClient client = http.client()) {
      client.putItem(b -> b.tableName(TABLE).item(Map.of("Price", n("-1.25E+3"), "Label", AttributeValue.fromNul(true),
          "Cover", AttributeValue.fromB(SdkBytes.fromUtf8String("jpeg bytes")))));
    }
    PutItemInput in = assertInstanceOf(PutItemInput.class, Requests.read("PutItem", http.requestBody));
    assertEquals(TABLE, in.tableName());
    assertEquals(triad.item.core.AttributeValue.n("-1250"), in.item().get("Price"));
    assertEquals(triad.item.core.AttributeValue.Null.INSTANCE, in.item().get("Label"));
    assertTrue(in.item().get("Cover") instanceof triad.item.core.AttributeValue.B b
        && new String(b.value().toArray(), StandardCharsets.UTF_8).equals("jpeg bytes"));
  }

  static JsonNode tree(byte[] json) throws IOException {
    return JSON.readTree(json);
  }
}
