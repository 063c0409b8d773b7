package triad.security;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import triad.security.core.SigV4Settings;

/**
 * The {@code triad.security} block of conf/security.conf, read once at start-up. Credentials files
 * and policies are not here: {@link IdentitiesConfig} reads them on every refresh, so a changed
 * list of files takes effect without a restart.
 *
 * @param signature how requests' signatures are checked
 * @param refreshInterval how often credentials and policies are reloaded
 * @param masterKeyFile the master key's file; empty means generated into the data directory
 */
public record SecuritySettings(SigV4Settings signature, Duration refreshInterval, Optional<Path> masterKeyFile) {
  public static final Duration REFRESH_INTERVAL_MIN = Duration.ofSeconds(1);

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
      String key = c.getString("encryption.master-key-file");
      return new SecuritySettings(signature, c.getDuration("refresh-interval"),
          key.isBlank() ? Optional.empty() : Optional.of(Path.of(key)));
    } catch (ConfigException e) {
      throw new SecurityConfigException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new SecurityConfigException("triad.security.signature: " + e.getMessage(), e);
    }
  }
}
