package triad.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import triad.api.core.Requests;
import triad.item.core.DbException;
import triad.security.core.AuthFailure;
import triad.security.core.Identity;
import triad.security.core.RequestGuard;
import triad.security.core.SignedRequest;

/**
 * The path a request takes, as the HTTP layer is to wire it: config and credentials file, identity
 * cache, authentication of an SDK-signed request, parsing, authorization.
 */
class SecurityWiringTest {
  private static final String SECRET_ALICE = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String SECRET_BOB = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void authenticatesThenAuthorizesAnSdkRequest() {
    Path creds = TestFiles.write(dir.resolve("credentials"), """
        [alice]
        aws_access_key_id = AKIDALICE0000001
        aws_secret_access_key = %s
        triad_account_id = 111122223333
        [bob]
        aws_access_key_id = AKIDBOB000000001
        aws_secret_access_key = %s
        """.formatted(SECRET_ALICE, SECRET_BOB), "rw-------");
    Config config = ConfigFactory.parseString("""
        triad.security.credentials-files = ["%s"]
        triad.security.identities.alice.policies.music.statements = [
          { effect = Allow, actions = ["dynamodb:GetItem"], resources = ["arn:aws:dynamodb:us-east-1:111122223333:table/Music"] }
        ]""".formatted(creds)).withFallback(ConfigFactory.parseResources("security.conf")).resolve();
    SecuritySettings settings = SecuritySettings.fromConfig(config);

    try (IdentityCache cache = IdentityCache.start(() -> IdentitiesConfig.load(config), scheduler, settings.refreshInterval())) {
      RequestGuard guard = new RequestGuard(settings.signature(), cache::current, "us-east-1", "111122223333");
      String body = "{\"TableName\":\"Music\",\"Key\":{\"Artist\":{\"S\":\"Björk\"}}}";

      Identity alice = guard.authenticate(signed("AKIDALICE0000001", SECRET_ALICE, "GetItem", body), NOW);
      assertEquals(new Identity("alice", "111122223333", "AKIDALICE0000001"), alice);
      guard.authorize(alice, Requests.read("GetItem", body.getBytes(UTF_8)));

      Identity aliceAgain = guard.authenticate(signed("AKIDALICE0000001", SECRET_ALICE, "DeleteItem", body), NOW);
      AuthFailure denied = assertThrows(AuthFailure.class,
          () -> guard.authorize(aliceAgain, Requests.read("DeleteItem", body.getBytes(UTF_8))));
      assertEquals("User: arn:aws:iam::111122223333:user/alice is not authorized to perform: dynamodb:DeleteItem on resource:"
          + " arn:aws:dynamodb:us-east-1:111122223333:table/Music because no identity-based policy allows the dynamodb:DeleteItem"
          + " action", denied.getMessage());

      Identity bob = guard.authenticate(signed("AKIDBOB000000001", SECRET_BOB, "GetItem", body), NOW);
      assertEquals("000000000000", bob.accountId());
      AuthFailure otherAccount = assertThrows(AuthFailure.class, () -> guard.authorize(bob, Requests.read("GetItem", body.getBytes(UTF_8))));
      assertEquals(DbException.Kind.ACCESS_DENIED, otherAccount.kind());
      assertEquals("User: arn:aws:iam::000000000000:user/bob is not authorized to perform: dynamodb:GetItem on resource:"
          + " arn:aws:dynamodb:us-east-1:111122223333:table/Music because no resource-based policy allows the dynamodb:GetItem"
          + " action", otherAccount.getMessage());

      AuthFailure forged = assertThrows(AuthFailure.class,
          () -> guard.authenticate(signed("AKIDBOB000000001", SECRET_ALICE, "GetItem", body), NOW));
      assertEquals(DbException.Kind.INVALID_SIGNATURE, forged.kind());
    }
  }

  private static SignedRequest signed(String accessKeyId, String secret, String operation, String body) {
    SdkHttpFullRequest request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(URI.create("http://127.0.0.1:8000/"))
        .putHeader("X-Amz-Target", "DynamoDB_20120810." + operation)
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .build();
    var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(accessKeyId, secret))
        .request(request)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
    var r = signed.request();
    return new SignedRequest(r.method().name(), r.encodedPath(), r.getUri().getRawQuery(), r.headers(), body.getBytes(UTF_8));
  }
}
