package triad.storage.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The snapshot store's layout. A persistence id's snapshots are contiguous and ordered by
 * sequence number:
 *
 * <pre>
 * key:   [varint n][persistence id, UTF-8: n][seqNr: 8 BE]
 * value: [timestamp ms: 8 BE][serialized snapshot]
 * </pre>
 */
public final class SnapshotKeys {
  private static final int TIMESTAMP_BYTES = 8;

  private SnapshotKeys() {}

  public static byte[] key(String persistenceId, long sequenceNr) {
    byte[] prefix = prefix(persistenceId);
    byte[] key = Arrays.copyOf(prefix, prefix.length + 8);
    KeyBytes.putLong(key, prefix.length, sequenceNr);
    return key;
  }

  public static long sequenceNrOf(byte[] key) {
    return KeyBytes.getLong(key, key.length - 8);
  }

  /** Snapshots of {@code persistenceId} with sequence numbers in [from, toInclusive]. */
  public static KeyRange snapshots(String persistenceId, long fromSequenceNr, long toSequenceNrInclusive) {
    byte[] from = key(persistenceId, Math.max(0, fromSequenceNr));
    if (toSequenceNrInclusive == Long.MAX_VALUE) {
      return new KeyRange(from, KeyBytes.prefixEnd(prefix(persistenceId)));
    }
    return new KeyRange(from, key(persistenceId, Math.max(0, toSequenceNrInclusive + 1)));
  }

  public static byte[] value(long timestampMs, byte[] snapshot) {
    byte[] value = new byte[TIMESTAMP_BYTES + snapshot.length];
    KeyBytes.putLong(value, 0, timestampMs);
    System.arraycopy(snapshot, 0, value, TIMESTAMP_BYTES, snapshot.length);
    return value;
  }

  public static long timestampOf(byte[] value) {
    return KeyBytes.getLong(value, 0);
  }

  public static byte[] snapshotOf(byte[] value) {
    return Arrays.copyOfRange(value, TIMESTAMP_BYTES, value.length);
  }

  private static byte[] prefix(String persistenceId) {
    byte[] pid = persistenceId.getBytes(StandardCharsets.UTF_8);
    byte[] prefix = new byte[KeyBytes.varintLength(pid.length) + pid.length];
    int at = KeyBytes.putVarint(prefix, 0, pid.length);
    System.arraycopy(pid, 0, prefix, at, pid.length);
    return prefix;
  }
}
