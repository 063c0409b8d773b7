package triad.security.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Credentials by access key id, immutable. Prints only its size, never a key. */
public final class CredentialStore implements CredentialsLookup {
  private final Map<String, Credential> byAccessKeyId;

  private CredentialStore(Map<String, Credential> byAccessKeyId) {
    this.byAccessKeyId = byAccessKeyId;
  }

  /** @throws IllegalArgumentException when two credentials share an access key id */
  public static CredentialStore of(Collection<Credential> credentials) {
    Map<String, Credential> map = new LinkedHashMap<>();
    for (Credential c : credentials) {
      Credential before = map.putIfAbsent(c.accessKeyId(), c);
      if (before != null) {
        throw new IllegalArgumentException("access key id " + c.accessKeyId() + " belongs to both "
            + before.identity().name() + " and " + c.identity().name());
      }
    }
    return new CredentialStore(Map.copyOf(map));
  }

  @Override
  public Optional<Credential> find(String accessKeyId) {
    return Optional.ofNullable(byAccessKeyId.get(accessKeyId));
  }

  /** Every identity that has a credential. */
  public List<Identity> identities() {
    return byAccessKeyId.values().stream().map(Credential::identity).toList();
  }

  public int size() {
    return byAccessKeyId.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CredentialStore s && byAccessKeyId.equals(s.byAccessKeyId);
  }

  @Override
  public int hashCode() {
    return byAccessKeyId.hashCode();
  }

  @Override
  public String toString() {
    return "CredentialStore[" + byAccessKeyId.size() + " access keys]";
  }
}
