package triad.router.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.KeySchema;
import triad.item.core.PrimaryKey;
import triad.item.core.ScalarType;

class KeyChecksTest {
  static final KeySchema HASH_RANGE = new KeySchema("pk", ScalarType.S, "sk", ScalarType.N);

  static String message(Runnable r) {
    return assertThrows(DbException.class, r::run).getMessage();
  }

  @Test
  void keysMustBeExactlyTheKeyAttributes() {
    assertEquals(new PrimaryKey(AttributeValue.s("a"), AttributeValue.n(1)),
        KeyChecks.key(Map.of("pk", AttributeValue.s("a"), "sk", AttributeValue.n(1)), HASH_RANGE));
    assertEquals("The number of conditions on the keys is invalid", message(() -> KeyChecks.key(Map.of("pk", AttributeValue.s("a")), HASH_RANGE)));
    assertEquals("One of the required keys was not given a value",
        message(() -> KeyChecks.key(Map.of("pk", AttributeValue.s("a"), "x", AttributeValue.n(1)), HASH_RANGE)));
    assertEquals("One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S",
        message(() -> KeyChecks.key(Map.of("pk", AttributeValue.s("a"), "sk", AttributeValue.s("1")), HASH_RANGE)));
    assertEquals("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
        message(() -> KeyChecks.key(Map.of("pk", AttributeValue.s(""), "sk", AttributeValue.n(1)), HASH_RANGE)));
  }

  @Test
  void itemsMustCarryTheirKeyWithinSizeLimits() {
    assertEquals("One or more parameter values were invalid: Missing the key sk in the item",
        message(() -> KeyChecks.itemKey(Map.of("pk", AttributeValue.s("a")), HASH_RANGE)));
    assertEquals("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
        message(() -> KeyChecks.itemKey(Map.of("pk", AttributeValue.s("x".repeat(2049)), "sk", AttributeValue.n(1)), HASH_RANGE)));
  }
}
