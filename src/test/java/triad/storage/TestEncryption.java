package triad.storage;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.setup.ActorSystemSetup;
import triad.security.core.MasterKey;
import triad.storage.journal.EncryptionSetup;

/** Encryption at rest for storage tests: a fresh master key and a key store in the test's directory. */
public final class TestEncryption {
  private TestEncryption() {}

  public static Encryption open(Path keysDir) {
    SecureRandom random = new SecureRandom();
    byte[] master = new byte[MasterKey.BYTES];
    random.nextBytes(master);
    LevelDbSettings settings = LevelDbSettings.fromConfig(ConfigFactory.parseResources("storage.conf").resolve()
        .getConfig("triad.storage.data-keys"));
    return Encryption.open(keysDir, settings, MasterKey.of(master), random::nextBytes);
  }

  /** An actor system's setup whose journal and snapshot store encrypt every persistence id as table {@code TABLE}. */
  public static ActorSystemSetup setup(Config config, Encryption encryption) {
    return ActorSystemSetup.create(BootstrapSetup.create(config), new EncryptionSetup(encryption, persistenceId -> TABLE));
  }

  public static final long TABLE = 7;
}
