package triad.replication.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link Simulation} over many seeds. {@code -Dtriad.sim.seeds=N} runs seeds 1..N (default
 * {@value #DEFAULT_SEEDS} per group size); {@code -Dtriad.sim.seed=S} runs seed S alone. A failure
 * names its seed and the command that replays it.
 */
class ReplicationSimulationTest {
  private static final int DEFAULT_SEEDS = 2000;

  @Test
  void threeZones() throws Exception {
    runSeeds(3, "threeZones");
  }

  @Test
  void fiveZones() throws Exception {
    runSeeds(5, "fiveZones");
  }

  /** The checks have teeth: with the drift bound understated, seeds must catch two leases at once. */
  @Test
  void anUnderstatedDriftBoundIsCaught() {
    int caught = 0;
    long seed = 0;
    while (caught < 3 && seed < 1000) {
      seed++;
      try {
        new Simulation(seed, 3, true).run();
      } catch (AssertionError e) {
        assertTrue(e.getMessage().contains("two leases at once") || e.getMessage().contains("not linearizable")
            || e.getMessage().contains("without acknowledged write"), e.getMessage());
        caught++;
      }
    }
    System.out.printf("an understated drift bound: %d violations caught in %d seeds%n", caught, seed);
    assertTrue(caught == 3, "overlapping leases with an understated drift bound went unnoticed");
  }

  private static void runSeeds(int members, String method) throws Exception {
    List<Long> seeds = new ArrayList<>();
    String one = System.getProperty("triad.sim.seed");
    if (one != null) {
      seeds.add(Long.parseLong(one));
    } else {
      long count = Long.getLong("triad.sim.seeds", DEFAULT_SEEDS);
      for (long s = 1; s <= count; s++) {
        seeds.add(s);
      }
    }
    long started = System.nanoTime();
    // Seeds are independent and each is deterministic on its own, so two threads change nothing but time.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Simulation.Stats> stats = new ArrayList<>();
    try {
      List<Future<Simulation.Stats>> runs = new ArrayList<>();
      for (long seed : seeds) {
        runs.add(pool.submit(() -> new Simulation(seed, members).run()));
      }
      for (int i = 0; i < runs.size(); i++) {
        try {
          stats.add(runs.get(i).get());
        } catch (ExecutionException e) {
          throw new AssertionError(e.getCause().getMessage() + "\nRerun: mvn -o -q test -Dtest='ReplicationSimulationTest#" + method
              + "' -Dtriad.sim.seed=" + seeds.get(i), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    LongSummaryStatistics heal = stats.stream().mapToLong(Simulation.Stats::healTicks).summaryStatistics();
    double slack = stats.stream().mapToDouble(s -> (double) s.healTicks() / s.healBoundTicks()).max().orElse(0);
    System.out.printf("%d zones: %d seeds in %d ms; ticks to recover after healing avg %.1f max %d (max %.0f%% of bound);"
        + " %d messages, %d crashes, %d nodes lost, %d replicas returned, %d snapshot installs, %d promotions, %d entries applied,"
        + " %d lease reads, %d acknowledged writes, %d operations checked linearizable, highest term %d%n",
        members, seeds.size(), millis, heal.getAverage(), heal.getMax(), 100 * slack,
        stats.stream().mapToLong(Simulation.Stats::delivered).sum(), stats.stream().mapToInt(Simulation.Stats::crashes).sum(),
        stats.stream().mapToInt(Simulation.Stats::nodesLost).sum(), stats.stream().mapToInt(Simulation.Stats::replicasReturned).sum(),
        stats.stream().mapToInt(Simulation.Stats::snapshots).sum(), stats.stream().mapToInt(Simulation.Stats::promotions).sum(),
        stats.stream().mapToLong(Simulation.Stats::applied).sum(), stats.stream().mapToLong(Simulation.Stats::leaseReads).sum(),
        stats.stream().mapToLong(Simulation.Stats::ackedWrites).sum(), stats.stream().mapToLong(Simulation.Stats::checkedOps).sum(),
        stats.stream().mapToLong(Simulation.Stats::maxTerm).max().orElse(0));
  }
}
