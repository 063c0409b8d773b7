package triad.api.core;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import triad.api.core.model.GetItemInput;
import triad.api.core.model.PutItemInput;

/**
 * Prints how long Requests.read takes for a typical PutItem and GetItem body (marshalled by the AWS
 * SDK). A measurement for the record, not an assertion: the machine is shared.
 */
class ParseTimeMeasurementTest {
  private static final int WARMUP_ITERATIONS = 50_000;
  private static final int MEASURED_ITERATIONS = 200_000;

  @Test
  void typicalPutItemAndGetItem() {
    SdkHttpStub http = new SdkHttpStub();
    byte[] put;
    byte[] get;
    try (DynamoDbClient client = http.client()) {
      client.putItem(b -> b.tableName("Orders")
          .item(Map.of(
              "customerId", AttributeValue.fromS("c-000123"),
              "orderId", AttributeValue.fromS("2026-05-20#000042"),
              "status", AttributeValue.fromS("SHIPPED"),
              "total", AttributeValue.fromN("129.95"),
              "items", AttributeValue.fromN("3"),
              "gift", AttributeValue.fromBool(false),
              "tags", AttributeValue.fromSs(List.of("express", "fragile")),
              "address", AttributeValue.fromM(Map.of(
                  "street", AttributeValue.fromS("1 Main St"),
                  "city", AttributeValue.fromS("Springfield"),
                  "zip", AttributeValue.fromS("12345"))),
              "lines", AttributeValue.fromL(List.of(AttributeValue.fromS("sku-1"), AttributeValue.fromS("sku-2"))),
              "receipt", AttributeValue.fromB(SdkBytes.fromUtf8String("receipt-bytes"))))
          .conditionExpression("attribute_not_exists(orderId)")
          .returnConsumedCapacity("TOTAL"));
      put = http.requestBody;
      client.getItem(b -> b.tableName("Orders")
          .key(Map.of("customerId", AttributeValue.fromS("c-000123"), "orderId", AttributeValue.fromS("2026-05-20#000042")))
          .consistentRead(true));
      get = http.requestBody;
    }
    assertInstanceOf(PutItemInput.class, Requests.read("PutItem", put));
    assertInstanceOf(GetItemInput.class, Requests.read("GetItem", get));
    report("PutItem", put);
    report("GetItem", get);
  }

  private static void report(String operation, byte[] body) {
    int sink = 0;
    for (int i = 0; i < WARMUP_ITERATIONS; i++) {
      sink += System.identityHashCode(Requests.read(operation, body)) & 1;
    }
    long start = System.nanoTime();
    for (int i = 0; i < MEASURED_ITERATIONS; i++) {
      sink += System.identityHashCode(Requests.read(operation, body)) & 1;
    }
    long nanosPerRead = (System.nanoTime() - start) / MEASURED_ITERATIONS;
    System.out.printf("Requests.read %s: %d bytes, %.2f us per read (mean of %d, sink %d)%n",
        operation, body.length, nanosPerRead / 1000.0, MEASURED_ITERATIONS, sink);
  }
}
