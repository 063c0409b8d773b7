package triad.security.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One statement of an identity policy: Allow or Deny some actions on some resources. Actions match
 * case-insensitively ("dynamodb:get*" is "dynamodb:Get*"), resources case-sensitively, both with
 * IAM's '*' and '?' wildcards. A resource ARN matches segment by segment (partition, service,
 * region, account), then the resource part as a whole, where '*' also spans '/': so
 * {@code table/Music*} covers the table's indexes and streams, and {@code table/Music} does not.
 */
public record Statement(Effect effect, List<String> actions, List<String> resources) {
  private static final Pattern ACTION = Pattern.compile("\\*|[a-z0-9-]+:[A-Za-z0-9*?]+");
  private static final int ARN_PARTS = 6;

  public enum Effect {
    ALLOW,
    DENY;

    /** IAM spells them "Allow" and "Deny", exactly. */
    public static Effect parse(String s) {
      return switch (s) {
        case "Allow" -> ALLOW;
        case "Deny" -> DENY;
        default -> throw new IllegalArgumentException("effect must be Allow or Deny: " + s);
      };
    }
  }

  public Statement {
    if (effect == null) {
      throw new IllegalArgumentException("effect is required");
    }
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    if (actions.isEmpty() || resources.isEmpty()) {
      throw new IllegalArgumentException("a statement needs at least one action and one resource");
    }
    for (String a : actions) {
      if (!ACTION.matcher(a).matches()) {
        throw new IllegalArgumentException("action must be \"*\" or service:Action, e.g. dynamodb:GetItem or dynamodb:Get*: " + a);
      }
    }
    for (String r : resources) {
      if (!r.equals("*") && !(r.startsWith("arn:") && r.split(":", ARN_PARTS).length == ARN_PARTS)) {
        throw new IllegalArgumentException("resource must be \"*\" or an ARN such as arn:aws:dynamodb:*:*:table/Music: " + r);
      }
    }
  }

  public boolean matches(Permission p) {
    return actions.stream().anyMatch(a -> Glob.matches(a, p.action(), true))
        && resources.stream().anyMatch(r -> resourceMatches(r, p.resource()));
  }

  private static boolean resourceMatches(String pattern, String resource) {
    if (pattern.equals("*")) {
      return true;
    }
    String[] want = pattern.split(":", ARN_PARTS);
    String[] have = resource.split(":", ARN_PARTS);
    if (have.length != ARN_PARTS) {
      return false;
    }
    for (int i = 0; i < ARN_PARTS; i++) {
      if (!Glob.matches(want[i], have[i], false)) {
        return false;
      }
    }
    return true;
  }
}
