package triad.security.core;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * AWS Signature Version 4 verification, as DynamoDB does it, for the Authorization header form
 * and the presigned query-string form.
 *
 * <p>Checks, in order, each failing with DynamoDB's error:
 * <ol>
 *   <li>a signature is present (MissingAuthenticationToken) and well formed: algorithm
 *       AWS4-HMAC-SHA256, Credential, SignedHeaders, Signature, a date (IncompleteSignature);
 *       {@code host} is signed, and so is {@code x-amz-target} when sent (IncompleteSignature);
 *   <li>the credential scope: service {@value #SERVICE}, terminator {@value #TERMINATOR}, an
 *       allowed region, the date of X-Amz-Date (InvalidSignature);
 *   <li>the time: within the clock skew of the server's time, or for a presigned request from
 *       X-Amz-Date minus the skew to X-Amz-Date plus X-Amz-Expires (InvalidSignature);
 *   <li>no session token, since none is ever issued, and a known access key id (UnrecognizedClient);
 *   <li>the payload hash: {@code x-amz-content-sha256} when sent must be the body's SHA-256 (or
 *       UNSIGNED-PAYLOAD where allowed), otherwise the body's SHA-256 is signed (InvalidSignature);
 *   <li>the signature recomputed from the secret, compared in constant time (InvalidSignature).
 * </ol>
 *
 * <p>Thread-safe and without state of its own; the credentials lookup is consulted per request,
 * so a refreshed identity store takes effect at once.
 */
public final class SigV4Verifier {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  public static final String SERVICE = "dynamodb";
  static final String TERMINATOR = "aws4_request";
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private final SigV4Settings settings;
  private final CredentialsLookup credentials;

  public SigV4Verifier(SigV4Settings settings, CredentialsLookup credentials) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * The identity that signed {@code request}.
   *
   * @param now the server's current time
   * @throws AuthFailure when the request is not signed by a known credential, as DynamoDB would answer
   */
  public Identity verify(SignedRequest request, Instant now) {
    Claim claim = Claim.of(request, settings.presignedExpiresMax().toSeconds());
    checkSignedHeaders(request, claim);
    checkScope(claim);
    checkTime(claim, now);
    if (claim.securityToken()) {
      throw AuthFailure.unrecognized();
    }
    Credential credential = credentials.find(claim.accessKeyId()).orElseThrow(AuthFailure::unrecognized);
    String canonical = CanonicalRequest.of(request, claim, payloadHash(request));
    String stringToSign = ALGORITHM + "\n" + claim.timestamp() + "\n" + claim.scope() + "\n"
        + Crypto.hex(Crypto.sha256(canonical.getBytes(UTF_8)));
    byte[] key = credential.signingKey(claim.date(), claim.region(), claim.service());
    String expected = Crypto.hex(Crypto.hmacSha256(key, stringToSign));
    if (!MessageDigest.isEqual(expected.getBytes(US_ASCII), claim.signature().getBytes(US_ASCII))) {
      throw AuthFailure.mismatch();
    }
    return credential.identity();
  }

  /** Host ties the signature to this endpoint; X-Amz-Target names the operation, which the body alone does not. */
  private static void checkSignedHeaders(SignedRequest request, Claim claim) {
    if (!claim.signedHeaders().contains("host")) {
      throw AuthFailure.incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    if (!request.header("x-amz-target").isEmpty() && !claim.signedHeaders().contains("x-amz-target")) {
      throw AuthFailure.incomplete("'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.");
    }
  }

  private void checkScope(Claim claim) {
    if (!claim.service().equals(SERVICE)) {
      throw AuthFailure.invalid("Credential should be scoped to correct service: '" + SERVICE + "'. ");
    }
    if (!claim.terminator().equals(TERMINATOR)) {
      throw AuthFailure.invalid("Credential should be scoped with a valid terminator: '" + TERMINATOR + "', not '"
          + claim.terminator() + "'. ");
    }
    if (!settings.regionsAllowed().isEmpty() && !settings.regionsAllowed().contains(claim.region())) {
      throw AuthFailure.invalid("Credential should be scoped to a valid region. ");
    }
    String httpDate = claim.timestamp().substring(0, 8);
    if (!claim.date().equals(httpDate)) {
      throw AuthFailure.invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
          + claim.date() + "' != '" + httpDate + "', from '" + claim.timestamp() + "'.");
    }
  }

  private void checkTime(Claim claim, Instant now) {
    Duration skew = settings.clockSkewMax();
    Instant time = claim.time();
    if (time.isAfter(now.plus(skew))) {
      throw AuthFailure.invalid("Signature not yet current: " + claim.timestamp() + " is still later than "
          + basic(now.plus(skew)) + " (" + basic(now) + " + " + text(skew) + ".)");
    }
    Duration validity = claim.presigned() ? Duration.ofSeconds(claim.expiresSeconds()) : skew;
    if (time.isBefore(now.minus(validity))) {
      throw AuthFailure.invalid("Signature expired: " + claim.timestamp() + " is now earlier than "
          + basic(now.minus(validity)) + " (" + basic(now) + " - " + text(validity) + ".)");
    }
  }

  private String payloadHash(SignedRequest request) {
    List<String> declared = request.header("x-amz-content-sha256");
    String actual = Crypto.hex(Crypto.sha256(request.body()));
    if (declared.isEmpty()) {
      return actual;
    }
    String hash = declared.size() == 1 ? declared.get(0).strip() : "";
    if (hash.equals(UNSIGNED_PAYLOAD)) {
      if (!settings.unsignedPayloadAllowed()) {
        throw AuthFailure.invalid("UNSIGNED-PAYLOAD is not accepted: this server requires the request body to be signed.");
      }
      return hash;
    }
    if (!SHA256_HEX.matcher(hash).matches()) {
      throw AuthFailure.invalid("x-amz-content-sha256 must be the hex SHA-256 of the request body.");
    }
    if (!hash.equals(actual)) {
      // The header may be signed correctly, but the body it vouches for is not the one that arrived.
      throw AuthFailure.mismatch();
    }
    return hash;
  }

  private static String basic(Instant t) {
    return Claim.BASIC.format(t);
  }

  private static String text(Duration d) {
    return d.toSecondsPart() == 0 && d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " sec";
  }
}
