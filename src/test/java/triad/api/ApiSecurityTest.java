package triad.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import triad.testkit.Clients;
import triad.testkit.InJvmNode;
import triad.testkit.SignedHttp;

/**
 * Authentication and authorization through the real HTTP API of a node in this JVM: requests
 * tampered with in every part the signature covers, and a matrix of identities × actions × tables
 * checked against a model of the policies, with nothing stored changed by a refused request.
 */
class ApiSecurityTest {
  private static final String SECRET = "0123456789abcdef-secret";
  private static final List<String> IDENTITIES = List.of("admin", "reader", "writer", "denier", "nopolicy", "foreign");
  private static final List<String> TABLES = List.of("Alpha", "Beta");

  @TempDir
  static Path dir;
  static InJvmNode node;
  static final Map<String, DynamoDbClient> clients = new LinkedHashMap<>();
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws IOException {
    StringBuilder creds = new StringBuilder();
    for (String id : IDENTITIES) {
      creds.append("[").append(id).append("]\naws_access_key_id = AKID").append(id.toUpperCase()).append("\naws_secret_access_key = ")
          .append(SECRET).append("\n").append(id.equals("foreign") ? "triad_account_id = 111122223333\n" : "");
    }
    Path file = Files.writeString(dir.resolve("credentials"), creds);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    node = InJvmNode.start(dir.resolve("data"), """
        triad.security.credentials-files = ["%s"]
        triad.security.identities {
          admin.policies.all.statements = [ { effect = Allow, actions = "dynamodb:*", resources = "*" } ]
          foreign.policies.all.statements = [ { effect = Allow, actions = "dynamodb:*", resources = "*" } ]
          reader.policies.read.statements = [
            { effect = Allow, actions = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan",
                "dynamodb:DescribeTable"], resources = "arn:aws:dynamodb:*:*:table/Alpha" }
          ]
          writer.policies.write.statements = [
            { effect = Allow, actions = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"],
              resources = "arn:aws:dynamodb:us-east-1:000000000000:table/Beta" }
            { effect = Allow, actions = "dynamodb:ListTables", resources = "*" }
          ]
          denier.policies.all-but-beta.statements = [
            { effect = Allow, actions = "dynamodb:*", resources = "*" }
            { effect = Deny, actions = "dynamodb:*", resources = "arn:aws:dynamodb:*:*:table/Beta" }
          ]
        }
        """.formatted(file));
    for (String id : IDENTITIES) {
      clients.put(id, Clients.dynamo(node.endpoint(), "AKID" + id.toUpperCase(), SECRET));
    }
    for (String table : TABLES) {
      admin().createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
          .keySchema(k -> k.attributeName("pk").keyType("HASH"))
          .attributeDefinitions(a -> a.attributeName("pk").attributeType("S")));
    }
  }

  @AfterAll
  static void stop() {
    clients.values().forEach(DynamoDbClient::close);
    if (node != null) {
      node.close();
    }
  }

  static DynamoDbClient admin() {
    return clients.get("admin");
  }

  static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", AttributeValue.fromS(pk));
  }

  // ---- the matrix ----

  /** What each identity's policies allow, written out independently of the policy evaluator. */
  static boolean allowed(String identity, String action, String table) {
    return switch (identity) {
      case "admin" -> true;
      case "reader" -> table.equals("Alpha") && Set.of("GetItem", "BatchGetItem", "Query", "Scan", "DescribeTable").contains(action);
      case "writer" -> action.equals("ListTables")
          || table.equals("Beta") && Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem").contains(action);
      case "denier" -> action.equals("ListTables") || !table.equals("Beta");
      default -> false; // nopolicy: nothing; foreign: another account's identity reaches nothing here
    };
  }

  /** Each action, done by a client on a table with a key of its own; ListTables ignores the table. */
  static final Map<String, BiConsumer<DynamoDbClient, String[]>> ACTIONS = new LinkedHashMap<>();

  static {
    ACTIONS.put("GetItem", (c, t) -> c.getItem(b -> b.tableName(t[0]).key(key(t[1]))));
    ACTIONS.put("PutItem", (c, t) -> c.putItem(b -> b.tableName(t[0]).item(Map.of("pk", AttributeValue.fromS(t[1]),
        "v", AttributeValue.fromS("x")))));
    ACTIONS.put("UpdateItem", (c, t) -> c.updateItem(b -> b.tableName(t[0]).key(key(t[1])).updateExpression("SET v = :v")
        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("y")))));
    ACTIONS.put("DeleteItem", (c, t) -> c.deleteItem(b -> b.tableName(t[0]).key(key(t[1]))));
    ACTIONS.put("Query", (c, t) -> c.query(b -> b.tableName(t[0]).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(t[1])))));
    ACTIONS.put("Scan", (c, t) -> c.scan(b -> b.tableName(t[0]).limit(1)));
    ACTIONS.put("DescribeTable", (c, t) -> c.describeTable(b -> b.tableName(t[0])));
    ACTIONS.put("BatchGetItem", (c, t) -> c.batchGetItem(b -> b.requestItems(Map.of(t[0], KeysAndAttributes.builder()
        .keys(key(t[1])).build()))));
    ACTIONS.put("BatchWriteItem", (c, t) -> c.batchWriteItem(b -> b.requestItems(Map.of(t[0], List.of(WriteRequest.builder()
        .putRequest(PutRequest.builder().item(Map.of("pk", AttributeValue.fromS(t[1]))).build()).build())))));
    ACTIONS.put("ListTables", (c, t) -> c.listTables());
  }

  @Test
  void everyIdentityMayDoExactlyWhatItsPoliciesAllowOnEveryTable() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (String identity : IDENTITIES) {
      for (Map.Entry<String, BiConsumer<DynamoDbClient, String[]>> action : ACTIONS.entrySet()) {
        for (String table : TABLES) {
          String pk = identity + "-" + action.getKey();
          // A delete must find something to delete, so a refused one visibly changes nothing.
          admin().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk + "-existing"))));
          String[] target = {table, action.getKey().equals("DeleteItem") ? pk + "-existing" : pk};
          boolean expected = allowed(identity, action.getKey(), table);
          String outcome = outcome(() -> action.getValue().accept(clients.get(identity), target));
          checked++;
          if (!outcome.equals(expected ? "allowed" : "AccessDeniedException")) {
            wrong.add(identity + " " + action.getKey() + " " + table + ": expected " + (expected ? "allowed" : "denied") + ", got " + outcome);
          }
          if (!expected) {
            assertUnchanged(table, pk, action.getKey());
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(IDENTITIES.size() * ACTIONS.size() * TABLES.size(), checked);
  }

  /** A refused write left no item, and a refused delete left its item. */
  private static void assertUnchanged(String table, String pk, String action) {
    var stored = admin().getItem(b -> b.tableName(table).key(key(pk)).consistentRead(true));
    assertFalse(stored.hasItem(), action + " by a refused identity stored " + stored.item());
    if (action.equals("DeleteItem")) {
      assertTrue(admin().getItem(b -> b.tableName(table).key(key(pk + "-existing")).consistentRead(true)).hasItem(),
          "a refused delete deleted");
    }
  }

  private static String outcome(Runnable call) {
    try {
      call.run();
      return "allowed";
    } catch (DynamoDbException e) {
      assertEquals(400, e.statusCode(), e.toString());
      return e.awsErrorDetails().errorCode();
    }
  }

  @Test
  void refusalsSayWhoWasRefusedWhatOnWhichResource() {
    DynamoDbException e = org.junit.jupiter.api.Assertions.assertThrows(DynamoDbException.class,
        () -> clients.get("foreign").getItem(b -> b.tableName("Alpha").key(key("x"))));
    assertEquals("User: arn:aws:iam::111122223333:user/foreign is not authorized to perform: dynamodb:GetItem on resource:"
        + " arn:aws:dynamodb:us-east-1:000000000000:table/Alpha because no resource-based policy allows the dynamodb:GetItem action",
        e.awsErrorDetails().errorMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(DynamoDbException.class,
        () -> clients.get("denier").putItem(b -> b.tableName("Beta").item(key("x"))));
    assertEquals("User: arn:aws:iam::000000000000:user/denier is not authorized to perform: dynamodb:PutItem on resource:"
        + " arn:aws:dynamodb:us-east-1:000000000000:table/Beta with an explicit deny in an identity-based policy",
        e.awsErrorDetails().errorMessage());
  }

  // ---- tampering, through raw HTTP ----

  record Answer(int status, String type, String message) {}

  static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    String body = r.body();
    String type = body.replaceAll("(?s).*\"__type\":\"[^#\"]*#?([^\"]*)\".*", "$1");
    String message = body.contains("\"message\":\"") ? body.replaceAll("(?s).*\"message\":\"((?:[^\"\\\\]|\\\\.)*)\".*", "$1") : null;
    return new Answer(r.statusCode(), r.statusCode() == 200 ? null : type, message);
  }

  /** A request signed by the admin, then changed by {@code edit} before it is sent. */
  static HttpRequest.Builder tampered(String target, String body, Instant at, Map<String, String> edits, String bodySent) {
    URI endpoint = node.endpoint();
    Map<String, List<String>> headers = new LinkedHashMap<>(SignedHttp.headers(endpoint, target, body.getBytes(UTF_8), "AKIDADMIN", SECRET, at));
    edits.forEach((name, value) -> {
      headers.keySet().removeIf(h -> h.equalsIgnoreCase(name));
      if (value != null) {
        headers.put(name, List.of(value));
      }
    });
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(bodySent));
    headers.forEach((name, values) -> values.forEach(v -> b.header(name, v)));
    return b;
  }

  static String put(String pk) {
    return "{\"TableName\":\"Alpha\",\"Item\":{\"pk\":{\"S\":\"" + pk + "\"}}}";
  }

  @Test
  void aSignedRequestIsAcceptedAndEveryTamperingIsRefusedWithDynamoDbsError() throws Exception {
    Instant now = Instant.now();
    assertEquals(new Answer(200, null, null), send(tampered("PutItem", put("signed"), now, Map.of(), put("signed"))));

    Map<String, Answer> cases = new LinkedHashMap<>();
    cases.put("body changed", send(tampered("PutItem", put("t1"), now, Map.of(), put("t1-changed"))));
    cases.put("operation changed", send(tampered("PutItem", put("t2"), now, Map.of("X-Amz-Target", "DynamoDB_20120810.DeleteItem"), put("t2"))));
    cases.put("signature changed", send(tampered("PutItem", put("t3"), now, Map.of("Authorization",
        SignedHttp.headers(node.endpoint(), "PutItem", put("t3").getBytes(UTF_8), "AKIDADMIN", SECRET, now).get("Authorization").get(0)
            .replaceAll("Signature=[0-9a-f]{4}", "Signature=0000")), put("t3"))));
    cases.put("wrong secret", send(SignedHttp.post(node.endpoint(), "PutItem", put("t4").getBytes(UTF_8), "AKIDADMIN", SECRET + "x", now)));
    cases.put("unknown key", send(SignedHttp.post(node.endpoint(), "PutItem", put("t5").getBytes(UTF_8), "AKIDNOBODY", SECRET, now)));
    cases.put("expired", send(SignedHttp.post(node.endpoint(), "PutItem", put("t6").getBytes(UTF_8), "AKIDADMIN", SECRET,
        now.minus(Duration.ofMinutes(20)))));
    cases.put("unsigned", send(tampered("PutItem", put("t7"), now, java.util.Collections.singletonMap("Authorization", null), put("t7"))));
    cases.put("malformed", send(tampered("PutItem", put("t8"), now, Map.of("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDADMIN"), put("t8"))));
    cases.put("date changed", send(tampered("PutItem", put("t9"), now, Map.of("X-Amz-Date", "20200101T000000Z"), put("t9"))));
    cases.put("bearer token", send(tampered("PutItem", put("t10"), now, Map.of("Authorization", "Bearer s3cr3t-t0ken"), put("t10"))));

    Map<String, String> types = new LinkedHashMap<>();
    cases.forEach((name, a) -> {
      assertEquals(400, a.status(), name + ": " + a);
      types.put(name, a.type());
      assertFalse(a.message() != null && a.message().contains("s3cr3t"), name + " echoed the Authorization header: " + a);
    });
    assertEquals(Map.of(
        "body changed", "InvalidSignatureException",
        "operation changed", "InvalidSignatureException",
        "signature changed", "InvalidSignatureException",
        "wrong secret", "InvalidSignatureException",
        "unknown key", "UnrecognizedClientException",
        "expired", "InvalidSignatureException",
        "unsigned", "MissingAuthenticationTokenException",
        "malformed", "IncompleteSignatureException",
        "date changed", "InvalidSignatureException",
        "bearer token", "IncompleteSignatureException"), types);
    assertTrue(cases.get("expired").message().startsWith("Signature expired"), cases.get("expired").message());
    for (int i = 1; i <= 10; i++) {
      String pk = "t" + i;
      assertNull(admin().getItem(b -> b.tableName("Alpha").key(key(pk)).consistentRead(true)).item().get("pk"), pk + " was stored");
      assertFalse(admin().getItem(b -> b.tableName("Alpha").key(key(pk + "-changed")).consistentRead(true)).hasItem());
    }
  }

  @Test
  void theHealthCheckNeedsNoSignatureAndUnknownOperationsComeAfterAuthentication() throws Exception {
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(node.endpoint()).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    Answer unsigned = send(HttpRequest.newBuilder(node.endpoint()).header("X-Amz-Target", "DynamoDB_20120810.Frobnicate")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertEquals(new Answer(400, "MissingAuthenticationTokenException", "Request is missing Authentication Token"), unsigned);
    Answer signed = send(SignedHttp.post(node.endpoint(), "Frobnicate", "{}".getBytes(UTF_8), "AKIDADMIN", SECRET, Instant.now()));
    assertEquals(400, signed.status());
    assertEquals("UnknownOperationException", signed.type());
  }
}
