package triad.differential;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.CRC32;
import triad.testkit.SignedHttp;

/**
 * Raw DynamoDB JSON over HTTP, as an SDK sends it but without an SDK in the way: the harness must
 * be able to send malformed bodies and see every byte of the answer. Every request is signed by
 * the SDK's signer with the local pair: TriadDB checks it, DynamoDB Local only its shape.
 */
final class Wire implements AutoCloseable {

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  /** An answer; {@code json} is null when the body is not JSON. */
  record Response(int status, String body, Object json, boolean crcValid) {
    boolean ok() {
      return status / 100 == 2;
    }

    /** The error type after '#', or null for a success. */
    String errorType() {
      if (ok() || !(json instanceof java.util.Map<?, ?> m) || !(m.get("__type") instanceof String t)) {
        return null;
      }
      return t.substring(t.indexOf('#') + 1);
    }

    /** DynamoDB Local writes "Message" for some errors and "message" for others; SDKs read both. */
    String errorMessage() {
      if (!(json instanceof java.util.Map<?, ?> m)) {
        return null;
      }
      Object msg = m.containsKey("message") ? m.get("message") : m.get("Message");
      return msg instanceof String s ? s : null;
    }
  }

  Response send(URI endpoint, String target, String body) throws IOException, InterruptedException {
    HttpRequest request = SignedHttp.post(endpoint, target, body.getBytes(StandardCharsets.UTF_8))
        .timeout(Duration.ofSeconds(60))
        .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    byte[] bytes = response.body();
    String text = new String(bytes, StandardCharsets.UTF_8);
    Object json;
    try {
      json = Json.parse(text);
    } catch (IllegalArgumentException e) {
      json = null;
    }
    // boto3 rejects an answer whose x-amz-crc32 does not match the body; a missing header is fine.
    boolean crcValid = response.headers().firstValue("x-amz-crc32").map(h -> {
      CRC32 crc = new CRC32();
      crc.update(bytes);
      return Long.toString(crc.getValue()).equals(h);
    }).orElse(true);
    return new Response(response.statusCode(), text, json, crcValid);
  }

  @Override
  public void close() {
    http.close();
  }
}
