package triad.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import triad.item.core.AttributeValue;
import triad.item.core.ItemCodec;

/**
 * The classes Kryo may write, in a fixed order: a class's position is its wire id, so append new
 * classes at the end of {@link #CLASSES} and never reorder (journals hold these ids).
 */
public final class Registrations {
  private static final int FIRST_ID = 100;

  /** Classes registered with Kryo's default serializers (records, enums, ...). */
  static final List<Class<?>> CLASSES = List.of(
      // JDK collections our records use
      ArrayList.class,
      HashMap.class,
      LinkedHashMap.class,
      HashSet.class,
      LinkedHashSet.class,
      byte[].class,
      long[].class,
      Object[].class,
      // the item model
      triad.item.core.KeySchema.class,
      triad.item.core.ScalarType.class,
      triad.item.core.PrimaryKey.class,
      triad.item.core.DbException.Kind.class,
      // partitions and their replicas' protocol
      triad.metadata.core.PartitionDescriptor.class,
      triad.replication.PartitionSpec.class,
      triad.replication.ReplicaBehavior.Init.class,
      triad.replication.ReplicaBehavior.Drop.class,
      triad.replication.ReplicaBehavior.Write.class,
      triad.replication.ReplicaBehavior.Read.class,
      triad.replication.ReplicaBehavior.GetStats.class,
      triad.replication.ReplicaBehavior.FromPeer.class,
      triad.replication.ReplicaBehavior.Acked.class,
      triad.replication.ReplicaBehavior.Written.class,
      triad.replication.ReplicaBehavior.ConditionFailed.class,
      triad.replication.ReplicaBehavior.Got.class,
      triad.replication.ReplicaBehavior.Paged.class,
      triad.replication.ReplicaBehavior.Stats.class,
      triad.replication.ReplicaBehavior.Rejected.class,
      triad.replication.ReplicaBehavior.NotLeader.class,
      triad.storage.core.Expr.class,
      triad.storage.core.WriteOp.Put.class,
      triad.storage.core.WriteOp.Delete.class,
      triad.storage.core.WriteOp.Update.class,
      triad.storage.core.ReadOp.Get.class,
      triad.storage.core.ReadOp.QueryPage.class,
      triad.storage.core.ReadOp.ScanPage.class,
      // the replication protocol core's messages
      triad.replication.core.Message.AppendEntries.class,
      triad.replication.core.Message.AppendResponse.class,
      triad.replication.core.Message.Heartbeat.class,
      triad.replication.core.Message.HeartbeatResponse.class,
      triad.replication.core.Message.RequestPreVote.class,
      triad.replication.core.Message.PreVoteResponse.class,
      triad.replication.core.Message.RequestVote.class,
      triad.replication.core.Message.VoteResponse.class,
      triad.replication.core.Message.TimeoutNow.class,
      // the journal and snapshots: log entries and their commands
      triad.replication.ReplicaBehavior.Initialized.class,
      triad.replication.ReplicaBehavior.Logged.class,
      triad.replication.ReplicaBehavior.DroppedPartition.class,
      triad.replication.ReplicaBehavior.State.class,
      triad.replication.core.DurableLog.class,
      triad.replication.core.DurableEvent.HardStateChanged.class,
      triad.replication.core.DurableEvent.EntriesAppended.class,
      triad.replication.core.DurableEvent.Compacted.class,
      triad.replication.core.LogEntry.class,
      triad.replication.core.Noop.class,
      triad.replication.LogCommands.ItemWrite.class,
      triad.replication.LogCommands.PartitionDrop.class,
      // legacy (pre-expression) request parameters
      triad.storage.core.LegacyParams.class,
      triad.expression.core.Legacy.ExpectedValue.class,
      triad.expression.core.Legacy.Filter.class,
      triad.expression.core.Legacy.AttributeUpdate.class,
      triad.expression.core.Legacy.Action.class,
      triad.expression.core.Legacy.ConditionalOperator.class,
      // time to live
      triad.replication.ReplicaBehavior.SweepExpired.class,
      triad.replication.ReplicaBehavior.Swept.class,
      triad.replication.LogCommands.ItemExpired.class,
      // local secondary indexes
      triad.storage.core.LocalIndex.class,
      // replication triads: member identity, configurations, joining, copies of the item store
      triad.replication.core.Membership.class,
      triad.replication.core.Message.JoinRequest.class,
      triad.replication.core.Message.SeedLog.class,
      triad.replication.core.DurableEvent.MemberCreated.class,
      triad.replication.core.DurableEvent.SnapshotInstalled.class,
      triad.replication.core.DurableEvent.LogSeeded.class,
      triad.replication.core.SnapshotPoint.class,
      triad.replication.ReplicaBehavior.SnapshotChunk.class,
      triad.replication.ReplicaBehavior.SnapshotChunkAck.class,
      triad.replication.ReplicaBehavior.Verify.class,
      triad.replication.ReplicaBehavior.Verified.class,
      triad.replication.ReplicaPlacement.Hosted.class,
      triad.replication.ReplicaPlacement.WhereHosted.class,
      triad.replication.ReplicaPlacement.Known.class);

