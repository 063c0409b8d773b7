package triad.expression.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The list was checked word by word against DynamoDB Local (a projection of each word, lower-cased). */
class ReservedWordsTest {
  @Test
  void listMatchesDynamoDbLocal() {
    assertEquals(571, ReservedWords.count());
    for (String w : new String[] {"name", "NAME", "nAmE", "status", "date", "timestamp", "user", "data", "comment", "count", "key", "value",
        "year", "zone", "abort", "ttl", "uuid", "flattern", "innter", "loged"}) {
      assertTrue(ReservedWords.isReserved(w), w);
    }
    for (String w : new String[] {"convert", "size", "foo", "pk", "nameless", "attribute_exists", "id", "email"}) {
      assertFalse(ReservedWords.isReserved(w), w);
    }
  }
}
