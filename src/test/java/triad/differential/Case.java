package triad.differential;

import java.util.List;

/**
 * One generated case: the tables it creates and the requests it sends, all derived from its seed
 * alone, so that any case can be rerun by itself and sends the same bytes every time.
 */
record Case(long seed, List<Table> tables, List<Step> steps) {

  /** A table of the case; {@code rangeName} is null for a hash-only key. */
  record Table(String name, String hashName, char hashType, String rangeName, char rangeType) {}

  enum Kind {
    /** One request, one comparison. */
    SINGLE,
    /** A Query whose LastEvaluatedKey is followed to the end; every page is compared. */
    QUERY_PAGES,
    /**
     * A Scan followed to the end, over every segment when {@code segments > 0}; the union of the
     * pages is compared, since the order of a Scan (and so its page boundaries) is the server's own.
     */
    SCAN_ALL
  }

  /** A request; {@code target} is the X-Amz-Target operation, {@code body} possibly not JSON. */
  record Step(Kind kind, String target, String body, int segments) {
    static Step single(String target, String body) {
      return new Step(Kind.SINGLE, target, body, 0);
    }
  }
}
