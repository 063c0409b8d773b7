package triad.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
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
 *
 * <p>A location {@code classpath:NAME} is a resource shipped inside the jar: the single-node
 * default's public local pair. Anyone with the jar can read it, so it has no mode to check and is
 * no secret; a node serves it only on a loopback address (see {@link #isPublic}).
 */
public final class CredentialsFiles {
  private static final String CLASSPATH = "classpath:";

  private CredentialsFiles() {}

  /**
   * Reads and merges {@code locations} (file paths or {@code classpath:NAME}) in order; a profile
   * in a later one replaces one of the same name.
   *
   * @throws SecurityConfigException naming the file and line of the first problem
   */
  public static CredentialStore load(List<String> locations) {
    List<CredentialsIni.Source> sources = new ArrayList<>();
    for (String location : locations) {
      byte[] bytes = isPublic(location) ? resource(location) : PrivateFiles.read(Path.of(location), "credentials file");
      sources.add(new CredentialsIni.Source(location, utf8(location, bytes)));
    }
    try {
      return CredentialsIni.load(sources);
    } catch (IllegalArgumentException e) {
      throw new SecurityConfigException(e.getMessage());
    }
  }

  /** True for a {@code classpath:} location, whose credentials anyone with the jar knows. */
  public static boolean isPublic(String location) {
    return location.startsWith(CLASSPATH);
  }

  private static byte[] resource(String location) {
    String name = location.substring(CLASSPATH.length());
    try (InputStream in = CredentialsFiles.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new SecurityConfigException("credentials resource " + location + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new SecurityConfigException("credentials resource " + location + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
  }

  private static String utf8(String location, byte[] bytes) {
    try {
      return UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new SecurityConfigException("credentials file " + location + " is not UTF-8 text");
    }
  }
}
