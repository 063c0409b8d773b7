package triad.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import triad.api.core.model.GetItemInput;
import triad.api.core.model.ListTablesInput;
import triad.api.core.model.PutItemInput;
import triad.api.core.model.ScanInput;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.DbException.Kind;

/** Requests.read's errors, each with DynamoDB's type and wording. */
class RequestsTest {

  static Object read(String operation, String body) {
    return Requests.read(operation, body.getBytes(StandardCharsets.UTF_8));
  }

  static DbException fails(Kind kind, String operation, String body) {
    DbException e = assertThrows(DbException.class, () -> read(operation, body));
    assertEquals(kind, e.kind(), () -> "message: " + e.getMessage());
    return e;
  }

  static void fails(Kind kind, String message, String operation, String body) {
    assertEquals(message, fails(kind, operation, body).getMessage());
  }

  static String putItem(String attribute) {
    return "{\"TableName\":\"Music\",\"Item\":{\"pk\":{\"S\":\"a\"},\"x\":" + attribute + "}}";
  }

  static String putWithValue(String value) {
    return "{\"TableName\":\"Music\",\"Item\":{\"pk\":{\"S\":\"a\"}},\"ConditionExpression\":\"x = :v\","
        + "\"ExpressionAttributeValues\":{\":v\":" + value + "}}";
  }

