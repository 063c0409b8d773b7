package triad.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import triad.item.core.AttributeValue;
import triad.item.core.ItemCodec;
import triad.item.core.KeySchema;
import triad.item.core.PrimaryKey;
import triad.item.core.ScalarType;
import triad.metadata.core.PartitionDescriptor;
import triad.replication.core.LogEntry;
import triad.replication.core.Membership;
import triad.replication.core.Noop;
import triad.replication.core.SnapshotPoint;
import triad.storage.Cursor;
import triad.storage.Encryption;
import triad.storage.ItemStore;
import triad.storage.StorageSettings;
import triad.storage.TestEncryption;
import triad.storage.core.EntryStream;
import triad.storage.core.ItemKeys;
import triad.storage.core.LocalIndex;

/**
 * A copy of a partition's items travels from one node's item store to another's as the replica
 * shell sends it (an entry stream in chunks), is staged, survives a restart once complete, and
 * installs to the same items, local index entries and collection sizes: the same checksum.
 */
class SnapshotStagingTest {
  static final KeySchema SCHEMA = new KeySchema("pk", ScalarType.S, "sk", ScalarType.N);
  static final PartitionSpec SPEC = new PartitionSpec("t", 7, SCHEMA,
      List.of(new LocalIndex(0, "byX", new KeySchema("pk", ScalarType.S, "x", ScalarType.N), "ALL", new ArrayList<>())),
      new PartitionDescriptor("7-0", 0, -1), List.of("az1", "az2", "az3"));
  static final SnapshotPoint POINT = new SnapshotPoint(61, 2, Membership.of(List.of("az1#1", "az2#1", "az3#1")));

  @TempDir
  Path source;
  @TempDir
  Path target;

  static StorageSettings settings() {
    return StorageSettings.fromConfig(ConfigFactory.parseResources("storage.conf").resolve());
  }

  /** 60 writes and deletes, then a noop: the source replica's state at index 61. */
  static List<LogEntry> log() {
    List<LogEntry> entries = new ArrayList<>();
    long count = 0;
    for (int i = 1; i <= 60; i++) {
      PrimaryKey key = new PrimaryKey(AttributeValue.s("p" + i % 7), AttributeValue.n(i % 13));
      Map<String, AttributeValue> item = new LinkedHashMap<>(key.toItem(SCHEMA));
      item.put("x", AttributeValue.n(i));
      item.put("payload", AttributeValue.s("v".repeat(i * 50)));
      boolean delete = i % 5 == 0;
      count += delete ? -1 : 1;
      entries.add(new LogEntry(1, i, new LogCommands.ItemWrite(ItemKeys.itemKey(7, SCHEMA, key), delete ? null : ItemCodec.encode(item),
          count, count * 100)));
    }
    entries.add(new LogEntry(2, 61, new Noop()));
    return entries;
  }

  @Test
  void aCopyStagedOnAnotherNodeInstallsToTheSameStateAfterARestart() {
    try (Encryption sourceKeys = TestEncryption.open(source.resolve("keys"));
        Encryption targetKeys = TestEncryption.open(target.resolve("keys"))) {
      String expected;
      long count;
      long bytes;
      try (ItemStore from = ItemStore.open(source.resolve("items"), settings(), sourceKeys);
          ItemStore to = ItemStore.open(target.resolve("items"), settings(), targetKeys)) {
        PartitionData original = new PartitionData(from, "replica-az1|7-0", SPEC);
        original.apply(log());
        expected = original.checksum();
        count = original.itemCount();
        bytes = original.sizeBytes();
        SnapshotStaging staging = new SnapshotStaging(to, "replica-az2|7-0");
        EntryStream.Writer writer = new EntryStream.Writer(1024);
        EntryStream.Reader reader = new EntryStream.Reader();
        try (Cursor items = original.items()) {
          while (items.hasNext() || !writer.isEmpty()) {
            while (!writer.hasFullChunk() && items.hasNext()) {
              Cursor.Entry e = items.next();
              writer.add(e.key(), e.value());
            }
            List<byte[][]> chunk = new ArrayList<>();
            reader.accept(writer.takeChunk(), (k, v) -> chunk.add(new byte[][] {k, v}));
            staging.stage(chunk);
          }
        }
        staging.complete(new SnapshotStaging.Staged(POINT, count, bytes));
      }
      try (ItemStore restarted = ItemStore.open(target.resolve("items"), settings(), targetKeys)) {
        SnapshotStaging staging = new SnapshotStaging(restarted, "replica-az2|7-0");
        SnapshotStaging.Staged staged = staging.completed();
        assertEquals(new SnapshotStaging.Staged(POINT, count, bytes), staged);
        PartitionData copy = new PartitionData(restarted, "replica-az2|7-0", SPEC);
        assertNotEquals(expected, copy.checksum(), "nothing installed yet");
        try (Cursor c = staging.cursor()) {
          copy.install(staging.items(c), staged.point().index(), staged.itemCount(), staged.sizeBytes());
        }
        staging.discard();
        assertNull(staging.completed());
        try (Cursor c = staging.cursor()) {
          assertFalse(c.hasNext(), "the staged copy is gone");
        }
        assertEquals(expected, copy.checksum());
        PartitionData reopened = new PartitionData(restarted, "replica-az2|7-0", SPEC);
        assertEquals(61, reopened.appliedIndex(), "the installed copy's index is durable");
        assertEquals(count, reopened.itemCount());
        assertEquals(expected, reopened.checksum());
      }
    }
  }

  @Test
  void aCopyCutShortIsNotComplete() {
    try (Encryption keys = TestEncryption.open(target.resolve("keys"));
        ItemStore store = ItemStore.open(target.resolve("items"), settings(), keys)) {
      SnapshotStaging staging = new SnapshotStaging(store, "replica-az2|7-0");
      byte[] key = ItemKeys.itemKey(7, SCHEMA, new PrimaryKey(AttributeValue.s("a"), AttributeValue.n(1)));
      staging.stage(List.<byte[][]>of(new byte[][] {key, ItemCodec.encode(Map.of("pk", AttributeValue.s("a")))}));
      assertNull(staging.completed());
      staging.discard();
      try (Cursor c = staging.cursor()) {
        assertFalse(c.hasNext());
      }
    }
  }
}
