package triad.storage;

import com.typesafe.config.Config;

/** The item store's settings: the {@code triad.storage.item-store} block of conf/storage.conf. */
public record StorageSettings(LevelDbSettings itemStore, int deleteRangeBatchKeysMax) {

  public StorageSettings {
    LevelDbSettings.requirePositive("delete-range-batch-keys-max", deleteRangeBatchKeysMax);
  }

  /** Reads {@code triad.storage.item-store} from a config holding the {@code triad.storage} tree. */
  public static StorageSettings fromConfig(Config root) {
    Config c = root.getConfig("triad.storage.item-store");
    return new StorageSettings(LevelDbSettings.fromConfig(c), c.getInt("delete-range-batch-keys-max"));
  }
}
