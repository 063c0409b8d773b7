package triad.replication;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import triad.cluster.NodeSettings.ReplicationSettings;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.ItemCodec;
import triad.metadata.core.TableDescriptor;
import triad.replication.core.DurableEvent;
import triad.replication.core.DurableLog;
import triad.replication.core.GroupSettings;
import triad.replication.core.InstallSnapshotNeeded;
import triad.replication.core.MemberId;
import triad.replication.core.Membership;
import triad.replication.core.Message;
import triad.replication.core.Outbound;
import triad.replication.core.ProposeResult;
import triad.replication.core.Ready;
import triad.replication.core.ReplicationGroup;
import triad.replication.core.Role;
import triad.replication.core.SnapshotPoint;
import triad.security.core.CorruptionException;
import triad.serialization.KryoSerializable;
import triad.storage.Cursor;
import triad.storage.ItemStore;
import triad.storage.core.EntryStream;
import triad.storage.core.ItemWriter;
import triad.storage.core.ReadOp;
import triad.storage.core.WriteOp;
import triad.storage.core.WriteOutcome;

/**
 * A partition replica: a persistent sharded actor whose journal is the partition's write-ahead
 * log and whose applied state is in the node's item store. It is only the shell of the protocol
 * core ({@link ReplicationGroup}): it feeds it ticks, peer messages and proposals, and carries
 * out each {@link Ready} in the core's order: persist, send, apply, advance.
 *
 * <p>Writes are evaluated by the leader against the item's newest state (applied or staged),
 * logged as the item's new image, and acknowledged when applied. Proposals that arrive while a
 * journal write is in flight are persisted together in the next one (one fsync for many writes).
 * Strongly consistent reads, and writes, are served only while the leader holds its lease.
 *
 * <p>Identity (docs/replication.md, section 1). Cluster Sharding runs one entity per partition
 * and zone, and re-creates it on another node of the zone, with an empty journal, when its node
 * leaves. The first journal event binds the entity to a member id:
 * <pre>
 * blank (empty journal) --Init, founding-------> founding member zone#1 of {every zone#1}
 *                       --Init, not founding---> new member zone#random, asks to join
 *                       --a peer's message-----> new member zone#random, asks to join
 * </pre>
 * A new member has no item state until a leader's copy of the item store arrives
 * ({@link SnapshotChunk}): it serves nothing, and answers requests with where the leader is.
 */
public final class ReplicaBehavior extends EventSourcedBehavior<ReplicaBehavior.Command, ReplicaBehavior.Event, ReplicaBehavior.State> {

  // ---- protocol ----

  public sealed interface Command extends KryoSerializable {}

  /**
   * Creates the partition on this replica (idempotent); sent by the table lifecycle. With
   * {@code founding}, a replica with an empty journal becomes the founding member of its zone;
   * without, it joins the group as a new member. Founding ids are bound once: only the creation
   * of a partition may found it (docs/replication.md, section 1, shell duty).
   */
  public record Init(PartitionSpec spec, boolean founding, ActorRef<Reply> replyTo) implements Command {}

  /** Drops the partition (table deleted): its items go, the replica stops serving. */
  public record Drop(long tableId, ActorRef<Reply> replyTo) implements Command {}

  public record Write(long tableId, WriteOp op, ActorRef<Reply> replyTo) implements Command {}

  public record Read(long tableId, ReadOp op, ActorRef<Reply> replyTo) implements Command {}

  /** Item count and size of this partition, for DescribeTable. */
  public record GetStats(long tableId, ActorRef<Reply> replyTo) implements Command {}

  /**
   * Deletes, through the log, the items of this partition whose time to live passed: the leader
   * looks at up to {@code scanMax} items per sweep and answers how many it deleted.
   */
  public record SweepExpired(long tableId, String attribute, long nowEpochSeconds, int scanMax, ActorRef<Reply> replyTo) implements Command {}

  /**
   * A replication message from another member of the group, for member {@code to}: routed to
   * the zone of {@code to}, whichever replica holds it now.
   */
  public record FromPeer(String to, Message message) implements Command {}

  /**
   * Piece {@code seq} of a copy of member {@code from}'s items, as of {@code point}, for member
   * {@code to}: the bytes of an {@link EntryStream}, then {@code last}. Every piece carries what
   * the receiver needs to install the copy: the point, the partition and its item count and size.
   */
  public record SnapshotChunk(String to, String from, long transferId, long seq, SnapshotPoint point, PartitionSpec spec, long itemCount,
      long sizeBytes, byte[] data, boolean last) implements Command {}

  /** Member {@code from} holds piece {@code seq} of the copy (durably, with the last piece). */
  public record SnapshotChunkAck(String to, String from, long transferId, long seq) implements Command {}

