package triad.security.core;

import java.time.Instant;
import java.util.List;
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
  private final String accountId;

  /**
   * @param identities the current identities, e.g. {@code identityCache::current}; never blocks
   * @param region the region of this node's table ARNs ({@code triad.api.region})
   * @param accountId the account that owns this node's tables ({@code triad.api.account-id})
   */
  public RequestGuard(SigV4Settings settings, Supplier<Identities> identities, String region, String accountId) {
    this.identities = Objects.requireNonNull(identities, "identities");
    this.region = Objects.requireNonNull(region, "region");
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    this.verifier = new SigV4Verifier(settings, accessKeyId -> identities.get().find(accessKeyId));
  }

  /** @throws AuthFailure MissingAuthenticationToken, IncompleteSignature, InvalidSignature or UnrecognizedClient */
  public Identity authenticate(SignedRequest request, Instant now) {
    return verifier.verify(request, now);
  }

  /**
   * Allows a parsed request or throws AccessDeniedException. The node's tables belong to its
   * account; an identity of another account is refused, as DynamoDB refuses a cross-account
   * request that no resource-based policy allows (TriadDB has none).
   *
   * @param input the request record from {@code triad.api.core.Requests.read}
   * @throws AuthFailure of kind ACCESS_DENIED
   */
  public void authorize(Identity who, Object input) {
    List<Permission> required = RequiredPermissions.of(input, region, accountId);
    if (!who.accountId().equals(accountId)) {
      throw PolicyEvaluator.otherAccount(who, required.getFirst());
    }
    identities.get().authorize(who, required);
  }
}
