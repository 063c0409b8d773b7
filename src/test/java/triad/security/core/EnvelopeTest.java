package triad.security.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import triad.security.core.Envelope.Purpose;

/** AES-GCM envelopes: round trips, bindings, and every single-bit flip or truncation detected. */
class EnvelopeTest {
  private static final long TABLE = 0x1234_5678_9abcL;
  private static final byte[] SLOT = "item key bytes".getBytes(UTF_8);

  private final Envelope envelope = new Envelope(new SecureRandom()::nextBytes);
  private final MasterKey master = masterKey(1);
  private final DataKey key = envelope.newDataKey(7);
  private final LongFunction<DataKey> keys = id -> id == key.keyId() ? key : null;

  @Test
  void roundTripsValuesOfEverySize() {
    for (int size : new int[] {0, 1, 15, 16, 17, 1024, 400 * 1024}) {
      byte[] plain = new byte[size];
      new Random(size).nextBytes(plain);
      byte[] sealed = envelope.seal(key, TABLE, Purpose.ITEM_STORE, SLOT, plain);
      assertEquals(size + 1 + 1 + 12 + 16, sealed.length);
      assertArrayEquals(plain, envelope.open(keys, TABLE, Purpose.ITEM_STORE, SLOT, sealed));
    }
  }

  @Test
  void roundTripsKeyIdsOfEveryLength() {
    for (long id : new long[] {0, 1, 127, 128, 16_383, 16_384, 1L << 35, Long.MAX_VALUE}) {
      DataKey k = envelope.newDataKey(id);
      byte[] sealed = envelope.seal(k, TABLE, Purpose.JOURNAL, new byte[0], "v".getBytes(UTF_8));
      assertEquals("v", new String(envelope.open(x -> x == id ? k : null, TABLE, Purpose.JOURNAL, new byte[0], sealed), UTF_8));
      DataKey back = envelope.unwrap(master, envelope.wrap(master, k));
      assertEquals(id, back.keyId());
      assertEquals("v", new String(envelope.open(x -> back, TABLE, Purpose.JOURNAL, new byte[0], sealed), UTF_8));
    }
  }

  @Test
  void aValueDoesNotOpenInAnotherTablePurposeSlotOrKey() {
    byte[] sealed = envelope.seal(key, TABLE, Purpose.ITEM_STORE, SLOT, "secret".getBytes(UTF_8));
    assertCorrupt(() -> envelope.open(keys, TABLE + 1, Purpose.ITEM_STORE, SLOT, sealed));
    assertCorrupt(() -> envelope.open(keys, TABLE, Purpose.JOURNAL, SLOT, sealed));
    assertCorrupt(() -> envelope.open(keys, TABLE, Purpose.ITEM_STORE, "other key".getBytes(UTF_8), sealed));
    DataKey impostor = envelope.newDataKey(7);
    assertCorrupt(() -> envelope.open(id -> impostor, TABLE, Purpose.ITEM_STORE, SLOT, sealed));
    CorruptionException missing = assertThrows(CorruptionException.class,
        () -> envelope.open(id -> null, TABLE, Purpose.ITEM_STORE, SLOT, sealed));
    assertEquals("sealed value names data key 7, which table 20015998343868 does not have", missing.getMessage());
  }

  @Test
  void everyFlippedBitOfASealedValueIsDetected() {
    byte[] sealed = envelope.seal(key, TABLE, Purpose.ITEM_STORE, SLOT, new byte[64]);
    for (int bit = 0; bit < sealed.length * 8; bit++) {
      byte[] bad = sealed.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertCorrupt(() -> envelope.open(keys, TABLE, Purpose.ITEM_STORE, SLOT, bad));
    }
  }

  @Test
  void everyTruncationOrExtensionIsDetected() {
    byte[] sealed = envelope.seal(key, TABLE, Purpose.ITEM_STORE, SLOT, new byte[40]);
    for (int len = 0; len < sealed.length; len++) {
      byte[] shorter = Arrays.copyOf(sealed, len);
      assertCorrupt(() -> envelope.open(keys, TABLE, Purpose.ITEM_STORE, SLOT, shorter));
    }
    assertCorrupt(() -> envelope.open(keys, TABLE, Purpose.ITEM_STORE, SLOT, Arrays.copyOf(sealed, sealed.length + 1)));
  }

