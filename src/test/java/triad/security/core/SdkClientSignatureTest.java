package triad.security.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import triad.item.core.DbException;

/**
 * What {@link DynamoDbClient} really sends, recorded by an HTTP client that never opens a socket,
 * is accepted; so is the older SDK signer's form, which (like boto3) sends no x-amz-content-sha256.
 */
class SdkClientSignatureTest {
  private final SigV4Verifier verifier = new SigV4Verifier(SigV4Settings.DEFAULTS, SdkSigning.store());

  @Test
  void acceptsEveryRequestTheDynamoDbClientSends() {
    Recorder recorder = new Recorder();
    try (DynamoDbClient client = DynamoDbClient.builder()
        .httpClient(recorder)
        .region(Region.EU_CENTRAL_1)
        .endpointOverride(URI.create("http://localhost:8000"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(SdkSigning.ACCESS_KEY_ID, SdkSigning.SECRET)))
        .build()) {
      client.listTables();
      client.putItem(b -> b.tableName("Music").item(Map.of("Artist", AttributeValue.fromS("Ærø — 音楽"), "N", AttributeValue.fromN("1"))));
      client.getItem(b -> b.tableName("Music").key(Map.of("Artist", AttributeValue.fromS("x"))).consistentRead(true));
    }
    assertEquals(3, recorder.requests.size());
    for (SignedRequest r : recorder.requests) {
      Instant sent = Instant.from(Claim.BASIC.parse(r.header("x-amz-date").get(0)));
      assertEquals("alice", verifier.verify(r, sent).name());
      String signedHeaders = r.header("authorization").get(0).replaceAll(".*SignedHeaders=([^,]*),.*", "$1");
      assertTrue(signedHeaders.contains("x-amz-target") && signedHeaders.contains("content-length"), signedHeaders);
    }
  }

  @Test
  void acceptsTheLegacySignerWithoutContentSha256AndStillProtectsTheBody() {
    SdkHttpFullRequest request = SdkSigning.getItem("http://localhost:8000/").toBuilder()
        .contentStreamProvider(() -> new ByteArrayInputStream(SdkSigning.BODY.getBytes(UTF_8)))
        .build();
    @SuppressWarnings("deprecation")
    SdkHttpFullRequest signed = Aws4Signer.create().sign(request, Aws4SignerParams.builder()
        .awsCredentials(AwsBasicCredentials.create(SdkSigning.ACCESS_KEY_ID, SdkSigning.SECRET))
        .signingName("dynamodb")
        .signingRegion(Region.US_EAST_1)
        .signingClockOverride(Clock.fixed(SdkSigning.T0, ZoneOffset.UTC))
        .build());
    SignedRequest r = SdkSigning.of(signed, SdkSigning.BODY);
    assertFalse(r.headers().containsKey("x-amz-content-sha256"));
    verifier.verify(r, SdkSigning.T0);
    AuthFailure f = assertThrows(AuthFailure.class, () -> verifier.verify(SdkSigning.withBody(r, "{}"), SdkSigning.T0));
    assertEquals(DbException.Kind.INVALID_SIGNATURE, f.kind());
  }

  /** An SdkHttpClient that records each request and answers 200 with an empty JSON object. */
  private static final class Recorder implements SdkHttpClient {
    final List<SignedRequest> requests = new ArrayList<>();

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      String body = request.contentStreamProvider().map(p -> read(p.newStream())).orElse("");
      requests.add(SdkSigning.of(request.httpRequest(), body));
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return HttpExecuteResponse.builder()
              .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "application/x-amz-json-1.0").build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream("{}".getBytes(UTF_8))))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    private static String read(InputStream in) {
      try (in) {
        return new String(in.readAllBytes(), UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {}
  }
}
