package triad.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files with given content and POSIX mode, for the shell's tests. */
final class TestFiles {
  private TestFiles() {}

  static Path write(Path file, String content, String mode) {
    return write(file, content.getBytes(UTF_8), mode);
  }

  static Path write(Path file, byte[] content, String mode) {
    try {
      Files.write(file, content);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String mode(Path file) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
