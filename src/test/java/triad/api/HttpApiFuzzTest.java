package triad.api;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import triad.item.core.DbException;
import triad.replication.ReplicaDirectory;
import triad.router.RouterBehavior;
import triad.security.CredentialsFiles;
import triad.security.core.Identities;
import triad.security.core.Policy;
import triad.security.core.RequestGuard;
import triad.security.core.SigV4Settings;
import triad.security.core.Statement;
import triad.testkit.Clients;
import triad.testkit.InJvmNode;
import triad.testkit.SignedHttp;

/**
 * The API's handling of any request (HttpApi.handle, in this JVM without sockets, with the real
 * request guard, router and replicas of a node): arbitrary methods, headers and bytes, and
 * properly signed requests whose bodies are fuzzed DynamoDB JSON. Every answer must be DynamoDB's:
 * 200, or an error below 500 whose {@code __type} is one of DynamoDB's, within 15 s.
 */
class HttpApiFuzzTest {
  private static final URI ENDPOINT = URI.create("http://127.0.0.1:8000/");
  /** Data-plane operations and a few the router does not support; table lifecycle is left out (each CreateTable starts actors). */
  private static final List<String> SIGNED_OPERATIONS = List.of("PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan",
      "BatchGetItem", "BatchWriteItem", "DescribeTable", "ListTables", "DescribeLimits", "TransactGetItems", "TransactWriteItems",
      "ListBackups", "TagResource", "ExecuteStatement", "DescribeTimeToLive");
  private static final Set<String> DYNAMODB_TYPES = Set.of(DbException.Kind.values()).stream()
      .map(ErrorTypes::type).collect(java.util.stream.Collectors.toSet());
  private static final Pattern TYPE = Pattern.compile("\"__type\":\"([^\"]+)\"");
  private static final String[] KEYS = {"TableName", "Key", "Item", "ConditionExpression", "UpdateExpression", "ProjectionExpression",
      "FilterExpression", "KeyConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "Limit",
      "ExclusiveStartKey", "ReturnValues", "ConsistentRead", "Select", "Segment", "TotalSegments", "RequestItems", "ScanIndexForward",
      "ReturnConsumedCapacity", "ReturnValuesOnConditionCheckFailure", "IndexName", "TransactItems", "ResourceArn", "Tags"};
  private static final String[] EXPRESSION_WORDS = {"#n", "#k", ":v", ":w", "pk", "sk", "a.b[0]", "=", "<>", "<", ">=", "AND", "OR",
      "NOT", "BETWEEN", "IN", "(", ")", ",", "SET", "REMOVE", "ADD", "DELETE", "+", "-", "attribute_exists(", "attribute_type(",
      "begins_with(", "contains(", "size(", "if_not_exists(", "list_append(", "[1]", ".", "x", "0"};

  private record Target(HttpApi api, Materializer materializer) {}

  private static final Target TARGET = start();

