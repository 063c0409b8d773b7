package triad.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import triad.cluster.TriadNode;

/** A single-node TriadDB inside the test JVM, on a free port and a data directory of the test's. */
public final class InJvmNode implements AutoCloseable {
  private final TriadNode node;

  private InJvmNode(TriadNode node) {
    this.node = node;
  }

  public static InJvmNode start(Path dataDir) {
    return start(dataDir, "");
  }

  public static InJvmNode start(Path dataDir, String extraConfig) {
    Config config = ConfigFactory.parseString(extraConfig)
        .withFallback(ConfigFactory.parseString("triad.http.port = 0\ntriad.node.data-dir = \"" + dataDir.toString().replace("\\", "/") + "\""))
        .withFallback(ConfigFactory.parseResources("single-node.conf"))
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve();
    return new InJvmNode(TriadNode.start(config));
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + node.httpPort());
  }

  public TriadNode node() {
    return node;
  }

  public DynamoDbClient client() {
    return Clients.dynamo(endpoint());
  }

  @Override
  public void close() {
    node.stop();
  }
}
