package triad.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import triad.testkit.Clients;

/**
 * TriadDB against DynamoDB Local, in one run on one machine: start-up time, then PutItem, GetItem
 * and Query at each concurrency. Both servers run side by side; for every (workload, concurrency)
 * the pair of measurements is repeated {@code rounds} times with the order alternating (A B, B A,
 * ...) so that drift in machine load falls on both alike. See docs/benchmark.md.
 */
public final class Benchmark {
  private final BenchOptions options;
  private final long ticksPerSecond = LoadRun.ticksPerSecond();

  private Benchmark(BenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    // The SDK's URLConnection client keeps at most http.maxConnections idle connections per host
    // (default 5); below the concurrency, most requests would open a new connection.
    System.setProperty("http.maxConnections", Integer.toString(2 * options.concurrencyMax()));
    new Benchmark(options).run();
  }

  private void run() throws Exception {
    BenchServer.Launcher candidate = options.candidateIsDynamoDbLocal()
        ? BenchServer.dynamoDbLocal("DynamoDB Local (B)", options.jvmOptions())
        : BenchServer.triad(options.jvmOptions());
    BenchServer.Launcher baseline = BenchServer.dynamoDbLocal("DynamoDB Local", options.jvmOptions());
    Path work = options.outDir().resolve("work");
    deleteRecursively(work);
    Report report = new Report(options, candidate.name(), baseline.name(), ticksPerSecond);

    if (options.startupLaunches() > 0) {
      List<Long> a = new ArrayList<>();
      List<Long> b = new ArrayList<>();
      for (int i = 0; i < options.startupLaunches(); i++) {
        a.add(startupMillis(candidate, work.resolve("startup-a-" + i)));
        b.add(startupMillis(baseline, work.resolve("startup-b-" + i)));
      }
      report.startup(median(a), median(b));
      System.out.printf("start-up to first ListTables (median of %d): %s %d ms, %s %d ms%n",
          options.startupLaunches(), candidate.name(), median(a), baseline.name(), median(b));
    }

    try (BenchServer a = candidate.launch(work.resolve("a"));
         BenchServer b = baseline.launch(work.resolve("b"));
         DynamoDbClient clientA = Clients.withoutRetries(a.endpoint());
         DynamoDbClient clientB = Clients.withoutRetries(b.endpoint())) {
      String payload = Workload.payload(options.itemBytes());
      for (var side : List.of(Map.entry(a, clientA), Map.entry(b, clientB))) {
        preload(side.getValue(), payload);
        System.out.println("preloaded " + side.getKey().name());
      }
      for (Workload w : options.workloads()) {
        for (int concurrency : options.concurrencies()) {
          for (int round = 0; round < options.rounds(); round++) {
            boolean candidateFirst = round % 2 == 0;
            for (int k = 0; k < 2; k++) {
              boolean isCandidate = (k == 0) == candidateFirst;
              BenchServer server = isCandidate ? a : b;
              DynamoDbClient client = isCandidate ? clientA : clientB;
              LoadRun.run(client, w, payload, concurrency, options.warmupDuration(), server.pid());
              LoadRun.Sample s = LoadRun.run(client, w, payload, concurrency, options.measureDuration(), server.pid());
              report.add(isCandidate, w, concurrency, s);
              System.out.printf("round %d %-20s %-8s c=%-3d %9.0f ops/s  p99 %7.2f ms  errors %d%s%n", round + 1,
                  server.name(), w.operation, concurrency, s.ops() * 1e9 / s.elapsedNanos(),
                  s.latencyUs().getValueAtPercentile(99) / 1000.0, s.errors(),
                  s.firstError() == null ? "" : "  first error: " + s.firstError());
            }
          }
        }
      }
    }
    String markdown = report.markdown();
    System.out.println();
    System.out.println(markdown);
    Files.createDirectories(options.outDir());
    Path out = options.outDir().resolve("results.md");
    Files.writeString(out, markdown);
    System.out.println("written to " + out);
  }

  /** Launch to the first successful ListTables, in milliseconds; the server is stopped after. */
  private static long startupMillis(BenchServer.Launcher launcher, Path dir) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    try (BenchServer server = launcher.launch(dir); DynamoDbClient client = Clients.withoutRetries(server.endpoint())) {
      while (true) {
        try {
          client.listTables();
          return (System.nanoTime() - t0) / 1_000_000;
        } catch (RuntimeException e) {
          if (System.nanoTime() - t0 > Duration.ofSeconds(60).toNanos()) {
            throw new IllegalStateException(launcher.name() + " answered HTTP but not ListTables within 60 s", e);
          }
          Thread.sleep(10);
        }
      }
    }
  }

  private void preload(DynamoDbClient client, String payload) throws Exception {
    Workload.createTable(client);
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrencyMax());
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (Workload w : options.workloads()) {
        for (int i = 0; i < w.preloadCount(); i++) {
          int n = i;
          writes.add(pool.submit(() -> w.preload(client, n, payload)));
        }
      }
      for (Future<?> f : writes) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
