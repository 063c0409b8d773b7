package triad.differential;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import triad.differential.Case.Step;

/**
 * Sends each request of a case to the candidate (TriadDB) and to the baseline (DynamoDB Local)
 * and compares the answers. Like an SDK waiter, it waits for a created table to be ACTIVE and a
 * deleted one to be gone before going on.
 */
final class DifferentialRun {
  private static final int PAGES_MAX = 200;
  private static final long TABLE_WAIT_MS = 30_000;

  private final Wire wire;
  private final URI candidate;
  private final URI baseline;

  DifferentialRun(Wire wire, URI candidate, URI baseline) {
    this.wire = wire;
    this.candidate = candidate;
    this.baseline = baseline;
  }

  /** What differed: the request, both answers, and the requests of the case up to it. */
  record Mismatch(long seed, int step, String target, String request, Wire.Response candidate,
      Wire.Response baseline, String difference, List<String> transcript) {}

  /**
   * The mismatches of the case, in order. After a mismatch the case goes on only while both
   * servers surely still hold the same data: the request was a read, both rejected it, or only
   * the consumed capacity differed. A write that one server applied differently ends the case.
   * Counts the requests sent (to each server) into {@code requests[0]}.
   */
  List<Mismatch> run(Case c, long[] requests) throws IOException, InterruptedException {
    List<String> transcript = new ArrayList<>();
    List<Mismatch> mismatches = new ArrayList<>();
    try {
      for (int i = 0; i < c.steps().size(); i++) {
        Step s = c.steps().get(i);
        Mismatch m = switch (s.kind()) {
          case SINGLE -> single(c, i, s, transcript, requests);
          case QUERY_PAGES -> queryPages(c, i, s, transcript, requests);
          case SCAN_ALL -> scanAll(c, i, s, transcript, requests);
        };
        if (m == DIVERGED_BY_DESIGN) {
          break;
        }
        if (m != null) {
          mismatches.add(m);
          if (mayDiverge(m)) {
            break;
          }
        }
      }
      return mismatches;
    } finally {
      cleanUp(c);
    }
  }

  /**
   * A write one server accepted and the other refused, where the difference is a documented one
   * (e.g. DynamoDB Local accepts an enum value outside the model): not a mismatch, but the data may
   * now differ, so the case ends here.
   */
  private static final Mismatch DIVERGED_BY_DESIGN = new Mismatch(0, 0, "", "", null, null, "", List.of());

  private static final java.util.Set<String> READS = java.util.Set.of(
      "GetItem", "Query", "Scan", "BatchGetItem", "DescribeTable", "ListTables");

  private static boolean mayDiverge(Mismatch m) {
    String op = m.target().split(" ")[0];
    boolean applied = m.candidate().ok() || m.baseline().ok();
    return !READS.contains(op) && applied && !m.difference().startsWith("$.ConsumedCapacity");
  }

  private Mismatch single(Case c, int i, Step s, List<String> transcript, long[] requests) throws IOException, InterruptedException {
    Wire.Response a = wire.send(candidate, s.target(), s.body());
    Wire.Response b = wire.send(baseline, s.target(), s.body());
    requests[0]++;
    transcript.add(s.target() + " " + abbreviate(s.body()) + "  ->  " + b.status());
    String d = Compare.difference(s.target(), a, b);
    if (d != null) {
      return new Mismatch(c.seed(), i, s.target(), s.body(), a, b, d, List.copyOf(transcript));
    }
    if (a.ok() != b.ok() && !READS.contains(s.target())) {
      return DIVERGED_BY_DESIGN;
    }
    if (a.ok() && (s.target().equals("CreateTable") || s.target().equals("DeleteTable"))) {
      String table = tableName(s.body());
      boolean create = s.target().equals("CreateTable");
      String stuck = awaitTable(candidate, table, create);
      if (stuck == null) {
        stuck = awaitTable(baseline, table, create);
      }
      if (stuck != null) {
        return new Mismatch(c.seed(), i, s.target(), s.body(), a, b, stuck, List.copyOf(transcript));
      }
    }
    return null;
  }

  /** Every page of a Query is compared, and the next one starts at the LastEvaluatedKey both gave. */
  private Mismatch queryPages(Case c, int i, Step s, List<String> transcript, long[] requests) throws IOException, InterruptedException {
    Map<String, Object> body = object(s.body());
    for (int page = 0; page < PAGES_MAX; page++) {
      String text = Json.write(body);
      Wire.Response a = wire.send(candidate, s.target(), text);
      Wire.Response b = wire.send(baseline, s.target(), text);
      requests[0]++;
      transcript.add(s.target() + " " + abbreviate(text) + "  ->  " + b.status());
      String d = Compare.difference(s.target(), a, b);
      if (d != null) {
        return new Mismatch(c.seed(), i, s.target(), text, a, b, d, List.copyOf(transcript));
      }
      Object lek = b.ok() ? object(b.json()).get("LastEvaluatedKey") : null;
      if (lek == null) {
        return null;
      }
      body.put("ExclusiveStartKey", lek);
    }
    return null;
  }

