package triad.replication;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.pekko.actor.typed.RecipientRef;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
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
import triad.item.core.PrimaryKey;
import triad.metadata.core.TableDescriptor;
import triad.replication.core.DurableEvent;
import triad.replication.core.DurableLog;
import triad.replication.core.GroupSettings;
import triad.replication.core.Membership;
import triad.replication.core.Message;
import triad.replication.core.Outbound;
import triad.replication.core.ProposeResult;
import triad.replication.core.Ready;
import triad.replication.core.ReplicationGroup;
import triad.security.core.CorruptionException;
import triad.serialization.KryoSerializable;
import triad.storage.ItemStore;
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
 */
public final class ReplicaBehavior extends EventSourcedBehavior<ReplicaBehavior.Command, ReplicaBehavior.Event, ReplicaBehavior.State> {

  // ---- protocol ----

  public sealed interface Command extends KryoSerializable {}

  /** Creates the partition on this replica (idempotent); sent by the table lifecycle. */
  public record Init(PartitionSpec spec, ActorRef<Reply> replyTo) implements Command {}

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

  /** A replication message from another member of the group. */
  public record FromPeer(Message message) implements Command {}

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

  /** Writes and strongly consistent reads go to the leader; {@code leader} is a hint, may be null. */
  public record NotLeader(String leader) implements Reply {}

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

  private final ActorContext<Command> ctx;
  private final String member;
  private final String replicaId;
  private final ItemStore store;
  private final ReplicationSettings settings;
  private final Function<String, RecipientRef<Command>> peers;
  private final RandomGenerator random;
  private final ReplicaDirectory directory;
  private ReplicationGroup core;
  private PartitionData data;
  private Ready pendingReady;
  private boolean flushScheduled;
  /** Replies waiting for the log to be applied up to their index. */
  private final TreeMap<Long, List<Pending>> awaitingApply = new TreeMap<>();

  private record Pending(ActorRef<Reply> replyTo, Reply reply) {}
  /** Writes and strongly consistent reads waiting for this replica to become a ready leader. */
  private final ArrayDeque<Command> waiting = new ArrayDeque<>();
  private State state;
  private long appliedSinceCompaction;
  private long lastTickNanos = System.nanoTime();

