package triad.security.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a verified request comes from: an IAM-style user named after its credentials profile, in an
 * account. The name and account appear in ARNs and in AccessDeniedException messages.
 */
public record Identity(String name, String accountId, String accessKeyId) {
  /** IAM's rule for user names; names end up inside ARNs, so nothing else is allowed. */
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  public Identity {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("identity name must be 1-64 characters of letters, digits and +=,.@_- : " + name);
    }
    if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException("account id must be 12 digits: " + accountId);
    }
  }

  /** The user's ARN as DynamoDB names it in access-denied messages. */
  public String arn() {
    return "arn:aws:iam::" + accountId + ":user/" + name;
  }
}
