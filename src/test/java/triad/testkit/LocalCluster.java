package triad.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A cluster of real node processes on 127.0.0.1, like deploy/local-cluster.sh but on free ports
 * and in a test's directory: three availability zones, replication factor 3, one node per zone
 * (or two with {@code nodes = 6}).
 */
public final class LocalCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final int[] remoting;

  private LocalCluster(int nodes) {
    this.remoting = new int[nodes];
  }

  public static LocalCluster create(Path dir, int nodes) throws IOException {
    return create(dir, nodes, "");
  }

  /** @param extraConfig HOCON appended to every node's config (e.g. remoting over TLS) */
  public static LocalCluster create(Path dir, int nodes, String extraConfig) throws IOException {
    LocalCluster c = new LocalCluster(nodes);
    int[] remoting = c.remoting;
    int[] http = new int[nodes];
    for (int i = 0; i < nodes; i++) {
      remoting[i] = NodeProcess.freePort();
      http[i] = NodeProcess.freePort();
    }
    StringJoiner seeds = new StringJoiner(", ", "[", "]");
    for (int i = 0; i < Math.min(3, nodes); i++) {
      seeds.add("\"pekko://triad@127.0.0.1:" + remoting[i] + "\"");
    }
    for (int i = 0; i < nodes; i++) {
      Path nodeDir = dir.resolve("node-" + (i + 1));
      String config = "include classpath(\"single-node.conf\")\n"
          + "triad.cluster.host = \"127.0.0.1\"\n"
          + "triad.cluster.availability-zones = [\"az1\", \"az2\", \"az3\"]\n"
          + "triad.cluster.seed-nodes = " + seeds + "\n"
          + "triad.replication.factor = 3\n"
          + "triad.node.availability-zone = \"az" + (i % 3 + 1) + "\"\n"
          + "triad.node.data-dir = \"" + nodeDir.resolve("data") + "\"\n"
          + "triad.cluster.port = " + remoting[i] + "\n"
          + "triad.http.port = " + http[i] + "\n"
          + extraConfig;
      c.nodes.add(NodeProcess.withConfig(nodeDir, config, http[i]));
    }
    return c;
  }

  /** Every node starts through bin/triad with these JVM options: {@link NodeProcess#viaBinTriad}. */
  public LocalCluster viaBinTriad(List<String> jvmOptions) {
    nodes.forEach(n -> n.viaBinTriad(jvmOptions));
    return this;
  }

  /** Starts every node that is not running, all at once, and waits until each answers. */
  public LocalCluster start() throws Exception {
    List<Thread> starters = new ArrayList<>();
    List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (NodeProcess n : nodes) {
      if (n.isAlive()) {
        continue;
      }
      Thread t = new Thread(() -> {
        try {
          n.start();
        } catch (Exception e) {
          failures.add(e);
        }
      });
      t.start();
      starters.add(t);
    }
    for (Thread t : starters) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    return this;
  }

  public NodeProcess node(int i) {
    return nodes.get(i);
  }

  /** The port node {@code i} serves Pekko remoting on. */
  public int remotingPort(int i) {
    return remoting[i];
  }

  public int size() {
    return nodes.size();
  }

  public List<URI> endpoints() {
    return nodes.stream().map(NodeProcess::endpoint).toList();
  }

  /** Number of partition leaders each live node holds, by node index. */
  public Map<Integer, Integer> leaders() {
    Map<Integer, Integer> out = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (!nodes.get(i).isAlive()) {
        continue;
      }
      int count = 0;
      for (JsonNode r : status(i).path("replicas")) {
        if ("LEADER".equals(r.path("role").asText())) {
          count++;
        }
      }
      out.put(i, count);
    }
    return out;
  }

  /** The node's GET /triad/status document. */
  public JsonNode status(int i) {
    return get(i, "/triad/status");
  }

  /** The node's GET /triad/partitions document: its replicas with their applied index and checksum. */
  public JsonNode partitions(int i) {
    return get(i, "/triad/partitions");
  }

  private JsonNode get(int i, String path) {
    try (InputStream in = URI.create(nodes.get(i).endpoint() + path).toURL().openStream()) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(path + " of node " + (i + 1), e);
    }
  }

  @Override
  public void close() {
    nodes.forEach(NodeProcess::close);
  }
}
