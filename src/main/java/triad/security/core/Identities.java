package triad.security.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything authentication and authorization consult: the credentials, and the policies of each
 * identity by name. Immutable; a reload produces a new one. An identity without policies is
 * denied everything.
 */
public record Identities(CredentialStore credentials, Map<String, List<Policy>> policies) implements CredentialsLookup {
  public Identities {
    Objects.requireNonNull(credentials, "credentials");
    Map<String, List<Policy>> copy = new HashMap<>();
    policies.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    policies = Map.copyOf(copy);
  }

  @Override
  public Optional<Credential> find(String accessKeyId) {
    return credentials.find(accessKeyId);
  }

  public List<Policy> policiesOf(Identity identity) {
    return policies.getOrDefault(identity.name(), List.of());
  }

  /** Configurations that are legal but probably not meant, for the operator's log. */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    Set<String> named = new HashSet<>();
    for (Identity identity : credentials.identities()) {
      named.add(identity.name());
      if (policiesOf(identity).isEmpty()) {
        out.add("identity " + identity.name() + " has credentials but no policies: every request it signs is denied");
      }
    }
    for (String name : policies.keySet()) {
      if (!named.contains(name)) {
        out.add("the policies of " + name + " are unused: no credentials file has a profile " + name);
      }
    }
    return out;
  }

  /** Allows the request's permissions for {@code identity} or throws AccessDeniedException. */
  public void authorize(Identity identity, List<Permission> required) {
    PolicyEvaluator.authorize(identity, policiesOf(identity), required);
  }
}
