package triad.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import triad.api.ErrorTypes;
import triad.security.core.AuthFailure;
import triad.security.core.Credential;
import triad.security.core.CredentialStore;
import triad.security.core.Identities;
import triad.security.core.Identity;
import triad.security.core.RequestGuard;
import triad.security.core.SigV4Settings;

/**
 * Real requests over loopback into a real Pekko HTTP server: what Pekko makes of them, converted
 * back, still verifies; and the SDK reads the security errors' wire form.
 */
class PekkoRequestsTest {
  private static final String ACCESS_KEY_ID = "AKIDPEKKO0000001";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Identities IDENTITIES = new Identities(
      CredentialStore.of(List.of(new Credential(new Identity("alice", "000000000000", ACCESS_KEY_ID), SECRET))), Map.of());
  private static final List<String> SEEN = new CopyOnWriteArrayList<>();

  private static ActorSystem<Void> system;
  private static ServerBinding binding;
  private static RequestGuard guard;

  @BeforeAll
  static void start() throws Exception {
    system = ActorSystem.create(Behaviors.empty(), "security-http", ConfigFactory.parseString("""
        pekko.actor.provider = local
        pekko.loglevel = WARNING
        pekko.http.server.raw-request-uri-header = on
        """).withFallback(ConfigFactory.defaultReference()));
    guard = new RequestGuard(SigV4Settings.DEFAULTS, () -> IDENTITIES, "us-east-1", "000000000000");
    binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(PekkoRequestsTest::handle).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    system.terminate();
  }

  /** Authenticates every request; answers {} or the failure as DynamoDB's JSON error. */
  private static CompletionStage<org.apache.pekko.http.javadsl.model.HttpResponse> handle(HttpRequest request) {
    return request.entity().toStrict(5000, system).thenApply(strict -> {
      try {
        Identity who = guard.authenticate(PekkoRequests.signed(request, strict.getData().toArray()), Instant.now());
        SEEN.add(who.name() + " " + request.getUri().getPathString());
        return json(200, "{}");
      } catch (AuthFailure f) {
        return json(ErrorTypes.status(f.kind()), "{\"__type\":\"" + ErrorTypes.type(f.kind()) + "\",\"message\":\"" + f.getMessage() + "\"}");
      }
    });
  }

  private static org.apache.pekko.http.javadsl.model.HttpResponse json(int status, String body) {
    return org.apache.pekko.http.javadsl.model.HttpResponse.create().withStatus(status)
        .withEntity(ContentTypes.create(MediaTypes.customBinary("application", "x-amz-json-1.0", false)), body.getBytes(UTF_8));
  }

  private static URI endpoint() {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
  }

  @Test
  void theDynamoDbClientIsAuthenticatedThroughPekko() {
    SEEN.clear();
    try (DynamoDbClient client = client(SECRET)) {
      client.listTables();
      client.getItem(b -> b.tableName("Music").key(Map.of("Artist", AttributeValue.fromS("Sigur Rós"))));
    }
    assertEquals(List.of("alice /", "alice /"), SEEN);
  }

  @Test
  void theSdkReadsOurSecurityErrors() {
    try (DynamoDbClient client = client(SECRET.replace('w', 'x'))) {
      DynamoDbException e = assertThrows(DynamoDbException.class, client::listTables);
      assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
      assertEquals(400, e.statusCode());
      assertEquals(AuthFailure.SIGNATURE_MISMATCH_MESSAGE, e.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void oddPathsQueriesAndRepeatedHeadersSurviveThePekkoRoundTrip() throws Exception {
    SEEN.clear();
    String body = "{\"TableName\":\"Music\"}";
    SdkHttpFullRequest request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(URI.create(endpoint() + "/a%20b/c:d/%E2%82%AC?z=1&a=%2F&a=x%20y&empty"))
        .putHeader("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .appendHeader("X-Custom", "one")
        .appendHeader("X-Custom", "two,  three")
        .build();
    var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET))
        .request(request)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.now(), ZoneOffset.UTC)));
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(signed.request().getUri())
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
    signed.request().forEachHeader((name, values) -> {
      if (!name.equalsIgnoreCase("Host")) {
        values.forEach(v -> b.header(name, v));
      }
    });
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build()) {
      HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
    }
    assertEquals(List.of("alice /a%20b/c:d/%E2%82%AC"), SEEN);
  }

  private static DynamoDbClient client(String secret) {
    return DynamoDbClient.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, secret)))
        .build();
  }
}
