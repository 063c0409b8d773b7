package triad.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Files holding secrets must be readable and writable by their owner only. */
final class PrivateFiles {
  private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private PrivateFiles() {}

  /**
   * The bytes of a secret file, refused if group or others may read or write it (POSIX systems
   * only: elsewhere permissions are ACLs this check cannot judge).
   *
   * @param what what the file is, for messages ("master key file")
   */
  static byte[] read(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new SecurityConfigException(what + " " + file + " does not exist or is not a regular file");
    }
    try {
      PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (view != null) {
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        if (perms.stream().anyMatch(SHARED::contains)) {
          throw new SecurityConfigException(what + " " + file + " is readable or writable by group or others ("
              + PosixFilePermissions.toString(perms) + "); it holds secrets: chmod 600 " + file);
        }
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SecurityConfigException(what + " " + file + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
  }
}
