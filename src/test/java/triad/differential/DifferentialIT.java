package triad.differential;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import triad.testkit.DynamoDbLocalProcess;
import triad.testkit.NodeProcess;

/**
 * TriadDB answers generated requests, valid and invalid, as DynamoDB Local does. Each case comes
 * from one seed (see {@link CaseGenerator}); a mismatch reports the seed, the request and both
 * answers. Properties:
 * <ul>
 *   <li>{@code -Dtriad.diff.seed=N} runs case N alone (to rerun a failure);
 *   <li>{@code -Dtriad.diff.cases=N} runs cases firstSeed..firstSeed+N-1 (default 300, about nine
 *       thousand requests);
 *   <li>{@code -Dtriad.diff.firstSeed=N} shifts the seeds to explore other cases (default 1);
 *   <li>{@code -Dtriad.diff.candidate=dynamodb-local} compares DynamoDB Local with itself, which
 *       must show no difference: the check of the harness.
 * </ul>
 * The full report, with the requests of each failing case up to its mismatch, goes to
 * target/differential/report.md.
 */
@Tag("slow")
class DifferentialIT {
  private static final int MISMATCHES_IN_MESSAGE = 3;

  @TempDir
  Path dir;

  @Test
  void answersLikeDynamoDbLocal() throws Exception {
    long only = Long.getLong("triad.diff.seed", 0);
    long first = only != 0 ? only : Long.getLong("triad.diff.firstSeed", 1);
    int cases = only != 0 ? 1 : Integer.getInteger("triad.diff.cases", 300);
    boolean selfCheck = "dynamodb-local".equals(System.getProperty("triad.diff.candidate", "triad"));

    List<DifferentialRun.Mismatch> mismatches = new ArrayList<>();
    long[] requests = new long[1];
    int failingCases = 0;
    long started = System.nanoTime();
    try (DynamoDbLocalProcess baseline = DynamoDbLocalProcess.start(dir.resolve("dynamodb-local.log"));
         AutoCloseable candidate = selfCheck
             ? DynamoDbLocalProcess.start(dir.resolve("dynamodb-local-b.log"))
             : NodeProcess.singleNode(dir, "").start();
         Wire wire = new Wire()) {
      URI candidateEndpoint = candidate instanceof NodeProcess n ? n.endpoint() : ((DynamoDbLocalProcess) candidate).endpoint();
      DifferentialRun run = new DifferentialRun(wire, candidateEndpoint, baseline.endpoint());
      for (long seed = first; seed < first + cases; seed++) {
        List<DifferentialRun.Mismatch> found = run.run(CaseGenerator.generate(seed), requests);
        mismatches.addAll(found);
        failingCases += found.isEmpty() ? 0 : 1;
      }
    }
    String summary = String.format("%d cases (seeds %d..%d), %d requests to each server in %.0f s, %d mismatches in %d cases",
        cases, first, first + cases - 1, requests[0], (System.nanoTime() - started) / 1e9, mismatches.size(), failingCases);
    Path report = writeReport(summary, mismatches, selfCheck);
    System.out.println(summary + "; report: " + report);
    if (!mismatches.isEmpty()) {
      StringBuilder msg = new StringBuilder(summary).append("\n\n").append(groups(mismatches)).append('\n');
      for (DifferentialRun.Mismatch m : mismatches.subList(0, Math.min(MISMATCHES_IN_MESSAGE, mismatches.size()))) {
        msg.append(describe(m, false)).append('\n');
      }
      msg.append("Full report: ").append(report);
      fail(msg.toString());
    }
  }

  /** Mismatches grouped by operation and what differed, so one bug shows as one line. */
  private static String groups(List<DifferentialRun.Mismatch> mismatches) {
    Map<String, List<Long>> groups = new LinkedHashMap<>();
    for (DifferentialRun.Mismatch m : mismatches) {
      String kind = m.difference().equals(Compare.MESSAGE_DIFFERS)
          ? "message \"" + shortened(m.baseline().errorMessage()) + "\""
          : m.difference().replaceAll("\\[\\d+]", "[]").replaceAll(": .*", "");
      groups.computeIfAbsent(m.target() + " | " + kind + " | " + m.baseline().status() + " " + m.baseline().errorType(),
          k -> new ArrayList<>()).add(m.seed());
    }
    StringBuilder sb = new StringBuilder("| operation | difference | DynamoDB Local's answer | seeds |\n|---|---|---|---|\n");
    groups.forEach((k, seeds) -> sb.append("| ").append(k).append(" | ")
        .append(seeds.subList(0, Math.min(10, seeds.size()))).append(seeds.size() > 10 ? " (" + seeds.size() + ")" : "").append(" |\n"));
    return sb.toString();
  }

  /** A message without its variable parts, so that one wording makes one group. */
  private static String shortened(String message) {
    String m = String.valueOf(message).replaceAll("'[^']*'|\\{[^}]*}|\\[[^]]*]", "…");
    return m.length() <= 70 ? m : m.substring(0, 70) + "…";
  }

  private static String describe(DifferentialRun.Mismatch m, boolean withTranscript) {
    StringBuilder sb = new StringBuilder();
    sb.append("### seed ").append(m.seed()).append(", step ").append(m.step()).append(": ").append(m.target()).append("\n\n");
    sb.append("Difference: ").append(m.difference()).append("\n\n");
    sb.append("Request:\n```\n").append(DifferentialRun.abbreviate(m.request())).append("\n```\n");
    sb.append("TriadDB (candidate), HTTP ").append(m.candidate().status()).append(":\n```\n")
        .append(DifferentialRun.abbreviate(m.candidate().body())).append("\n```\n");
    sb.append("DynamoDB Local (baseline), HTTP ").append(m.baseline().status()).append(":\n```\n")
        .append(DifferentialRun.abbreviate(m.baseline().body())).append("\n```\n");
    if (withTranscript) {
      sb.append("Requests of the case up to here:\n```\n").append(String.join("\n", m.transcript())).append("\n```\n");
    }
    sb.append("Rerun: `mvn -B verify -Dit.test=DifferentialIT -Dtriad.diff.seed=").append(m.seed()).append("`\n");
    return sb.toString();
  }

  private static Path writeReport(String summary, List<DifferentialRun.Mismatch> mismatches, boolean selfCheck) throws Exception {
    Path out = Path.of(System.getProperty("triad.test.build.dir", "target"), "differential", "report.md");
    Files.createDirectories(out.getParent());
    StringBuilder sb = new StringBuilder("# Differential test: ")
        .append(selfCheck ? "DynamoDB Local vs DynamoDB Local" : "TriadDB vs DynamoDB Local").append("\n\n")
        .append(summary).append("\n\n");
    if (!mismatches.isEmpty()) {
      sb.append(groups(mismatches)).append('\n');
      for (DifferentialRun.Mismatch m : mismatches) {
        sb.append(describe(m, true)).append('\n');
      }
    }
    Files.writeString(out, sb.toString());
    return out;
  }
}