  private Registrations() {}

  static Kryo newKryo(ActorRefResolver resolver) {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    int id = FIRST_ID;
    id = registerAttributeValues(kryo, id);
    id = registerImmutableCollections(kryo, id);
    kryo.register(actorRefClass(), new ActorRefSerializer(resolver), id++);
    for (Class<?> c : CLASSES) {
      kryo.register(c, id++);
    }
    return kryo;
  }

  private static int registerAttributeValues(Kryo kryo, int id) {
    AttributeValueSerializer s = new AttributeValueSerializer();
    for (Class<?> c : AttributeValue.class.getPermittedSubclasses()) {
      kryo.register(c, s, id++);
    }
    return id;
  }

  /** List.of, Map.of, Set.of and Collections.unmodifiable* have no public constructors: copy them. */
  private static int registerImmutableCollections(Kryo kryo, int id) {
    ListCopySerializer lists = new ListCopySerializer();
    for (Object o : List.of(List.of(), List.of(1), List.of(1, 2, 3), Collections.unmodifiableList(new ArrayList<>()), Collections.emptyList(),
        java.util.Arrays.asList(1), Collections.singletonList(1), new ArrayList<>(List.of(1)).subList(0, 1))) {
      kryo.register(o.getClass(), lists, id++);
    }
    SetCopySerializer sets = new SetCopySerializer();
    for (Object o : List.of(Set.of(), Set.of(1), Set.of(1, 2, 3), Collections.unmodifiableSet(new HashSet<>()), Collections.emptySet())) {
      kryo.register(o.getClass(), sets, id++);
    }
    MapCopySerializer maps = new MapCopySerializer();
    for (Object o : List.of(Map.of(), Map.of(1, 1), Map.of(1, 1, 2, 2), Collections.unmodifiableMap(new HashMap<>()), Collections.emptyMap())) {
      kryo.register(o.getClass(), maps, id++);
    }
    return id;
  }

  private static Class<?> actorRefClass() {
    try {
      return Class.forName("org.apache.pekko.actor.typed.internal.adapter.ActorRefAdapter");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Pekko's typed ActorRef implementation moved", e);
    }
  }

  private static final class AttributeValueSerializer extends Serializer<AttributeValue> {
    @Override
    public void write(Kryo kryo, Output output, AttributeValue v) {
      ItemCodec.Writer w = new ItemCodec.Writer(64);
      ItemCodec.writeValue(w, v);
      output.writeVarInt(w.length(), true);
      output.writeBytes(w.toArray());
    }

    @Override
    public AttributeValue read(Kryo kryo, Input input, Class<? extends AttributeValue> type) {
      byte[] bytes = input.readBytes(input.readVarInt(true));
      return ItemCodec.readValue(new ItemCodec.Reader(bytes));
    }
  }

  private static final class ActorRefSerializer extends Serializer<ActorRef<?>> {
    private final ActorRefResolver resolver;

    ActorRefSerializer(ActorRefResolver resolver) {
      this.resolver = resolver;
    }

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
      output.writeString(resolver.toSerializationFormat(ref));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
      return resolver.resolveActorRef(input.readString());
    }
  }

  private static final class ListCopySerializer extends Serializer<List<Object>> {
    @Override
    public void write(Kryo kryo, Output output, List<Object> list) {
      output.writeVarInt(list.size(), true);
      for (Object o : list) {
        kryo.writeClassAndObject(output, o);
      }
    }

    @Override
    public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
      int n = input.readVarInt(true);
      List<Object> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(kryo.readClassAndObject(input));
      }
      return Collections.unmodifiableList(list);
    }
  }

  private static final class SetCopySerializer extends Serializer<Set<Object>> {
    @Override
    public void write(Kryo kryo, Output output, Set<Object> set) {
      output.writeVarInt(set.size(), true);
      for (Object o : set) {
        kryo.writeClassAndObject(output, o);
      }
    }

    @Override
    public Set<Object> read(Kryo kryo, Input input, Class<? extends Set<Object>> type) {
      int n = input.readVarInt(true);
      Set<Object> set = new LinkedHashSet<>(n * 2);
      for (int i = 0; i < n; i++) {
        set.add(kryo.readClassAndObject(input));
      }
      return Collections.unmodifiableSet(set);
    }
  }

  private static final class MapCopySerializer extends Serializer<Map<Object, Object>> {
    @Override
    public void write(Kryo kryo, Output output, Map<Object, Object> map) {
      output.writeVarInt(map.size(), true);
      for (Map.Entry<Object, Object> e : map.entrySet()) {
        kryo.writeClassAndObject(output, e.getKey());
        kryo.writeClassAndObject(output, e.getValue());
      }
    }

    @Override
    public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
      int n = input.readVarInt(true);
      Map<Object, Object> map = new LinkedHashMap<>(n * 2);
      for (int i = 0; i < n; i++) {
        map.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
      }
      return Collections.unmodifiableMap(map);
    }
  }
}
