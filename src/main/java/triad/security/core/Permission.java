package triad.security.core;

import java.util.Objects;

/**
 * One thing a request needs to be allowed to do: an IAM action on a resource.
 *
 * @param action e.g. "dynamodb:GetItem"
 * @param resource an ARN, e.g. "arn:aws:dynamodb:us-east-1:000000000000:table/Music", or "*" for
 *     actions that have no resource (ListTables)
 */
public record Permission(String action, String resource) {
  public Permission {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
  }
}
