package triad.security.core;

/**
 * Where keys and nonces come from: {@code SecureRandom::nextBytes} in a node, a seeded source in a
 * simulation. Nonce uniqueness rests on it, so production must pass a cryptographic source.
 */
@FunctionalInterface
public interface RandomBytes {
  void nextBytes(byte[] into);
}
