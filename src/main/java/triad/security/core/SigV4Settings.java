package triad.security.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How strict signature verification is.
 *
 * @param clockSkewMax how far X-Amz-Date may be from the server's time, either way (DynamoDB: 15 min)
 * @param regionsAllowed regions a credential scope may name; empty allows any region
 * @param unsignedPayloadAllowed whether {@code x-amz-content-sha256: UNSIGNED-PAYLOAD} is accepted,
 *     which leaves the body unprotected by the signature (only acceptable under TLS)
 * @param presignedExpiresMax the largest X-Amz-Expires of a presigned request (AWS: 7 days)
 */
public record SigV4Settings(Duration clockSkewMax, Set<String> regionsAllowed, boolean unsignedPayloadAllowed, Duration presignedExpiresMax) {
  public static final Duration CLOCK_SKEW_LIMIT = Duration.ofHours(1);
  public static final Duration PRESIGNED_EXPIRES_LIMIT = Duration.ofDays(7);

  /** DynamoDB's behaviour: 15 minutes of skew, any region, signed payloads only, 7-day presigned URLs. */
  public static final SigV4Settings DEFAULTS = new SigV4Settings(Duration.ofMinutes(15), Set.of(), false, PRESIGNED_EXPIRES_LIMIT);

  public SigV4Settings {
    Objects.requireNonNull(clockSkewMax, "clockSkewMax");
    Objects.requireNonNull(presignedExpiresMax, "presignedExpiresMax");
    regionsAllowed = Set.copyOf(regionsAllowed);
    if (clockSkewMax.isNegative() || clockSkewMax.isZero() || clockSkewMax.compareTo(CLOCK_SKEW_LIMIT) > 0) {
      throw new IllegalArgumentException("clock skew must be more than 0 and at most " + CLOCK_SKEW_LIMIT + ": " + clockSkewMax);
    }
    if (presignedExpiresMax.toSeconds() < 1 || presignedExpiresMax.compareTo(PRESIGNED_EXPIRES_LIMIT) > 0) {
      throw new IllegalArgumentException("presigned expiry must be from 1s to " + PRESIGNED_EXPIRES_LIMIT + ": " + presignedExpiresMax);
    }
  }
}