  /** What this replica holds, with a checksum of its items, for operators comparing replicas. */
  public record Verify(ActorRef<Reply> replyTo) implements Command {}

  private record Flush() implements Command {}

  /** The drop entry was applied: record it so the replica never serves this partition again. */
  private record RecordDrop() implements Command {}

  private record Tick() implements Command {}

  public sealed interface Reply extends KryoSerializable {}

  public record Acked() implements Reply {}

  /**
   * @param indexUnits capacity each local secondary index consumed
   * @param collectionBytes the item collection's size after the write, -1 for a table without local indexes
   */
  public record Written(Map<String, AttributeValue> returned, double capacityUnits, Map<String, Double> indexUnits, long collectionBytes)
      implements Reply {}

  public record ConditionFailed(Map<String, AttributeValue> item, double capacityUnits) implements Reply {}

  public record Got(Map<String, AttributeValue> item, double capacityUnits) implements Reply {}

  /** A page of a Query or Scan; {@code lastEvaluatedKey} null when the range was read to its end. */
  public record Paged(List<Map<String, AttributeValue>> items, int count, int scanned, long bytesRead, Map<String, AttributeValue> lastEvaluatedKey,
      boolean consistent)
      implements Reply {}

  public record Stats(long itemCount, long sizeBytes) implements Reply {}

  public record Swept(int expired) implements Reply {}

  /** The request cannot be served here; {@code kind} says how the router should answer. */
  public record Rejected(DbException.Kind kind, String message) implements Reply {}

  /**
   * Writes and strongly consistent reads go to the leader, and any request to a replica without
   * item state goes elsewhere; {@code leader} is the leader's zone as a hint, may be null.
   */
  public record NotLeader(String leader) implements Reply {}

  /**
   * @param member this replica's member id, null before it has one
   * @param replica "full", "log" (a log replica) or "none" (not a member of its configuration)
   * @param checksum of the applied items ({@link PartitionData#checksum}), null without item state
   */
  public record Verified(String partitionId, String member, String role, String replica, long appliedIndex, String checksum) implements Reply {}

  // ---- persistence ----

  public sealed interface Event extends KryoSerializable {}

  public record Initialized(PartitionSpec spec) implements Event {}

  public record Logged(DurableEvent event) implements Event {}

  public record DroppedPartition() implements Event {}

  /** What the journal rebuilds: the partition's identity and the protocol core's durable log. */
  public static final class State implements KryoSerializable {
    public PartitionSpec spec;
    public DurableLog log = new DurableLog();
    public boolean dropped;
  }

  // ---- behaviour ----

  private static final String TYPE_HINT_PREFIX = "replica-";
  /** Past this many ticks at once every timeout has fired anyway. */
  private static final long TICKS_PER_TIMER_MAX = 1000;
  /** Founding members are incarnation 1; joiners draw theirs from [2, Long.MAX_VALUE). */
  private static final long FOUNDING_INCARNATION = 1;

  private final ActorContext<Command> ctx;
  private final String zone;
  private final String partitionId;
  private final String replicaId;
  private final ItemStore store;
  private final ReplicationSettings settings;
  private final GroupSettings groupSettings;
  private final Function<String, RecipientRef<Command>> peers;
  private final RandomGenerator random;
  private final RandomGenerator incarnations;
  private final ReplicaDirectory directory;
  private final SnapshotStaging staging;
  private ReplicationGroup core;
  /** The applied state; null without item state (a blank replica, or a member waiting for a copy). */
  private PartitionData data;
  private Ready pendingReady;
  private boolean flushScheduled;
  /** Replies waiting for the log to be applied up to their index. */
  private final TreeMap<Long, List<Pending>> awaitingApply = new TreeMap<>();

  private record Pending(ActorRef<Reply> replyTo, Reply reply) {}
  /** Writes and strongly consistent reads waiting for this replica to become a leader with a lease. */
  private final ArrayDeque<Command> waiting = new ArrayDeque<>();
  private State state;
  /** Whether this replica was a ready leader when the shell last looked. */
  private boolean leading;
  private long appliedSinceCompaction;
  private long lastTickNanos = System.nanoTime();
  /** Copies of the item store being sent, one per receiving member at most. */
  private final Map<String, OutgoingSnapshot> outgoing = new HashMap<>();
  /** The copy being received, if any. */
  private IncomingSnapshot incoming;
  /** A complete staged copy to take between Readies. */
  private SnapshotStaging.Staged stagedToInstall;

