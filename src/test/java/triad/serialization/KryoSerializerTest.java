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
import triad.replication.ReplicaPlacement;
import triad.replication.core.DurableEvent;
import triad.replication.core.DurableLog;
import triad.replication.core.LogEntry;
import triad.replication.core.Membership;
import triad.replication.core.SnapshotPoint;
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
    Membership membership = new Membership(List.of("az1#1", "az2#1"), List.of("az3#77"));
    List<Object> messages = List.of(
        new ReplicaBehavior.Init(spec, true, probe.getRef()),
        new ReplicaBehavior.Drop(7L, probe.getRef()),
        new ReplicaBehavior.Write(7L, new WriteOp.Put(key, item, expr, "ALL_OLD", true), probe.getRef()),
        new ReplicaBehavior.Write(7L, new WriteOp.Update(key, expr, "UPDATED_NEW", false), probe.getRef()),
        new ReplicaBehavior.Write(7L, new WriteOp.Delete(key, Expr.NONE, "NONE", false), probe.getRef()),
        new ReplicaBehavior.Read(7L, new ReadOp.Get(key, true, expr), probe.getRef()),
        new ReplicaBehavior.Read(7L, new ReadOp.QueryPage(expr, "byX", false, key.toItem(schema), 10, 1 << 20, true, true, false), probe.getRef()),
        new ReplicaBehavior.Read(7L, new ReadOp.ScanPage(5, -1, null, expr, null, 0, 1 << 20, false, false, true), probe.getRef()),
        new ReplicaBehavior.GetStats(7L, probe.getRef()),
        new ReplicaBehavior.FromPeer("az1#1", new Message.RequestVote("az2#1", 3, 10, 2, false)),
        new ReplicaBehavior.FromPeer("az1#1", new Message.AppendResponse("az2#1", 3, true, 10, 0, 0)),
        new ReplicaBehavior.FromPeer("az2#1", new Message.Heartbeat("az1#1", 3, 9, 120)),
        new ReplicaBehavior.FromPeer("az1#1", new Message.HeartbeatResponse("az2#1", 3, 120, true)),
        new ReplicaBehavior.FromPeer("az2#1", new Message.TimeoutNow("az1#1", 3, 11)),
        new ReplicaBehavior.FromPeer("az3#77", new Message.SeedLog("az1#1", 3, 100, 2, membership)),
        new ReplicaBehavior.FromPeer("az2", new Message.JoinRequest("az3#77", 0, "az3#1")),
        new ReplicaBehavior.FromPeer("az2", new Message.JoinRequest("az3#77", 0, null)),
        new ReplicaBehavior.SnapshotChunkAck("az1#1", "az3#77", -5, 3),
        new ReplicaBehavior.Verify(probe.getRef()),
        new ReplicaBehavior.Verified("7-0", "az3#77", "FOLLOWER", "log", 12, null),
        new ReplicaPlacement.Hosted("az1", "25", "pekko://triad@127.0.0.1:2554", 1_700_000_000_000L),
        new ReplicaPlacement.WhereHosted("az1", "25", kit.createTestProbe(ReplicaPlacement.Known.class).getRef()),
        new ReplicaPlacement.Known(new ReplicaPlacement.Hosted("az1", "25", null, 0), new ArrayList<>(List.of("pekko://triad@127.0.0.1:2551"))),
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
        new ReplicaBehavior.Logged(new DurableEvent.Compacted(100, 4, membership)),
        new ReplicaBehavior.Logged(new DurableEvent.MemberCreated("az1#1", Membership.of(List.of("az1#1", "az2#1", "az3#1")))),
        new ReplicaBehavior.Logged(new DurableEvent.MemberCreated("az3#77", null)),
        new ReplicaBehavior.Logged(new DurableEvent.SnapshotInstalled(100, 4, membership)),
        new ReplicaBehavior.Logged(new DurableEvent.LogSeeded(100, 4, membership)),
        new ReplicaBehavior.DroppedPartition());
    for (Object m : messages) {
      assertEquals(m, roundTrip(m), m.getClass().getName());
    }
    // A record's byte[] compares by identity: the chunk is compared field by field.
    ReplicaBehavior.SnapshotChunk chunk = new ReplicaBehavior.SnapshotChunk("az3#77", "az1#1", 42, 0,
        new SnapshotPoint(100, 4, membership), spec, 10, 1000, new byte[] {0, 0, 0, 1, 9}, true);
    ReplicaBehavior.SnapshotChunk back = (ReplicaBehavior.SnapshotChunk) roundTrip(chunk);
    assertArrayEquals(chunk.data(), back.data());
    assertEquals(chunk, new ReplicaBehavior.SnapshotChunk(back.to(), back.from(), back.transferId(), back.seq(), back.point(), back.spec(),
        back.itemCount(), back.sizeBytes(), chunk.data(), back.last()));
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
    log.apply(new DurableEvent.MemberCreated("az1#1", Membership.of(List.of("az1#1", "az2#1", "az3#1"))));
    log.apply(new DurableEvent.HardStateChanged(2, "az1#1"));
    Membership grown = new Membership(List.of("az1#1", "az2#1"), List.of("az3#77"));
    entries.add(new LogEntry(2, 5, grown));
    log.apply(new DurableEvent.EntriesAppended(entries));
    log.apply(new DurableEvent.Compacted(2, 1, Membership.of(List.of("az1#1", "az2#1", "az3#1"))));
    state.log = log;
    ReplicaBehavior.State restored = (ReplicaBehavior.State) roundTrip(state);
    assertEquals(5, restored.log.lastIndex());
    assertEquals(2, restored.log.term());
    assertEquals("az1#1", restored.log.self());
    assertEquals(grown, restored.log.membership());
    assertEquals(5, restored.log.membershipIndex());
    assertEquals(log.toString(), restored.log.toString());
  }
}
