package triad.serialization;

/**
 * Marks the messages and events that Pekko hands to {@link KryoSerializer} (bound in
 * reference.conf). Every implementing class must also be listed in {@link Registrations}.
 */
public interface KryoSerializable {}
