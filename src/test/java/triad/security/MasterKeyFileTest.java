package triad.security;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import triad.security.core.MasterKey;

/** The master key's file: raw or base64, private, generated once when none is configured. */
class MasterKeyFileTest {
  @TempDir
  Path dir;

  @Test
  void generatesAPrivateKeyOnceAndLoadsItAfterwards() throws IOException {
    Path data = dir.resolve("data");
    MasterKey first = MasterKeyFile.loadOrGenerate(Optional.empty(), data, new SecureRandom());
    Path file = data.resolve(MasterKeyFile.GENERATED_NAME);
    assertEquals("rw-------", TestFiles.mode(file));
    String text = Files.readString(file, US_ASCII);
    assertEquals(32, Base64.getDecoder().decode(text.strip()).length);
    MasterKey again = MasterKeyFile.loadOrGenerate(Optional.empty(), data, new SecureRandom());
    assertEquals(first.checkValue(), again.checkValue());
    assertFalse(Files.exists(data.resolve(MasterKeyFile.GENERATED_NAME + ".tmp")));
  }

  @Test
  void readsRawAndBase64KeysAlike() {
    byte[] raw = new byte[32];
    new Random(3).nextBytes(raw);
    Path rawFile = TestFiles.write(dir.resolve("raw"), raw, "rw-------");
    Path b64File = TestFiles.write(dir.resolve("b64"), "  " + Base64.getEncoder().encodeToString(raw) + "\n\n", "r--------");
    assertEquals(MasterKeyFile.load(rawFile).checkValue(), MasterKeyFile.load(b64File).checkValue());
    byte[] other = raw.clone();
    other[0] ^= 1;
    assertNotEquals(MasterKey.of(raw).checkValue(), MasterKey.of(other).checkValue());
  }

  @Test
  void neverReplacesAConfiguredKeyThatIsMissing() {
    Path configured = dir.resolve("elsewhere.key");
    SecurityConfigException e = assertThrows(SecurityConfigException.class,
        () -> MasterKeyFile.loadOrGenerate(Optional.of(configured), dir, new SecureRandom()));
    assertEquals("master key file " + configured + " does not exist or is not a regular file", e.getMessage());
    assertFalse(Files.exists(dir.resolve(MasterKeyFile.GENERATED_NAME)));
  }

  @Test
  void refusesASharedKeyFile() {
    Path f = TestFiles.write(dir.resolve("k"), Base64.getEncoder().encodeToString(new byte[32]), "rw-r--r--");
    String message = assertThrows(SecurityConfigException.class, () -> MasterKeyFile.load(f)).getMessage();
    assertEquals("master key file " + f + " is readable or writable by group or others (rw-r--r--); it holds secrets: chmod 600 " + f,
        message);
  }

  @Test
  void refusesContentThatIsNotA256BitKeyWithoutPrintingIt() {
    String secretish = Base64.getEncoder().encodeToString(new byte[16]);
    Path f = TestFiles.write(dir.resolve("short"), secretish, "rw-------");
    String message = assertThrows(SecurityConfigException.class, () -> MasterKeyFile.load(f)).getMessage();
    assertEquals("master key file " + f + " must hold exactly 32 raw bytes or their base64 (openssl rand -base64 32);"
        + " it holds 24 bytes that are neither", message);
    Path g = TestFiles.write(dir.resolve("junk"), "not base64 at all!", "rw-------");
    assertTrue(assertThrows(SecurityConfigException.class, () -> MasterKeyFile.load(g)).getMessage().contains("18 bytes"));
  }
}
