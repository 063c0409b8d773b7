package triad.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import triad.testkit.InJvmNode;

/** Time to live carried out by the background sweep, and table tags, through the AWS SDK. */
class TimeToLiveAndTagsTest {
  @TempDir
  static Path data;
  static InJvmNode node;
  static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    node = InJvmNode.start(data, "triad.tables.ttl-sweep-interval = 200ms\ntriad.tables.ttl-scan-items-max = 7");
    ddb = node.client();
    ddb.createTable(b -> b.tableName("sessions")
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .tags(Tag.builder().key("team").value("identity").build()));
    ddb.waiter().waitUntilTableExists(b -> b.tableName("sessions"));
  }

  @AfterAll
  static void stop() {
    ddb.close();
    node.close();
  }

  @Test
  void expiredItemsAreDeletedInTheBackgroundAndOthersStay() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    for (int i = 0; i < 30; i++) {
      String id = "past-" + i;
      ddb.putItem(b -> b.tableName("sessions").item(Map.of("id", AttributeValue.fromS(id), "exp", AttributeValue.fromN(Long.toString(now - 60)))));
    }
    ddb.putItem(b -> b.tableName("sessions").item(Map.of("id", AttributeValue.fromS("future"), "exp", AttributeValue.fromN(Long.toString(now + 3600)))));
    ddb.putItem(b -> b.tableName("sessions").item(Map.of("id", AttributeValue.fromS("ancient"), "exp", AttributeValue.fromN(Long.toString(now - 6L * 365 * 86400)))));
    ddb.putItem(b -> b.tableName("sessions").item(Map.of("id", AttributeValue.fromS("text"), "exp", AttributeValue.fromS("yesterday"))));
    ddb.putItem(b -> b.tableName("sessions").item(Map.of("id", AttributeValue.fromS("none"))));
    assertEquals(TimeToLiveStatus.DISABLED, ddb.describeTimeToLive(b -> b.tableName("sessions")).timeToLiveDescription().timeToLiveStatus());
    ddb.updateTimeToLive(b -> b.tableName("sessions").timeToLiveSpecification(s -> s.enabled(true).attributeName("exp")));
    assertEquals("exp", ddb.describeTimeToLive(b -> b.tableName("sessions")).timeToLiveDescription().attributeName());
    assertThrows(DynamoDbException.class,
        () -> ddb.updateTimeToLive(b -> b.tableName("sessions").timeToLiveSpecification(s -> s.enabled(true).attributeName("other"))));
    Set<String> remaining = Set.of();
    for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
      remaining = ddb.scanPaginator(b -> b.tableName("sessions").consistentRead(true)).items().stream()
          .map(i -> i.get("id").s()).collect(Collectors.toSet());
      if (remaining.size() == 4) {
        break;
      }
    }
    assertEquals(Set.of("future", "ancient", "text", "none"), remaining);
    assertEquals(4L, ddb.describeTable(b -> b.tableName("sessions")).table().itemCount());
  }

  @Test
  void tagsCanBeAddedListedAndRemoved() {
    String arn = ddb.describeTable(b -> b.tableName("sessions")).table().tableArn();
    ddb.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("test").build(), Tag.builder().key("team").value("auth").build()));
    Map<String, String> tags = ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    assertEquals(Map.of("env", "test", "team", "auth"), tags);
    ddb.untagResource(b -> b.resourceArn(arn).tagKeys("env", "absent"));
    assertEquals(1, ddb.listTagsOfResource(b -> b.resourceArn(arn)).tags().size());
    assertThrows(ResourceNotFoundException.class, () -> ddb.listTagsOfResource(b -> b.resourceArn(arn.replace("sessions", "nothere"))));
    DynamoDbException reserved = assertThrows(DynamoDbException.class,
        () -> ddb.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("aws:owner").value("x").build())));
    assertTrue(reserved.statusCode() == 400);
  }
}
