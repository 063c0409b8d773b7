package triad.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What the differential test counts as the same answer, and what it does not. */
class CompareTest {

  private static Wire.Response ok(String body) {
    return new Wire.Response(200, body, Json.parse(body), true);
  }

  private static Wire.Response error(String type, String message) {
    String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}";
    return new Wire.Response(400, body, Json.parse(body), true);
  }

  @Test
  void numbersAreComparedAsDecimals() {
    assertNull(Compare.difference("GetItem", ok("{\"Item\":{\"n\":{\"N\":\"1.500\"},\"z\":{\"N\":\"-0\"}}}"),
        ok("{\"Item\":{\"z\":{\"N\":\"0\"},\"n\":{\"N\":\"15E-1\"}}}")));
    assertNotNull(Compare.difference("GetItem", ok("{\"Item\":{\"n\":{\"N\":\"1.5\"}}}"), ok("{\"Item\":{\"n\":{\"N\":\"1.51\"}}}")));
    assertNull(Compare.difference("PutItem", ok("{\"ConsumedCapacity\":{\"CapacityUnits\":1.0}}"), ok("{\"ConsumedCapacity\":{\"CapacityUnits\":1}}")));
  }

  @Test
  void setsAreSetsAndBinariesAreBytes() {
    assertNull(Compare.difference("GetItem", ok("{\"Item\":{\"s\":{\"SS\":[\"a\",\"b\"]},\"n\":{\"NS\":[\"1\",\"2.0\"]},\"b\":{\"B\":\"AQ==\"}}}"),
        ok("{\"Item\":{\"s\":{\"SS\":[\"b\",\"a\"]},\"n\":{\"NS\":[\"2\",\"1\"]},\"b\":{\"B\":\"AQ==\"}}}")));
    assertNotNull(Compare.difference("GetItem", ok("{\"Item\":{\"s\":{\"SS\":[\"a\"]}}}"), ok("{\"Item\":{\"s\":{\"S\":\"a\"}}}")));
  }

  @Test
  void scanOrderIsIgnoredQueryOrderIsNot() {
    String ab = "{\"Items\":[{\"k\":{\"S\":\"a\"}},{\"k\":{\"S\":\"b\"}}],\"Count\":2}";
    String ba = "{\"Items\":[{\"k\":{\"S\":\"b\"}},{\"k\":{\"S\":\"a\"}}],\"Count\":2}";
    assertNull(Compare.difference("Scan", ok(ab), ok(ba)));
    assertEquals("$.Items[0].k.S: a vs b", Compare.difference("Query", ok(ab), ok(ba)));
  }

  @Test
  void fieldsThatDifferByDesignAreIgnored() {
    String triad = "{\"Table\":{\"TableName\":\"t\",\"TableStatus\":\"ACTIVE\",\"TableArn\":\"arn:aws:dynamodb:us-east-1:000000000000:table/t\","
        + "\"TableId\":\"x\",\"ItemCount\":3,\"CreationDateTime\":1.5,\"WarmThroughput\":{\"Status\":\"ACTIVE\"}}}";
    String local = "{\"Table\":{\"TableName\":\"t\",\"TableStatus\":\"ACTIVE\",\"TableArn\":\"arn:aws:dynamodb:ddblocal:000000000000:table/t\","
        + "\"ItemCount\":0,\"CreationDateTime\":2.5}}";
    assertNull(Compare.difference("DescribeTable", ok(triad), ok(local)));
    assertNotNull(Compare.difference("DescribeTable", ok(triad.replace("ACTIVE\",\"TableArn", "CREATING\",\"TableArn")), ok(local)));
  }

  @Test
  void errorsCompareTypeAndMessage() {
    assertNull(Compare.difference("GetItem", error("ValidationException", "m"), error("ValidationException", "m")));
    assertEquals("error type ResourceNotFoundException vs ValidationException",
        Compare.difference("GetItem", error("ResourceNotFoundException", "m"), error("ValidationException", "m")));
    assertEquals(Compare.MESSAGE_DIFFERS, Compare.difference("GetItem", error("ValidationException", "m"), error("ValidationException", "n")));
    assertEquals("HTTP status 200 vs 400", Compare.difference("GetItem", ok("{}"), error("ValidationException", "m")));
  }

  @Test
  void aCaseIsTheSameForTheSameSeed() {
    assertEquals(CaseGenerator.generate(42), CaseGenerator.generate(42));
  }
}
