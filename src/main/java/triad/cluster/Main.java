package triad.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `bin/triad [--config FILE]... [--credentials FILE]...`: starts one node. With no config it runs
 * the embedded single-node default (conf/single-node.conf). Credentials files given here replace
 * {@code triad.security.credentials-files}. A bad config prints one line and exits non-zero.
 */
public final class Main {
  static final int EXIT_USAGE = 2;
  private static final String USAGE = "usage: triad [--config FILE]... [--credentials FILE]...";
  static final int EXIT_FAILED = 1;
  static final int EXIT_REMOVED = 3;

  private Main() {}

  public static void main(String[] args) {
    try {
      Config config = load(args);
      // Re-read on every identity refresh, so edited credentials files and policies apply without a restart.
      TriadNode node = TriadNode.start(config, () -> load(args));
      Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "triad-shutdown"));
      node.awaitTermination();
      // The actor system also ends when the cluster removes this node (e.g. the split-brain
      // resolver downed it while it was cut off): stop for good, and say so with the exit code.
      node.stop();
      System.exit(node.stopRequested() ? 0 : EXIT_REMOVED);
    } catch (StartupException e) {
      System.err.println("triad: " + e.getMessage());
      System.exit(e.exitCode());
    }
  }

  static Config load(String[] args) {
    List<Path> configs = new ArrayList<>();
    List<String> credentials = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> configs.add(Path.of(value(args, ++i, "--config")));
        case "--credentials" -> credentials.add(Path.of(value(args, ++i, "--credentials")).toAbsolutePath().toString());
        case "-h", "--help" -> throw new StartupException(0, USAGE + "   (no --config: the single-node default)");
        default -> throw new StartupException(EXIT_USAGE, "unknown argument " + args[i] + "; " + USAGE);
      }
    }
    Config user;
    try {
      if (configs.isEmpty()) {
        user = ConfigFactory.parseResources("single-node.conf", ConfigParseOptions.defaults().setAllowMissing(false));
      } else {
        user = ConfigFactory.empty();
        for (Path p : configs) {
          if (!Files.isRegularFile(p)) {
            throw new StartupException(EXIT_USAGE, "config file not found: " + p);
          }
          user = ConfigFactory.parseFile(p.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).withFallback(user);
        }
      }
      if (!credentials.isEmpty()) {
        user = ConfigFactory.empty().withValue("triad.security.credentials-files", ConfigValueFactory.fromIterable(credentials))
            .withFallback(user);
      }
      Config all = ConfigFactory.systemProperties().withFallback(user).withFallback(ConfigFactory.defaultReferenceUnresolved()).resolve();
      NodeSettings.from(all);
      return all;
    } catch (ConfigException e) {
      throw new StartupException(EXIT_USAGE, "bad config: " + oneLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw new StartupException(EXIT_USAGE, "bad config: " + oneLine(e.getMessage()));
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new StartupException(EXIT_USAGE, option + " needs a file; " + USAGE);
    }
    return args[i];
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ');
  }
}
