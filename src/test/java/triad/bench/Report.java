package triad.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Sums the rounds of each (server, workload, concurrency) and renders them as a Markdown table
 * with the candidate/baseline ratio under each pair. Throughput is total ops over total measured
 * time; percentiles come from the merged histogram of all rounds.
 */
final class Report {
  private final BenchOptions options;
  private final String candidate;
  private final String baseline;
  private final long ticksPerSecond;
  private final Map<String, Totals[]> rows = new LinkedHashMap<>();
  private long startupMsCandidate = -1;
  private long startupMsBaseline = -1;

  Report(BenchOptions options, String candidate, String baseline, long ticksPerSecond) {
    this.options = options;
    this.candidate = candidate;
    this.baseline = baseline;
    this.ticksPerSecond = ticksPerSecond;
  }

  void startup(long candidateMs, long baselineMs) {
    startupMsCandidate = candidateMs;
    startupMsBaseline = baselineMs;
  }

  void add(boolean isCandidate, Workload workload, int concurrency, LoadRun.Sample sample) {
    Totals[] pair = rows.computeIfAbsent(workload.operation + "|" + concurrency, k -> new Totals[] {new Totals(), new Totals()});
    pair[isCandidate ? 0 : 1].add(sample);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# TriadDB benchmark: ").append(candidate).append(" vs ").append(baseline).append("\n\n");
    md.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores; ")
        .append(options.rounds()).append(" rounds of ").append(options.measureDuration().toMillis() / 1000.0)
        .append(" s per server after ").append(options.warmupDuration().toMillis() / 1000.0).append(" s warm-up; items of ~")
        .append(options.itemBytes()).append(" bytes; server JVM options `").append(String.join(" ", options.jvmOptions()))
        .append("`. Ratio = ").append(candidate).append(" / ").append(baseline)
        .append(": above 1 is better for ops/s, below 1 is better for latency and CPU.\n\n");
    if (startupMsCandidate >= 0) {
      md.append("## Start-up\n\nLaunch of the process to its first successful ListTables, median of ")
          .append(options.startupLaunches()).append(" launches.\n\n");
      md.append("| Server | Start-up (ms) |\n|---|---:|\n");
      md.append("| ").append(candidate).append(" | ").append(startupMsCandidate).append(" |\n");
      md.append("| ").append(baseline).append(" | ").append(startupMsBaseline).append(" |\n");
      md.append("| ratio | ").append(ratio(startupMsCandidate, startupMsBaseline)).append(" |\n\n");
    }
    md.append("## Throughput, latency, server CPU\n\n");
    md.append("| Operation | Conc. | Server | ops/s | p50 (ms) | p99 (ms) | p99.9 (ms) | Errors | CPU µs/req |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (var e : rows.entrySet()) {
      String[] key = e.getKey().split("\\|");
      Totals c = e.getValue()[0];
      Totals b = e.getValue()[1];
      row(md, key[0], key[1], candidate, c);
      row(md, key[0], key[1], baseline, b);
      md.append("| ").append(key[0]).append(" | ").append(key[1]).append(" | **ratio** | ")
          .append(ratio(c.opsPerSecond(), b.opsPerSecond())).append(" | ")
          .append(ratio(c.percentileMs(50), b.percentileMs(50))).append(" | ")
          .append(ratio(c.percentileMs(99), b.percentileMs(99))).append(" | ")
          .append(ratio(c.percentileMs(99.9), b.percentileMs(99.9))).append(" | | ")
          .append(ratio(c.cpuMicrosPerRequest(ticksPerSecond), b.cpuMicrosPerRequest(ticksPerSecond))).append(" |\n");
    }
    md.append("\nCPU µs/req is the server process's user+system CPU time during the measured runs (from /proc, ")
        .append(1000 / ticksPerSecond).append(" ms resolution per run) divided by the requests it answered.\n");
    return md.toString();
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
