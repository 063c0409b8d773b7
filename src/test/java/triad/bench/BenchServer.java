package triad.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import triad.testkit.DynamoDbLocalProcess;
import triad.testkit.LocalCluster;
import triad.testkit.NodeProcess;

/** A server under test: where to send requests and whose CPU time to read. */
sealed interface BenchServer extends AutoCloseable permits BenchServer.Triad, BenchServer.Cluster, BenchServer.Local {

  String name();

  /** One per process that serves the API; clients spread their threads over them. */
  List<URI> endpoints();

  /** Every process whose CPU time a request may cost. */
  List<Long> pids();

  @Override
  void close();

  /** The kinds `--servers` names. DynamoDB Local is the baseline of every ratio. */
  enum Kind {
    TRIAD, CLUSTER, LOCAL;

    static Kind named(String name) {
      for (Kind k : values()) {
        if (k.name().equalsIgnoreCase(name)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown server " + name + " (triad, cluster, local)");
    }
  }

  /** How to start one kind of server; start-up is timed around {@link #launch}. */
  record Launcher(String name, Start start) {
    interface Start {
      BenchServer launch(Path workDir) throws Exception;
    }

    BenchServer launch(Path workDir) throws Exception {
      return start.launch(workDir);
    }

    /** The name as a directory name under the work directory. */
    String directoryName() {
      return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
  }

  /** TriadDB as bin/triad runs it: the single-node default config, data on disk, fsync per write. */
  static Launcher triad(List<String> jvmOptions) {
    String name = "TriadDB";
    return new Launcher(name, dir -> {
      Files.createDirectories(dir);
      NodeProcess node = NodeProcess.singleNode(dir, "").viaBinTriad(jvmOptions);
      try {
        node.start();
      } catch (RuntimeException e) {
        node.close();
        throw e;
      }
      return new Triad(name, node);
    });
  }

  /**
   * Three nodes, one per availability zone, replication factor 3, each launched by bin/triad: the
   * test kit's LocalCluster, which is deploy/local-cluster.sh's cluster on free ports.
   */
  static Launcher cluster(List<String> jvmOptions) {
    String name = "TriadDB 3-node cluster";
    return new Launcher(name, dir -> {
      LocalCluster cluster = LocalCluster.create(dir, 3).viaBinTriad(jvmOptions);
      try {
        cluster.start();
      } catch (Exception e) {
        cluster.close();
        throw e;
      }
      return new Cluster(name, cluster);
    });
  }

  static Launcher dynamoDbLocal(String name, List<String> jvmOptions) {
    return new Launcher(name, dir -> new Local(name, DynamoDbLocalProcess.start(dir.resolve("dynamodb-local.log"), jvmOptions)));
  }

  record Local(String name, DynamoDbLocalProcess process) implements BenchServer {
    public List<URI> endpoints() {
      return List.of(process.endpoint());
    }

    public List<Long> pids() {
      return List.of(process.pid());
    }

    public void close() {
      process.close();
    }
  }

  record Triad(String name, NodeProcess node) implements BenchServer {
    public List<URI> endpoints() {
      return List.of(node.endpoint());
    }

    public List<Long> pids() {
      return List.of(node.pid());
    }

    /** SIGTERM, as an operator stops a node: a clean shutdown. */
    public void close() {
      try {
        node.terminate();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        node.close();
      }
    }
  }

  record Cluster(String name, LocalCluster cluster) implements BenchServer {
    public List<URI> endpoints() {
      return cluster.endpoints();
    }

    public List<Long> pids() {
      return IntStream.range(0, cluster.size()).mapToObj(i -> cluster.node(i).pid()).toList();
    }

    /**
     * SIGKILL, waiting for each node to be gone: the data is thrown away, and a clean stop of
     * three nodes one after the other takes 20 s and more here (shard hand-off timeouts).
     */
    public void close() {
      try {
        for (int i = 0; i < cluster.size(); i++) {
          cluster.node(i).kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cluster.close();
      }
    }
  }
}
