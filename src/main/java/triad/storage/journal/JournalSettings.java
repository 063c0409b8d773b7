package triad.storage.journal;

import com.typesafe.config.Config;
import java.nio.file.Path;
import triad.storage.LevelDbSettings;

/** The journal plugin's settings: its config block, {@code triad.storage.journal}. */
public record JournalSettings(
    Path dir,
    int writesQueuedMax,
    int groupWritesMax,
    int deleteBatchKeysMax,
    String replayDispatcher,
    LevelDbSettings leveldb) {

  public JournalSettings {
    requirePositive("writes-queued-max", writesQueuedMax);
    requirePositive("group-writes-max", groupWritesMax);
    requirePositive("delete-batch-keys-max", deleteBatchKeysMax);
  }

  /** Reads the plugin's own block (the config Pekko hands the plugin). */
  public static JournalSettings fromConfig(Config c) {
    return new JournalSettings(
        Path.of(c.getString("dir")),
        c.getInt("writes-queued-max"),
        c.getInt("group-writes-max"),
        c.getInt("delete-batch-keys-max"),
        c.getString("replay-dispatcher"),
        LevelDbSettings.fromConfig(c.getConfig("leveldb")));
  }

  private static void requirePositive(String name, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + v);
    }
  }
}