  /**
   * @param zone this replica's availability zone
   * @param peerLookup how to reach the replica of a partition in a zone
   * @param random election timeouts and transfer ids
   * @param incarnations a source that never repeats in practice (a SecureRandom) for new member ids
   * @param groupZones the zones every partition places a replica in, in order
   */
  public static Behavior<Command> create(String zone, String partitionId, ItemStore store, ReplicationSettings settings,
      Function<String, Function<String, RecipientRef<Command>>> peerLookup, RandomGenerator random, RandomGenerator incarnations,
      ReplicaDirectory directory, List<String> groupZones) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Tick(), settings.tickInterval());
      return new ReplicaBehavior(ctx, zone, partitionId, store, settings, peerLookup.apply(partitionId), random, incarnations, directory,
          groupZones);
    }));
  }

  /** One sharded entity type per availability zone, so each zone holds one replica per partition. */
  public static EntityTypeKey<Command> typeKey(String zone) {
    return EntityTypeKey.create(Command.class, "replica-" + zone);
  }

  public static PersistenceId persistenceId(String zone, String partitionId) {
    return PersistenceId.of(TYPE_HINT_PREFIX + zone, partitionId);
  }

  /**
   * The table a replica's persistence id belongs to (its journal and snapshots are encrypted
   * under that table's key).
   *
   * @throws IllegalArgumentException for a persistence id that is not a replica's
   */
  public static long tableIdOf(String persistenceId) {
    if (!persistenceId.startsWith(TYPE_HINT_PREFIX)) {
      throw new IllegalArgumentException("not a replica's persistence id: " + persistenceId);
    }
    return TableDescriptor.tableIdOfPartition(PersistenceId.extractEntityId(persistenceId));
  }

  private ReplicaBehavior(ActorContext<Command> ctx, String zone, String partitionId, ItemStore store, ReplicationSettings settings,
      Function<String, RecipientRef<Command>> peers, RandomGenerator random, RandomGenerator incarnations, ReplicaDirectory directory,
      List<String> groupZones) {
    super(persistenceId(zone, partitionId));
    this.ctx = ctx;
    this.zone = zone;
    this.partitionId = partitionId;
    this.replicaId = persistenceId(zone, partitionId).id();
    this.store = store;
    this.settings = settings;
    this.groupSettings = new GroupSettings(settings.electionTicksMin(), settings.electionTicksMax(), settings.heartbeatTicks(),
        settings.clockDriftTicksMax(), settings.entriesPerAppendMax(), settings.inflightAppendsMax(), settings.uncommittedEntriesMax(),
        settings.committedPerReadyMax(), groupZones);
    this.peers = peers;
    this.random = random;
    this.incarnations = incarnations;
    this.directory = directory;
    this.staging = new SnapshotStaging(store, replicaId);
  }

  @Override
  public State emptyState() {
    return new State();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    // The snapshot is the durable log itself (small after compaction), so deleting the events it
    // covers is always safe.
    return RetentionCriteria.snapshotEvery((int) Math.max(100, settings.compactEveryEntries()), 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return (state, event) -> {
      switch (event) {
        case Initialized i -> state.spec = i.spec();
        case Logged l -> state.log = state.log.apply(l.event());
        case DroppedPartition d -> state.dropped = true;
      }
      return state;
    };
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::start)
        .onSignal(PostStop.instance(), s -> stopped())
        .build();
  }

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Init.class, this::onInit)
        .onCommand(Write.class, this::onWrite)
        .onCommand(Read.class, this::onRead)
        .onCommand(GetStats.class, this::onStats)
        .onCommand(Drop.class, this::onDrop)
        .onCommand(SweepExpired.class, this::onSweep)
        .onCommand(FromPeer.class, this::onPeer)
        .onCommand(SnapshotChunk.class, this::onChunk)
        .onCommand(SnapshotChunkAck.class, this::onChunkAck)
        .onCommand(Verify.class, this::onVerify)
        .onCommand(Tick.class, (s, c) -> {
          if (core != null) {
            catchUpTicks();
            abandonSilentTransfers();
          }
          return processReady();
        })
        .onCommand(RecordDrop.class, (s, c) -> Effect().persist(new DroppedPartition()))
        .onCommand(Flush.class, (s, c) -> {
          flushScheduled = false;
          return processReady();
        })
        .build();
  }

  // ---- identity and start ----

  private void start(State state) {
    this.state = state;
    if (!state.dropped && state.log.self() != null) {
      startCore(state);
      ctx.getSelf().tell(new Flush());
    }
  }

  /**
   * Starts the core from the journal. A complete copy still staged means the replica stopped
   * between staging it and journaling it: the core starts from its compaction point and is
   * offered the copy again (docs/replication.md, section 3, step 4).
   */
  private void startCore(State state) {
    SnapshotStaging.Staged staged = state.spec == null ? null : staging.completed();
    data = state.spec != null && state.log.itemState() ? new PartitionData(store, replicaId, state.spec) : null;
    long applied = data == null || staged != null ? state.log.compactedIndex() : data.appliedIndex();
    core = new ReplicationGroup(state.log, applied, groupSettings, random);
    core.preferLeaderIn(preferredZone());
    if (staged != null && core.snapshotInstalled(staged.point())) {
      install(staged);
    } else {
      staging.discard();
    }
  }

  /** The zone this partition's leader should be in: spreads leaders evenly over the zones. */
  private String preferredZone() {
    List<String> zones = groupSettings.zones();
    return zones.get(Math.floorMod(partitionId.hashCode(), zones.size()));
  }

  private Effect<Event, State> onInit(State state, Init init) {
    if (state.dropped) {
      init.replyTo().tell(new Rejected(DbException.Kind.RESOURCE_NOT_FOUND, "partition was dropped"));
      return Effect().none();
    }
    if (state.log.self() != null) {
      init.replyTo().tell(new Acked());
      return Effect().none();
    }
    List<Event> created = new ArrayList<>(2);
    if (init.founding()) {
      List<String> founders = init.spec().members().stream().map(z -> MemberId.of(z, FOUNDING_INCARNATION)).toList();
      created.add(new Logged(new DurableEvent.MemberCreated(MemberId.of(zone, FOUNDING_INCARNATION), Membership.of(founders))));
      created.add(new Initialized(init.spec()));
    } else {
      created.add(newMember());
    }
    return Effect().persist(created).thenRun(s -> {
      startCore(s);
      init.replyTo().tell(new Acked());
      ctx.getSelf().tell(new Flush());
    });
  }

  /**
   * An incarnation never used before, so this journal never acts as a predecessor whose journal
   * was lost with its node (docs/replication.md, I3).
   */
  private Logged newMember() {
    String self = MemberId.of(zone, incarnations.nextLong(FOUNDING_INCARNATION + 1, Long.MAX_VALUE));
    ctx.getLog().info("replica {} has no journal: it joins its group as new member {}", replicaId, self);
    return new Logged(new DurableEvent.MemberCreated(self, null));
  }

  private Effect<Event, State> onPeer(State state, FromPeer m) {
    if (state.dropped) {
      return Effect().none();
    }
    if (state.log.self() == null) {
      // The group exists and addresses this zone: a replica with no journal joins it.
      return Effect().persist(newMember()).thenRun(s -> {
        startCore(s);
        core.step(m.to(), m.message());
        scheduleFlush();
      });
    }
    if (core != null) {
      core.step(m.to(), m.message());
    }
    return processReady();
  }

  private void stopped() {
    outgoing.values().forEach(OutgoingSnapshot::close);
    outgoing.clear();
    directory.forget(replicaId);
  }

  // ---- requests ----

  /** Why a request cannot be served here, or null. */
  private Reply unusable(State state, long tableId) {
    if (state.dropped || (state.spec != null && state.spec.tableId() != tableId)) {
      return new Rejected(DbException.Kind.RESOURCE_NOT_FOUND, "Requested resource not found");
    }
    if (core == null || data == null) {
      return new NotLeader(leaderZone());
    }
    return null;
  }

  private Effect<Event, State> onWrite(State state, Write w) {
    Reply r = unusable(state, w.tableId());
    if (r != null) {
      w.replyTo().tell(r);
      return Effect().none();
    }
    catchUpTicks();
    if (!core.canServeConsistentReads()) {
      await(w, w.replyTo());
      return Effect().none();
    }
    byte[] key = data.keyOf(w.op().key());
    Map<String, AttributeValue> current;
    try {
      current = data.current(key);
    } catch (RuntimeException e) {
      w.replyTo().tell(unreadable(e));
      return Effect().none();
    }
    long dependsOn = data.stagedIndex(key);
    WriteOutcome outcome;
    try {
      outcome = ItemWriter.evaluate(w.op(), state.spec.keySchema(), state.spec.localIndexes(), current);
    } catch (DbException e) {
      w.replyTo().tell(new Rejected(e.kind(), e.getMessage()));
      return Effect().none();
    }
    switch (outcome) {
      case WriteOutcome.ConditionFailed f ->
          // What the condition saw must be committed before anyone hears about it.
          afterApplied(dependsOn, w.replyTo(), new ConditionFailed(f.item(), f.capacityUnits()));
      case WriteOutcome.Change c when c.isNoop() ->
          afterApplied(dependsOn, w.replyTo(), new Written(c.returned(), c.capacityUnits(), c.indexUnits(), collectionBytes(state, w, 0)));
      case WriteOutcome.Change c when collectionBytes(state, w, c.collectionDelta()) > settings.itemCollectionBytesMax() ->
          w.replyTo().tell(new Rejected(DbException.Kind.ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED, "Item collection size limit exceeded"));
      case WriteOutcome.Change c -> {
        byte[] image = c.newItem() == null ? null : ItemCodec.encode(c.newItem());
        long[] counts = data.countsAfter(c.oldSize(), c.newSize());
        switch (core.propose(new LogCommands.ItemWrite(key, image, counts[0], counts[1]))) {
          case ProposeResult.Accepted a -> {
            data.stage(key, a.index(), c.newItem(), counts);
            afterApplied(a.index(), w.replyTo(), new Written(c.returned(), c.capacityUnits(), c.indexUnits(),
                collectionBytes(state, w, c.collectionDelta())));
            scheduleFlush();
          }
          case ProposeResult.NotLeader n -> w.replyTo().tell(new NotLeader(zoneOf(n.leaderHint())));
          case ProposeResult.Overloaded o -> w.replyTo().tell(new Rejected(DbException.Kind.THROTTLING,
              "Too many writes are waiting to be replicated in this partition"));
          case ProposeResult.Refused refused -> w.replyTo().tell(noLeader(refused.reason()));
        }
      }
    }
    return Effect().none();
  }

  /** The item collection's size with this write, for tables with local indexes (-1 otherwise). */
  private long collectionBytes(State state, Write w, long delta) {
    return state.spec.localIndexes().isEmpty() ? -1 : data.collectionBytes(w.op().key().partition()) + delta;
  }

  private Effect<Event, State> onRead(State state, Read read) {
    Reply r = unusable(state, read.tableId());
    if (r != null) {
      read.replyTo().tell(r);
      return Effect().none();
    }
    if (read.op().consistent()) {
      catchUpTicks();
      if (!core.canServeConsistentReads()) {
        await(read, read.replyTo());
        return Effect().none();
      }
    } else if (!core.membership().isFullReplica(core.self())) {
      // Removed, or not promoted yet: its items may be far behind the group's.
      read.replyTo().tell(new NotLeader(leaderZone()));
      return Effect().none();
    }
    serve(read);
    return Effect().none();
  }

  /** Another member leads: redirect. This one is (about to be) leader, or none is known: wait. */
  private void await(Command c, ActorRef<Reply> replyTo) {
    String leader = core.leader();
    if (leader != null && !leader.equals(core.self())) {
      replyTo.tell(new NotLeader(MemberId.zone(leader)));
    } else if (waiting.size() < settings.waitingReadsMax()) {
      waiting.add(c);
    } else {
      replyTo.tell(noLeader("The partition is electing a leader"));
    }
  }

  /** The retriable answer of a partition that cannot take the request now (ServiceUnavailable). */
  private static Rejected noLeader(String why) {
    return new Rejected(DbException.Kind.SERVICE_UNAVAILABLE, why);
  }

  private String leaderZone() {
    return core == null ? null : zoneOf(core.leader());
  }

  private static String zoneOf(String member) {
    return member == null ? null : MemberId.zone(member);
  }

  private void serve(Read read) {
    try {
      read.replyTo().tell(data.read(read.op()));
    } catch (DbException e) {
      read.replyTo().tell(new Rejected(e.kind(), e.getMessage()));
    } catch (RuntimeException e) {
      read.replyTo().tell(unreadable(e));
    }
  }

  /**
   * Stored data that cannot be read: a value that fails authentication (altered or moved on disk),
   * a LevelDB checksum mismatch, or a bug. It is logged and never served; the client gets a 500.
   */
  private Rejected unreadable(RuntimeException e) {
    if (e instanceof CorruptionException) {
      ctx.getLog().error("replica {}: stored data is corrupt and is not served: {}", replicaId, e.getMessage());
    } else {
      ctx.getLog().error("replica {}: stored data cannot be read", replicaId, e);
    }
    return new Rejected(DbException.Kind.INTERNAL_SERVER_ERROR, "Internal server error");
  }

  private Effect<Event, State> onStats(State state, GetStats s) {
    Reply r = unusable(state, s.tableId());
    s.replyTo().tell(r != null ? r : new Stats(data.itemCount(), data.sizeBytes()));
    return Effect().none();
  }

  private Effect<Event, State> onSweep(State state, SweepExpired sweep) {
    Reply r = unusable(state, sweep.tableId());
    if (r == null) {
      catchUpTicks();
    }
    if (r != null || !core.canServeConsistentReads()) {
      sweep.replyTo().tell(r != null ? r : new NotLeader(leaderZone()));
      return Effect().none();
    }
    int expired = 0;
    for (byte[] key : data.expired(sweep.attribute(), sweep.nowEpochSeconds(), sweep.scanMax())) {
      Map<String, AttributeValue> current = data.current(key);
      // The item may have changed since it was applied: decide on its newest state.
      if (!triad.storage.core.Ttl.isExpired(current, sweep.attribute(), sweep.nowEpochSeconds())) {
        continue;
      }
      long[] counts = data.countsAfter(triad.item.core.ItemSize.of(current), -1);
      if (core.propose(new LogCommands.ItemExpired(key, counts[0], counts[1])) instanceof ProposeResult.Accepted a) {
        data.stage(key, a.index(), null, counts);
        expired++;
      }
    }
    if (expired > 0) {
      scheduleFlush();
    }
    sweep.replyTo().tell(new Swept(expired));
    return Effect().none();
  }

  private Effect<Event, State> onDrop(State state, Drop d) {
    if (state.dropped || (state.spec != null && state.spec.tableId() != d.tableId())) {
      d.replyTo().tell(new Acked());
      return Effect().none();
    }
    if (core == null || data == null) {
      d.replyTo().tell(new NotLeader(leaderZone()));
      return Effect().none();
    }
    switch (core.propose(new LogCommands.PartitionDrop())) {
      case ProposeResult.Accepted a -> {
        afterApplied(a.index(), d.replyTo(), new Acked());
        scheduleFlush();
      }
      case ProposeResult.NotLeader n -> d.replyTo().tell(new NotLeader(zoneOf(n.leaderHint())));
      case ProposeResult.Overloaded o -> d.replyTo().tell(noLeader("partition busy"));
      case ProposeResult.Refused refused -> d.replyTo().tell(noLeader(refused.reason()));
    }
    return Effect().none();
  }

  private Effect<Event, State> onVerify(State state, Verify v) {
    if (core == null) {
      v.replyTo().tell(new Verified(partitionId, null, state.dropped ? "DROPPED" : "NONE", "none", 0, null));
      return Effect().none();
    }
    Membership m = core.membership();
    String replica = m == null ? "none" : m.isFullReplica(core.self()) ? "full" : m.isLogReplica(core.self()) ? "log" : "none";
    v.replyTo().tell(new Verified(partitionId, core.self(), core.role().name(), replica,
        data == null ? core.appliedIndex() : data.appliedIndex(), data == null ? null : data.checksum()));
    return Effect().none();
  }

  private void afterApplied(long index, ActorRef<Reply> replyTo, Reply reply) {
    if (index <= data.appliedIndex()) {
      replyTo.tell(reply);
    } else {
      awaitingApply.computeIfAbsent(index, i -> new ArrayList<>(2)).add(new Pending(replyTo, reply));
    }
  }

  private void scheduleFlush() {
    if (!flushScheduled) {
      flushScheduled = true;
      ctx.getSelf().tell(new Flush());
    }
  }

  // ---- the core's loop: persist, send, apply, advance ----

  private Effect<Event, State> processReady() {
    if (core == null) {
      return Effect().none();
    }
    noticeLeadership();
    installBetweenReadies();
    while (pendingReady != null || core.hasReady()) {
      Ready ready = pendingReady != null ? pendingReady : core.ready();
      pendingReady = null;
      if (!ready.toPersist().isEmpty()) {
        List<Event> events = new ArrayList<>(ready.toPersist().size());
        for (DurableEvent e : ready.toPersist()) {
          events.add(new Logged(e));
        }
        return Effect().persist(events).thenRun(s -> carryOut(ready));
      }
      carryOut(ready);
    }
    // A lease can start with an answer that needs no Ready.
    drainWaiting();
    return Effect().none();
  }

  /** A leader that stopped leading (a tick, a message or a Ready) drops what it staged. */
  private void noticeLeadership() {
    if (leading && !core.isLeaderReady()) {
      lostLeadership();
    }
    leading = core.isLeaderReady();
  }

  /** Steps 2-4 of the loop, after the journal holds the Ready's events. */
  private void carryOut(Ready ready) {
    for (Outbound o : ready.messages()) {
      sendTo(o);
    }
    boolean dropped = data != null && data.apply(ready.committed());
    if (ready.toPersist().stream().anyMatch(e -> e instanceof DurableEvent.SnapshotInstalled)) {
      // The journal records the installed copy: the staged one is no longer needed.
      staging.discard();
    }
    core.advance(ready);
    // After the advance: the copy is taken between Readies, as of the applied point.
    ready.snapshotsNeeded().forEach(this::startSnapshot);
    appliedSinceCompaction += ready.committed().size();
    completeApplied();
    noticeLeadership();
    if (dropped) {
      stopped();
      core = null;
      ctx.getSelf().tell(new RecordDrop());
      return;
    }
    maybeCompact();
    drainWaiting();
    report();
    installBetweenReadies();
    if (core.hasReady()) {
      // A Ready that needs the journal must start from a command; the next Flush persists it.
      Ready next = core.ready();
      if (next.toPersist().isEmpty()) {
        carryOut(next);
      } else {
        pendingReady = next;
        scheduleFlush();
      }
    }
  }

  private void report() {
    directory.report(replicaId, new ReplicaDirectory.Entry(partitionId, state.spec == null ? null : state.spec.tableName(), core.self(),
        core.role().name(), core.term(), core.leader(), core.commitIndex(), data == null ? core.appliedIndex() : data.appliedIndex()),
        ctx.getSelf());
  }

  /**
   * The protocol's ticks follow the monotonic clock, not the timer: a process that was paused (GC,
   * SIGSTOP, an overloaded host) sees all the time that passed at once, so its timeouts fire and a
   * lease it held has run out. Called on every timer and before a lease is relied on.
   */
  private void catchUpTicks() {
    long now = System.nanoTime();
    long interval = settings.tickInterval().toNanos();
    long ticks = (now - lastTickNanos) / interval;
    lastTickNanos += ticks * interval;
    for (long i = Math.min(ticks, TICKS_PER_TIMER_MAX); i > 0; i--) {
      core.tick();
    }
    if (ticks > 0 && core.hasReady()) {
      scheduleFlush();
    }
  }

  private void sendTo(Outbound o) {
    RecipientRef<Command> peer = peers.apply(MemberId.zone(o.to()));
    if (peer != null) {
      peer.tell(new FromPeer(o.to(), o.message()));
    }
  }

  private void completeApplied() {
    if (data == null) {
      return;
    }
    long applied = data.appliedIndex();
    while (!awaitingApply.isEmpty() && awaitingApply.firstKey() <= applied) {
      for (Pending p : awaitingApply.pollFirstEntry().getValue()) {
        p.replyTo().tell(p.reply());
      }
    }
  }

  /** Staged writes may never commit now; their clients get a retriable answer. */
  private void lostLeadership() {
    if (data != null) {
      data.clearOverlay();
    }
    Rejected retry = noLeader("Leadership changed; the write may or may not have been applied");
    awaitingApply.values().forEach(ps -> ps.forEach(p -> p.replyTo().tell(retry)));
    awaitingApply.clear();
    ctx.getLog().info("replica {} lost leadership in term {}", replicaId, core.term());
  }

  /** Serves what waited for a lease; sends it to the leader if another member leads now. */
  private void drainWaiting() {
    while (!waiting.isEmpty() && core.canServeConsistentReads()) {
      switch (waiting.poll()) {
        case Write w -> onWrite(state, w);
        case Read r -> onRead(state, r);
        default -> throw new IllegalStateException("only writes and reads wait");
      }
    }
    String leader = core.leader();
    if (leader != null && !leader.equals(core.self())) {
      NotLeader redirect = new NotLeader(MemberId.zone(leader));
      while (!waiting.isEmpty()) {
        switch (waiting.poll()) {
          case Write w -> w.replyTo().tell(redirect);
          case Read r -> r.replyTo().tell(redirect);
          default -> throw new IllegalStateException("only writes and reads wait");
        }
      }
    }
  }

  /** A member without item state never compacts: it has nothing that holds the entries' effect. */
  private void maybeCompact() {
    if (data != null && appliedSinceCompaction >= settings.compactEveryEntries()) {
      data.sync();
      core.compact(core.appliedIndex());
      appliedSinceCompaction = 0;
      scheduleFlush();
    }
  }

  // ---- copies of the item store (docs/replication.md, section 3) ----

  /** A copy being sent: one LevelDB iterator (a consistent view) read chunk by chunk, one chunk in flight. */
  private final class OutgoingSnapshot {
    final String to;
    final long transferId = random.nextLong();
    final SnapshotPoint point;
    final PartitionSpec spec;
    final long itemCount;
    final long sizeBytes;
    final Cursor cursor;
    final EntryStream.Writer writer = new EntryStream.Writer(settings.snapshotChunkBytes());
    long seq = -1;
    boolean lastSent;
    long sentNanos;

    OutgoingSnapshot(String to) {
      this.to = to;
      this.point = core.appliedPoint();
      this.spec = state.spec;
      this.itemCount = data.itemCount();
      this.sizeBytes = data.sizeBytes();
      this.cursor = data.items();
    }

    /** Sends the next chunk. */
    void sendNext() {
      while (!writer.hasFullChunk() && cursor.hasNext()) {
        Cursor.Entry e = cursor.next();
        writer.add(e.key(), e.value());
      }
      byte[] chunk = writer.takeChunk();
      seq++;
      lastSent = !cursor.hasNext() && writer.isEmpty();
      sentNanos = System.nanoTime();
      peers.apply(MemberId.zone(to)).tell(new SnapshotChunk(to, core.self(), transferId, seq, point, spec, itemCount, sizeBytes, chunk, lastSent));
    }

    void close() {
      cursor.close();
    }
  }

  /** What the receiver knows of the copy arriving. */
  private static final class IncomingSnapshot {
    final long transferId;
    final EntryStream.Reader reader = new EntryStream.Reader();
    long nextSeq;

    IncomingSnapshot(long transferId) {
      this.transferId = transferId;
    }
  }

  /** The core asked for a copy for {@code need.to()}; at most one copy runs per member. */
  private void startSnapshot(InstallSnapshotNeeded need) {
    if (data == null || outgoing.containsKey(need.to())) {
      return;
    }
    OutgoingSnapshot o = new OutgoingSnapshot(need.to());
    outgoing.put(need.to(), o);
    ctx.getLog().info("replica {}: sending a copy of its items as of index {} to {}", replicaId, o.point.index(), need.to());
    sendChunk(o);
  }

  private void sendChunk(OutgoingSnapshot o) {
    try {
      o.sendNext();
    } catch (RuntimeException e) {
      ctx.getLog().error("replica {}: copy to {} abandoned, its items cannot be read: {}", replicaId, o.to, e.toString());
      o.close();
      outgoing.remove(o.to);
    }
  }

  private Effect<Event, State> onChunkAck(State state, SnapshotChunkAck ack) {
    OutgoingSnapshot o = outgoing.get(ack.from());
    if (o == null || o.transferId != ack.transferId() || o.seq != ack.seq()) {
      return Effect().none();
    }
    if (o.lastSent) {
      ctx.getLog().info("replica {}: copy to {} delivered", replicaId, o.to);
      o.close();
      outgoing.remove(o.to);
    } else {
      sendChunk(o);
    }
    return Effect().none();
  }

  /** A receiver that went silent (moved, died) gets a new copy when the core asks again. */
  private void abandonSilentTransfers() {
    long now = System.nanoTime();
    outgoing.values().removeIf(o -> {
      boolean silent = now - o.sentNanos > settings.snapshotAckTimeout().toNanos();
      if (silent) {
        ctx.getLog().info("replica {}: copy to {} abandoned, no answer within {}", replicaId, o.to, settings.snapshotAckTimeout());
        o.close();
      }
      return silent;
    });
  }

  /**
   * Stages one chunk and acknowledges it. Chunks out of order are dropped: the sender then times
   * out and starts over. The last chunk completes the copy durably before it is acknowledged.
   */
  private Effect<Event, State> onChunk(State state, SnapshotChunk c) {
    if (core == null || !c.to().equals(core.self()) || stagedToInstall != null) {
      return Effect().none();
    }
    if (c.seq() == 0) {
      incoming = new IncomingSnapshot(c.transferId());
      staging.discard();
    } else if (incoming == null || incoming.transferId != c.transferId() || incoming.nextSeq != c.seq()) {
      return Effect().none();
    }
    List<byte[][]> items = new ArrayList<>();
    incoming.reader.accept(c.data(), (k, v) -> items.add(new byte[][] {k, v}));
    staging.stage(items);
    incoming.nextSeq++;
    SnapshotChunkAck ack = new SnapshotChunkAck(c.from(), core.self(), c.transferId(), c.seq());
    if (!c.last()) {
      peers.apply(MemberId.zone(c.from())).tell(ack);
      return Effect().none();
    }
    boolean whole = incoming.reader.atEntryBoundary();
    incoming = null;
    if (!whole) {
      ctx.getLog().error("replica {}: the copy from {} ends inside an item; discarded", replicaId, c.from());
      staging.discard();
      return Effect().none();
    }
    SnapshotStaging.Staged staged = new SnapshotStaging.Staged(c.point(), c.itemCount(), c.sizeBytes());
    staging.complete(staged);
    peers.apply(MemberId.zone(c.from())).tell(ack);
    if (state.spec == null) {
      // A new member learns its partition from the copy; the journal keeps it before the copy is taken.
      return Effect().persist(new Initialized(c.spec())).thenRun(s -> {
        stagedToInstall = staged;
        scheduleFlush();
      });
    }
    stagedToInstall = staged;
    return processReady();
  }

  /** Offers a complete staged copy to the core, which takes it only between Readies. */
  private void installBetweenReadies() {
    if (stagedToInstall == null || pendingReady != null) {
      return;
    }
    SnapshotStaging.Staged staged = stagedToInstall;
    stagedToInstall = null;
    // A leader never needs a copy; one that arrives late is stale.
    if (core.role() != Role.LEADER && core.snapshotInstalled(staged.point())) {
      install(staged);
    } else {
      staging.discard();
    }
  }

  /** Makes the staged copy the item store; the next Ready journals it. */
  private void install(SnapshotStaging.Staged staged) {
    PartitionData installed = new PartitionData(store, replicaId, state.spec);
    try (Cursor c = staging.cursor()) {
      installed.install(staging.items(c), staged.point().index(), staged.itemCount(), staged.sizeBytes());
    }
    data = installed;
    appliedSinceCompaction = 0;
    ctx.getLog().info("replica {} ({}) installed a copy of the items as of index {}", replicaId, core.self(), staged.point().index());
  }
}
