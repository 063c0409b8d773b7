package triad.security.core;

import java.util.Optional;

/** Finds the credential of an access key id; the verifier's only view of the identity store. */
@FunctionalInterface
public interface CredentialsLookup {
  Optional<Credential> find(String accessKeyId);
}
