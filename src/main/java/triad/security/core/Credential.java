package triad.security.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An access key and its secret, bound to an identity. The secret never leaves this object: the
 * only thing derived from it is a SigV4 signing key, and {@link #toString()} is redacted.
 */
public final class Credential {
  /** Characters that cannot break the {@code Credential=AKID/...} field (no '/', ',', '=', space). */
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  /** Shorter secrets make an offline guess from one captured signature too cheap. */
  public static final int SECRET_CHARS_MIN = 16;

  private final Identity identity;
  /** "AWS4" + secret, the first HMAC key of the SigV4 derivation chain. */
  private final byte[] kSecret;
  /** Derived from the secret, so as sensitive; a benign race only recomputes it. */
  private volatile SigningKey lastSigningKey;

  public Credential(Identity identity, String secretAccessKey) {
    this.identity = Objects.requireNonNull(identity, "identity");
    if (!ACCESS_KEY_ID.matcher(identity.accessKeyId()).matches()) {
      throw new IllegalArgumentException("access key id must be 1-128 characters of letters, digits, '_' and '-'");
    }
    if (secretAccessKey == null || secretAccessKey.length() < SECRET_CHARS_MIN || secretAccessKey.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("secret access key must be at least " + SECRET_CHARS_MIN + " characters without whitespace");
    }
    this.kSecret = ("AWS4" + secretAccessKey).getBytes(UTF_8);
  }

  public Identity identity() {
    return identity;
  }

  public String accessKeyId() {
    return identity.accessKeyId();
  }

  /**
   * kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"),
   * remembered for the last scope: a key's requests almost always share one scope a day.
   */
  byte[] signingKey(String date, String region, String service) {
    String scope = date + "/" + region + "/" + service;
    SigningKey last = lastSigningKey;
    if (last != null && last.scope.equals(scope)) {
      return last.key;
    }
    byte[] k = Crypto.hmacSha256(kSecret, date);
    k = Crypto.hmacSha256(k, region);
    k = Crypto.hmacSha256(k, service);
    k = Crypto.hmacSha256(k, SigV4Verifier.TERMINATOR);
    lastSigningKey = new SigningKey(scope, k);
    return k;
  }

  /** Never handed out for writing: callers only pass it to HMAC. */
  private record SigningKey(String scope, byte[] key) {}

  @Override
  public boolean equals(Object o) {
    return o instanceof Credential c && identity.equals(c.identity) && MessageDigest.isEqual(kSecret, c.kSecret);
  }

  @Override
  public int hashCode() {
    return identity.hashCode() * 31 + Arrays.hashCode(kSecret);
  }

  @Override
  public String toString() {
    return "Credential[" + identity + ", secret=<redacted>]";
  }
}