  @Nested
  class Serialization {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"TableName\":",
        "{\"TableName\":\"Music\",}",
        "xx",
        "null",
        "{\"TableName\":\"Music\"]"})
    void malformedJsonHasNoMessage(String body) {
      assertNull(fails(Kind.SERIALIZATION, "GetItem", body).getMessage());
    }

    /** Like DynamoDB, what follows the request's JSON object is not read (docs/decisions.md). */
    @Test
    void whatFollowsTheObjectIsNotRead() {
      assertInstanceOf(ListTablesInput.class, Requests.read("ListTables", "{} {}".getBytes(StandardCharsets.UTF_8)));
      assertInstanceOf(ListTablesInput.class, Requests.read("ListTables", "{}x".getBytes(StandardCharsets.UTF_8)));
    }

    /** Found by fuzzing: Jackson took these for UTF-32 or UTF-16 and threw, or decoded them as such. */
    @Test
    void bodiesThatAreNotUtf8AreMalformed() {
      for (byte[] body : List.of(new byte[] {0, 0, ' ', 0, 0x1c, 'E'}, "{}".getBytes(StandardCharsets.UTF_16LE),
          "{}".getBytes(StandardCharsets.UTF_16), "{\"TableName\":\"Music\"}".getBytes(java.nio.charset.Charset.forName("UTF-32")))) {
        DbException e = assertThrows(DbException.class, () -> Requests.read("ListTables", body));
        assertEquals(Kind.SERIALIZATION, e.kind());
      }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "GetItem | {\"TableName\":{}} | Start of structure or map found where not expected.",
        "GetItem | {\"TableName\":[]} | Start of list found where not expected",
        "GetItem | [] | Start of list found where not expected",
        "GetItem | \"a\" | Unexpected value type in payload",
        "GetItem | {\"Key\":\"x\"} | Unexpected value type in payload",
        "GetItem | {\"Key\":[]} | Start of list found where not expected",
        "GetItem | {\"ConsistentRead\":\"true\"} | STRING_VALUE can not be converted to a Boolean",
        "GetItem | {\"ConsistentRead\":1} | NUMBER_VALUE can not be converted to a Boolean",
        "GetItem | {\"AttributesToGet\":\"a\"} | Unexpected value type in payload",
        "GetItem | {\"AttributesToGet\":{}} | Start of structure or map found where not expected.",
        "Scan | {\"Limit\":\"5\"} | STRING_VALUE can not be converted to an Integer",
        "Scan | {\"Limit\":true} | BOOLEAN_VALUE can not be converted to an Integer",
        "Scan | {\"Limit\":99999999999} | NUMBER_VALUE can not be converted to an Integer",
        "Scan | {\"Limit\":1e30} | NUMBER_VALUE can not be converted to an Integer",
        "Scan | {\"Limit\":[]} | Start of list found where not expected",
        "Scan | {\"ExclusiveStartKey\":{\"pk\":\"a\"}} | Unexpected value type in payload",
        "Scan | {\"ExclusiveStartKey\":{\"pk\":{\"S\":{}}}} | Start of structure or map found where not expected.",
        "Scan | {\"ExclusiveStartKey\":{\"pk\":{\"B\":\"!!!!\"}}} | Invalid base 64 character: '!'",
        "Scan | {\"ExclusiveStartKey\":{\"pk\":{\"B\":\"YQ\"}}} | Base64 encoded length is expected a multiple of 4 bytes but found: 2",
        "Scan | {\"ExclusiveStartKey\":{\"pk\":{\"BOOL\":\"true\"}}} | STRING_VALUE can not be converted to a Boolean",
        "Scan | {\"ExclusiveStartKey\":{\"pk\":{\"SS\":\"a\"}}} | Unexpected value type in payload",
        "Scan | {\"ExclusiveStartKey\":{\"pk\":{\"BS\":[\"a===\"]}}} | Invalid base 64 character: '='",
        "Scan | {\"ExclusiveStartKey\":{\"pk\":{\"M\":[]}}} | Start of list found where not expected",
        "Scan | {\"ExclusiveStartKey\":{\"pk\":{\"L\":{}}}} | Start of structure or map found where not expected."})
    void wrongJsonType(String operation, String body, String message) {
      fails(Kind.SERIALIZATION, message, operation, body);
    }

    @Test
    void scalarsWhereStringsBelongAreReadAsText() {
      assertEquals(new AttributeValue.S("5"), ((triad.api.core.model.PutItemInput) Requests.read("PutItem",
          "{\"TableName\":\"abc\",\"Item\":{\"x\":{\"S\":5},\"n\":{\"N\":5}}}".getBytes(java.nio.charset.StandardCharsets.UTF_8))).item().get("x"));
      fails(Kind.VALIDATION, "1 validation error detected: Value '5' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
          "GetItem", "{\"TableName\":5,\"Key\":{\"k\":{\"S\":\"x\"}}}");
    }

    @Test
    void serializationComesBeforeValidation() {
      fails(Kind.SERIALIZATION, "Start of list found where not expected", "PutItem", "{\"ReturnValues\":\"BAD\",\"Item\":{\"x\":{\"S\":[1]}}}");
    }

    @Test
    void unknownOperation() {
      fails(Kind.UNKNOWN_OPERATION, "An unknown operation was requested.", "ListGlobalTablesX", "{}");
    }

    @Test
    void unknownMembersAreIgnoredAtEveryLevel() {
      GetItemInput in = assertInstanceOf(GetItemInput.class, read("GetItem",
          "{\"Bogus\":{\"a\":[1,{\"b\":null}]},\"TableName\":\"Music\",\"Key\":{\"pk\":{\"S\":\"a\",\"Extra\":[true]}},\"More\":3}"));
      assertEquals(Map.of("pk", AttributeValue.s("a")), in.key());
    }

    @Test
    void nullMembersAreAbsentAndLastDuplicateWins() {
      GetItemInput in = assertInstanceOf(GetItemInput.class, read("GetItem",
          "{\"TableName\":\"Old\",\"TableName\":\"Music\",\"ConsistentRead\":null,\"Key\":{\"pk\":{\"S\":\"a\",\"N\":null}}}"));
      assertEquals("Music", in.tableName());
      assertNull(in.consistentRead());
      assertEquals(AttributeValue.s("a"), in.key().get("pk"));
    }

    @Test
    void emptyBodyIsAnEmptyObject() {
      assertEquals(new ListTablesInput(null, null), read("ListTables", ""));
    }

    @Test
    void fractionsAreTruncatedWhereWholeNumbersAreExpected() {
      ScanInput in = assertInstanceOf(ScanInput.class, read("Scan", "{\"TableName\":\"Music\",\"Limit\":5.7}"));
      assertEquals(5, in.limit());
    }
  }

  @Nested
  class Constraints {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "CreateTable | {\"TableName\":\"ab\"} | 1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
            + "Member must have length greater than or equal to 3",
        "DescribeTable | {\"TableName\":\"\"} | 2 validation errors detected: Value '' at 'tableName' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '' at 'tableName' failed to satisfy constraint: "
            + "Member must have length greater than or equal to 3",
        "DescribeTable | {\"TableName\":\"a b c\"} | 1 validation error detected: Value 'a b c' at 'tableName' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
        "DescribeTable | {\"TableName\":\"arn:aws:dynamodb:us-east-1:111122223333:table/My Table\"} | ",
        "GetItem | {} | 2 validation errors detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null; "
            + "Value null at 'key' failed to satisfy constraint: Member must not be null",
        "ListTables | {\"Limit\":0} | 1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
            + "Member must have value greater than or equal to 1",
        "ListTables | {\"Limit\":101,\"ExclusiveStartTableName\":\"ab\"} | 2 validation errors detected: Value 'ab' at 'exclusiveStartTableName' "
            + "failed to satisfy constraint: Member must have length greater than or equal to 3; Value '101' at 'limit' failed to satisfy "
            + "constraint: Member must have value less than or equal to 100",
        "Scan | {\"TableName\":\"Music\",\"Segment\":-1,\"TotalSegments\":0} | 2 validation errors detected: Value '0' at 'totalSegments' "
            + "failed to satisfy constraint: Member must have value greater than or equal to 1; Value '-1' at 'segment' failed to satisfy "
            + "constraint: Member must have value greater than or equal to 0",
        "PutItem | {\"TableName\":\"Music\",\"Item\":{},\"ReturnValues\":\"BAD\"} | 1 validation error detected: Value 'BAD' at "
            + "'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]",
        "CreateTable | {\"TableName\":\"Music\",\"BillingMode\":\"FREE\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
            + "{\"AttributeName\":\"\"}]} | 3 validation errors detected: Value '' at 'keySchema.2.member.attributeName' failed to satisfy "
            + "constraint: Member must have length greater than or equal to 1; Value null at 'keySchema.2.member.keyType' failed to satisfy "
            + "constraint: Member must not be null; Value 'FREE' at 'billingMode' failed to satisfy constraint: Member must satisfy enum "
            + "value set: [PROVISIONED, PAY_PER_REQUEST]",
        "CreateTable | {\"TableName\":\"Music\",\"KeySchema\":[]} | 1 validation error detected: Value '[]' at 'keySchema' failed to "
            + "satisfy constraint: Member must have length greater than or equal to 1",
        "GetItem | {\"TableName\":\"Music\",\"Key\":{},\"AttributesToGet\":[]} | 1 validation error detected: Value '[]' at "
            + "'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1",
        "GetItem | {\"TableName\":\"Music\",\"Key\":{},\"AttributesToGet\":[\"a\",null]} | 1 validation error detected: Value '[a, null]' "
            + "at 'attributesToGet' failed to satisfy constraint: Member must satisfy constraint: [Member must not be null]",
        "BatchGetItem | {\"RequestItems\":{\"ab\":{\"Keys\":[{\"pk\":{\"S\":\"a\"}}]}}} | 1 validation error detected: Value "
            + "'{ab=com.amazonaws.dynamodb.v20120810.KeysAndAttributes@HASH}' at 'requestItems' failed to satisfy constraint: Map keys must "
            + "satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, "
            + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]",
        "BatchGetItem | {\"RequestItems\":{\"Music\":{\"Keys\":[]}}} | 1 validation error detected: Value '[]' at "
            + "'requestItems.Music.member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1",
        "TransactWriteItems | {\"TransactItems\":[{\"Put\":{\"Item\":{\"pk\":{\"S\":\"a\"}}}}]} | 1 validation error detected: Value null "
            + "at 'transactItems.1.member.put.tableName' failed to satisfy constraint: Member must not be null",
        "TagResource | {\"ResourceArn\":\"arn:aws:dynamodb:us-east-1:111122223333:table/Music\",\"Tags\":[{\"Key\":\"\",\"Value\":\"v\"}]} | "
            + "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater "
            + "than or equal to 1",
        "UpdateTable | {\"TableName\":\"Music\",\"SSESpecification\":{\"SSEType\":\"DES\"}} | 1 validation error detected: Value 'DES' at "
            + "'sSESpecification.sSEType' failed to satisfy constraint: Member must satisfy enum value set: [KMS, AES256]"})
    void violations(String operation, String body, String message) {
      if (message == null) {
        read(operation, body);
        return;
      }
      DbException e = fails(Kind.VALIDATION, operation, body);
      assertEquals(message, e.getMessage().replaceAll("@[0-9a-f]+", "@HASH"));
    }

    @Test
    void writeRequestsPerTableAreAtMost25() {
      String put = "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"a\"}}}}";
      String body = "{\"RequestItems\":{\"Music\":[" + String.join(",", java.util.Collections.nCopies(26, put)) + "]}}";
      String message = fails(Kind.VALIDATION, "BatchWriteItem", body).getMessage();
      assertTrue(message.matches("1 validation error detected: Value '\\{Music=\\[(com\\.amazonaws\\.dynamodb\\.v20120810\\.WriteRequest@[0-9a-f]+(, )?){26}\\]}' "
          + "at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
          + "\\[Member must have length less than or equal to 25, Member must have length greater than or equal to 1\\]"), message);
    }

    @Test
    void constraintsComeBeforeAttributeValues() {
      fails(Kind.VALIDATION, "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
          "PutItem", "{\"Item\":{\"pk\":{\"S\":\"a\"},\"x\":{}}}");
    }
  }

  @Nested
  class AttributeValues {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "null | The supplied Item contains a null AttributeValue: x is null",
        "{} | Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
        "{\"S\":null} | Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
        "{\"Unknown\":\"a\"} | Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
        "{\"S\":\"a\",\"N\":\"1\"} | Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
        "{\"SS\":[]} | One or more parameter values were invalid: An string set  may not be empty",
        "{\"NS\":[]} | One or more parameter values were invalid: An number set  may not be empty",
        "{\"BS\":[]} | One or more parameter values were invalid: Binary sets should not be empty",
        "{\"SS\":[\"b\",\"a\",\"b\",\"c\"]} | One or more parameter values were invalid: Input collection [b, a, b, c] contains duplicates",
        "{\"NS\":[\"1\",\"1.0\"]} | Input collection contains duplicates",
        "{\"BS\":[\"YQ==\",\"YQ==\"]} | One or more parameter values were invalid: Input collection of type BS contains duplicates.",
        "{\"SS\":[\"a\",null]} | One or more parameter values were invalid: An string set may not have a null string as a member",
        "{\"NS\":[\"1\",null]} | A value provided cannot be converted into a number",
        "{\"NULL\":false} | One or more parameter values were invalid: Null attribute value types must have the value of true",
        "{\"NULL\":false,\"N\":\"1\"} | One or more parameter values were invalid: Null attribute value types must have the value of true",
        "{\"S\":\"a\",\"SS\":[]} | One or more parameter values were invalid: An string set  may not be empty",
        "{\"N\":\"abc\"} | A value provided cannot be converted into a number",
        "{\"N\":\"1e126\"} | Number overflow. Attempting to store a number with magnitude larger than supported range",
        "{\"NS\":[\"1\",\"x\"]} | A value provided cannot be converted into a number",
        "{\"L\":[null]} | The supplied Item contains a null AttributeValue",
        "{\"L\":[{\"S\":\"a\"},{}]} | Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
        "{\"M\":{\"y\":null}} | The supplied Item contains a null AttributeValue: y is null",
        "{\"M\":{\"y\":{}}} | Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"})
    void inItem(String value, String message) {
      fails(Kind.VALIDATION, message, "PutItem", putItem(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "null | ExpressionAttributeValues contains invalid value: The supplied Item contains a null AttributeValue for key :v",
        "{} | ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the "
            + "supported datatypes for key :v",
        "{\"SS\":[]} | ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may "
            + "not be empty for key :v",
        "{\"N\":\"x\"} | ExpressionAttributeValues contains invalid value: A value provided cannot be converted into a number for key :v",
        "{\"M\":{\"q\":null}} | ExpressionAttributeValues contains invalid value: The supplied Item contains a null AttributeValue: q is "
            + "null for key :v"})
    void inExpressionAttributeValues(String value, String message) {
      fails(Kind.VALIDATION, message, "PutItem", putWithValue(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "GetItem | {\"TableName\":\"Music\",\"Key\":{\"pk\":null}} | The supplied Item contains a null AttributeValue: pk is null",
        "Scan | {\"TableName\":\"Music\",\"ExclusiveStartKey\":{\"pk\":{}}} | Supplied AttributeValue is empty, must contain exactly one "
            + "of the supported datatypes",
        "UpdateItem | {\"TableName\":\"Music\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"AttributeUpdates\":{\"x\":{\"Value\":{}}}} | Supplied "
            + "AttributeValue is empty, must contain exactly one of the supported datatypes",
        "PutItem | {\"TableName\":\"Music\",\"Item\":{},\"Expected\":{\"x\":{\"AttributeValueList\":[{}],\"ComparisonOperator\":\"EQ\"}}} | "
            + "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
        "BatchWriteItem | {\"RequestItems\":{\"Music\":[{\"PutRequest\":{\"Item\":{\"x\":null}}}]}} | The supplied Item contains a null "
            + "AttributeValue: x is null",
        "BatchGetItem | {\"RequestItems\":{\"Music\":{\"Keys\":[{\"pk\":null}]}}} | The supplied Item contains a null AttributeValue: pk is null",
        "TransactGetItems | {\"TransactItems\":[{\"Get\":{\"TableName\":\"Music\",\"Key\":{\"pk\":null}}}]} | The supplied Item contains "
            + "a null AttributeValue: pk is null"})
    void inOtherPlaces(String operation, String body, String message) {
      fails(Kind.VALIDATION, message, operation, body);
    }

    @Test
    void firstInvalidValueInDocumentOrderIsReported() {
      fails(Kind.VALIDATION, AttributeValueJson.EMPTY, "PutItem",
          "{\"TableName\":\"Music\",\"Item\":{\"a\":{},\"b\":{\"S\":\"x\",\"N\":\"1\"}}}");
      fails(Kind.VALIDATION, AttributeValueJson.SEVERAL_TYPES, "PutItem",
          "{\"TableName\":\"Music\",\"Item\":{\"b\":{\"S\":\"x\",\"N\":\"1\"},\"a\":{}}}");
    }

    @Test
    void everyTypeIsRead() {
      PutItemInput in = assertInstanceOf(PutItemInput.class, read("PutItem", "{\"TableName\":\"Music\",\"Item\":{"
          + "\"s\":{\"S\":\"\"},\"n\":{\"N\":\"-0012.50\"},\"b\":{\"B\":\"AAEC\"},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
          + "\"m\":{\"M\":{\"k\":{\"L\":[]}}},\"ss\":{\"SS\":[\"b\",\"a\"]},\"ns\":{\"NS\":[\"2\",\"1\"]},\"bs\":{\"BS\":[\"AA==\"]}}}"));
      Map<String, AttributeValue> item = in.item();
      assertEquals(AttributeValue.s(""), item.get("s"));
      assertEquals(AttributeValue.n("-12.5"), item.get("n"));
      assertEquals(AttributeValue.b(new byte[] {0, 1, 2}), item.get("b"));
      assertEquals(AttributeValue.Bool.TRUE, item.get("t"));
      assertEquals(AttributeValue.Null.INSTANCE, item.get("z"));
      assertEquals(new AttributeValue.M(Map.of("k", new AttributeValue.L(List.of()))), item.get("m"));
      assertEquals(List.of("b", "a"), List.copyOf(((AttributeValue.SS) item.get("ss")).value()));
      assertEquals(List.of("s", "n", "b", "t", "z", "m", "ss", "ns", "bs"), List.copyOf(item.keySet()));
    }
  }

  @Nested
  class Nesting {
    static String nestedMaps(int maps, String innermost) {
      String v = innermost;
      for (int i = 0; i < maps; i++) {
        v = "{\"M\":{\"a\":" + v + "}}";
      }
      return v;
    }

    static String nestedLists(int lists) {
      String v = "{\"S\":\"x\"}";
      for (int i = 0; i < lists; i++) {
        v = "{\"L\":[" + v + "]}";
      }
      return v;
    }

    @Test
    void thirtyTwoLevelsCountingTheItemAreAllowed() {
      read("PutItem", putItem(nestedMaps(31, "{\"S\":\"x\"}")));
      read("PutItem", putItem(nestedMaps(31, "{\"SS\":[\"x\"]}")));
      read("PutItem", putItem(nestedLists(31)));
    }

    @Test
    void aThirtyThirdLevelIsRejected() {
      fails(Kind.VALIDATION, AttributeValueJson.NESTING, "PutItem", putItem(nestedMaps(32, "{\"S\":\"x\"}")));
      fails(Kind.VALIDATION, AttributeValueJson.NESTING, "PutItem", putItem(nestedMaps(31, "{\"M\":{}}")));
      fails(Kind.VALIDATION, AttributeValueJson.NESTING, "PutItem", putItem(nestedLists(32)));
      fails(Kind.VALIDATION, AttributeValueJson.NESTING, "GetItem",
          "{\"TableName\":\"Music\",\"Key\":{\"pk\":" + nestedMaps(40, "{\"M\":{}}") + "}}");
      fails(Kind.VALIDATION, "ExpressionAttributeValues contains invalid value: " + AttributeValueJson.NESTING + " for key :v",
          "PutItem", putWithValue(nestedMaps(33, "{\"S\":\"x\"}")));
    }

    @Test
    void veryDeepJsonIsTheSameValidationError() {
      fails(Kind.VALIDATION, AttributeValueJson.NESTING, "PutItem", putItem(nestedMaps(5000, "{\"S\":\"x\"}")));
    }
  }
}