  /** A node for the whole run: two tables, and an HttpApi of its own over the node's router. */
  private static Target start() {
    try {
      Path data = Path.of(System.getProperty("triad.test.build.dir", "target"), "fuzz-http-" + ProcessHandle.current().pid());
      Files.createDirectories(data);
      InJvmNode node = InJvmNode.start(data, "triad.router.instances = 2");
      try (DynamoDbClient ddb = node.client()) {
        ddb.createTable(b -> b.tableName("Fuzz").billingMode("PAY_PER_REQUEST")
            .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE"))
            .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("N")));
        ddb.createTable(b -> b.tableName("FuzzHash").billingMode("PAY_PER_REQUEST")
            .keySchema(k -> k.attributeName("pk").keyType("HASH"))
            .attributeDefinitions(a -> a.attributeName("pk").attributeType("S")));
      }
      var system = node.node().system();
      ActorRef<RouterBehavior.Command> router = Adapter.toTyped(system.classicSystem().actorSelection("/user/router")
          .resolveOne(Duration.ofSeconds(10)).toCompletableFuture().get(10, TimeUnit.SECONDS));
      Identities identities = new Identities(CredentialsFiles.load(List.of("classpath:local.credentials")), Map.of("default",
          List.of(new Policy("admin", List.of(new Statement(Statement.Effect.ALLOW, List.of("dynamodb:*"), List.of("*")))))));
      RequestGuard guard = new RequestGuard(SigV4Settings.DEFAULTS, () -> identities, "us-east-1", "000000000000");
      return new Target(new HttpApi(system, router, Duration.ofSeconds(10), 16 * 1024 * 1024, Optional.of(guard), Clock.systemUTC(),
          new NodeStatus("az1", "fuzz", new ReplicaDirectory())),
          Materializer.matFromSystem(system));
    } catch (Exception e) {
      throw new IllegalStateException("the fuzzed node did not start", e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void anyRequestIsAnsweredAsDynamoDbWouldNeverWith5xx(FuzzedDataProvider d) throws Exception {
    boolean signed = d.consumeBoolean();
    String operation = signed ? d.pickValue(SIGNED_OPERATIONS) : d.consumeString(24);
    List<HttpHeader> headers = new ArrayList<>();
    for (int i = d.consumeInt(0, 3); i > 0; i--) {
      headers.add(RawHeader.create(token(d.consumeString(12)), visible(d.consumeString(40))));
    }
    byte[] body = signed && d.consumeBoolean() ? body(d).getBytes(UTF_8) : d.consumeBytes(4096);
    if (signed) {
      boolean tamper = d.consumeInt(0, 7) == 0;
      SignedHttp.headers(ENDPOINT, operation, body, Clients.ACCESS_KEY_ID, Clients.SECRET, Instant.now())
          .forEach((name, values) -> values.forEach(v -> headers.add(RawHeader.create(name, v))));
      if (tamper && body.length > 0) {
        body[d.consumeInt(0, body.length - 1)] ^= 1;
      }
    } else if (d.consumeBoolean()) {
      headers.add(RawHeader.create("X-Amz-Target", "DynamoDB_20120810." + operation));
    }
    headers.add(RawHeader.create("Host", "127.0.0.1:8000"));
    var method = signed ? HttpMethods.POST : d.pickValue(List.of(HttpMethods.POST, HttpMethods.POST, HttpMethods.PUT, HttpMethods.DELETE,
        HttpMethods.PATCH, HttpMethods.GET));
    HttpRequest request = HttpRequest.create("/").withMethod(method).addHeaders(headers)
        .withEntity(ContentTypes.create(MediaTypes.customBinary("application", "x-amz-json-1.0", false)), body);
    HttpResponse response = TARGET.api().handle(request).toCompletableFuture().get(15, TimeUnit.SECONDS);
    check(response);
  }

  private static void check(HttpResponse response) throws Exception {
    int status = response.status().intValue();
    String text = response.entity().toStrict(5000, TARGET.materializer()).toCompletableFuture().get().getData().utf8String();
    if (status >= 500) {
      throw new AssertionError("answered " + status + ": " + text);
    }
    if (status != 200) {
      Matcher m = TYPE.matcher(text);
      if (!m.find() || !DYNAMODB_TYPES.contains(m.group(1))) {
        throw new AssertionError("answered " + status + " without one of DynamoDB's error types: " + text);
      }
    }
  }

  private static String token(String s) {
    String t = s.replaceAll("[^A-Za-z0-9-]", "");
    return t.isEmpty() ? "X-Fuzz" : t;
  }

  private static String visible(String s) {
    return s.replaceAll("[^\\x20-\\x7e]", "");
  }

  // ---- DynamoDB-shaped JSON, so signed requests reach the router and the replicas ----

  private static String body(FuzzedDataProvider d) {
    StringBuilder b = new StringBuilder("{");
    for (int i = d.consumeInt(1, 6); i > 0; i--) {
      String key = d.pickValue(KEYS);
      b.append(quote(key)).append(':').append(member(d, key)).append(i > 1 ? "," : "");
    }
    return b.append('}').toString();
  }

  private static String member(FuzzedDataProvider d, String key) {
    return switch (key) {
      case "TableName" -> quote(d.pickValue(List.of("Fuzz", "FuzzHash", "Fuzz", d.consumeString(8))));
      case "Key", "ExclusiveStartKey" -> "{\"pk\":" + value(d, 0) + (d.consumeBoolean() ? ",\"sk\":" + value(d, 0) : "") + "}";
      case "Item" -> item(d);
      case "ConditionExpression", "UpdateExpression", "ProjectionExpression", "FilterExpression", "KeyConditionExpression" ->
          quote(expression(d));
      case "ExpressionAttributeNames" -> "{\"#n\":" + quote(d.consumeString(6)) + ",\"#k\":\"pk\"}";
      case "ExpressionAttributeValues" -> "{\":v\":" + value(d, 0) + ",\":w\":" + value(d, 0) + "}";
      case "Limit", "Segment", "TotalSegments" -> Integer.toString(d.consumeInt(-2, 1_000_001));
      case "ConsistentRead", "ScanIndexForward" -> Boolean.toString(d.consumeBoolean());
      case "RequestItems" -> "{" + quote(d.pickValue(List.of("Fuzz", "FuzzHash"))) + ":" + (d.consumeBoolean()
          ? "{\"Keys\":[{\"pk\":" + value(d, 0) + "}]}" : "[{\"PutRequest\":{\"Item\":" + item(d) + "}},{\"DeleteRequest\":{\"Key\":{\"pk\":"
          + value(d, 0) + "}}}]") + "}";
      case "TransactItems" -> "[{\"Put\":{\"TableName\":\"FuzzHash\",\"Item\":" + item(d) + "}}]";
      case "Tags" -> "[{\"Key\":" + quote(d.consumeString(4)) + ",\"Value\":\"v\"}]";
      default -> quote(d.pickValue(List.of("ALL_OLD", "ALL_NEW", "UPDATED_OLD", "NONE", "TOTAL", "COUNT", "SPECIFIC_ATTRIBUTES",
          "arn:aws:dynamodb:us-east-1:000000000000:table/Fuzz", d.consumeString(10))));
    };
  }

  private static String item(FuzzedDataProvider d) {
    StringBuilder b = new StringBuilder("{\"pk\":").append(value(d, 0));
    for (int i = d.consumeInt(0, 4); i > 0; i--) {
      b.append(',').append(quote(d.pickValue(List.of("sk", "a", "b", "pk", d.consumeString(5))))).append(':').append(value(d, 0));
    }
    return b.append('}').toString();
  }

  private static String value(FuzzedDataProvider d, int depth) {
    int kind = d.consumeInt(0, depth > 3 ? 5 : 9);
    return switch (kind) {
      case 0 -> "{\"S\":" + quote(d.consumeString(20)) + "}";
      case 1 -> "{\"N\":" + quote(d.pickValue(List.of(Long.toString(d.consumeLong()), "1e126", "-0.0", "1E-130", "9".repeat(39),
          d.consumeString(6)))) + "}";
      case 2 -> "{\"B\":" + quote(d.consumeBoolean() ? Base64.getEncoder().encodeToString(d.consumeBytes(12)) : d.consumeString(8)) + "}";
      case 3 -> "{\"BOOL\":" + d.consumeBoolean() + "}";
      case 4 -> "{\"NULL\":" + d.consumeBoolean() + "}";
      case 5 -> "{\"SS\":[" + quote(d.consumeString(4)) + "," + quote(d.consumeString(4)) + "]}";
      case 6 -> "{\"L\":[" + value(d, depth + 1) + "," + value(d, depth + 1) + "]}";
      case 7 -> "{\"M\":{" + quote(d.consumeString(4)) + ":" + value(d, depth + 1) + "}}";
      case 8 -> "{\"NS\":[\"1\"," + quote(Integer.toString(d.consumeInt())) + "]}";
      default -> "{\"S\":\"x\",\"N\":\"1\"}";
    };
  }

  private static String expression(FuzzedDataProvider d) {
    StringBuilder b = new StringBuilder();
    for (int i = d.consumeInt(1, 12); i > 0; i--) {
      b.append(d.consumeBoolean() ? d.pickValue(EXPRESSION_WORDS) : d.consumeString(3)).append(' ');
    }
    return b.toString().strip();
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