  /**
   * A Scan, every segment, each server following its own LastEvaluatedKeys; the pages are merged
   * into one answer per server. Page boundaries depend on the server's item order, so only what
   * does not is kept per page: how many items each page examined and whether it had a next key.
   */
  private Mismatch scanAll(Case c, int i, Step s, List<String> transcript, long[] requests) throws IOException, InterruptedException {
    Wire.Response a = scanSide(candidate, s, new long[1]);
    Wire.Response b = scanSide(baseline, s, requests);
    transcript.add(s.target() + " (all pages" + (s.segments() > 0 ? ", " + s.segments() + " segments" : "") + ") "
        + abbreviate(s.body()) + "  ->  " + b.status());
    String d = Compare.difference(s.target(), a, b);
    return d == null ? null : new Mismatch(c.seed(), i, s.target() + " (merged pages)", s.body()
        + (s.segments() > 0 ? "  with Segment 0.." + (s.segments() - 1) + " of TotalSegments " + s.segments() : ""), a, b, d,
        List.copyOf(transcript));
  }

  @SuppressWarnings("unchecked")
  private Wire.Response scanSide(URI endpoint, Step s, long[] requests) throws IOException, InterruptedException {
    List<Object> items = new ArrayList<>();
    List<Object> pages = new ArrayList<>();
    boolean anyItems = false;
    long count = 0;
    long scanned = 0;
    Object capacity = null;
    int segments = Math.max(1, s.segments());
    for (int segment = 0; segment < segments; segment++) {
      Map<String, Object> body = object(s.body());
      if (s.segments() > 0) {
        body.put("Segment", segment);
        body.put("TotalSegments", s.segments());
      }
      for (int page = 0; page < PAGES_MAX; page++) {
        Wire.Response r = wire.send(endpoint, s.target(), Json.write(body));
        requests[0]++;
        if (!r.ok() || !(r.json() instanceof Map<?, ?>)) {
          return r;
        }
        Map<String, Object> json = (Map<String, Object>) r.json();
        if (json.get("Items") instanceof List<?> l) {
          anyItems = true;
          items.addAll(l);
        }
        long pageScanned = longOf(json.get("ScannedCount"));
        count += longOf(json.get("Count"));
        scanned += pageScanned;
        capacity = json.get("ConsumedCapacity");
        Object lek = json.get("LastEvaluatedKey");
        pages.add("scanned " + pageScanned + (lek != null ? ", more" : ", last"));
        if (lek == null) {
          break;
        }
        body.put("ExclusiveStartKey", lek);
      }
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    if (anyItems) {
      merged.put("Items", items);
    }
    merged.put("Count", new Json.Num(Long.toString(count)));
    merged.put("ScannedCount", new Json.Num(Long.toString(scanned)));
    if (s.segments() == 0) {
      merged.put("Pages", pages);
      // Capacity is rounded per page, so only a single page's capacity is order independent.
      if (pages.size() == 1 && capacity != null) {
        merged.put("ConsumedCapacity", capacity);
      }
    }
    return new Wire.Response(200, Json.write(merged), merged, true);
  }

  /** Null once the table is ACTIVE (create) or gone (delete), else why it is not. */
  @SuppressWarnings("unchecked")
  private String awaitTable(URI endpoint, String table, boolean create) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + TABLE_WAIT_MS;
    String last = "";
    while (System.currentTimeMillis() < deadline) {
      Wire.Response r = wire.send(endpoint, "DescribeTable", Json.write(Map.of("TableName", table)));
      if (create && r.ok() && r.json() instanceof Map<?, ?> m && m.get("Table") instanceof Map<?, ?> t
          && "ACTIVE".equals(((Map<String, Object>) t).get("TableStatus"))) {
        return null;
      }
      if (!create && "ResourceNotFoundException".equals(r.errorType())) {
        return null;
      }
      last = r.body();
      Thread.sleep(50);
    }
    return "table " + table + " at " + endpoint + (create ? " not ACTIVE" : " not gone") + " after " + TABLE_WAIT_MS
        + " ms; last DescribeTable: " + abbreviate(last);
  }

  /** Deletes what the case may have created, on both servers, and waits until it is gone. */
  private void cleanUp(Case c) throws IOException, InterruptedException {
    for (Case.Table t : c.tables()) {
      for (String name : List.of(t.name(), t.name() + "_x")) {
        for (URI endpoint : List.of(candidate, baseline)) {
          Wire.Response r = wire.send(endpoint, "DeleteTable", Json.write(Map.of("TableName", name)));
          if (r.ok()) {
            awaitTable(endpoint, name, false);
          }
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object json) {
    return json instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
  }

  private static Map<String, Object> object(String body) {
    return object(Json.parse(body));
  }

  private static String tableName(String body) {
    return String.valueOf(object(body).get("TableName"));
  }

  private static long longOf(Object v) {
    return v instanceof Json.Num n ? Long.parseLong(n.text()) : 0;
  }

  static String abbreviate(String s) {
    return s.length() <= 2_000 ? s : s.substring(0, 2_000) + "... (" + s.length() + " characters)";
  }
}
