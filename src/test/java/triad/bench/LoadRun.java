package triad.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A closed loop: {@code concurrency} threads each send one request, wait for the answer, and send
 * the next, for a fixed time. Thread i uses client i modulo the clients (one per endpoint of a
 * cluster), so the load spreads evenly over a cluster's nodes. Latency goes into per-thread
 * histograms merged at the end, so the threads share nothing while they run.
 */
final class LoadRun {
  /** Latencies are recorded in microseconds, up to a minute, to three significant digits. */
  static final long LATENCY_US_MAX = TimeUnit.MINUTES.toMicros(1);

  private LoadRun() {}

  /** What one measured run produced; {@code cpuTicks} is the server processes' utime+stime over the run. */
  record Sample(long ops, long errors, long elapsedNanos, Histogram latencyUs, long cpuTicks, String firstError) {}

  static Sample run(List<DynamoDbClient> clients, Workload workload, String payload, int concurrency, Duration duration,
      List<Long> serverPids) throws InterruptedException {
    long cpuBefore = cpuTicks(serverPids);
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Worker> workers = new ArrayList<>();
    AtomicReference<String> firstError = new AtomicReference<>();
    for (int i = 0; i < concurrency; i++) {
      Worker w = new Worker(clients.get(i % clients.size()), workload, payload, deadline, firstError);
      w.thread.start();
      workers.add(w);
    }
    Histogram latency = new Histogram(LATENCY_US_MAX, 3);
    long ops = 0;
    long errors = 0;
    for (Worker w : workers) {
      w.thread.join();
      latency.add(w.latencyUs);
      ops += w.ops;
      errors += w.errors;
    }
    long elapsed = System.nanoTime() - start;
    long cpuAfter = cpuTicks(serverPids);
    return new Sample(ops, errors, elapsed, latency, cpuAfter - cpuBefore, firstError.get());
  }

  /** The sum over the processes: a cluster's requests cost CPU on every node. */
  private static long cpuTicks(List<Long> pids) {
    return pids.stream().mapToLong(LoadRun::cpuTicks).sum();
  }

  /** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of process " + pid + " (Linux /proc needed)", e);
    }
  }

  /** Clock ticks per second of /proc times (`getconf CLK_TCK`); 100 on every Linux we know. */
  static long ticksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? Long.parseLong(out) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }

  private static final class Worker implements Runnable {
    final Thread thread;
    final Histogram latencyUs = new Histogram(LATENCY_US_MAX, 3);
    private final DynamoDbClient client;
    private final Workload workload;
    private final String payload;
    private final long deadline;
    private final AtomicReference<String> firstError;
    long ops;
    long errors;

    Worker(DynamoDbClient client, Workload workload, String payload, long deadline, AtomicReference<String> firstError) {
      this.client = client;
      this.workload = workload;
      this.payload = payload;
      this.deadline = deadline;
      this.firstError = firstError;
      this.thread = new Thread(this, "bench-" + workload.name().toLowerCase());
    }

    @Override
    public void run() {
      long now = System.nanoTime();
      while (now < deadline) {
        long begin = now;
        try {
          workload.run(client, payload);
          now = System.nanoTime();
          latencyUs.recordValue(Math.min(LATENCY_US_MAX, (now - begin) / 1_000));
          ops++;
        } catch (RuntimeException e) {
          now = System.nanoTime();
          errors++;
          firstError.compareAndSet(null, e.toString());
        }
      }
    }
  }
}
