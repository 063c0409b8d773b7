package triad.storage.core;

import java.math.BigDecimal;
import java.util.Map;
import triad.item.core.AttributeValue;

/**
 * DynamoDB's time-to-live rule: an item expires once its TTL attribute, a Number of epoch seconds,
 * lies in the past. Items whose attribute is missing, not a Number, or more than five years in the
 * past (most likely a value in the wrong unit) are never deleted by time to live.
 */
public final class Ttl {
  static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 3600;

  private Ttl() {}

  public static boolean isExpired(Map<String, AttributeValue> item, String attribute, long nowEpochSeconds) {
    if (item == null || !(item.get(attribute) instanceof AttributeValue.N n)) {
      return false;
    }
    BigDecimal at = n.value().bigDecimal();
    return at.compareTo(BigDecimal.valueOf(nowEpochSeconds)) < 0
        && at.compareTo(BigDecimal.valueOf(nowEpochSeconds - FIVE_YEARS_SECONDS)) >= 0;
  }
}
