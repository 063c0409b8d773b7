package triad.storage.journal;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import triad.storage.Cursor;
import triad.storage.LevelDb;
import triad.storage.core.Batch;
import triad.storage.core.JournalKeys;
import triad.storage.core.KeyBytes;
import triad.storage.core.KeyRange;

/**
 * The persistence id to numeric id mapping, all of it in memory (one entry per replica that ever
 * wrote on this node). Readers see only committed ids; the writer thread allocates new ones and
 * publishes them after the batch holding the mapping is durable.
 */
final class PersistenceIds {
  private final Map<String, Long> committed = new ConcurrentHashMap<>();
  private long nextId = 1;

  PersistenceIds(LevelDb db) {
    KeyRange all = JournalKeys.idMappings();
    try (Cursor c = db.range(all.fromInclusive(), all.toExclusive(), false)) {
      while (c.hasNext()) {
        Cursor.Entry e = c.next();
        long id = KeyBytes.longOf(e.value());
        committed.put(JournalKeys.persistenceIdOf(e.key()), id);
        nextId = Math.max(nextId, id + 1);
      }
    }
  }

  OptionalLong lookup(String persistenceId) {
    Long id = committed.get(persistenceId);
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  /**
   * Writer thread only: the id of {@code persistenceId}, allocating one into {@code batch} (and
   * {@code allocated}) when it has none yet.
   */
  long idFor(String persistenceId, Batch batch, Map<String, Long> allocated) {
    Long id = committed.get(persistenceId);
    if (id == null) {
      id = allocated.get(persistenceId);
    }
    if (id == null) {
      id = nextId++;
      allocated.put(persistenceId, id);
      batch.put(JournalKeys.idMappingKey(persistenceId), KeyBytes.longBytes(id));
    }
    return id;
  }

  /** Writer thread only, once the batch that wrote {@code allocated} is durable. */
  void publish(Map<String, Long> allocated) {
    committed.putAll(allocated);
  }
}
