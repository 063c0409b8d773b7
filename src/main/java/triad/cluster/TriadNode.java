package triad.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.setup.ActorSystemSetup;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import triad.replication.ReplicaBehavior;
import triad.security.MasterKeyFile;
import triad.security.SecurityConfigException;
import triad.security.SecuritySettings;
import triad.security.core.CorruptionException;
import triad.security.core.MasterKey;
import triad.storage.Encryption;
import triad.storage.ItemStore;
import triad.storage.LevelDbSettings;
import triad.storage.StorageSettings;
import triad.storage.journal.EncryptionSetup;

/**
 * One running TriadDB node: checks its config, opens its item store, forms (or joins) the Pekko
 * cluster, starts the replicas, metadata, routers and the DynamoDB API, and shuts all of it down
 * in order. Used by {@link Main} and by tests that run a node inside the test JVM.
 */
public final class TriadNode {
  private static final Logger LOG = LoggerFactory.getLogger(TriadNode.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final NodeSettings settings;
  private final ActorSystem<Guardian.Command> system;
  private final ItemStore store;
  private final Encryption encryption;
  private final NodeSecurity security;
  private final ServerBinding binding;
  private volatile boolean stopRequested;

  private TriadNode(NodeSettings settings, ActorSystem<Guardian.Command> system, ItemStore store, Encryption encryption,
      NodeSecurity security, ServerBinding binding) {
    this.settings = settings;
    this.system = system;
    this.store = store;
    this.encryption = encryption;
    this.security = security;
    this.binding = binding;
  }

  /** Starts a node from a resolved config; throws {@link StartupException} with one clear line. */
  public static TriadNode start(Config config) {
    return start(config, () -> config);
  }

  /**
   * Starts a node from a resolved config; {@code reload} reads the config afresh for the
   * background refresh of credentials and policies (it may throw; the last good state stays).
   */
  public static TriadNode start(Config config, Supplier<Config> reload) {
    long startedNanos = System.nanoTime();
    NodeSettings settings = NodeSettings.from(config);
    SecuritySettings securitySettings;
    try {
      securitySettings = SecuritySettings.fromConfig(config);
    } catch (SecurityConfigException e) {
      throw new StartupException(Main.EXIT_USAGE, "bad config: " + Main.oneLine(e.getMessage()));
    }
    Path dataDir = prepareDataDir(settings.dataDir());
    checkPortFree(settings.httpHost(), settings.httpPort(), "HTTP (triad.http.port)");
    if (settings.clusterPort() != 0) {
      checkPortFree(settings.clusterHost(), settings.clusterPort(), "cluster (triad.cluster.port)");
    }
    boolean firstStart = !Files.exists(dataDir.resolve("journal"));
    Config resolved = withNodeFacts(config, settings, dataDir);
    NodeSecurity security = NodeSecurity.start(securitySettings, settings, config, reload);
    Encryption encryption = openEncryption(securitySettings, dataDir, resolved, security);
    ItemStore store;
    try {
      store = ItemStore.open(dataDir.resolve("items"), StorageSettings.fromConfig(resolved), encryption);
    } catch (RuntimeException e) {
      encryption.close();
      security.close();
      throw new StartupException(Main.EXIT_FAILED, "cannot open the item store in " + dataDir.resolve("items")
          + " (is another node using this data directory?): " + Main.oneLine(e.getMessage()));
    }
    ActorSystem<Guardian.Command> system;
    try {
      ActorSystemSetup setup = ActorSystemSetup.create(BootstrapSetup.create(resolved),
          new EncryptionSetup(encryption, ReplicaBehavior::tableIdOf));
      system = ActorSystem.create(Guardian.create(settings, store, security.api(), firstStart), "triad", setup);
    } catch (RuntimeException e) {
      closeStores(store, encryption, security);
      throw new StartupException(Main.EXIT_FAILED, "cannot start the actor system: " + Main.oneLine(e.getMessage()));
    }
    ServerBinding binding;
    try {
      binding = Guardian.ready(system, STARTUP_TIMEOUT).toCompletableFuture().get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException | CompletionException e) {
      system.terminate();
      awaitQuietly(system);
      closeStores(store, encryption, security);
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new StartupException(Main.EXIT_FAILED, "node did not start: " + Main.oneLine(String.valueOf(cause.getMessage())));
    }
    TriadNode node = new TriadNode(settings, system, store, encryption, security, binding);
    LOG.info("TriadDB ready in {} ms: DynamoDB API on {}://{}:{} (zone {}, data in {})", (System.nanoTime() - startedNanos) / 1_000_000,
        security.api().tls().isPresent() ? "https" : "http", settings.httpHost(), node.httpPort(), settings.availabilityZone(), dataDir);
    return node;
  }

  public int httpPort() {
    return binding.localAddress().getPort();
  }

  public NodeSettings settings() {
    return settings;
  }

  public ActorSystem<Guardian.Command> system() {
    return system;
  }

  /** Stops accepting requests, stops the actors, then closes the item store. Idempotent. */
  public synchronized void stop() {
    if (system.whenTerminated().isCompleted()) {
      closeStores(store, encryption, security);
      return;
    }
    stopRequested = true;
    LOG.info("TriadDB stopping");
    binding.unbind();
    system.terminate();
    awaitQuietly(system);
    closeStores(store, encryption, security);
    LOG.info("TriadDB stopped");
  }

  /** Whether the node stopped because it was asked to (not because the cluster removed it). */
  public boolean stopRequested() {
    return stopRequested;
  }

  public void awaitTermination() {
    try {
      system.getWhenTerminated().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.error("actor system failed", e);
    }
  }

  private static void awaitQuietly(ActorSystem<?> system) {
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("actor system did not terminate cleanly: {}", e.toString());
    }
  }

