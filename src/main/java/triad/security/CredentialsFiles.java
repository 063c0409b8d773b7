package triad.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import triad.security.core.CredentialStore;
import triad.security.core.CredentialsIni;

/**
 * Loads AWS shared-credentials files ({@code ~/.aws/credentials} format, see {@link CredentialsIni})
 * into a {@link CredentialStore}. Each file must be private to its owner (mode 600 on POSIX).
 */
public final class CredentialsFiles {
  private CredentialsFiles() {}

  /**
   * Reads and merges {@code files} in order; a profile in a later file replaces one of the same name.
   *
   * @throws SecurityConfigException naming the file and line of the first problem
   */
  public static CredentialStore load(List<Path> files) {
    List<CredentialsIni.Source> sources = new ArrayList<>();
    for (Path file : files) {
      sources.add(new CredentialsIni.Source(file.toString(), utf8(file, PrivateFiles.read(file, "credentials file"))));
    }
    try {
      return CredentialsIni.load(sources);
    } catch (IllegalArgumentException e) {
      throw new SecurityConfigException(e.getMessage());
    }
  }

  private static String utf8(Path file, byte[] bytes) {
    try {
      return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new SecurityConfigException("credentials file " + file + " is not UTF-8 text");
    }
  }
}
