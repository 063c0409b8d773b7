package triad.security;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import triad.security.core.MasterKey;

/**
 * The master key's file: 32 raw bytes, or their base64 (whitespace around it ignored). It must be
 * private to its owner (mode 600 on POSIX). When none is configured, a node generates one into its
 * data directory on first start, with a warning: data at rest is then only as safe as that
 * directory, and the key must be backed up, since nothing can be read without it.
 */
public final class MasterKeyFile {
  private static final Logger LOG = LoggerFactory.getLogger(MasterKeyFile.class);
  public static final String GENERATED_NAME = "master.key";
  private static final String WHAT = "master key file";

  private MasterKeyFile() {}

  /** @throws SecurityConfigException when the file is missing, shared with group/others, or not a 256-bit key */
  public static MasterKey load(Path file) {
    byte[] content = PrivateFiles.read(file, WHAT);
    byte[] key = content.length == MasterKey.BYTES ? content : base64(file, content);
    try {
      return MasterKey.of(key);
    } finally {
      Arrays.fill(content, (byte) 0);
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The configured key file's key; without one, {@value #GENERATED_NAME} in {@code dataDir},
   * generated if it does not exist yet. A configured file that is missing is an error, never
   * replaced by a new key (that would make existing data unreadable).
   */
  public static MasterKey loadOrGenerate(Optional<Path> configured, Path dataDir, SecureRandom random) {
    if (configured.isPresent()) {
      return load(configured.get());
    }
    Path file = dataDir.resolve(GENERATED_NAME);
    if (!Files.exists(file)) {
      generate(file, random);
      LOG.warn("no master key configured (triad.security.encryption.master-key-file): generated one at {}. Back it up:"
          + " nothing encrypted under it can be read without it. Keeping it beside the data protects against"
          + " less than keeping it elsewhere.", file);
    }
    return load(file);
  }

  private static byte[] base64(Path file, byte[] content) {
    String text = new String(content, US_ASCII).strip();
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length != MasterKey.BYTES) {
      Arrays.fill(key, (byte) 0);
      throw new SecurityConfigException(WHAT + " " + file + " must hold exactly " + MasterKey.BYTES
          + " raw bytes or their base64 (openssl rand -base64 32); it holds " + content.length + " bytes that are neither");
    }
    return key;
  }

  /** Writes a new key as base64 to a private temporary file, syncs it, then renames it into place. */
  private static void generate(Path file, SecureRandom random) {
    byte[] key = new byte[MasterKey.BYTES];
    random.nextBytes(key);
    byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(US_ASCII);
    Path tmp = file.resolveSibling(GENERATED_NAME + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(tmp);
      try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), privateCreate(tmp))) {
        ch.write(ByteBuffer.wrap(text));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(file.toAbsolutePath().getParent());
    } catch (FileAlreadyExistsException e) {
      throw new SecurityConfigException(WHAT + " " + tmp + " appeared while generating the key: is another node using " + file.getParent() + "?", e);
    } catch (IOException e) {
      throw new SecurityConfigException("cannot write a new " + WHAT + " " + file + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(text, (byte) 0);
    }
  }

  /** Mode 600 from the moment the file exists, on POSIX; no attribute elsewhere. */
  private static FileAttribute<?>[] privateCreate(Path file) {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
    return new FileAttribute<?>[0];
  }

  /** The rename is durable only once the directory is synced. */
  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
