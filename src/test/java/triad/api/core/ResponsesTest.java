package triad.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import triad.api.core.model.BillingModeSummary;
import triad.api.core.model.CancellationReason;
import triad.api.core.model.ConsumedCapacity;
import triad.api.core.model.DescribeTableOutput;
import triad.api.core.model.GetItemOutput;
import triad.api.core.model.ListTablesOutput;
import triad.api.core.model.TableDescription;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;

/** Response and error bodies as DynamoDB writes them, and as the AWS SDK reads them. */
class ResponsesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Test
  void nullMembersAreOmittedAndEmptyCollectionsKept() {
    assertEquals("{\"TableNames\":[]}", text(Responses.write(new ListTablesOutput(List.of(), null))));
    assertEquals("{\"Item\":{}}", text(Responses.write(GetItemOutput.builder().item(Map.of()).build())));
    assertEquals("{}", text(Responses.write(GetItemOutput.builder().build())));
  }

  @Test
  void numbersBinariesAndTimestampsInDynamoDbsForm() throws IOException {
    GetItemOutput out = GetItemOutput.builder()
        .item(Map.of("n", AttributeValue.n("1.50E+2"), "b", AttributeValue.b(new byte[] {0, 1, 2})))
        .consumedCapacity(ConsumedCapacity.builder().tableName("Music").capacityUnits(0.5).build())
        .build();
    assertEquals(JSON.readTree("{\"Item\":{\"n\":{\"N\":\"150\"},\"b\":{\"B\":\"AAEC\"}},"
        + "\"ConsumedCapacity\":{\"TableName\":\"Music\",\"CapacityUnits\":0.5}}"), JSON.readTree(Responses.write(out)));
    DescribeTableOutput table = new DescribeTableOutput(TableDescription.builder()
        .tableName("Music")
        .creationDateTime(Instant.ofEpochMilli(1_795_462_986_855L))
        .billingModeSummary(BillingModeSummary.builder().billingMode("PAY_PER_REQUEST")
            .lastUpdateToPayPerRequestDateTime(Instant.ofEpochSecond(1_795_462_986L)).build())
        .build());
    assertEquals("{\"Table\":{\"TableName\":\"Music\",\"CreationDateTime\":1795462986.855,"
        + "\"BillingModeSummary\":{\"BillingMode\":\"PAY_PER_REQUEST\",\"LastUpdateToPayPerRequestDateTime\":1795462986.000}}}",
        text(Responses.write(table)));
    assertEquals(table, Responses.read("DescribeTable", Responses.write(table)));
  }

  @Test
  void errorBody() throws IOException {
    assertEquals("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"Requested resource not found\"}",
        text(Responses.error("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "Requested resource not found", null)));
    assertEquals("{\"__type\":\"com.amazon.coral.service#SerializationException\"}",
        text(Responses.error("com.amazon.coral.service#SerializationException", null, null)));
    assertEquals(JSON.readTree("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
            + "\"message\":\"The conditional request failed\",\"Item\":{\"pk\":{\"S\":\"a\"},\"x\":{\"N\":\"2\"}}}"),
        JSON.readTree(Responses.error("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", "The conditional request failed",
            Map.of("pk", AttributeValue.s("a"), "x", AttributeValue.n(2)))));
  }

  @Test
  void theSdkReadsOurErrors() {
    SdkHttpStub http = new SdkHttpStub();
    http.status = 400;
    try (DynamoDbClient client = http.client()) {
      http.responseBody = Responses.error("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "Requested resource not found", null);
      ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class, () -> client.describeTable(b -> b.tableName("Music")));
      assertEquals("Requested resource not found", missing.awsErrorDetails().errorMessage());

      http.responseBody = Responses.error("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", "The conditional request failed",
          Map.of("pk", AttributeValue.s("a")));
      ConditionalCheckFailedException failed = assertThrows(ConditionalCheckFailedException.class,
          () -> client.putItem(b -> b.tableName("Music").item(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("a")))));
      assertEquals("a", failed.item().get("pk").s());

      String message = "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]";
      http.responseBody = Responses.transactionCanceled(message, List.of(
          new CancellationReason(Map.of("pk", AttributeValue.s("a")), "ConditionalCheckFailed", "The conditional request failed"),
          CancellationReason.builder().code("None").build()));
      TransactionCanceledException canceled = assertThrows(TransactionCanceledException.class,
          () -> client.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().conditionCheck(c -> c.tableName("Music")
              .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("a"))).conditionExpression("x")).build())));
      assertEquals(message, canceled.awsErrorDetails().errorMessage());
      assertEquals(List.of("ConditionalCheckFailed", "None"), canceled.cancellationReasons().stream().map(r -> r.code()).toList());
      assertEquals("a", canceled.cancellationReasons().get(0).item().get("pk").s());
    }
  }

  @Test
  void transactionCanceledBodyMatchesDynamoDbLocal() {
    assertEquals("{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\",\"CancellationReasons\":"
            + "[{\"Code\":\"ConditionalCheckFailed\",\"Message\":\"The conditional request failed.\"},{\"Code\":\"None\"}],"
            + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]\"}",
        text(Responses.transactionCanceled(
            "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]",
            List.of(new CancellationReason(null, "ConditionalCheckFailed", "The conditional request failed."),
                new CancellationReason(null, "None", null)))));
  }

  @Test
  void aBodyThatIsNotJsonIsASerializationError() {
    DbException e = assertThrows(DbException.class, () -> Responses.read("GetItem", "{".getBytes(StandardCharsets.UTF_8)));
    assertEquals(DbException.Kind.SERIALIZATION, e.kind());
  }
}
