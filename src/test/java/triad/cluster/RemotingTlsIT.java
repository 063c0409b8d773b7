package triad.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import triad.testkit.Clients;
import triad.testkit.LocalCluster;

/**
 * Three nodes whose Pekko remoting runs over TLS with mutual authentication (docs/security.md,
 * "Between nodes"): the cluster forms and replicates through it, and a peer without the cluster's
 * certificate cannot complete a handshake with a node's remoting port.
 */
class RemotingTlsIT {
  private static final String PASSWORD = "remoting-test-pass";
  @TempDir
  static Path dir;
  static Path keyStore;
  static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    keyStore = dir.resolve("remoting.p12");
    // One self-signed key shared by the nodes: each presents it and trusts it.
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
        "-keypass", PASSWORD, "-alias", "triad", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=triad-remoting-test").redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
        () -> "keytool failed: " + output(keytool));
    String tls = "pekko.remote.artery.transport = tls-tcp\n"
        + "pekko.remote.artery.ssl.config-ssl-engine {\n"
        + "  key-store = \"" + keyStore + "\"\n"
        + "  trust-store = \"" + keyStore + "\"\n"
        + "  key-store-password = \"" + PASSWORD + "\"\n"
        + "  key-password = \"" + PASSWORD + "\"\n"
        + "  trust-store-password = \"" + PASSWORD + "\"\n"
        + "  protocol = \"TLSv1.3\"\n"
        + "  enabled-algorithms = [\"TLS_AES_128_GCM_SHA256\"]\n"
        + "  require-mutual-authentication = on\n"
        + "  hostname-verification = off\n"
        + "}\n";
    cluster = LocalCluster.create(dir, 3, tls).start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theClusterReplicatesOverTls() {
    try (DynamoDbClient first = Clients.dynamo(cluster.endpoints().get(0));
         DynamoDbClient third = Clients.dynamo(cluster.endpoints().get(2))) {
      first.createTable(b -> b.tableName("tls")
          .keySchema(KeySchemaElement.builder().attributeName("k").keyType(KeyType.HASH).build())
          .attributeDefinitions(AttributeDefinition.builder().attributeName("k").attributeType(ScalarAttributeType.S).build())
          .billingMode(BillingMode.PAY_PER_REQUEST));
      first.waiter().waitUntilTableExists(b -> b.tableName("tls"));
      for (int i = 0; i < 20; i++) {
        String k = "k" + i;
        first.putItem(b -> b.tableName("tls").item(Map.of("k", AttributeValue.fromS(k), "v", AttributeValue.fromS("over tls"))));
      }
      for (int i = 0; i < 20; i++) {
        String k = "k" + i;
        Map<String, AttributeValue> item = third.getItem(b -> b.tableName("tls").key(Map.of("k", AttributeValue.fromS(k))).consistentRead(true)).item();
        assertEquals("over tls", item.get("v").s(), k);
      }
    }
  }

  @Test
  void remotingAcceptsOnlyPeersWithTheClusterCertificate() throws Exception {
    int port = cluster.remotingPort(1);
    handshake(context(true), port); // the cluster's own key: accepted
    // The TLS 1.3 server refuses the missing certificate after the handshake: with an alert the
    // client reads (SSLException), or, when the client's first write races the close, a reset.
    IOException refused = assertThrows(IOException.class, () -> handshake(context(false), port), "a peer without a client certificate");
    assertTrue(refused instanceof SSLException || refused instanceof java.net.SocketException, "refused, not timed out: " + refused);
  }

  /** Trusts the cluster's certificate; presents it only when {@code withKey}. */
  private static SSLContext context(boolean withKey) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(keyStore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLSv1.3");
    ctx.init(withKey ? kmf.getKeyManagers() : null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** A TLS 1.3 server checks the client's certificate after the handshake: a read shows the verdict. */
  private static void handshake(SSLContext ctx, int port) throws IOException {
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.setEnabledProtocols(new String[] {"TLSv1.3"});
      s.startHandshake();
      assertEquals(List.of("TLSv1.3"), List.of(s.getSession().getProtocol()));
      s.getOutputStream().write(new byte[] {'A', 'K', 'K', 'A'});
      s.getOutputStream().flush();
      try {
        s.getInputStream().read();
      } catch (java.net.SocketTimeoutException e) {
        // Still connected: the server accepted the certificate and waits for a real peer's frames.
      }
    }
  }

  private static String output(Process p) {
    try {
      return new String(p.getInputStream().readAllBytes());
    } catch (IOException e) {
      return e.toString();
    }
  }
}
