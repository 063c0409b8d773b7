package triad.storage;

import com.typesafe.config.Config;

/**
 * Options of one LevelDB instance, read from a config block with the keys documented in
 * conf/storage.conf. The comparator is always LevelDB's default (unsigned bytewise), which the
 * key layouts rely on.
 */
public record LevelDbSettings(
    long blockCacheBytes,
    long writeBufferBytes,
    int blockSizeBytes,
    int openFilesMax,
    boolean snappy,
    boolean verifyChecksums,
    boolean paranoidChecks) {

  public LevelDbSettings {
    requirePositive("block-cache-bytes", blockCacheBytes);
    requirePositive("write-buffer-bytes", writeBufferBytes);
    requirePositive("block-size-bytes", blockSizeBytes);
    if (openFilesMax < 20) {
      throw new IllegalArgumentException("open-files-max must be at least 20, got " + openFilesMax);
    }
  }

  public static LevelDbSettings fromConfig(Config c) {
    String compression = c.getString("compression");
    if (!compression.equals("snappy") && !compression.equals("none")) {
      throw new IllegalArgumentException("compression must be snappy or none, got " + compression);
    }
    return new LevelDbSettings(
        c.getBytes("block-cache-bytes"),
        c.getBytes("write-buffer-bytes"),
        Math.toIntExact(c.getBytes("block-size-bytes")),
        c.getInt("open-files-max"),
        compression.equals("snappy"),
        c.getBoolean("verify-checksums"),
        c.getBoolean("paranoid-checks"));
  }

  static void requirePositive(String name, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
  }
}
