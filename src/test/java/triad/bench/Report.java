package triad.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Sums the rounds of each (server, workload, concurrency) and renders them as a Markdown table
 * with, under the servers' rows, one ratio row per other server against the baseline. Throughput
 * is total ops over total measured time; percentiles come from the merged histogram of all rounds.
 */
final class Report {
  private final BenchOptions options;
  private final List<String> servers;
  private final int baseline;
  private final long ticksPerSecond;
  private final Map<String, Totals[]> rows = new LinkedHashMap<>();
  private List<Long> startupMs;

  /** {@code servers} in the order of their rows; {@code baseline} indexes the one ratios divide by. */
  Report(BenchOptions options, List<String> servers, int baseline, long ticksPerSecond) {
    this.options = options;
    this.servers = servers;
    this.baseline = baseline;
    this.ticksPerSecond = ticksPerSecond;
  }

  /** Median start-up per server, in the order of {@code servers}. */
  void startup(List<Long> medianMs) {
    startupMs = medianMs;
  }

  void add(int server, Workload workload, int concurrency, LoadRun.Sample sample) {
    Totals[] all = rows.computeIfAbsent(workload.operation + "|" + concurrency,
        k -> Stream.generate(Totals::new).limit(servers.size()).toArray(Totals[]::new));
    all[server].add(sample);
  }

  String markdown() {
    String base = servers.get(baseline);
    StringBuilder md = new StringBuilder();
    md.append("# TriadDB benchmark: ").append(String.join(", ", others())).append(" vs ").append(base).append("\n\n");
    md.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores; ")
        .append(options.rounds()).append(" rounds of ").append(options.measureDuration().toMillis() / 1000.0)
        .append(" s per server after ").append(options.warmupDuration().toMillis() / 1000.0).append(" s warm-up (and ")
        .append(options.serverWarmupDuration().toMillis() / 1000.0).append(" s of every workload on each server first); items of ~")
        .append(options.itemBytes()).append(" bytes; server JVM options `").append(String.join(" ", options.jvmOptions()))
        .append("`. Ratio = server / ").append(base)
        .append(": above 1 is better for ops/s, below 1 is better for latency and CPU.\n\n");
    if (startupMs != null) {
      md.append("## Start-up\n\nLaunch of the server's processes to its first successful CreateTable, median of ")
          .append(options.startupLaunches()).append(" launches.\n\n");
      md.append("| Server | Start-up (ms) | ratio |\n|---|---:|---:|\n");
      for (int i = 0; i < servers.size(); i++) {
        md.append("| ").append(servers.get(i)).append(" | ").append(startupMs.get(i)).append(" | ")
            .append(i == baseline ? "" : ratio(startupMs.get(i), startupMs.get(baseline))).append(" |\n");
      }
      md.append("\n");
    }
    md.append("## Throughput, latency, server CPU\n\n");
    md.append("| Operation | Conc. | Server | ops/s | p50 (ms) | p99 (ms) | p99.9 (ms) | Errors | CPU µs/req |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (var e : rows.entrySet()) {
      String[] key = e.getKey().split("\\|");
      Totals[] all = e.getValue();
      for (int i = 0; i < servers.size(); i++) {
        row(md, key[0], key[1], servers.get(i), all[i]);
      }
      Totals b = all[baseline];
      for (int i = 0; i < servers.size(); i++) {
        if (i == baseline) {
          continue;
        }
        Totals c = all[i];
        md.append("| ").append(key[0]).append(" | ").append(key[1]).append(" | **ratio ").append(servers.get(i)).append("** | ")
            .append(ratio(c.opsPerSecond(), b.opsPerSecond())).append(" | ")
            .append(ratio(c.percentileMs(50), b.percentileMs(50))).append(" | ")
            .append(ratio(c.percentileMs(99), b.percentileMs(99))).append(" | ")
            .append(ratio(c.percentileMs(99.9), b.percentileMs(99.9))).append(" | | ")
            .append(ratio(c.cpuMicrosPerRequest(ticksPerSecond), b.cpuMicrosPerRequest(ticksPerSecond))).append(" |\n");
      }
    }
    md.append("\nCPU µs/req is the user+system CPU time of the server's processes (all nodes of a cluster) during the measured runs "
        + "(from /proc, ").append(1000 / ticksPerSecond).append(" ms resolution per process and run) divided by the requests answered.\n");
    return md.toString();
  }

  private List<String> others() {
    return servers.stream().filter(s -> !s.equals(servers.get(baseline))).toList();
  }

  private void row(StringBuilder md, String operation, String concurrency, String server, Totals t) {
    md.append("| ").append(operation).append(" | ").append(concurrency).append(" | ").append(server).append(" | ")
        .append(String.format("%.0f", t.opsPerSecond())).append(" | ")
        .append(String.format("%.2f", t.percentileMs(50))).append(" | ")
        .append(String.format("%.2f", t.percentileMs(99))).append(" | ")
        .append(String.format("%.2f", t.percentileMs(99.9))).append(" | ")
        .append(t.errors).append(" | ")
        .append(String.format("%.0f", t.cpuMicrosPerRequest(ticksPerSecond))).append(" |\n");
  }

  private static String ratio(double a, double b) {
    return b == 0 ? "n/a" : String.format("%.2f", a / b);
  }

  private static final class Totals {
    long ops;
    long errors;
    long elapsedNanos;
    long cpuTicks;
    final Histogram latencyUs = new Histogram(LoadRun.LATENCY_US_MAX, 3);

    void add(LoadRun.Sample s) {
      ops += s.ops();
      errors += s.errors();
      elapsedNanos += s.elapsedNanos();
      cpuTicks += s.cpuTicks();
      latencyUs.add(s.latencyUs());
    }

    double opsPerSecond() {
      return elapsedNanos == 0 ? 0 : ops * 1e9 / elapsedNanos;
    }

    double percentileMs(double p) {
      return latencyUs.getTotalCount() == 0 ? 0 : latencyUs.getValueAtPercentile(p) / 1000.0;
    }

    double cpuMicrosPerRequest(long ticksPerSecond) {
      return ops == 0 ? 0 : cpuTicks * 1e6 / ticksPerSecond / ops;
    }
  }
}
