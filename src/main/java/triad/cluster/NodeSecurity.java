package triad.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import triad.security.CredentialsFiles;
import triad.security.IdentitiesConfig;
import triad.security.IdentityCache;
import triad.security.SecurityConfigException;
import triad.security.SecuritySettings;
import triad.security.ServerTls;
import triad.security.core.RequestGuard;

/**
 * The node's request security: identities loaded at start and refreshed in the background on a
 * thread of their own (a slow or failed reload never touches the data path), the API's request
 * guard, and its TLS context.
 */
final class NodeSecurity implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeSecurity.class);

  private final ScheduledExecutorService refresher;
  private final IdentityCache identities;
  private final Guardian.ApiSecurity api;

  private NodeSecurity(ScheduledExecutorService refresher, IdentityCache identities, Guardian.ApiSecurity api) {
    this.refresher = refresher;
    this.identities = identities;
    this.api = api;
  }

  /**
   * @param reload the node's config read afresh, for the background refresh of credentials files
   *     and policies
   * @throws StartupException when a setting, a credentials file or a key cannot be used
   */
  static NodeSecurity start(SecuritySettings security, NodeSettings node, Config config, Supplier<Config> reload) {
    Optional<SSLContext> tls;
    try {
      tls = security.tls().map(ServerTls::context);
    } catch (SecurityConfigException e) {
      throw new StartupException(Main.EXIT_FAILED, "cannot serve HTTPS: " + Main.oneLine(e.getMessage()));
    }
    if (!security.authentication()) {
      LOG.warn("authentication is OFF (triad.security.authentication = off): every request is accepted unsigned, with every"
          + " permission. Use this for throwaway nodes only.");
      return new NodeSecurity(null, null, new Guardian.ApiSecurity(Optional.empty(), tls, protocols(security)));
    }
    refuseServingPublicCredentials(config, node);
    ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "triad-identity-refresh");
      t.setDaemon(true);
      return t;
    });
    try {
      IdentityCache identities = IdentityCache.start(() -> IdentitiesConfig.load(reload.get()), refresher, security.refreshInterval());
      RequestGuard guard = new RequestGuard(security.signature(), identities::current, node.region(), node.accountId());
      identities.current().credentials().identities().stream()
          .filter(i -> !i.accountId().equals(node.accountId()))
          .forEach(i -> LOG.warn("identity {} is of account {}, not this node's ({}): every request it signs is denied", i.name(),
              i.accountId(), node.accountId()));
      return new NodeSecurity(refresher, identities, new Guardian.ApiSecurity(Optional.of(guard), tls, protocols(security)));
    } catch (SecurityConfigException | ConfigException e) {
      refresher.shutdownNow();
      throw new StartupException(Main.EXIT_FAILED, "cannot load identities: " + Main.oneLine(e.getMessage()));
    }
  }

  Guardian.ApiSecurity api() {
    return api;
  }

  private static List<String> protocols(SecuritySettings security) {
    return security.tls().map(SecuritySettings.Tls::protocols).orElse(List.of());
  }

  /** The packaged local pair is public: it may only guard a node no other host can reach. */
  private static void refuseServingPublicCredentials(Config config, NodeSettings node) {
    boolean packaged = config.getStringList("triad.security.credentials-files").stream().anyMatch(CredentialsFiles::isPublic);
    if (packaged && !isLoopback(node.httpHost())) {
      throw new StartupException(Main.EXIT_USAGE, "triad.http.host " + node.httpHost() + " serves other hosts, but the credentials"
          + " are the public local pair shipped with TriadDB (" + String.join(", ", config.getStringList("triad.security.credentials-files"))
          + "): give the node your own with --credentials FILE (or triad.security.credentials-files)");
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (identities != null) {
      identities.close();
      refresher.shutdownNow();
    }
  }
}
