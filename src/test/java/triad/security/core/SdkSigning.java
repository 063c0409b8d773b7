package triad.security.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDK for Java v2's own SigV4 signer, and small edits of them. */
final class SdkSigning {
  static final String ACCESS_KEY_ID = "AKIDEXAMPLE00001";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final String ACCOUNT = "111122223333";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final String BODY = "{\"TableName\":\"Music\",\"Key\":{\"Artist\":{\"S\":\"Ærø — 音楽\"}}}";

  private SdkSigning() {}

  static CredentialStore store() {
    return CredentialStore.of(List.of(new Credential(new Identity("alice", ACCOUNT, ACCESS_KEY_ID), SECRET)));
  }

  /** A DynamoDB GetItem as an SDK builds it before signing. */
  static SdkHttpFullRequest getItem(String uri) {
    return SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(URI.create(uri))
        .putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem")
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("Content-Length", Integer.toString(BODY.getBytes(UTF_8).length))
        .build();
  }

  /** Signs in the Authorization header at {@code at}, as the SDK's DynamoDB client does. */
  static SignedRequest sign(SdkHttpFullRequest request, String body, Instant at, String region, String service,
      AwsCredentialsIdentity identity, boolean payloadSigning) {
    var signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
    return of(signed.request(), body);
  }

  static SignedRequest sign(SdkHttpFullRequest request, String body, Instant at) {
    return sign(request, body, at, "us-east-1", "dynamodb", AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET), true);
  }

  static SignedRequest sign(String body, Instant at) {
    return sign(getItem("http://localhost:8000/"), body, at);
  }

  /** A presigned request: the signature in the query string, valid for {@code expires}. */
  static SignedRequest presign(SdkHttpFullRequest request, String body, Instant at, Duration expires) {
    var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET))
        .request(request)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires)
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
    return of(signed.request(), body);
  }

  /** The request as the server sees it on the wire. */
  static SignedRequest of(SdkHttpRequest r, String body) {
    return new SignedRequest(r.method().name(), r.encodedPath(), r.getUri().getRawQuery(), r.headers(), body.getBytes(UTF_8));
  }

  static SignedRequest withHeader(SignedRequest r, String name, String... values) {
    Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
    headers.put(name.toLowerCase(), List.of(values));
    return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
  }

  static SignedRequest withoutHeader(SignedRequest r, String name) {
    Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
    headers.remove(name.toLowerCase());
    return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
  }

  static SignedRequest withBody(SignedRequest r, String body) {
    return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(), body.getBytes(UTF_8));
  }

  static SignedRequest withQuery(SignedRequest r, String rawQuery) {
    return new SignedRequest(r.method(), r.rawPath(), rawQuery, r.headers(), r.body());
  }

  static SignedRequest withPath(SignedRequest r, String rawPath) {
    return new SignedRequest(r.method(), rawPath, r.rawQuery(), r.headers(), r.body());
  }

  /** The Authorization header with {@code from} replaced by {@code to}. */
  static SignedRequest editAuthorization(SignedRequest r, String from, String to) {
    String auth = r.header("authorization").get(0);
    if (!auth.contains(from)) {
      throw new IllegalArgumentException(from + " is not in " + auth);
    }
    return withHeader(r, "authorization", auth.replace(from, to));
  }
}
