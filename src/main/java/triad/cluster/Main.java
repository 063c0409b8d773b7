package triad.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * `bin/triad [--config FILE]`: starts one node. With no config it runs the embedded single-node
 * default (conf/single-node.conf). A bad config prints one line and exits non-zero.
 */
public final class Main {
  static final int EXIT_USAGE = 2;
  static final int EXIT_FAILED = 1;
  static final int EXIT_REMOVED = 3;

  private Main() {}

  public static void main(String[] args) {
    try {
      Config config = load(args);
      TriadNode node = TriadNode.start(config);
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
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            throw new StartupException(EXIT_USAGE, "--config needs a file; usage: triad [--config FILE]");
          }
          configs.add(Path.of(args[++i]));
        }
        case "-h", "--help" -> throw new StartupException(0, "usage: triad [--config FILE]   (no arguments: the single-node default)");
        default -> throw new StartupException(EXIT_USAGE, "unknown argument " + args[i] + "; usage: triad [--config FILE]");
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
      Config all = ConfigFactory.systemProperties().withFallback(user).withFallback(ConfigFactory.defaultReferenceUnresolved()).resolve();
      NodeSettings.from(all);
      return all;
    } catch (ConfigException e) {
      throw new StartupException(EXIT_USAGE, "bad config: " + oneLine(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw new StartupException(EXIT_USAGE, "bad config: " + oneLine(e.getMessage()));
    }
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ');
  }
}
