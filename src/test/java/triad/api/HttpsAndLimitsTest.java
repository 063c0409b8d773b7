package triad.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import triad.testkit.Clients;
import triad.testkit.InJvmNode;
import triad.testkit.SignedHttp;

/** HTTPS on the API port (PKCS#12 and PEM), and the request size limit answered, not reset. */
class HttpsAndLimitsTest {
  private static final String PASSWORD = "test-store-password";

  @TempDir
  Path dir;

  /** A self-signed certificate for 127.0.0.1 in a PKCS#12 store, made by the JDK's keytool. */
  private Path keyStore() throws Exception {
    Path store = dir.resolve("api.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "api",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, new String(out, UTF_8));
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
    return store;
  }

  private static KeyStore load(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    return ks;
  }

  private static DynamoDbClient httpsClient(URI endpoint, KeyStore trusted) throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(Clients.credentials(Clients.ACCESS_KEY_ID, Clients.SECRET))
        .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(tmf::getTrustManagers).build())
        .build();
  }

  private static URI https(InJvmNode node) {
    return URI.create("https://127.0.0.1:" + node.node().httpPort());
  }

  @Test
  void servesHttpsFromAPkcs12StoreOrPemFiles() throws Exception {
    Path store = keyStore();
    KeyStore ks = load(store);
    String p12 = "triad.security.tls { enabled = on, key-store-file = \"%s\", key-store-password = \"%s\" }".formatted(store, PASSWORD);
    try (InJvmNode node = InJvmNode.start(dir.resolve("a"), p12); DynamoDbClient ddb = httpsClient(https(node), ks)) {
      assertEquals(List.of(), ddb.listTables().tableNames());
      try (DynamoDbClient plain = Clients.withoutRetries(node.endpoint())) {
        assertThrows(SdkClientException.class, plain::listTables, "plain HTTP on the HTTPS port");
      }
    }

    Certificate cert = ks.getCertificate("api");
    Path chain = Files.writeString(dir.resolve("api.crt"), pem("CERTIFICATE", cert.getEncoded()));
    Path key = Files.writeString(dir.resolve("api.key"), pem("PRIVATE KEY", ks.getKey("api", PASSWORD.toCharArray()).getEncoded()));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    String pem = "triad.security.tls { enabled = on, certificate-chain-file = \"%s\", private-key-file = \"%s\", protocols = [TLSv1.3] }"
        .formatted(chain, key);
    try (InJvmNode node = InJvmNode.start(dir.resolve("b"), pem); DynamoDbClient ddb = httpsClient(https(node), ks)) {
      assertEquals(List.of(), ddb.listTables().tableNames());
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  @Test
  void aBodyOverTheLimitIsAnsweredWithDynamoDbsErrorNotAReset() throws Exception {
    try (InJvmNode node = InJvmNode.start(dir.resolve("data"), "triad.http.request-bytes-max = 64k")) {
      URI endpoint = node.endpoint();
      byte[] big = ("{\"TableName\":\"T\",\"Item\":{\"pk\":{\"S\":\"" + "x".repeat(70_000) + "\"}}}").getBytes(UTF_8);
      Map<String, List<String>> headers = SignedHttp.headers(endpoint, "PutItem", big, Clients.ACCESS_KEY_ID, Clients.SECRET, Instant.now());
      assertTooLarge(exchange(endpoint, headers, big, false));
      assertTooLarge(exchange(endpoint, headers, big, true));
      // The node still serves.
      try (DynamoDbClient ddb = node.client()) {
        assertEquals(List.of(), ddb.listTables().tableNames());
      }
    }
  }

  private static void assertTooLarge(String response) {
    assertTrue(response.startsWith("HTTP/1.1 413"), response);
    assertTrue(response.contains("{\"__type\":\"com.amazon.coral.service#RequestEntityTooLargeException\""), response);
  }

  /** One request over a raw socket, with Content-Length or chunked; the response as text. */
  private static String exchange(URI endpoint, Map<String, List<String>> headers, byte[] body, boolean chunked) throws IOException {
    try (Socket s = new Socket(endpoint.getHost(), endpoint.getPort())) {
      s.setSoTimeout(20_000);
      StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort() + "\r\n");
      headers.forEach((name, values) -> values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n")));
      head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n").append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(UTF_8));
      try {
        if (chunked) {
          for (int at = 0; at < body.length; at += 8192) {
            int n = Math.min(8192, body.length - at);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(UTF_8));
            out.write(body, at, n);
            out.write("\r\n".getBytes(UTF_8));
          }
          out.write("0\r\n\r\n".getBytes(UTF_8));
        } else {
          out.write(body);
        }
        out.flush();
      } catch (IOException closedEarly) {
        // The server may answer and close before the whole body is sent; the answer is still there to read.
      }
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          response.write(buf, 0, n);
          if (response.toString(UTF_8).contains("}")) {
            break;
          }
        }
      } catch (IOException reset) {
        // whatever arrived before a reset is judged below
      }
      return response.toString(UTF_8);
    }
  }
}
