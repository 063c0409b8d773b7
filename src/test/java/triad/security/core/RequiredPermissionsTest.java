package triad.security.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import triad.api.core.Requests;

/** Operation + request to IAM permissions, from request bodies as the SDKs send them. */
class RequiredPermissionsTest {
  private static final String T = "arn:aws:dynamodb:us-east-1:111122223333:table/";

  @Test
  void itemOperationsNeedTheirActionOnTheTable() {
    assertEquals(List.of(p("GetItem", T + "Music")), of("GetItem", "{\"TableName\":\"Music\",\"Key\":{\"a\":{\"S\":\"1\"}}}"));
    assertEquals(List.of(p("PutItem", T + "Music")), of("PutItem", "{\"TableName\":\"Music\",\"Item\":{\"a\":{\"S\":\"1\"}}}"));
    assertEquals(List.of(p("DescribeTable", T + "Music")), of("DescribeTable", "{\"TableName\":\"Music\"}"));
  }

  @Test
  void queryAndScanOnAnIndexNeedTheIndexArn() {
    assertEquals(List.of(p("Query", T + "Music/index/ByGenre")), of("Query", "{\"TableName\":\"Music\",\"IndexName\":\"ByGenre\","
        + "\"KeyConditionExpression\":\"g = :g\",\"ExpressionAttributeValues\":{\":g\":{\"S\":\"x\"}}}"));
    assertEquals(List.of(p("Scan", T + "Music")), of("Scan", "{\"TableName\":\"Music\"}"));
    assertEquals(List.of(p("Scan", T + "Music/index/ByGenre")), of("Scan", "{\"TableName\":\"Music\",\"IndexName\":\"ByGenre\"}"));
  }

  @Test
  void batchesNeedTheirActionOnEveryTable() {
    assertEquals(List.of(p("BatchGetItem", T + "AAA"), p("BatchGetItem", T + "BBB")), of("BatchGetItem",
        "{\"RequestItems\":{\"AAA\":{\"Keys\":[{\"k\":{\"S\":\"1\"}}]},\"BBB\":{\"Keys\":[{\"k\":{\"S\":\"1\"}}]}}}"));
    assertEquals(List.of(p("BatchWriteItem", T + "AAA"), p("BatchWriteItem", T + "BBB")), of("BatchWriteItem",
        "{\"RequestItems\":{\"AAA\":[{\"PutRequest\":{\"Item\":{\"k\":{\"S\":\"1\"}}}}],"
            + "\"BBB\":[{\"DeleteRequest\":{\"Key\":{\"k\":{\"S\":\"1\"}}}}]}}"));
  }

  @Test
  void transactionsNeedTheItemActionsPerTable() {
    String body = "{\"TransactItems\":["
        + "{\"Put\":{\"TableName\":\"AAA\",\"Item\":{\"k\":{\"S\":\"1\"}}}},"
        + "{\"Update\":{\"TableName\":\"BBB\",\"Key\":{\"k\":{\"S\":\"1\"}},\"UpdateExpression\":\"SET x = :x\","
        + "\"ExpressionAttributeValues\":{\":x\":{\"N\":\"1\"}}}},"
        + "{\"Delete\":{\"TableName\":\"AAA\",\"Key\":{\"k\":{\"S\":\"2\"}}}},"
        + "{\"ConditionCheck\":{\"TableName\":\"CCC\",\"Key\":{\"k\":{\"S\":\"1\"}},\"ConditionExpression\":\"attribute_exists(k)\"}},"
        + "{\"Put\":{\"TableName\":\"AAA\",\"Item\":{\"k\":{\"S\":\"3\"}}}}]}";
    assertEquals(List.of(p("PutItem", T + "AAA"), p("UpdateItem", T + "BBB"), p("DeleteItem", T + "AAA"), p("ConditionCheckItem", T + "CCC")),
        of("TransactWriteItems", body));
    assertEquals(List.of(p("GetItem", T + "AAA"), p("GetItem", T + "BBB")), of("TransactGetItems", "{\"TransactItems\":["
        + "{\"Get\":{\"TableName\":\"AAA\",\"Key\":{\"k\":{\"S\":\"1\"}}}},{\"Get\":{\"TableName\":\"BBB\",\"Key\":{\"k\":{\"S\":\"1\"}}}}]}"));
  }

  @Test
  void tableLessOperationsNeedStar() {
    assertEquals(List.of(p("ListTables", "*")), of("ListTables", "{}"));
    assertEquals(List.of(p("DescribeLimits", "*")), of("DescribeLimits", "{}"));
    assertEquals(List.of(p("DescribeEndpoints", "*")), of("DescribeEndpoints", "{}"));
  }

  @Test
  void createTableWithTagsAlsoNeedsTagResource() {
    String base = "\"TableName\":\"Music\",\"AttributeDefinitions\":[{\"AttributeName\":\"k\",\"AttributeType\":\"S\"}],"
        + "\"KeySchema\":[{\"AttributeName\":\"k\",\"KeyType\":\"HASH\"}],\"BillingMode\":\"PAY_PER_REQUEST\"";
    assertEquals(List.of(p("CreateTable", T + "Music")), of("CreateTable", "{" + base + "}"));
    assertEquals(List.of(p("CreateTable", T + "Music"), p("TagResource", T + "Music")),
        of("CreateTable", "{" + base + ",\"Tags\":[{\"Key\":\"team\",\"Value\":\"a\"}]}"));
  }

  @Test
  void tagOperationsAreCheckedOnTheTableThisNodeWouldResolve() {
    String otherRegion = "arn:aws:dynamodb:eu-west-1:999999999999:table/Music";
    assertEquals(List.of(p("ListTagsOfResource", T + "Music")), of("ListTagsOfResource", "{\"ResourceArn\":\"" + otherRegion + "\"}"));
    assertEquals(List.of(p("UntagResource", T + "Music")),
        of("UntagResource", "{\"ResourceArn\":\"" + T + "Music/index/X\",\"TagKeys\":[\"a\"]}"));
    assertEquals(List.of(p("TagResource", "arn:aws:s3:::bucket")),
        of("TagResource", "{\"ResourceArn\":\"arn:aws:s3:::bucket\",\"Tags\":[{\"Key\":\"a\",\"Value\":\"b\"}]}"));
  }

  @Test
  void coversEveryOperationTheApiReads() {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("UpdateTable", "{\"TableName\":\"Music\",\"BillingMode\":\"PAY_PER_REQUEST\"}");
    bodies.put("DeleteTable", "{\"TableName\":\"Music\"}");
    bodies.put("UpdateItem", "{\"TableName\":\"Music\",\"Key\":{\"k\":{\"S\":\"1\"}}}");
    bodies.put("DeleteItem", "{\"TableName\":\"Music\",\"Key\":{\"k\":{\"S\":\"1\"}}}");
    bodies.put("UpdateTimeToLive", "{\"TableName\":\"Music\",\"TimeToLiveSpecification\":{\"Enabled\":true,\"AttributeName\":\"ttl\"}}");
    bodies.put("DescribeTimeToLive", "{\"TableName\":\"Music\"}");
    bodies.forEach((op, body) -> assertEquals(List.of(p(op, T + "Music")), of(op, body), op));
  }

  private static List<Permission> of(String operation, String body) {
    return RequiredPermissions.of(Requests.read(operation, body.getBytes(UTF_8)),
        "us-east-1", "111122223333");
  }

  private static Permission p(String action, String resource) {
    return new Permission("dynamodb:" + action, resource);
  }
}