  /** The item store, then the keys its values are sealed with, then the identity refresh. */
  private static void closeStores(ItemStore store, Encryption encryption, NodeSecurity security) {
    store.close();
    encryption.close();
    security.close();
  }

  /**
   * The master key (the configured file, or one generated into the data directory) and the
   * node's data key store, which every stored value is encrypted with.
   */
  private static Encryption openEncryption(SecuritySettings s, Path dataDir, Config resolved, NodeSecurity security) {
    SecureRandom random = new SecureRandom();
    try {
      MasterKey master = MasterKeyFile.loadOrGenerate(s.masterKeyFile(), dataDir, random);
      return Encryption.open(dataDir.resolve("keys"), LevelDbSettings.fromConfig(resolved.getConfig("triad.storage.data-keys")), master,
          random::nextBytes);
    } catch (SecurityConfigException | CorruptionException e) {
      security.close();
      throw new StartupException(Main.EXIT_FAILED, "cannot open encryption at rest: " + Main.oneLine(e.getMessage()));
    } catch (RuntimeException e) {
      security.close();
      throw new StartupException(Main.EXIT_FAILED, "cannot open the data key store in " + dataDir.resolve("keys")
          + " (is another node using this data directory?): " + Main.oneLine(e.getMessage()));
    }
  }

  private static Path prepareDataDir(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(abs);
    } catch (IOException | SecurityException e) {
      throw new StartupException(Main.EXIT_FAILED, "data directory " + abs + " cannot be created: " + e.getMessage());
    }
    if (!Files.isDirectory(abs) || !Files.isWritable(abs)) {
      throw new StartupException(Main.EXIT_FAILED, "data directory " + abs + " is not writable");
    }
    return abs;
  }

  private static void checkPortFree(String host, int port, String what) {
    if (port == 0) {
      return;
    }
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new StartupException(Main.EXIT_FAILED, what + " port " + port + " on " + host + " is already in use or not available (" + e.getMessage() + ")");
    }
  }

  /** The Pekko settings that follow from the node's own settings. */
  private static Config withNodeFacts(Config config, NodeSettings s, Path dataDir) {
    // Set here, not by substitution: a resolved reference config would keep the default data-dir.
    return ConfigFactory.empty()
        .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(List.of(s.availabilityZone())))
        .withValue("triad.storage.journal.dir", ConfigValueFactory.fromAnyRef(dataDir.resolve("journal").toString()))
        .withValue("triad.storage.snapshot-store.dir", ConfigValueFactory.fromAnyRef(dataDir.resolve("snapshots").toString()))
        .withFallback(config);
  }
}
