package triad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import triad.security.core.CredentialStore;

/** Credentials files on disk: merged in order, private to their owner, errors naming the file. */
class CredentialsFilesTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  @TempDir
  Path dir;

  @Test
  void loadsAndMergesPrivateFiles() {
    Path a = TestFiles.write(dir.resolve("a"), "[alice]\naws_access_key_id=AKIDALICE\naws_secret_access_key=" + SECRET + "\n", "rw-------");
    Path b = TestFiles.write(dir.resolve("b"), "[bob]\naws_access_key_id=AKIDBOB\naws_secret_access_key=" + SECRET + "\n", "r--------");
    CredentialStore store = CredentialsFiles.load(List.of(a.toString(), b.toString()));
    assertEquals(2, store.size());
    assertTrue(store.find("AKIDBOB").isPresent());
    assertFalse(store.toString().contains(SECRET));
  }

  @Test
  void refusesFilesOthersCanReadOrWrite() {
    for (String mode : List.of("rw-r-----", "rw----r--", "rw--w----", "rw-rw-rw-")) {
      Path f = TestFiles.write(dir.resolve("shared"), "[a]\n", mode);
      String message = assertThrows(SecurityConfigException.class, () -> CredentialsFiles.load(List.of(f.toString()))).getMessage();
      assertEquals("credentials file " + f + " is readable or writable by group or others (" + mode
          + "); it holds secrets: chmod 600 " + f, message);
    }
  }

  @Test
  void namesTheFileOfAnyProblem() {
    Path missing = dir.resolve("missing");
    assertEquals("credentials file " + missing + " does not exist or is not a regular file",
        assertThrows(SecurityConfigException.class, () -> CredentialsFiles.load(List.of(missing.toString()))).getMessage());
    Path binary = TestFiles.write(dir.resolve("binary"), new byte[] {(byte) 0xff, (byte) 0xfe, 0}, "rw-------");
    assertEquals("credentials file " + binary + " is not UTF-8 text",
        assertThrows(SecurityConfigException.class, () -> CredentialsFiles.load(List.of(binary.toString()))).getMessage());
    Path bad = TestFiles.write(dir.resolve("bad"), "[a]\naws_access_key_id=AKIDA\n", "rw-------");
    assertEquals(bad + " line 1: profile a has no aws_secret_access_key",
        assertThrows(SecurityConfigException.class, () -> CredentialsFiles.load(List.of(bad.toString()))).getMessage());
  }
}
