package triad.security;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import triad.security.core.SigV4Settings;

/**
 * The {@code triad.security} block of conf/security.conf, read once at start-up. Credentials files
 * and policies are not here: {@link IdentitiesConfig} reads them on every refresh, so a changed
 * list of files takes effect without a restart.
 *
 * @param authentication whether API requests must be signed and authorized (off: throwaway nodes)
 * @param signature how requests' signatures are checked
 * @param refreshInterval how often credentials and policies are reloaded
 * @param masterKeyFile the master key's file; empty means generated into the data directory
 * @param tls HTTPS on the API port; empty means plain HTTP
 */
public record SecuritySettings(boolean authentication, SigV4Settings signature, Duration refreshInterval, Optional<Path> masterKeyFile,
    Optional<Tls> tls) {
  public static final Duration REFRESH_INTERVAL_MIN = Duration.ofSeconds(1);

  /**
   * The API's server certificate: PEM files ({@code certificateChainFile} and {@code privateKeyFile})
   * or a PKCS#12 {@code keyStoreFile}, exactly one of the two.
   */
  public record Tls(Optional<Path> certificateChainFile, Optional<Path> privateKeyFile, Optional<Path> keyStoreFile,
      String keyStorePassword, List<String> protocols) {
    public Tls {
      boolean pem = certificateChainFile.isPresent() || privateKeyFile.isPresent();
      if (pem == keyStoreFile.isPresent() || pem && (certificateChainFile.isEmpty() || privateKeyFile.isEmpty())) {
        throw new SecurityConfigException("triad.security.tls needs either certificate-chain-file and private-key-file (PEM)"
            + " or key-store-file (PKCS#12)");
      }
      if (protocols.isEmpty()) {
        throw new SecurityConfigException("triad.security.tls.protocols must name at least one TLS version");
      }
      protocols = List.copyOf(protocols);
    }

    @Override
    public String toString() {
      return "Tls[" + certificateChainFile.or(() -> keyStoreFile).orElseThrow() + ", password=<redacted>]";
    }
  }

  public SecuritySettings {
    if (refreshInterval.compareTo(REFRESH_INTERVAL_MIN) < 0) {
      throw new SecurityConfigException("triad.security.refresh-interval must be at least " + REFRESH_INTERVAL_MIN);
    }
  }

  /** @throws SecurityConfigException naming the setting that is missing or wrong */
  public static SecuritySettings fromConfig(Config root) {
    try {
      Config c = root.getConfig("triad.security");
      Config s = c.getConfig("signature");
      SigV4Settings signature = new SigV4Settings(s.getDuration("clock-skew-max"), new HashSet<>(s.getStringList("regions-allowed")),
          s.getBoolean("unsigned-payload-allowed"), s.getDuration("presigned-expires-max"));
      return new SecuritySettings(c.getBoolean("authentication"), signature, c.getDuration("refresh-interval"),
          path(c, "encryption.master-key-file"), tls(c.getConfig("tls")));
    } catch (ConfigException e) {
      throw new SecurityConfigException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new SecurityConfigException("triad.security.signature: " + e.getMessage(), e);
    }
  }

  private static Optional<Tls> tls(Config t) {
    if (!t.getBoolean("enabled")) {
      return Optional.empty();
    }
    return Optional.of(new Tls(path(t, "certificate-chain-file"), path(t, "private-key-file"), path(t, "key-store-file"),
        t.getString("key-store-password"), t.getStringList("protocols")));
  }

  /** A file setting; empty string means none. */
  private static Optional<Path> path(Config c, String key) {
    String value = c.getString(key);
    return value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }
}
