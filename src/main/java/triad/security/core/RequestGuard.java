package triad.security.core;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The request router's two security steps, in DynamoDB's order: authenticate (is the signature
 * good, whose is it?) before the body is parsed, then authorize (may this identity do this to
 * these tables?) once the request is parsed and validated. Both read the identities current at
 * that moment, so a refresh takes effect on the next request.
 */
public final class RequestGuard {
  private final SigV4Verifier verifier;
  private final Supplier<Identities> identities;
  private final String region;

  /**
   * @param identities the current identities, e.g. {@code identityCache::current}; never blocks
   * @param region the region of this node's table ARNs ({@code triad.api.region})
   */
  public RequestGuard(SigV4Settings settings, Supplier<Identities> identities, String region) {
    this.identities = Objects.requireNonNull(identities, "identities");
    this.region = Objects.requireNonNull(region, "region");
    this.verifier = new SigV4Verifier(settings, accessKeyId -> identities.get().find(accessKeyId));
  }

  /** @throws AuthFailure MissingAuthenticationToken, IncompleteSignature, InvalidSignature or UnrecognizedClient */
  public Identity authenticate(SignedRequest request, Instant now) {
    return verifier.verify(request, now);
  }

  /**
   * Allows a parsed request or throws AccessDeniedException. Tables are the caller's account's,
   * as in DynamoDB, so their ARNs carry the identity's account id.
   *
   * @param input the request record from {@code triad.api.core.Requests.read}
   * @throws AuthFailure of kind ACCESS_DENIED
   */
  public void authorize(Identity who, Object input) {
    identities.get().authorize(who, RequiredPermissions.of(input, region, who.accountId()));
  }
}
