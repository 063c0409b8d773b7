package triad.security.core;

import java.util.List;

/**
 * IAM's evaluation of identity-based policies: an explicit Deny in any statement wins; otherwise
 * an Allow is needed; with neither the request is denied (default deny). A request that needs
 * several permissions (a batch over several tables, a transaction) is allowed only if every one
 * is, and an explicit deny of any of them is reported before a missing allow.
 */
public final class PolicyEvaluator {

  public enum Decision {
    ALLOW,
    IMPLICIT_DENY,
    EXPLICIT_DENY
  }

  private PolicyEvaluator() {}

  public static Decision decide(List<Policy> policies, Permission permission) {
    boolean allowed = false;
    for (Policy policy : policies) {
      for (Statement s : policy.statements()) {
        if (s.matches(permission)) {
          if (s.effect() == Statement.Effect.DENY) {
            return Decision.EXPLICIT_DENY;
          }
          allowed = true;
        }
      }
    }
    return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
  }

  /**
   * Allows the request or refuses it with DynamoDB's AccessDeniedException.
   *
   * @throws AuthFailure of kind ACCESS_DENIED naming the user, the action and the resource
   */
  public static void authorize(Identity who, List<Policy> policies, List<Permission> required) {
    Permission missing = null;
    for (Permission p : required) {
      Decision d = decide(policies, p);
      if (d == Decision.EXPLICIT_DENY) {
        throw AuthFailure.accessDenied(denied(who, p) + " with an explicit deny in an identity-based policy");
      }
      if (d == Decision.IMPLICIT_DENY && missing == null) {
        missing = p;
      }
    }
    if (missing != null) {
      throw AuthFailure.accessDenied(denied(who, missing) + " because no identity-based policy allows the "
          + missing.action() + " action");
    }
  }

  /** The refusal of an identity of another account than the resource's. */
  static AuthFailure otherAccount(Identity who, Permission p) {
    return AuthFailure.accessDenied(denied(who, p) + " because no resource-based policy allows the " + p.action() + " action");
  }

  private static String denied(Identity who, Permission p) {
    return "User: " + who.arn() + " is not authorized to perform: " + p.action() + " on resource: " + p.resource();
  }
}
