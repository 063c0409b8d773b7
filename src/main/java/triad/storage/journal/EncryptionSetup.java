package triad.storage.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Objects;
import java.util.function.ToLongFunction;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.setup.Setup;
import scala.reflect.ClassTag$;
import triad.security.core.Envelope;
import triad.storage.Encryption;
import triad.storage.core.KeyBytes;

/**
 * How the journal and snapshot store encrypt: the node's {@link Encryption} and the table each
 * persistence id belongs to, handed to the plugins (which Pekko creates from config) as a setup of
 * the actor system. The plugins refuse to start without it: nothing is ever stored in the clear.
 */
public final class EncryptionSetup extends Setup {
  private final Encryption encryption;
  private final ToLongFunction<String> tableOf;

  /**
   * @param tableOf the table id of a persistence id; throws IllegalArgumentException for one
   *     that belongs to no table, whose events are then refused
   */
  public EncryptionSetup(Encryption encryption, ToLongFunction<String> tableOf) {
    this.encryption = Objects.requireNonNull(encryption, "encryption");
    this.tableOf = Objects.requireNonNull(tableOf, "tableOf");
  }

  static EncryptionSetup of(ActorSystem system) {
    scala.Option<?> setup = system.settings().setup().get(ClassTag$.MODULE$.apply(EncryptionSetup.class));
    if (setup.isEmpty()) {
      throw new IllegalStateException("the journal and snapshot store encrypt everything they store: start the actor system with an "
          + EncryptionSetup.class.getSimpleName() + " (TriadNode does)");
    }
    return (EncryptionSetup) setup.get();
  }

  /** {@code plaintext} sealed for the persistence id's table, bound to the id and {@code numbers} (sequence number, ...). */
  byte[] seal(Envelope.Purpose purpose, String persistenceId, byte[] plaintext, long... numbers) {
    return encryption.seal(tableOf.applyAsLong(persistenceId), purpose, context(persistenceId, numbers), plaintext);
  }

  /** @throws triad.security.core.CorruptionException when the value was altered or moved */
  byte[] open(Envelope.Purpose purpose, String persistenceId, byte[] sealed, long... numbers) {
    return encryption.open(tableOf.applyAsLong(persistenceId), purpose, context(persistenceId, numbers), sealed);
  }

  /** The numbers first: they have a fixed size, so the id needs no length. */
  private static byte[] context(String persistenceId, long[] numbers) {
    byte[] id = persistenceId.getBytes(UTF_8);
    byte[] context = new byte[numbers.length * 8 + id.length];
    for (int i = 0; i < numbers.length; i++) {
      KeyBytes.putLong(context, i * 8, numbers[i]);
    }
    System.arraycopy(id, 0, context, numbers.length * 8, id.length);
    return context;
  }
}
