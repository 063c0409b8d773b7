package triad.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import triad.testkit.Clients;
import triad.testkit.InJvmNode;

/**
 * Encryption at rest, seen from the disk: known plaintext written through the API appears in no
 * file under the data directory (item store, journal, snapshots, keys), and a flipped byte in an
 * encrypted value on disk is detected and answered with InternalServerError, never served.
 * LevelDB's compression is off here, so anything stored in the clear would show verbatim.
 */
class EncryptionAtRestTest {
  /** Every write syncs the item store and compacts the log (snapshots and journal deletions happen), compression off. */
  private static final String CONFIG = """
      triad.replication.compact-every-entries = 1
      triad.storage.leveldb-defaults.compression = none
      triad.storage.item-store.compression = none
      triad.storage.journal.leveldb.compression = none
      triad.storage.snapshot-store.leveldb.compression = none
      """;

  @TempDir
  Path dir;

  static void createTable(DynamoDbClient ddb, String name) {
    ddb.createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
        .keySchema(k -> k.attributeName("pk").keyType("HASH"))
        .attributeDefinitions(a -> a.attributeName("pk").attributeType("S")));
  }

  /** Every regular file under {@code root} whose bytes contain {@code needle}. */
  static List<Path> filesContaining(Path root, byte[] needle) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(f), needle, 0) >= 0) {
          out.add(root.relativize(f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void noPlaintextValueReachesAnyFileUnderTheDataDirectory() {
    Path data = dir.resolve("data");
    String secret = "TOP-SECRET-PLAINTEXT-7f3a";
    try (InJvmNode node = InJvmNode.start(data, CONFIG); DynamoDbClient ddb = node.client()) {
      createTable(ddb, "Secrets");
      for (int i = 0; i < 150; i++) {
        int n = i;
        ddb.putItem(b -> b.tableName("Secrets").item(Map.of("pk", AttributeValue.fromS("visible-key-" + n),
            "secret", AttributeValue.fromS(secret + "-" + n), "nested", AttributeValue.fromM(Map.of("deep", AttributeValue.fromS(secret))))));
      }
      ddb.updateItem(b -> b.tableName("Secrets").key(Map.of("pk", AttributeValue.fromS("visible-key-1")))
          .updateExpression("SET more = :m").expressionAttributeValues(Map.of(":m", AttributeValue.fromS(secret + "-updated"))));
      assertEquals(secret + "-7", ddb.getItem(b -> b.tableName("Secrets").key(Map.of("pk", AttributeValue.fromS("visible-key-7")))
          .consistentRead(true)).item().get("secret").s());
    }
    assertTrue(Files.exists(data.resolve("snapshots")) && Files.exists(data.resolve("journal")) && Files.exists(data.resolve("keys")));
    // The check sees plaintext where there is some: primary keys (and so table names, the
    // catalog's keys) are stored as they are (docs/security.md).
    assertFalse(filesContaining(data, "visible-key-42".getBytes(UTF_8)).isEmpty(), "the grep finds nothing at all");
    assertEquals(List.of(), filesContaining(data, secret.getBytes(UTF_8)));
  }

  @Test
  void aFlippedByteInAnEncryptedValueOnDiskIsDetectedAndNotServed() throws IOException {
    Path data = dir.resolve("data");
    String pk = "flip-target-0c9e";
    try (InJvmNode node = InJvmNode.start(data, CONFIG); DynamoDbClient ddb = node.client()) {
      createTable(ddb, "Flip");
      ddb.putItem(b -> b.tableName("Flip").item(Map.of("pk", AttributeValue.fromS(pk), "payload", AttributeValue.fromS("p".repeat(2000)))));
      ddb.putItem(b -> b.tableName("Flip").item(Map.of("pk", AttributeValue.fromS("bystander"), "v", AttributeValue.fromS("ok"))));
    }
    // A restart moves LevelDB's log into a table file; the value sits right after its key there.
    InJvmNode.start(data, CONFIG).close();
    Path table = flipInTableFile(data.resolve("items"), pk.getBytes(UTF_8));

    String unchecked = CONFIG + "triad.storage.item-store.verify-checksums = off\n";
    try (InJvmNode node = InJvmNode.start(data, unchecked); DynamoDbClient ddb = Clients.withoutRetries(node.endpoint())) {
      // LevelDB does not check the block: the value's authentication tag does.
      assertInternalError(() -> ddb.getItem(b -> b.tableName("Flip").key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true)));
      assertInternalError(() -> ddb.scan(b -> b.tableName("Flip")));
      assertInternalError(() -> ddb.putItem(b -> b.tableName("Flip").item(Map.of("pk", AttributeValue.fromS(pk)))
          .conditionExpression("attribute_exists(pk)")));
    }
    try (InJvmNode node = InJvmNode.start(data, CONFIG); DynamoDbClient ddb = Clients.withoutRetries(node.endpoint())) {
      // With block checksums on (the default), LevelDB notices first; the answer is the same.
      assertInternalError(() -> ddb.getItem(b -> b.tableName("Flip").key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true)));
    }
    assertTrue(Files.exists(table));
  }

  static void assertInternalError(Runnable call) {
    DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
    assertEquals(500, e.statusCode(), e.toString());
    assertEquals("InternalServerError", e.awsErrorDetails().errorCode());
    assertFalse(e.awsErrorDetails().errorMessage().contains("pppp"), "served the value");
  }

  /** Flips one byte inside the sealed value stored after the item key ending in {@code pk}; returns the file. */
  static Path flipInTableFile(Path items, byte[] pk) throws IOException {
    try (Stream<Path> files = Files.list(items)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".ldb") || p.toString().endsWith(".sst")).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        int at = indexOf(bytes, pk, 0);
        if (at >= 0) {
          // key, LevelDB's 8-byte sequence/type trailer, then the value: its ciphertext is well inside.
          bytes[at + pk.length + 8 + 100] ^= 0x01;
          Files.write(f, bytes);
          return f;
        }
      }
    }
    throw new AssertionError("no table file holds the key " + new String(pk, UTF_8));
  }
}
