package triad.storage;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import triad.security.core.CorruptionException;
import triad.security.core.DataKey;
import triad.security.core.Envelope;
import triad.security.core.MasterKey;
import triad.security.core.RandomBytes;
import triad.storage.core.Batch;
import triad.storage.core.KeyBytes;

/**
 * Encryption at rest of one node: every stored value of a table (item store, journal, snapshots)
 * is sealed with AES-256-GCM under that table's data key (see {@link Envelope}). Data keys are
 * made on this node the first time it stores something of a table, and kept wrapped by the node's
 * master key in a LevelDB of their own ({@code <data-dir>/keys}): each node encrypts its own disk,
 * so its keys stay with it. The catalog is table 0 and has a key like any table.
 *
 * <pre>
 * key store: [tableId: 8 BE] -> Envelope.wrap(master, dataKey)     (key ids: 1, 2, ... per node)
 * </pre>
 *
 * A new key is synced before anything sealed under it is written, so a value on disk always has
 * its key on disk. Thread-safe. Keys never appear in logs or messages.
 */
public final class Encryption implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Encryption.class);

  private final LevelDb db;
  private final MasterKey master;
  private final Envelope envelope;
  private final Map<Long, DataKey> keys = new ConcurrentHashMap<>();
  private long nextKeyId = 1;

  private Encryption(LevelDb db, MasterKey master, Envelope envelope) {
    this.db = db;
    this.master = master;
    this.envelope = envelope;
  }

  /**
   * Opens the key store in {@code dir} and unwraps every data key in it.
   *
   * @param random the source of data keys and nonces: a cryptographic one in a node
   * @throws CorruptionException when a stored key is damaged or was wrapped under another master key
   */
  public static Encryption open(Path dir, LevelDbSettings settings, MasterKey master, RandomBytes random) {
    Encryption e = new Encryption(LevelDb.open(dir, settings), master, new Envelope(random));
    try (Cursor c = e.db.range(null, null, false)) {
      while (c.hasNext()) {
        Cursor.Entry entry = c.next();
        DataKey key = e.envelope.unwrap(master, entry.value());
        e.keys.put(KeyBytes.getLong(entry.key(), 0), key);
        e.nextKeyId = Math.max(e.nextKeyId, key.keyId() + 1);
      }
    } catch (RuntimeException ex) {
      e.db.close();
      throw ex;
    }
    LOG.info("encryption at rest: {} data keys under master key {}", e.keys.size(), String.format("%08x", master.checkValue()));
    return e;
  }

  /** {@code plaintext} sealed for table {@code tableId}, {@code purpose} and the slot {@code context} names. */
  public byte[] seal(long tableId, Envelope.Purpose purpose, byte[] context, byte[] plaintext) {
    return envelope.seal(keyOf(tableId), tableId, purpose, context, plaintext);
  }

  /** @throws CorruptionException when the value was altered, moved, or sealed under a key this node does not have */
  public byte[] open(long tableId, Envelope.Purpose purpose, byte[] context, byte[] sealed) {
    DataKey key = keys.get(tableId);
    return envelope.open(id -> key, tableId, purpose, context, sealed);
  }

  private DataKey keyOf(long tableId) {
    DataKey key = keys.get(tableId);
    return key != null ? key : create(tableId);
  }

  /** One writer at a time, so key ids stay unique; the key is durable before it is used. */
  private synchronized DataKey create(long tableId) {
    DataKey key = keys.get(tableId);
    if (key != null) {
      return key;
    }
    key = envelope.newDataKey(nextKeyId++);
    db.write(new Batch().put(KeyBytes.longBytes(tableId), envelope.wrap(master, key)), true);
    keys.put(tableId, key);
    return key;
  }

  @Override
  public void close() {
    db.close();
  }
}