  /**
   * @param member this replica's availability zone, its id in the replication group
   * @param peers how to reach the replica of this partition in another zone
   */
  public static Behavior<Command> create(String member, String partitionId, ItemStore store, ReplicationSettings settings,
      Function<String, Function<String, RecipientRef<Command>>> peerLookup, RandomGenerator random, ReplicaDirectory directory) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Tick(), settings.tickInterval());
      return new ReplicaBehavior(ctx, member, partitionId, store, settings, peerLookup.apply(partitionId), random, directory);
    }));
  }

  /** One sharded entity type per availability zone, so each zone holds one replica per partition. */
  public static EntityTypeKey<Command> typeKey(String zone) {
    return EntityTypeKey.create(Command.class, "replica-" + zone);
  }

  public static PersistenceId persistenceId(String member, String partitionId) {
    return PersistenceId.of(TYPE_HINT_PREFIX + member, partitionId);
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

  private ReplicaBehavior(ActorContext<Command> ctx, String member, String partitionId, ItemStore store, ReplicationSettings settings,
      Function<String, RecipientRef<Command>> peers, RandomGenerator random, ReplicaDirectory directory) {
    super(persistenceId(member, partitionId));
    this.directory = directory;
    this.ctx = ctx;
    this.member = member;
    this.replicaId = persistenceId(member, partitionId).id();
    this.store = store;
    this.settings = settings;
    this.peers = peers;
    this.random = random;
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
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::start).build();
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
        .onCommand(FromPeer.class, (s, c) -> {
          if (core != null) {
            core.step(c.message());
          }
          return processReady();
        })
        .onCommand(Tick.class, (s, c) -> {
          if (core != null) {
            for (long i = elapsedTicks(); i > 0; i--) {
              core.tick();
            }
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

  private void start(State state) {
    this.state = state;
    if (state.spec != null && !state.dropped) {
      startCore(state);
      ctx.getSelf().tell(new Flush());
    }
  }

  private void startCore(State state) {
    data = new PartitionData(store, replicaId, state.spec);
    GroupSettings gs = new GroupSettings(settings.electionTicksMin(), settings.electionTicksMax(), settings.heartbeatTicks(),
        settings.entriesPerAppendMax(), settings.inflightAppendsMax(), settings.uncommittedEntriesMax(), settings.committedPerReadyMax());
    core = new ReplicationGroup(member, new Membership(state.spec.members()), state.log, data.appliedIndex(), gs, random);
  }

  private Effect<Event, State> onInit(State state, Init init) {
    if (state.dropped) {
      init.replyTo().tell(new Rejected(DbException.Kind.RESOURCE_NOT_FOUND, "partition was dropped"));
      return Effect().none();
    }
    if (state.spec != null) {
      init.replyTo().tell(new Acked());
      return Effect().none();
    }
    return Effect().persist(new Initialized(init.spec())).thenRun(s -> {
      this.state = s;
      startCore(s);
      init.replyTo().tell(new Acked());
      ctx.getSelf().tell(new Flush());
    });
  }

  private Rejected unusable(State state, long tableId) {
    if (state.spec == null || state.dropped || core == null || state.spec.tableId() != tableId) {
      return new Rejected(DbException.Kind.RESOURCE_NOT_FOUND, "Requested resource not found");
    }
    return null;
  }

  private Effect<Event, State> onWrite(State state, Write w) {
    Rejected r = unusable(state, w.tableId());
    if (r != null) {
      w.replyTo().tell(r);
      return Effect().none();
    }
    if (!leaderServing()) {
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
        ProposeResult result = core.propose(new LogCommands.ItemWrite(key, image, counts[0], counts[1]));
        switch (result) {
          case ProposeResult.Accepted a -> {
            data.stage(key, a.index(), c.newItem(), counts);
            afterApplied(a.index(), w.replyTo(), new Written(c.returned(), c.capacityUnits(), c.indexUnits(),
                collectionBytes(state, w, c.collectionDelta())));
            scheduleFlush();
          }
          case ProposeResult.NotLeader n -> w.replyTo().tell(new NotLeader(n.leaderHint()));
          case ProposeResult.Overloaded o -> w.replyTo().tell(new Rejected(DbException.Kind.THROTTLING,
              "Too many writes are waiting to be replicated in this partition"));
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
    Rejected r = unusable(state, read.tableId());
    if (r != null) {
      read.replyTo().tell(r);
      return Effect().none();
    }
    if (read.op().consistent() && !leaderServing()) {
      await(read, read.replyTo());
      return Effect().none();
    }
    serve(read);
    return Effect().none();
  }

  /** Another member leads: redirect. This one is (about to be) leader, or none is known: wait. */
  private void await(Command c, ActorRef<Reply> replyTo) {
    String leader = core.leader();
    if (leader != null && !leader.equals(member)) {
      replyTo.tell(new NotLeader(leader));
    } else if (waiting.size() < settings.waitingReadsMax()) {
      waiting.add(c);
    } else {
      replyTo.tell(new Rejected(DbException.Kind.SERVICE_UNAVAILABLE, "The partition is electing a leader"));
    }
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

  /** A leader serves strongly consistent reads once its applied state holds every committed write. */
  private boolean leaderServing() {
    return core.isLeaderReady() && data.appliedIndex() >= core.commitIndex();
  }

  private Effect<Event, State> onStats(State state, GetStats s) {
    Rejected r = unusable(state, s.tableId());
    s.replyTo().tell(r != null ? r : new Stats(data.itemCount(), data.sizeBytes()));
    return Effect().none();
  }

  private Effect<Event, State> onSweep(State state, SweepExpired sweep) {
    Rejected r = unusable(state, sweep.tableId());
    if (r != null || !leaderServing()) {
      sweep.replyTo().tell(r != null ? r : new NotLeader(core.leader()));
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
    if (state.dropped || state.spec == null || state.spec.tableId() != d.tableId()) {
      d.replyTo().tell(new Acked());
      return Effect().none();
    }
    ProposeResult result = core.propose(new LogCommands.PartitionDrop());
    switch (result) {
      case ProposeResult.Accepted a -> {
        afterApplied(a.index(), d.replyTo(), new Acked());
        scheduleFlush();
      }
      case ProposeResult.NotLeader n -> d.replyTo().tell(new NotLeader(n.leaderHint()));
      case ProposeResult.Overloaded o -> d.replyTo().tell(new Rejected(DbException.Kind.SERVICE_UNAVAILABLE, "partition busy"));
    }
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
    return Effect().none();
  }

  /** Steps 2-4 of the loop, after the journal holds the Ready's events. */
  private void carryOut(Ready ready) {
    for (Outbound o : ready.messages()) {
      sendTo(o);
    }
    // Snapshot transfer to a member behind the compaction point is the triads milestone's work.
    ready.snapshotsNeeded().forEach(s -> ctx.getLog().warn("replica {}: member {} needs a snapshot at index {}", replicaId, s.to(), s.index()));
    boolean wasLeader = core.isLeaderReady();
    boolean dropped = data.apply(ready.committed());
    core.advance(ready);
    appliedSinceCompaction += ready.committed().size();
    completeApplied();
    if (wasLeader && !core.isLeaderReady()) {
      lostLeadership();
    }
    if (dropped) {
      directory.forget(replicaId);
      core = null;
      ctx.getSelf().tell(new RecordDrop());
      return;
    }
    maybeCompact();
    drainWaiting();
    directory.report(replicaId, new ReplicaDirectory.Entry(data.spec().partition().partitionId(), data.spec().tableName(), member,
        core.role().name(), core.term(), core.leader(), core.commitIndex(), data.appliedIndex()));
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

  /**
   * The protocol's ticks follow the monotonic clock, not the timer: a process that was paused (GC,
   * SIGSTOP, an overloaded host) sees all the time that passed at once, so its timeouts fire and a
   * lease it held has run out.
   */
  private long elapsedTicks() {
    long now = System.nanoTime();
    long interval = settings.tickInterval().toNanos();
    long ticks = (now - lastTickNanos) / interval;
    lastTickNanos += ticks * interval;
    return Math.min(ticks, TICKS_PER_TIMER_MAX);
  }

  private void sendTo(Outbound o) {
    RecipientRef<Command> peer = peers.apply(o.to());
    if (peer != null) {
      peer.tell(new FromPeer(o.message()));
    }
  }

  private void completeApplied() {
    long applied = data.appliedIndex();
    while (!awaitingApply.isEmpty() && awaitingApply.firstKey() <= applied) {
      for (Pending p : awaitingApply.pollFirstEntry().getValue()) {
        p.replyTo().tell(p.reply());
      }
    }
  }

  /** Staged writes may never commit now; their clients get a retriable answer. */
  private void lostLeadership() {
    data.clearOverlay();
    Rejected retry = new Rejected(DbException.Kind.SERVICE_UNAVAILABLE, "Leadership changed; the write may or may not have been applied");
    awaitingApply.values().forEach(ps -> ps.forEach(p -> p.replyTo().tell(retry)));
    awaitingApply.clear();
    ctx.getLog().info("replica {} lost leadership in term {}", replicaId, core.term());
  }

  private void drainWaiting() {
    while (!waiting.isEmpty() && leaderServing()) {
      switch (waiting.poll()) {
        case Write w -> onWrite(state, w);
        case Read r -> onRead(state, r);
        default -> throw new IllegalStateException("only writes and reads wait");
      }
    }
  }

  private void maybeCompact() {
    if (appliedSinceCompaction >= settings.compactEveryEntries()) {
      data.sync();
      core.compact(data.appliedIndex());
      appliedSinceCompaction = 0;
      scheduleFlush();
    }
  }

}