  @Test
  void everyFlippedBitOfAWrappedKeyIsDetected() {
    byte[] wrapped = envelope.wrap(master, key);
    assertEquals(1 + 1 + 4 + 12 + 32 + 16, wrapped.length);
    for (int bit = 0; bit < wrapped.length * 8; bit++) {
      byte[] bad = wrapped.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertCorrupt(() -> envelope.unwrap(master, bad));
    }
  }

  @Test
  void aWrongMasterKeyIsNamedAsSuch() {
    byte[] wrapped = envelope.wrap(master, key);
    MasterKey other = masterKey(2);
    CorruptionException e = assertThrows(CorruptionException.class, () -> envelope.unwrap(other, wrapped));
    assertTrue(e.getMessage().startsWith("data key 7 was wrapped under another master key"), e.getMessage());
  }

  @Test
  void aSeededSourceMakesSealingDeterministicAndNoncesDiffer() {
    byte[] a = new Envelope(new Random(42)::nextBytes).seal(key, TABLE, Purpose.SNAPSHOT, SLOT, new byte[8]);
    byte[] b = new Envelope(new Random(42)::nextBytes).seal(key, TABLE, Purpose.SNAPSHOT, SLOT, new byte[8]);
    assertArrayEquals(a, b);
    Envelope one = new Envelope(new Random(42)::nextBytes);
    assertFalse(Arrays.equals(one.seal(key, TABLE, Purpose.SNAPSHOT, SLOT, new byte[8]),
        one.seal(key, TABLE, Purpose.SNAPSHOT, SLOT, new byte[8])));
  }

  @Test
  void aRepeatingRandomSourceIsRefusedRatherThanReusingANonce() {
    Envelope stuck = new Envelope(bytes -> Arrays.fill(bytes, (byte) 1));
    DataKey k = stuck.newDataKey(1);
    stuck.seal(k, TABLE, Purpose.ITEM_STORE, SLOT, new byte[8]);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> stuck.seal(k, TABLE, Purpose.ITEM_STORE, SLOT, new byte[8]));
    assertEquals("AES-GCM refused a nonce it has just used with this key: the random source repeats", e.getMessage());
  }

  @Test
  void keysNeverPrint() {
    byte[] raw = new byte[32];
    Arrays.fill(raw, (byte) 0x5a);
    MasterKey m = MasterKey.of(raw);
    assertFalse(m.toString().toLowerCase().contains("5a5a"));
    assertTrue(m.toString().contains("<redacted>"));
    assertEquals("DataKey[id=7, key=<redacted>]", key.toString());
    assertThrows(IllegalArgumentException.class, () -> MasterKey.of(new byte[16]));
  }

  @Test
  void measuresTheCostOfA1KbValue() {
    byte[] plain = new byte[1024];
    byte[] sealed = null;
    long checksum = 0;
    for (int i = 0; i < 20_000; i++) {
      sealed = envelope.seal(key, TABLE, Purpose.ITEM_STORE, SLOT, plain);
      checksum += envelope.open(keys, TABLE, Purpose.ITEM_STORE, SLOT, sealed).length;
    }
    int n = 50_000;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      sealed = envelope.seal(key, TABLE, Purpose.ITEM_STORE, SLOT, plain);
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      checksum += envelope.open(keys, TABLE, Purpose.ITEM_STORE, SLOT, sealed).length;
    }
    long t2 = System.nanoTime();
    System.out.printf("envelope, 1 KiB value: seal %.2f us, open %.2f us (%d ops each; checksum %d)%n",
        (t1 - t0) / 1000.0 / n, (t2 - t1) / 1000.0 / n, n, checksum);
  }

  private static MasterKey masterKey(int seed) {
    byte[] raw = new byte[32];
    new Random(seed).nextBytes(raw);
    return MasterKey.of(raw);
  }

  private static void assertCorrupt(Executable e) {
    assertThrows(CorruptionException.class, e);
  }
}
