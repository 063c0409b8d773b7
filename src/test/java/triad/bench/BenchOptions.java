package triad.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's command line, read once. Every option has a default that gives a complete run
 * of a few minutes on a two-core machine.
 */
record BenchOptions(
    Duration measureDuration,
    Duration warmupDuration,
    Duration serverWarmupDuration,
    int rounds,
    List<BenchServer.Kind> servers,
    List<Workload> workloads,
    List<Integer> concurrencies,
    int itemBytes,
    int startupLaunches,
    boolean candidateIsDynamoDbLocal,
    List<String> jvmOptions,
    Path outDir) {

  static final String USAGE = """
      usage: bin/bench [options]
        --duration=10s          measured time of one (server, workload, concurrency) run
        --warmup=3s             unmeasured load before each measured run
        --server-warmup=30s     unmeasured load on each server once, before any measurement: its JIT warm-up
        --rounds=3              times each set of runs is repeated (the server order reverses every other round)
        --servers=triad,local   any of triad (one node), cluster (3 nodes), local (DynamoDB Local, required)
        --workloads=put,get,query   any of put, get, get-strong, query
        --concurrency=16,64     closed-loop client threads
        --item-bytes=100        approximate item size
        --startups=3            launches per server for the start-up time (0 skips it)
        --candidate=triad       or dynamodb-local: a second DynamoDB Local in triad's place, the noise floor
        --jvm-opts="-Xms256m -Xmx2g -XX:+UseParallelGC"   JVM options of every server process
        --out=target/bench      where results.md goes""";

  static BenchOptions parse(String[] args) {
    Duration duration = Duration.ofSeconds(10);
    Duration warmup = Duration.ofSeconds(3);
    // A server JVM compiles its hot paths only after thousands of requests; at a cluster's write
    // rate a few seconds leave much of it interpreted, which measured 3x its warm cost per write.
    Duration serverWarmup = Duration.ofSeconds(30);
    int rounds = 3;
    List<BenchServer.Kind> servers = List.of(BenchServer.Kind.TRIAD, BenchServer.Kind.LOCAL);
    // get-strong only by name, so that the default run keeps its length.
    List<Workload> workloads = List.of(Workload.PUT, Workload.GET, Workload.QUERY);
    List<Integer> concurrencies = List.of(16, 64);
    int itemBytes = 100;
    int startups = 3;
    boolean selfCheck = false;
    // bin/triad's default heap and collector, so TriadDB runs as it would in production.
    List<String> jvmOptions = List.of("-Xms256m", "-Xmx2g", "-XX:+UseParallelGC");
    Path out = Path.of("target", "bench");
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("bad argument " + arg + "\n" + USAGE);
      }
      String value = arg.substring(eq + 1);
      switch (arg.substring(2, eq)) {
        case "duration" -> duration = duration(value);
        case "warmup" -> warmup = duration(value);
        case "server-warmup" -> serverWarmup = duration(value);
        case "rounds" -> rounds = positive(arg, Integer.parseInt(value));
        case "servers" -> servers = Arrays.stream(value.split(",")).map(BenchServer.Kind::named).toList();
        case "workloads" -> workloads = Arrays.stream(value.split(",")).map(Workload::named).toList();
        case "concurrency" -> concurrencies = Arrays.stream(value.split(",")).map(v -> positive(arg, Integer.parseInt(v))).toList();
        case "item-bytes" -> itemBytes = positive(arg, Integer.parseInt(value));
        case "startups" -> startups = Integer.parseInt(value);
        case "candidate" -> selfCheck = switch (value) {
          case "triad" -> false;
          case "dynamodb-local" -> true;
          default -> throw new IllegalArgumentException("--candidate is triad or dynamodb-local\n" + USAGE);
        };
        case "jvm-opts" -> jvmOptions = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
        case "out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
      }
    }
    if (!servers.contains(BenchServer.Kind.LOCAL) || servers.size() < 2 || servers.size() != servers.stream().distinct().count()) {
      throw new IllegalArgumentException("--servers lists local (the baseline of the ratios) and at least one of triad, cluster, "
          + "each once");
    }
    if (selfCheck && !servers.contains(BenchServer.Kind.TRIAD)) {
      throw new IllegalArgumentException("--candidate=dynamodb-local takes triad's place, so --servers must list triad");
    }
    if (itemBytes > 300_000) {
      throw new IllegalArgumentException("--item-bytes must stay well under DynamoDB's 400 KB item limit");
    }
    return new BenchOptions(duration, warmup, serverWarmup, rounds, servers, workloads, concurrencies, itemBytes, startups, selfCheck,
        new ArrayList<>(jvmOptions), out);
  }

  /** "10s", "500ms" or "2m". */
  private static Duration duration(String v) {
    if (v.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
    }
    long n = Long.parseLong(v.substring(0, v.length() - 1));
    return switch (v.charAt(v.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      default -> throw new IllegalArgumentException("durations look like 10s, 500ms or 2m: " + v);
    };
  }

  private static int positive(String arg, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(arg + " must be positive");
    }
    return v;
  }

  int concurrencyMax() {
    return concurrencies.stream().mapToInt(Integer::intValue).max().orElse(1);
  }
}
