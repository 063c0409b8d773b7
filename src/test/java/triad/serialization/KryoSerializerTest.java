package triad.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.KeySchema;
import triad.item.core.PrimaryKey;
import triad.item.core.ScalarType;
import triad.metadata.core.PartitionDescriptor;
import triad.replication.LogCommands;
import triad.replication.PartitionSpec;
import triad.replication.ReplicaBehavior;
import triad.replication.core.DurableEvent;
import triad.replication.core.DurableLog;
import triad.replication.core.LogEntry;
import triad.replication.core.Message;
import triad.replication.core.Noop;
import triad.storage.core.Expr;
import triad.storage.core.ReadOp;
import triad.storage.core.WriteOp;

/** Every message and event that crosses the network or reaches the journal, through Pekko's serialization. */
class KryoSerializerTest {
  static ActorTestKit kit;
  static Serialization serialization;

  @BeforeAll
  static void start() {
    kit = ActorTestKit.create(ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  static Object roundTrip(Object o) {
    assertInstanceOf(KryoSerializer.class, serialization.findSerializerFor(o), o.getClass().getName());
    byte[] bytes = serialization.serialize(o).get();
    return serialization.deserialize(bytes, KryoSerializer.IDENTIFIER, "").get();
  }

  @Test
  void replicaProtocolRoundTrips() {
    TestProbe<ReplicaBehavior.Reply> probe = kit.createTestProbe();
    KeySchema schema = new KeySchema("pk", ScalarType.S, "sk", ScalarType.N);
    PrimaryKey key = new PrimaryKey(AttributeValue.s("a"), AttributeValue.n("1.5"));
    Map<String, AttributeValue> item = new LinkedHashMap<>(key.toItem(schema));
    item.put("m", new AttributeValue.M(Map.of("x", new AttributeValue.L(List.of(AttributeValue.bool(true), AttributeValue.Null.INSTANCE)))));
    item.put("ss", new AttributeValue.SS(java.util.Set.of("p", "q")));
    Expr expr = new Expr("attribute_exists(#a)", "SET #a = :v", null, null, null, Map.of("#a", "m"), Map.of(":v", AttributeValue.n(3)));
    PartitionSpec spec = new PartitionSpec("t", 7L, schema,
        List.of(new triad.storage.core.LocalIndex(0, "byX", new KeySchema("pk", ScalarType.S, "x", ScalarType.N), "INCLUDE", new ArrayList<>(List.of("y")))),
        new PartitionDescriptor("7-0", 0, -1), List.of("az1", "az2", "az3"));
    List<Object> messages = List.of(
        new ReplicaBehavior.Init(spec, probe.getRef()),
        new ReplicaBehavior.Drop(7L, probe.getRef()),
        new ReplicaBehavior.Write(7L, new WriteOp.Put(key, item, expr, "ALL_OLD", true), probe.getRef()),
        new ReplicaBehavior.Write(7L, new WriteOp.Update(key, expr, "UPDATED_NEW", false), probe.getRef()),
        new ReplicaBehavior.Write(7L, new WriteOp.Delete(key, Expr.NONE, "NONE", false), probe.getRef()),
        new ReplicaBehavior.Read(7L, new ReadOp.Get(key, true, expr), probe.getRef()),
        new ReplicaBehavior.Read(7L, new ReadOp.QueryPage(expr, "byX", false, key.toItem(schema), 10, 1 << 20, true, true, false), probe.getRef()),
        new ReplicaBehavior.Read(7L, new ReadOp.ScanPage(5, -1, null, expr, null, 0, 1 << 20, false, false, true), probe.getRef()),
        new ReplicaBehavior.GetStats(7L, probe.getRef()),
        new ReplicaBehavior.FromPeer(new Message.RequestVote("az2", 3, 10, 2, false)),
        new ReplicaBehavior.FromPeer(new Message.AppendResponse("az2", 3, true, 10, 0, 0)),
        new ReplicaBehavior.FromPeer(new Message.Heartbeat("az1", 3, 9)),
        new ReplicaBehavior.Acked(),
        new ReplicaBehavior.Written(item, 2.0, new java.util.LinkedHashMap<>(Map.of("byX", 1.0)), 4096),
        new ReplicaBehavior.ConditionFailed(null, 1.0),
        new ReplicaBehavior.Got(item, 0.5),
        new ReplicaBehavior.Paged(new ArrayList<>(List.of(item)), 1, 3, 400, key.toItem(schema), true),
        new ReplicaBehavior.Stats(10, 1000),
        new ReplicaBehavior.Rejected(DbException.Kind.RESOURCE_NOT_FOUND, "gone"),
        new ReplicaBehavior.NotLeader("az3"),
        new ReplicaBehavior.Initialized(spec),
        new ReplicaBehavior.Logged(new DurableEvent.HardStateChanged(4, "az1")),
        new ReplicaBehavior.Logged(new DurableEvent.Compacted(100, 4)),
        new ReplicaBehavior.DroppedPartition());
    for (Object m : messages) {
      assertEquals(m, roundTrip(m), m.getClass().getName());
    }
  }

  @Test
  void logEntriesAndSnapshotsRoundTrip() {
    byte[] image = triad.item.core.ItemCodec.encode(Map.of("pk", AttributeValue.s("a")));
    List<LogEntry> entries = new ArrayList<>(List.of(
        new LogEntry(1, 1, new Noop()),
        new LogEntry(1, 2, new LogCommands.ItemWrite(new byte[] {1, 2}, image, 1, 10)),
        new LogEntry(1, 3, new LogCommands.ItemWrite(new byte[] {1, 3}, null, 0, 0)),
        new LogEntry(2, 4, new LogCommands.PartitionDrop())));
    ReplicaBehavior.Logged appended = new ReplicaBehavior.Logged(new DurableEvent.EntriesAppended(entries));
    ReplicaBehavior.Logged back = (ReplicaBehavior.Logged) roundTrip(appended);
    List<LogEntry> got = ((DurableEvent.EntriesAppended) back.event()).entries();
    assertEquals(4, got.size());
    LogCommands.ItemWrite w = (LogCommands.ItemWrite) got.get(1).command();
    assertArrayEquals(image, w.image());
    assertEquals(10, w.sizeBytes());

    ReplicaBehavior.State state = new ReplicaBehavior.State();
    DurableLog log = new DurableLog();
    log.apply(new DurableEvent.HardStateChanged(2, "az1"));
    log.apply(new DurableEvent.EntriesAppended(entries));
    state.log = log;
    ReplicaBehavior.State restored = (ReplicaBehavior.State) roundTrip(state);
    assertEquals(4, restored.log.lastIndex());
    assertEquals(2, restored.log.term());
  }
}
