package triad.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import triad.storage.core.Batch;
import triad.storage.core.KeyBytes;

class ItemStoreTest {
  @TempDir
  Path dir;
  @TempDir
  Path keys;
  Encryption encryption;

  @BeforeEach
  void openKeys() {
    encryption = TestEncryption.open(keys);
  }

  @AfterEach
  void closeKeys() {
    encryption.close();
  }

  static StorageSettings settings(int deleteBatchKeysMax) {
    return settings("triad.storage.item-store.delete-range-batch-keys-max = " + deleteBatchKeysMax);
  }

  static StorageSettings settings(String overrides) {
    return StorageSettings.fromConfig(ConfigFactory
        .parseString(overrides)
        .withFallback(ConfigFactory.parseResources("storage.conf"))
        .resolve());
  }

  static byte[] b(int... v) {
    byte[] r = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (byte) v[i];
    }
    return r;
  }

  static byte[] randomKey(Random r) {
    byte[] k = new byte[r.nextInt(4)];
    for (int i = 0; i < k.length; i++) {
      int pick = r.nextInt(4);
      k[i] = (byte) (pick == 0 ? 0x00 : pick == 1 ? 0xFF : r.nextInt(256));
    }
    return k;
  }

  static List<String> read(Cursor c) {
    List<String> out = new ArrayList<>();
    try (c) {
      while (c.hasNext()) {
        Cursor.Entry e = c.next();
        assertArrayEquals(e.key(), e.value(), "values mirror keys in these tests");
        out.add(KeyBytes.hex(e.key()));
      }
    }
    return out;
  }

  static List<String> expected(NavigableMap<byte[], byte[]> model, byte[] from, byte[] to, boolean reverse) {
    if (from != null && to != null && Arrays.compareUnsigned(from, to) >= 0) {
      return List.of();
    }
    NavigableMap<byte[], byte[]> sub = model;
    if (from != null) {
      sub = sub.tailMap(from, true);
    }
    if (to != null) {
      sub = sub.headMap(to, false);
    }
    return (reverse ? sub.descendingKeySet() : sub.navigableKeySet()).stream().map(KeyBytes::hex).toList();
  }

  @Test
  void rangesMatchAModelForwardAndReverseAtEveryBound() {
    Random r = new Random(7);
    NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    try (ItemStore store = ItemStore.open(dir, settings(1000), encryption)) {
      Batch batch = new Batch();
      for (int i = 0; i < 300; i++) {
        byte[] k = randomKey(r);
        if (k.length > 0) {
          model.put(k, k);
          batch.put(k, k);
        }
      }
      store.write(batch, false);
      List<byte[]> keys = new ArrayList<>(model.keySet());
      for (int i = 0; i < 2000; i++) {
        byte[] from = bound(r, keys);
        byte[] to = bound(r, keys);
        for (boolean reverse : new boolean[] {false, true}) {
          assertEquals(expected(model, from, to, reverse), read(store.range(from, to, reverse)),
              () -> "from " + (from == null ? "-" : KeyBytes.hex(from)) + " to " + (to == null ? "-" : KeyBytes.hex(to)) + " reverse " + reverse);
        }
      }
    }
  }

  /** Null (unbounded), an existing key, its successor, its predecessor-ish truncation, or random. */
  private static byte[] bound(Random r, List<byte[]> keys) {
    byte[] k = keys.get(r.nextInt(keys.size()));
    return switch (r.nextInt(6)) {
      case 0 -> null;
      case 1 -> k;
      case 2 -> KeyBytes.successor(k);
      case 3 -> Arrays.copyOf(k, Math.max(0, k.length - 1));
      case 4 -> new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
      default -> randomKey(r);
    };
  }

  @Test
  void reverseRangeEndingBeyondTheLastKeyStartsAtTheLastKey() {
    try (ItemStore store = ItemStore.open(dir, settings(1000), encryption)) {
      store.write(new Batch().put(b(1), b(1)).put(b(2), b(2)).put(b(3), b(3)), false);
      assertEquals(List.of("03", "02", "01"), read(store.range(b(0), b(9), true)));
      assertEquals(List.of("02", "01"), read(store.range(b(1), b(3), true)));
      assertEquals(List.of("03", "02"), read(store.range(b(1, 0), b(3, 0), true)));
      assertEquals(List.of(), read(store.range(b(0), b(1), true)));
      assertEquals(List.of(), read(store.range(b(3), b(2), true)));
    }
  }

  @Test
  void batchesApplyInOrderAndAtomically() throws Exception {
    try (ItemStore store = ItemStore.open(dir, settings(1000), encryption)) {
      store.write(new Batch().put(b(1), b(10)).put(b(2), b(20)).delete(b(1)).put(b(3), b(30)).put(b(3), b(31)), true);
      assertNull(store.get(b(1)));
      assertArrayEquals(b(20), store.get(b(2)));
      assertArrayEquals(b(31), store.get(b(3)));

      // A reader must never see half of a batch that moves a value from one key to another.
      store.write(new Batch().put(b(0x10), b(0)), false);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<String> torn = new AtomicReference<>();
      Thread reader = new Thread(() -> {
        while (!stop.get() && torn.get() == null) {
          try (Cursor c = store.range(b(0x10), b(0x20), false)) {
            List<Cursor.Entry> seen = new ArrayList<>();
            c.forEachRemaining(seen::add);
            if (seen.size() != 1) {
              torn.set("saw " + seen.size() + " entries");
            }
          }
        }
      });
      reader.start();
      for (int i = 0; i < 2000; i++) {
        byte[] from = b(0x10 + (i % 2));
        byte[] to = b(0x10 + ((i + 1) % 2));
        store.write(new Batch().delete(from).put(to, b(i & 0x7F)), false);
      }
      stop.set(true);
      reader.join();
      assertNull(torn.get());
    }
  }

  @Test
  void deleteRangeRemovesExactlyTheRangeInBoundedBatches() {
    try (ItemStore store = ItemStore.open(dir, settings(7), encryption)) {
      Batch batch = new Batch();
      for (int i = 0; i < 300; i++) {
        batch.put(b(i >> 8, i & 0xFF), b(i >> 8, i & 0xFF));
      }
      store.write(batch, false);
      assertEquals(100, store.deleteRange(b(0, 100), b(0, 200)));
      List<String> left = read(store.range(null, null, false));
      assertEquals(200, left.size());
      assertEquals("0063", left.get(99));
      assertEquals("00c8", left.get(100));
      assertEquals(0, store.deleteRange(b(0, 100), b(0, 200)));
    }
  }

  @Test
  void reopenKeepsWhatWasWritten() {
    Random r = new Random(9);
    List<byte[]> values = new ArrayList<>();
    try (ItemStore store = ItemStore.open(dir, settings(1000), encryption)) {
      for (int i = 0; i < 1000; i++) {
        byte[] big = new byte[4096];
        r.nextBytes(big);
        values.add(big);
        store.write(new Batch().put(b(0x01, i >> 8, i & 0xFF), big), false);
      }
      store.write(new Batch().put(b(0x00, 'm'), b(1, 2, 3)), false);
      store.sync();
    }
    try (ItemStore store = ItemStore.open(dir, settings(1000), encryption)) {
      assertArrayEquals(b(1, 2, 3), store.get(b(0x00, 'm')));
      assertEquals(1000, countOf(store, b(0x01), b(0x02)));
      for (int i = 0; i < 1000; i += 97) {
        assertArrayEquals(values.get(i), store.get(b(0x01, i >> 8, i & 0xFF)));
      }
      long size = store.approximateSize(b(0x01), b(0x02));
      assertTrue(size > 2_000_000, "about 4 MB of incompressible values, got " + size);
      assertEquals(0, store.approximateSize(b(0x03), b(0x04)));
    }
  }

  @Test
  void syncCoversLogsRetiredByMemtableSwitches() {
    StorageSettings small = settings("triad.storage.item-store.write-buffer-bytes = 64 KiB");
    Random r = new Random(10);
    try (ItemStore store = ItemStore.open(dir, small, encryption)) {
      for (int i = 0; i < 512; i++) {
        byte[] value = new byte[1024];
        r.nextBytes(value);
        store.write(new Batch().put(b(i >> 8, i & 0xFF), value), false);
      }
      store.sync();
      store.write(new Batch().put(b(0xFF), b(1)), false);
      store.sync();
    }
    try (ItemStore store = ItemStore.open(dir, small, encryption)) {
      assertEquals(513, countOf(store, null, null));
    }
  }

  private static int countOf(ItemStore store, byte[] from, byte[] to) {
    int n = 0;
    try (Cursor c = store.range(from, to, false)) {
      while (c.hasNext()) {
        c.next();
        n++;
      }
    }
    return n;
  }

  @Test
  void aClosedStoreFailsCleanlyEvenWithCursorsOpen() {
    ItemStore store = ItemStore.open(dir, settings(1000), encryption);
    store.write(new Batch().put(b(1), b(1)).put(b(2), b(2)), false);
    Cursor open = store.range(null, null, false);
    assertTrue(open.hasNext());
    store.close();
    assertThrows(IllegalStateException.class, () -> store.get(b(1)));
    assertThrows(IllegalStateException.class, open::next);
    open.close();
    store.close();
    try (ItemStore again = ItemStore.open(dir, settings(1000), encryption)) {
      assertArrayEquals(b(2), again.get(b(2)));
      assertFalse(again.range(b(3), null, false).hasNext());
    }
  }

  @Test
  void aSecondOpenOfTheSameDirectoryIsRefused() {
    try (ItemStore store = ItemStore.open(dir, settings(1000), encryption)) {
      assertThrows(RuntimeException.class, () -> ItemStore.open(dir, settings(1000), encryption));
      store.write(new Batch().put(b(1), b(1)), false);
      assertArrayEquals(b(1), store.get(b(1)));
    }
  }

  @Test
  void itemValuesAreSealedOnDiskAndAnAlteredOrMovedOneIsNeverReturned() {
    byte[] plaintext = "a value nobody may read off the disk".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] itemA = itemKey(5, 1);
    byte[] itemB = itemKey(5, 2);
    byte[] meta = triad.storage.core.ItemKeys.replicaMetadataKey("replica-az1|5-0");
    try (ItemStore store = ItemStore.open(dir, settings(1000), encryption)) {
      store.write(new Batch().put(itemA, plaintext).put(itemB, plaintext).put(meta, b(9)), true);
      assertArrayEquals(plaintext, store.get(itemA));
    }
    try (LevelDb raw = LevelDb.open(dir, settings(1000).itemStore())) {
      byte[] sealed = raw.get(itemA);
      assertFalse(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1).contains("nobody may read"), "stored in the clear");
      assertArrayEquals(b(9), raw.get(meta), "replica metadata is stored as is");
      byte[] flipped = sealed.clone();
      flipped[flipped.length / 2] ^= 1;
      raw.write(new Batch().put(itemA, flipped).put(itemB, sealed), true);
    }
    try (ItemStore store = ItemStore.open(dir, settings(1000), encryption)) {
      assertThrows(triad.security.core.CorruptionException.class, () -> store.get(itemA));
      assertThrows(triad.security.core.CorruptionException.class, () -> store.get(itemB), "a value moved to another key");
      try (Cursor c = store.range(itemKey(5, 0), itemKey(5, 3), false)) {
        assertThrows(triad.security.core.CorruptionException.class, c::next);
      }
    }
  }

  @Test
  void stagedCopiesOfItemsAreSealedToo() {
    byte[] plaintext = "a staged value nobody may read off the disk".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] staged = triad.storage.core.ItemKeys.stagedKey("replica-az1|5-0", itemKey(5, 1));
    try (ItemStore store = ItemStore.open(dir, settings(1000), encryption)) {
      store.write(new Batch().put(staged, plaintext), true);
      assertArrayEquals(plaintext, store.get(staged));
    }
    try (LevelDb raw = LevelDb.open(dir, settings(1000).itemStore())) {
      assertFalse(new String(raw.get(staged), java.nio.charset.StandardCharsets.ISO_8859_1).contains("nobody may read"), "stored in the clear");
      // Moved to the item's own key, a staged value does not open: it is bound to its staging slot.
      raw.write(new Batch().put(itemKey(5, 1), raw.get(staged)), true);
    }
    try (ItemStore store = ItemStore.open(dir, settings(1000), encryption)) {
      assertThrows(triad.security.core.CorruptionException.class, () -> store.get(itemKey(5, 1)));
    }
  }

  @Test
  void valuesOfEveryTableIdAreSealed() {
    byte[] plaintext = "whatever the table id, nobody may read this".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long[] tables = {0, 5, -1, 0xfa1288a1b4cff9fcL, Long.MIN_VALUE, Long.MAX_VALUE};
    try (ItemStore store = ItemStore.open(dir, settings(1000), encryption)) {
      Batch batch = new Batch();
      for (long t : tables) {
        batch.put(itemKey(t, 1), plaintext);
      }
      store.write(batch, true);
    }
    try (LevelDb raw = LevelDb.open(dir, settings(1000).itemStore())) {
      for (long t : tables) {
        assertFalse(new String(raw.get(itemKey(t, 1)), java.nio.charset.StandardCharsets.ISO_8859_1).contains("nobody may read"),
            "table " + Long.toHexString(t) + " stored in the clear");
      }
    }
  }

  /** A key in the item layout of table {@code table} (the bytes after the table id do not matter here). */
  private static byte[] itemKey(long table, int n) {
    byte[] key = new byte[1 + 8 + 16 + 2];
    key[0] = triad.storage.core.ItemKeys.ITEM;
    KeyBytes.putLong(key, 1, table);
    key[key.length - 1] = (byte) n;
    return key;
  }
}
