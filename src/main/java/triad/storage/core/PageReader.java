package triad.storage.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import triad.expression.core.Condition;
import triad.expression.core.Projection;
import triad.item.core.AttributeValue;
import triad.item.core.ItemCodec;
import triad.item.core.ItemSize;

/**
 * Reads one page of a Query or Scan from a range of the item store, with DynamoDB's paging:
 * at most {@code limit} items evaluated, at most about 1 MB of items read (the item that crosses
 * the budget is the last one read), the filter applied after reading (it does not reduce what is
 * read or charged), and the key of the last item read as the place to resume.
 */
public final class PageReader {
  /** DynamoDB's page budget: 1 MB of items read. */
  public static final long PAGE_BYTES_MAX = 1024 * 1024;

  private PageReader() {}

  /** Ordered key/value pairs of a store range; the shell adapts LevelDB's iterator. */
  public interface Cursor extends AutoCloseable {
    boolean next();

    byte[] key();

    byte[] value();

    @Override
    void close();
  }

  /**
   * @param limit most items to evaluate, 0 for no limit
   * @param bytesBudget bytes this page may still read (the router shares 1 MB across partitions)
   * @param filter FilterExpression, or null
   * @param projection ProjectionExpression, or null for whole items
   * @param countOnly Select COUNT: count matches without returning them
   */
  public record Request(int limit, long bytesBudget, Condition filter, Projection projection, boolean countOnly, Loader loader) {
    public Request(int limit, long bytesBudget, Condition filter, Projection projection, boolean countOnly) {
      this(limit, bytesBudget, filter, projection, countOnly, (key, value) -> ItemCodec.decode(value));
    }
  }

  /**
   * What a stored entry reads as: the item it holds, or (for an index entry whose index does not
   * project what was asked) the table's item it points to.
   */
  @FunctionalInterface
  public interface Loader {
    Map<String, AttributeValue> load(byte[] key, byte[] value);
  }

  /**
   * @param lastKey store key of the last item read when the page filled up (limit or bytes), null
   *     when the range was read to its end first
   */
  public record Page(List<Map<String, AttributeValue>> items, int count, int scanned, long bytesRead, byte[] lastKey) {
    public boolean exhausted() {
      return lastKey == null;
    }
  }

  public static Page read(Cursor cursor, Request request) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    int count = 0;
    int scanned = 0;
    long bytes = 0;
    byte[] lastKey = null;
    try (cursor) {
      while (cursor.next()) {
        Map<String, AttributeValue> item = request.loader().load(cursor.key(), cursor.value());
        scanned++;
        bytes += ItemSize.of(item);
        if (request.filter() == null || request.filter().test(item)) {
          count++;
          if (!request.countOnly()) {
            items.add(request.projection() == null ? item : request.projection().apply(item));
          }
        }
        boolean full = (request.limit() > 0 && scanned >= request.limit()) || bytes >= request.bytesBudget();
        if (full) {
          // Like DynamoDB, a full page names its last item even when nothing follows it.
          lastKey = cursor.key();
          break;
        }
      }
    }
    return new Page(items, count, scanned, bytes, lastKey);
  }
}
