package triad.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import triad.testkit.Clients;

/**
 * TriadDB (one node, a three-node cluster, or both) against DynamoDB Local, in one run on one
 * machine: start-up time, then PutItem, GetItem and Query at each concurrency. All servers run side
 * by side; for every (workload, concurrency) the set of measurements is repeated {@code rounds}
 * times with the order reversed every other round (A B C, C B A, ...) so that drift in machine
 * load falls on all alike. See docs/benchmark.md.
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

  private BenchServer.Launcher launcher(BenchServer.Kind kind) {
    List<String> jvm = options.jvmOptions();
    return switch (kind) {
      case TRIAD -> options.candidateIsDynamoDbLocal()
          ? BenchServer.dynamoDbLocal("DynamoDB Local (B)", jvm)
          : BenchServer.triad(jvm);
      case CLUSTER -> BenchServer.cluster(jvm);
      case LOCAL -> BenchServer.dynamoDbLocal("DynamoDB Local", jvm);
    };
  }

  private void run() throws Exception {
    List<BenchServer.Launcher> launchers = options.servers().stream().map(this::launcher).toList();
    int n = launchers.size();
    // Absolute, because the nodes' configs name their data directories.
    Path work = options.outDir().resolve("work").toAbsolutePath();
    deleteRecursively(work);
    Report report = new Report(options, launchers.stream().map(BenchServer.Launcher::name).toList(),
        options.servers().indexOf(BenchServer.Kind.LOCAL), ticksPerSecond);

    if (options.startupLaunches() > 0) {
      List<List<Long>> times = IntStream.range(0, n).mapToObj(k -> (List<Long>) new ArrayList<Long>()).toList();
      for (int i = 0; i < options.startupLaunches(); i++) {
        for (int k : order(n, i)) {
          BenchServer.Launcher l = launchers.get(k);
          times.get(k).add(startupMillis(l, work.resolve("startup-" + l.directoryName() + "-" + i)));
        }
      }
      List<Long> medians = times.stream().map(Benchmark::median).toList();
      report.startup(medians);
      for (int k = 0; k < n; k++) {
        System.out.printf("start-up to first CreateTable (median of %d): %s %d ms%n",
            options.startupLaunches(), launchers.get(k).name(), medians.get(k));
      }
    }

    List<BenchServer> servers = new ArrayList<>();
    List<List<DynamoDbClient>> clients = new ArrayList<>();
    try {
      for (BenchServer.Launcher l : launchers) {
        BenchServer server = l.launch(work.resolve(l.directoryName()));
        servers.add(server);
        clients.add(server.endpoints().stream().map(Clients::withoutRetries).toList());
      }
      String payload = Workload.payload(options.itemBytes());
      for (int k = 0; k < n; k++) {
        preload(servers.get(k), payload);
        System.out.println("preloaded " + servers.get(k).name());
      }
      serverWarmup(servers, clients, payload);
      for (Workload w : options.workloads()) {
        for (int concurrency : options.concurrencies()) {
          for (int round = 0; round < options.rounds(); round++) {
            for (int k : order(n, round)) {
              BenchServer server = servers.get(k);
              LoadRun.run(clients.get(k), w, payload, concurrency, options.warmupDuration(), server.pids());
              LoadRun.Sample s = LoadRun.run(clients.get(k), w, payload, concurrency, options.measureDuration(), server.pids());
              report.add(k, w, concurrency, s);
              System.out.printf("round %d %-22s %-14s c=%-3d %9.0f ops/s  p99 %7.2f ms  errors %d%s%n", round + 1,
                  server.name(), w.operation, concurrency, s.ops() * 1e9 / s.elapsedNanos(),
                  s.latencyUs().getValueAtPercentile(99) / 1000.0, s.errors(),
                  s.firstError() == null ? "" : "  first error: " + s.firstError());
            }
          }
        }
      }
    } finally {
      clients.forEach(cs -> cs.forEach(DynamoDbClient::close));
      servers.forEach(BenchServer::close);
    }
    String markdown = report.markdown();
    System.out.println();
    System.out.println(markdown);
    Files.createDirectories(options.outDir());
    Path out = options.outDir().resolve("results.md");
    Files.writeString(out, markdown);
    System.out.println("written to " + out);
  }

  /**
   * Every workload once on every server at the highest concurrency, for --server-warmup in all,
   * unmeasured: the JIT compiles each server's paths before the first measured run.
   */
  private void serverWarmup(List<BenchServer> servers, List<List<DynamoDbClient>> clients, String payload) throws InterruptedException {
    if (options.serverWarmupDuration().isZero()) {
      return;
    }
    Duration each = options.serverWarmupDuration().dividedBy(options.workloads().size());
    for (int k = 0; k < servers.size(); k++) {
      for (Workload w : options.workloads()) {
        LoadRun.run(clients.get(k), w, payload, options.concurrencyMax(), each, servers.get(k).pids());
      }
      System.out.println("warmed up " + servers.get(k).name());
    }
  }

  /** The servers' order in round {@code round}: as listed, reversed every other round. */
  private static List<Integer> order(int servers, int round) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, servers).boxed().toList());
    if (round % 2 == 1) {
      Collections.reverse(order);
    }
    return order;
  }

  /**
   * Launch to the first successful CreateTable, in milliseconds; the server is stopped after. A
   * cluster creates a table only once a node of every zone has joined, so this covers all three.
   */
  private static long startupMillis(BenchServer.Launcher launcher, Path dir) throws Exception {
    long t0 = System.nanoTime();
    try (BenchServer server = launcher.launch(dir); DynamoDbClient client = Clients.withoutRetries(server.endpoints().get(0))) {
      while (true) {
        try {
          Workload.requestTable(client);
          return (System.nanoTime() - t0) / 1_000_000;
        } catch (RuntimeException e) {
          if (System.nanoTime() - t0 > Duration.ofSeconds(60).toNanos()) {
            throw new IllegalStateException(launcher.name() + " answered HTTP but created no table within 60 s", e);
          }
          Thread.sleep(10);
        }
      }
    }
  }

  /**
   * Creates the table and writes the items the workloads read, spread over the server's endpoints.
   * Unlike the measured requests, these are retried as an application retries them: a cluster whose
   * partitions were just created may answer ServiceUnavailable while their leaders are elected.
   */
  private void preload(BenchServer server, String payload) throws Exception {
    List<DynamoDbClient> clients = server.endpoints().stream().map(Clients::dynamo).toList();
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrencyMax());
    try {
      Workload.createTable(clients.get(0));
      List<Future<?>> writes = new ArrayList<>();
      for (Workload w : options.workloads().stream().map(Workload::dataSet).distinct().toList()) {
        for (int i = 0; i < w.preloadCount(); i++) {
          int n = i;
          writes.add(pool.submit(() -> w.preload(clients.get(n % clients.size()), n, payload)));
        }
      }
      for (Future<?> f : writes) {
        f.get();
      }
    } finally {
      pool.shutdown();
      clients.forEach(DynamoDbClient::close);
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
