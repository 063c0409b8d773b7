package triad.storage.core;

import java.nio.charset.StandardCharsets;

/**
 * The journal's key layout. A persistence id is mapped once to a compact numeric id so that each
 * event key is 17 bytes however long the persistence id is:
 *
 * <pre>
 * id mapping:     [0x00][persistence id, UTF-8]       -> numeric id (8 bytes BE)
 * event:          [0x01][numeric id: 8][seqNr: 8 BE]  -> serialized PersistentRepr
 * deleted marker: [0x02][numeric id: 8]               -> highest deleted seqNr (8 bytes BE)
 * </pre>
 *
 * Sequence numbers are positive, so big-endian order is numeric order. The marker keeps the
 * highest sequence number known after every event of an id has been deleted.
 */
public final class JournalKeys {
  public static final byte ID_MAPPING = 0x00;
  public static final byte EVENT = 0x01;
  public static final byte DELETED_MARKER = 0x02;
  private static final int EVENT_KEY_BYTES = 1 + 8 + 8;

  private JournalKeys() {}

  public static byte[] idMappingKey(String persistenceId) {
    byte[] pid = persistenceId.getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[1 + pid.length];
    key[0] = ID_MAPPING;
    System.arraycopy(pid, 0, key, 1, pid.length);
    return key;
  }

  public static String persistenceIdOf(byte[] idMappingKey) {
    return new String(idMappingKey, 1, idMappingKey.length - 1, StandardCharsets.UTF_8);
  }

  public static KeyRange idMappings() {
    return new KeyRange(new byte[] {ID_MAPPING}, new byte[] {EVENT});
  }

  public static byte[] eventKey(long id, long sequenceNr) {
    byte[] key = new byte[EVENT_KEY_BYTES];
    key[0] = EVENT;
    KeyBytes.putLong(key, 1, id);
    KeyBytes.putLong(key, 9, sequenceNr);
    return key;
  }

  public static long sequenceNrOf(byte[] eventKey) {
    return KeyBytes.getLong(eventKey, 9);
  }

  /** Events of {@code id} with sequence numbers in [from, toInclusive]. */
  public static KeyRange events(long id, long fromSequenceNr, long toSequenceNrInclusive) {
    byte[] from = eventKey(id, Math.max(0, fromSequenceNr));
    if (toSequenceNrInclusive == Long.MAX_VALUE) {
      return new KeyRange(from, allEventsEnd(id));
    }
    return new KeyRange(from, eventKey(id, Math.max(0, toSequenceNrInclusive + 1)));
  }

  public static byte[] deletedMarkerKey(long id) {
    byte[] key = new byte[1 + 8];
    key[0] = DELETED_MARKER;
    KeyBytes.putLong(key, 1, id);
    return key;
  }

  private static byte[] allEventsEnd(long id) {
    byte[] prefix = new byte[1 + 8];
    prefix[0] = EVENT;
    KeyBytes.putLong(prefix, 1, id);
    return KeyBytes.prefixEnd(prefix);
  }
}
