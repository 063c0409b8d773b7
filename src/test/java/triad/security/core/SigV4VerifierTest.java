package triad.security.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static triad.security.core.SdkSigning.ACCESS_KEY_ID;
import static triad.security.core.SdkSigning.BODY;
import static triad.security.core.SdkSigning.SECRET;
import static triad.security.core.SdkSigning.T0;
import static triad.security.core.SdkSigning.editAuthorization;
import static triad.security.core.SdkSigning.getItem;
import static triad.security.core.SdkSigning.sign;
import static triad.security.core.SdkSigning.withBody;
import static triad.security.core.SdkSigning.withHeader;
import static triad.security.core.SdkSigning.withoutHeader;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import triad.item.core.DbException;

/** Header-form SigV4: requests signed by the AWS SDK are accepted, every kind of tampering is not. */
class SigV4VerifierTest {
  private final SigV4Verifier verifier = new SigV4Verifier(SigV4Settings.DEFAULTS, SdkSigning.store());

  @Test
  void acceptsTheSdksSignatureAndNamesTheIdentity() {
    SignedRequest r = sign(BODY, T0);
    Identity who = verifier.verify(r, T0);
    assertEquals(new Identity("alice", SdkSigning.ACCOUNT, ACCESS_KEY_ID), who);
    assertEquals("arn:aws:iam::111122223333:user/alice", who.arn());
  }

  @Test
  void acceptsAnyTimeWithinTheClockSkewEitherWay() {
    SignedRequest r = sign(BODY, T0);
    verifier.verify(r, T0.plus(Duration.ofMinutes(15)));
    verifier.verify(r, T0.minus(Duration.ofMinutes(15)));
  }

  @Test
  void rejectsAChangedBody() {
    SignedRequest r = sign(BODY, T0);
    assertMismatch(withBody(r, BODY.replace("Music", "Musik")));
  }

  @Test
  void rejectsAChangedSignedHeader() {
    SignedRequest r = sign(BODY, T0);
    assertMismatch(withHeader(r, "X-Amz-Target", "DynamoDB_20120810.DeleteItem"));
    assertMismatch(withHeader(r, "Host", "evil.example:8000"));
    assertMismatch(withoutHeader(r, "Content-Length"));
  }

  @Test
  void ignoresChangesToHeadersThatAreNotSigned() {
    SignedRequest r = withHeader(sign(BODY, T0), "User-Agent", "something else");
    verifier.verify(withHeader(r, "X-Forwarded-For", "10.0.0.1"), T0);
  }

  @Test
  void rejectsAChangedDateEvenWithinTheSkew() {
    SignedRequest r = sign(BODY, T0);
    assertMismatch(withHeader(r, "X-Amz-Date", "20260101T000001Z"));
  }

