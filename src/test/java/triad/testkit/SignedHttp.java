package triad.testkit;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Raw DynamoDB JSON requests signed by the AWS SDK for Java v2's own SigV4 signer, for harnesses
 * that must send any bytes and see every byte of the answer (the differential test, the security
 * tests): the signing path real clients take, without an SDK client in the way.
 */
public final class SignedHttp {
  private SignedHttp() {}

  /** A POST of {@code body} to {@code endpoint} for {@code DynamoDB_20120810.<target>}, signed now with the local pair. */
  public static HttpRequest.Builder post(URI endpoint, String target, byte[] body) {
    return post(endpoint, target, body, Clients.ACCESS_KEY_ID, Clients.SECRET, Instant.now());
  }

  /** The same, signed by {@code accessKeyId}/{@code secret} at {@code at}. */
  public static HttpRequest.Builder post(URI endpoint, String target, byte[] body, String accessKeyId, String secret, Instant at) {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers(endpoint, target, body, accessKeyId, secret, at).forEach((name, values) -> values.forEach(v -> b.header(name, v)));
    return b;
  }

  /** The headers a client sends with a signed request (Host and Content-Length are the HTTP client's). */
  public static Map<String, List<String>> headers(URI endpoint, String target, byte[] body, String accessKeyId, String secret, Instant at) {
    SdkHttpFullRequest request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(endpoint.resolve("/"))
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("X-Amz-Target", "DynamoDB_20120810." + target)
        .build();
    var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(accessKeyId, secret))
        .request(request)
        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
    Map<String, List<String>> headers = new LinkedHashMap<>(signed.request().headers());
    headers.keySet().removeIf(h -> h.equalsIgnoreCase("Host"));
    return headers;
  }
}
