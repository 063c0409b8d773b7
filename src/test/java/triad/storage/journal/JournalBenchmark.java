package triad.storage.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.persistence.Persistence;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import triad.storage.Encryption;
import triad.storage.TestEncryption;
import triad.storage.journal.TestSerializer.Appended;
import triad.storage.journal.TestSerializer.Values;

/**
 * Measures the journal under N persistent actors that each persist one event at a time, as fast
 * as acknowledgements come back (the shape of replicas appending to their logs):
 *
 * <ul>
 *   <li>{@code group}: LevelDbJournal with group commit (group-writes-max 512);
 *   <li>{@code per-write}: LevelDbJournal with group-writes-max 1, one fsync per write call;
 *   <li>{@code pekko-leveldb}: Pekko's own LevelDB journal with fsync = on.
 * </ul>
 *
 * Args: [seconds per run, default 5] [actor counts, default 1,16,64] [variants, default all]
 * [payload bytes, default 200]. Data goes to target/journal-bench, wiped per run.
 */
public final class JournalBenchmark {
  private static final String JOURNAL = "triad.storage.journal";

  private record Result(String variant, int actors, double writesPerSecond, double fsyncsPerSecond, Histogram latencyUs) {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<Integer> actorCounts = Stream.of((args.length > 1 ? args[1] : "1,16,64").split(",")).map(Integer::parseInt).toList();
    List<String> variants = List.of((args.length > 2 ? args[2] : "group,per-write,pekko-leveldb").split(","));
    int payloadBytes = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    run(variants.get(0), actorCounts.get(actorCounts.size() - 1), 2, payloadBytes); // JIT warm-up, not reported
    System.out.printf("%-14s %6s %12s %12s %10s %10s %10s%n", "variant", "actors", "writes/s", "fsyncs/s", "p50 us", "p99 us", "max us");
    for (String variant : variants) {
      for (int actors : actorCounts) {
        Result r = run(variant, actors, seconds, payloadBytes);
        System.out.printf("%-14s %6d %12.0f %12s %10d %10d %10d%n", r.variant(), r.actors(), r.writesPerSecond(),
            r.fsyncsPerSecond() < 0 ? "~writes" : String.format("%.0f", r.fsyncsPerSecond()),
            r.latencyUs().getValueAtPercentile(50), r.latencyUs().getValueAtPercentile(99), r.latencyUs().getMaxValue());
      }
    }
  }

  private static Result run(String variant, int actors, int seconds, int payloadBytes) throws Exception {
    Path dir = Path.of("target", "journal-bench", variant + "-" + actors).toAbsolutePath();
    wipe(dir);
    Files.createDirectories(dir.resolve("pekko")); // Pekko's LevelDB journal does not create its directory
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong writes = new AtomicLong();
    Recorder latency = new Recorder(3);
    String payload = "x".repeat(payloadBytes);
    Encryption encryption = TestEncryption.open(dir.resolve("keys"));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
      for (int i = 0; i < actors; i++) {
        ctx.spawn(Writer.create("bench-" + i, payload, running, writes, latency), "writer-" + i);
      }
      return Behaviors.empty();
    }), "bench", TestEncryption.setup(config(variant, dir), encryption));
    try {
      Thread.sleep(1000); // recovery and warm-up
      long writes0 = writes.get();
      long fsyncs0 = fsyncs(system, variant);
      latency.getIntervalHistogram();
      long t0 = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long elapsedNs = System.nanoTime() - t0;
      long writes1 = writes.get();
      long fsyncs1 = fsyncs(system, variant);
      Histogram h = latency.getIntervalHistogram();
      running.set(false);
      double secs = elapsedNs / 1e9;
      return new Result(variant, actors, (writes1 - writes0) / secs, fsyncs1 < 0 ? -1 : (fsyncs1 - fsyncs0) / secs, h);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      encryption.close();
    }
  }

  /** Group commits so far (each one fsync), or -1 for Pekko's journal, which syncs every write call. */
  private static long fsyncs(ActorSystem<Void> system, String variant) throws Exception {
    if (variant.equals("pekko-leveldb")) {
      return -1;
    }
    var journal = Persistence.get(Adapter.toClassic(system)).journalFor(JOURNAL, ConfigFactory.empty());
    Object stats = Patterns.ask(journal, LevelDbJournal.GetStats.INSTANCE, Duration.ofSeconds(5)).toCompletableFuture().get();
    return ((JournalStore.Stats) stats).groupCommits();
  }

  private static Config config(String variant, Path dir) {
    String journal = switch (variant) {
      case "group" -> "pekko.persistence.journal.plugin = \"" + JOURNAL + "\"\n" + JOURNAL + ".group-writes-max = 512";
      case "per-write" -> "pekko.persistence.journal.plugin = \"" + JOURNAL + "\"\n" + JOURNAL + ".group-writes-max = 1";
      case "pekko-leveldb" -> """
          pekko.persistence.journal.plugin = "pekko.persistence.journal.leveldb"
          pekko.persistence.journal.leveldb.native = on
          pekko.persistence.journal.leveldb.fsync = on
          """;
      default -> throw new IllegalArgumentException("unknown variant " + variant);
    };
    return ConfigFactory.parseString(TestSerializer.CONFIG + journal + """

            pekko.loglevel = WARNING
            pekko.persistence.snapshot-store.plugin = ""
            %s.dir = "%s"
            pekko.persistence.journal.leveldb.dir = "%s"
            """.formatted(JOURNAL, dir.resolve("triad"), dir.resolve("pekko")))
        .withFallback(ConfigFactory.parseResources("storage.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  private static void wipe(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** Persists one event, and on its acknowledgement the next, until told to stop. */
  private static final class Writer extends EventSourcedBehavior<Writer.Tick, Appended, Values> {
    enum Tick {
      INSTANCE
    }

    private final ActorContext<Tick> context;
    private final String payload;
    private final AtomicBoolean running;
    private final AtomicLong writes;
    private final Recorder latency;
    private long startedNs;

    private Writer(ActorContext<Tick> context, String id, String payload, AtomicBoolean running, AtomicLong writes, Recorder latency) {
      super(PersistenceId.ofUniqueId(id), Optional.empty());
      this.context = context;
      this.payload = payload;
      this.running = running;
      this.writes = writes;
      this.latency = latency;
    }

    static Behavior<Tick> create(String id, String payload, AtomicBoolean running, AtomicLong writes, Recorder latency) {
      return Behaviors.setup(ctx -> {
        ctx.getSelf().tell(Tick.INSTANCE);
        return new Writer(ctx, id, payload, running, writes, latency);
      });
    }

    @Override
    public Values emptyState() {
      return new Values(List.of());
    }

    @Override
    public CommandHandler<Tick, Appended, Values> commandHandler() {
      return newCommandHandlerBuilder().forAnyState()
          .onCommand(Tick.class, (state, t) -> {
            startedNs = System.nanoTime();
            return Effect().persist(new Appended(payload)).thenRun(s -> {
              latency.recordValue((System.nanoTime() - startedNs) / 1000);
              writes.incrementAndGet();
              if (running.get()) {
                context.getSelf().tell(Tick.INSTANCE);
              }
            });
          })
          .build();
    }

    @Override
    public EventHandler<Values, Appended> eventHandler() {
      return newEventHandlerBuilder().forAnyState().onEvent(Appended.class, (state, e) -> state).build();
    }
  }
}