  @Test
  void rejectsAWrongSecret() {
    SignedRequest r = SdkSigning.sign(getItem("http://localhost:8000/"), BODY, T0, "us-east-1", "dynamodb",
        AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET.replace('w', 'W')), true);
    assertMismatch(r);
  }

  @Test
  void rejectsAForgedSignature() {
    SignedRequest r = sign(BODY, T0);
    String sig = r.header("authorization").get(0).replaceAll(".*Signature=", "");
    char flipped = sig.charAt(10) == 'a' ? 'b' : 'a';
    assertMismatch(editAuthorization(r, sig, sig.substring(0, 10) + flipped + sig.substring(11)));
    assertMismatch(editAuthorization(r, sig, sig.toUpperCase()));
    assertMismatch(editAuthorization(r, sig, sig.substring(0, 63)));
  }

  @Test
  void rejectsAnUnknownAccessKeyIdAsUnrecognized() {
    SignedRequest r = SdkSigning.sign(getItem("http://localhost:8000/"), BODY, T0, "us-east-1", "dynamodb",
        AwsCredentialsIdentity.create("AKIDUNKNOWN00000", SECRET), true);
    assertFailure(DbException.Kind.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.", r, T0);
  }

  @Test
  void rejectsSessionTokensAsUnrecognized() {
    SignedRequest r = SdkSigning.sign(getItem("http://localhost:8000/"), BODY, T0, "us-east-1", "dynamodb",
        AwsSessionCredentialsIdentity.create(ACCESS_KEY_ID, SECRET, "FQoGZXIvYXdzEXAMPLETOKEN"), true);
    assertEquals(List.of("FQoGZXIvYXdzEXAMPLETOKEN"), r.header("x-amz-security-token"));
    assertFailure(DbException.Kind.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.", r, T0);
    assertFailure(DbException.Kind.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.",
        SdkSigning.withQuery(sign(BODY, T0), "X-Amz-Security-Token=abc"), T0);
  }

  @Test
  void acceptsAnyRegionByDefaultButOnlyTheOneSigned() {
    SignedRequest r = SdkSigning.sign(getItem("http://localhost:8000/"), BODY, T0, "eu-west-1", "dynamodb",
        AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET), true);
    verifier.verify(r, T0);
    assertMismatch(editAuthorization(r, "/eu-west-1/", "/us-east-1/"));
  }

  @Test
  void rejectsRegionsOutsideTheAllowList() {
    SigV4Verifier strict = new SigV4Verifier(
        new SigV4Settings(Duration.ofMinutes(15), Set.of("us-east-1"), false, Duration.ofDays(7)), SdkSigning.store());
    strict.verify(sign(BODY, T0), T0);
    SignedRequest r = SdkSigning.sign(getItem("http://localhost:8000/"), BODY, T0, "eu-west-1", "dynamodb",
        AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET), true);
    AuthFailure f = assertThrows(AuthFailure.class, () -> strict.verify(r, T0));
    assertEquals(DbException.Kind.INVALID_SIGNATURE, f.kind());
    assertEquals("Credential should be scoped to a valid region. ", f.getMessage());
  }

  @Test
  void rejectsAScopeForAnotherService() {
    SignedRequest r = SdkSigning.sign(getItem("http://localhost:8000/"), BODY, T0, "us-east-1", "s3",
        AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET), true);
    assertFailure(DbException.Kind.INVALID_SIGNATURE, "Credential should be scoped to correct service: 'dynamodb'. ", r, T0);
  }

  @Test
  void rejectsAScopeWithAnotherTerminator() {
    SignedRequest r = editAuthorization(sign(BODY, T0), "/aws4_request", "/aws5_request");
    assertFailure(DbException.Kind.INVALID_SIGNATURE,
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ", r, T0);
  }

  @Test
  void rejectsAScopeDateOtherThanTheRequestDate() {
    SignedRequest r = editAuthorization(sign(BODY, T0), "/20260101/", "/20251231/");
    assertFailure(DbException.Kind.INVALID_SIGNATURE, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version"
        + " of date from HTTP: '20251231' != '20260101', from '20260101T000000Z'.", r, T0);
  }

  @Test
  void rejectsExpiredAndFutureSignaturesWithAwsMessages() {
    SignedRequest r = sign(BODY, T0);
    assertFailure(DbException.Kind.INVALID_SIGNATURE,
        "Signature expired: 20260101T000000Z is now earlier than 20260101T000001Z (20260101T001501Z - 15 min.)",
        r, T0.plus(Duration.ofMinutes(15)).plusSeconds(1));
    assertFailure(DbException.Kind.INVALID_SIGNATURE,
        "Signature not yet current: 20260101T000000Z is still later than 20251231T235959Z (20251231T234459Z + 15 min.)",
        r, T0.minus(Duration.ofMinutes(15)).minusSeconds(1));
  }

  @Test
  void skewIsConfigurable() {
    SigV4Verifier tight = new SigV4Verifier(new SigV4Settings(Duration.ofSeconds(90), Set.of(), false, Duration.ofDays(7)),
        SdkSigning.store());
    SignedRequest r = sign(BODY, T0);
    tight.verify(r, T0.plusSeconds(90));
    assertEquals("Signature expired: 20260101T000000Z is now earlier than 20260101T000001Z (20260101T000131Z - 90 sec.)",
        assertThrows(AuthFailure.class, () -> tight.verify(r, T0.plusSeconds(91))).getMessage());
  }

  @Test
  void rejectsARequestWithoutAuthorizationAsMissingToken() {
    SignedRequest r = withoutHeader(sign(BODY, T0), "Authorization");
    assertFailure(DbException.Kind.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token", r, T0);
    assertFailure(DbException.Kind.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token",
        withHeader(r, "Authorization", "  "), T0);
  }

  @Test
  void rejectsMalformedAuthorizationAsIncomplete() {
    SignedRequest r = sign(BODY, T0);
    String auth = r.header("authorization").get(0);
    assertFailure(DbException.Kind.INCOMPLETE_SIGNATURE, "Unsupported Authorization type: only AWS4-HMAC-SHA256 is accepted",
        withHeader(r, "Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.secret"), T0);
    assertFailure(DbException.Kind.INCOMPLETE_SIGNATURE, "Authorization header requires 'Credential' parameter."
        + " Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.",
        withHeader(r, "Authorization", "AWS4-HMAC-SHA256"), T0);
    assertFailure(DbException.Kind.INCOMPLETE_SIGNATURE, "Authorization header requires 'Signature' parameter.",
        withHeader(r, "Authorization", auth.replaceAll(", Signature=.*", "")), T0);
    assertFailure(DbException.Kind.INCOMPLETE_SIGNATURE,
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", withoutHeader(r, "X-Amz-Date"), T0);
    assertFailure(DbException.Kind.INCOMPLETE_SIGNATURE, "Invalid key=value pair (missing equal-sign) in Authorization header",
        withHeader(r, "Authorization", auth + ", junk"), T0);
    assertFailure(DbException.Kind.INCOMPLETE_SIGNATURE,
        "Credential must have the form <AccessKeyId>/<YYYYMMDD>/<region>/<service>/aws4_request",
        editAuthorization(r, "/us-east-1/", "/"), T0);
    assertFailure(DbException.Kind.INCOMPLETE_SIGNATURE,
        "Date must be in ISO-8601 'basic format'. Got '2026-01-01T00:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
        withHeader(r, "X-Amz-Date", "2026-01-01T00:00:00Z"), T0);
    assertFailure(DbException.Kind.INCOMPLETE_SIGNATURE, "Only one Authorization header is allowed",
        withHeader(r, "Authorization", auth, auth), T0);
  }

  @Test
  void neverEchoesTheAuthorizationHeader() {
    SignedRequest r = withHeader(sign(BODY, T0), "Authorization", "Bearer top-secret-token");
    AuthFailure f = assertThrows(AuthFailure.class, () -> verifier.verify(r, T0));
    assertEquals(false, f.getMessage().contains("top-secret-token"));
  }

  @Test
  void requiresHostAndTargetToBeSigned() {
    SignedRequest r = sign(BODY, T0);
    assertFailure(DbException.Kind.INCOMPLETE_SIGNATURE, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
        editAuthorization(r, "host;", ""), T0);
    assertFailure(DbException.Kind.INCOMPLETE_SIGNATURE, "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.",
        editAuthorization(r, ";x-amz-target", ""), T0);
  }

  @Test
  void checksTheDeclaredPayloadHashAgainstTheBody() {
    SignedRequest r = sign(BODY, T0);
    assertEquals(Crypto.hex(Crypto.sha256(BODY.getBytes(UTF_8))), r.header("x-amz-content-sha256").get(0));
    assertFailure(DbException.Kind.INVALID_SIGNATURE, "x-amz-content-sha256 must be the hex SHA-256 of the request body.",
        withHeader(r, "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"), T0);
  }

  @Test
  void unsignedPayloadOnlyWhereAllowed() {
    SdkHttpFullRequest https = getItem("https://localhost:8000/");
    SignedRequest r = SdkSigning.sign(https, BODY, T0, "us-east-1", "dynamodb", AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET), false);
    assertEquals(List.of("UNSIGNED-PAYLOAD"), r.header("x-amz-content-sha256"));
    assertFailure(DbException.Kind.INVALID_SIGNATURE,
        "UNSIGNED-PAYLOAD is not accepted: this server requires the request body to be signed.", r, T0);
    SigV4Verifier lenient = new SigV4Verifier(new SigV4Settings(Duration.ofMinutes(15), Set.of(), true, Duration.ofDays(7)),
        SdkSigning.store());
    lenient.verify(r, T0);
    // What UNSIGNED-PAYLOAD means: the body is not protected by the signature (TLS must protect it).
    lenient.verify(withBody(r, "{}"), T0);
  }

  @Test
  void canonicalizesQueryPathAndHeadersAsTheSdkDoes() {
    SdkHttpFullRequest request = getItem("http://localhost:8000/a%20b/./c/../d~e/%E2%82%AC?b=2&a=1&a=0&c=x%20y%2Bz&e&%C3%A9=%2F")
        .toBuilder()
        .appendHeader("X-Custom", "  several   spaces\tand tab  ")
        .appendHeader("X-Custom", "second")
        .build();
    SignedRequest r = sign(request, BODY, T0);
    assertEquals("/a%20b/./c/../d~e/%E2%82%AC", r.rawPath());
    assertEquals(List.of("  several   spaces\tand tab  ", "second"), r.header("x-custom"));
    verifier.verify(r, T0);
    assertMismatch(SdkSigning.withQuery(r, r.rawQuery().replace("a=0", "a=9")));
    assertMismatch(SdkSigning.withPath(r, "/a%20b/d~e/%E2%82%AD"));
  }

  @Test
  void acceptsTheDateHeaderWhenThereIsNoXAmzDate() {
    String date = "Thu, 01 Jan 2026 00:00:00 GMT";
    Map<String, List<String>> headers = Map.of("Host", List.of("localhost:8000"), "Date", List.of(date),
        "X-Amz-Target", List.of("DynamoDB_20120810.ListTables"));
    String canonical = "POST\n/\n\ndate:" + date + "\nhost:localhost:8000\nx-amz-target:DynamoDB_20120810.ListTables\n\n"
        + "date;host;x-amz-target\n" + Crypto.hex(Crypto.sha256(new byte[0]));
    String signature = HandSigner.signature(canonical, "20260101T000000Z", "20260101/us-east-1/dynamodb/aws4_request");
    SignedRequest r = new SignedRequest("POST", "/", "", headers, new byte[0]);
    r = withHeader(r, "Authorization", "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID
        + "/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=date;host;x-amz-target, Signature=" + signature);
    assertEquals("alice", verifier.verify(r, T0.plusSeconds(60)).name());
    assertMismatch(withHeader(r, "Date", "Thu, 01 Jan 2026 00:00:01 GMT"));
  }

  @Test
  void handSignerAgreesWithTheSdk() {
    SignedRequest r = sign(BODY, T0);
    String canonical = CanonicalRequest.of(r, Claim.of(r, 604800), r.header("x-amz-content-sha256").get(0));
    String sdk = r.header("authorization").get(0).replaceAll(".*Signature=", "");
    assertEquals(sdk, HandSigner.signature(canonical, "20260101T000000Z", "20260101/us-east-1/dynamodb/aws4_request"));
  }

  @Test
  void derivesTheSigningKeyOfTheAwsDocumentation() {
    // AWS's SigV4 documentation example: secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20150830, us-east-1, iam.
    Credential c = new Credential(new Identity("doc", "000000000000", "AKIDEXAMPLE"), SECRET);
    assertEquals("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9",
        Crypto.hex(c.signingKey("20150830", "us-east-1", "iam")));
  }

  @Test
  void secretsDoNotAppearInToString() {
    assertEquals(false, SdkSigning.store().find(ACCESS_KEY_ID).orElseThrow().toString().contains(SECRET));
    assertEquals("CredentialStore[1 access keys]", SdkSigning.store().toString());
  }

  @Test
  void measuresTheCostOfVerifying() {
    SignedRequest r = sign(BODY, T0);
    for (int i = 0; i < 20_000; i++) {
      verifier.verify(r, T0);
    }
    int n = 50_000;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      verifier.verify(r, T0);
    }
    System.out.printf("SigV4 verification of a %d-byte GetItem: %.2f us%n", r.body().length, (System.nanoTime() - t0) / 1000.0 / n);
  }

  private void assertMismatch(SignedRequest r) {
    assertFailure(DbException.Kind.INVALID_SIGNATURE, AuthFailure.SIGNATURE_MISMATCH_MESSAGE, r, T0);
  }

  private void assertFailure(DbException.Kind kind, String message, SignedRequest r, Instant now) {
    AuthFailure f = assertThrows(AuthFailure.class, () -> verifier.verify(r, now));
    assertEquals(kind, f.kind(), f.getMessage());
    assertEquals(message, f.getMessage());
  }

  /** The last steps of SigV4 written out, for requests the SDK cannot produce (a Date header). */
  static final class HandSigner {
    static String signature(String canonicalRequest, String timestamp, String scope) {
      String stringToSign = "AWS4-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n"
          + Crypto.hex(Crypto.sha256(canonicalRequest.getBytes(UTF_8)));
      String[] s = scope.split("/");
      byte[] k = Crypto.hmacSha256(("AWS4" + SECRET).getBytes(UTF_8), s[0]);
      k = Crypto.hmacSha256(k, s[1]);
      k = Crypto.hmacSha256(k, s[2]);
      k = Crypto.hmacSha256(k, s[3]);
      return Crypto.hex(Crypto.hmacSha256(k, stringToSign));
    }
  }
}
