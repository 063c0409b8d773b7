package triad.api.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import triad.item.core.Bytes;
import triad.item.core.DbException;

/**
 * Scalar readers for the generated model readers, with the SerializationException messages of
 * DynamoDB's JSON deserializer (Coral). Each takes the token the parser stands on; JSON null means
 * an absent member, as it does for DynamoDB.
 */
public final class JsonIn {
  static final String START_OF_MAP = "Start of structure or map found where not expected.";
  static final String START_OF_LIST = "Start of list found where not expected";
  static final String UNEXPECTED_SCALAR = "Unexpected value type in payload";

  private JsonIn() {}

  public static String string(JsonParser p, JsonToken t) throws IOException {
    // Like DynamoDB, a number or boolean where a string belongs is read as its text (and then
    // fails the member's constraints if it does not fit them).
    if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
        || t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw mismatch(t, "cannot be converted to String");
  }

  public static Integer integer(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    String conversion = "can not be converted to an Integer";
    requireNumber(t, conversion);
    long v = wholeNumber(p, conversion);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw mismatch(t, conversion);
    }
    return (int) v;
  }

  public static Long longValue(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    String conversion = "can not be converted to a Long";
    requireNumber(t, conversion);
    return wholeNumber(p, conversion);
  }

  public static Double doubleValue(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    requireNumber(t, "can not be converted to a Double");
    return p.getDoubleValue();
  }

  public static Boolean bool(JsonParser p, JsonToken t) {
    return switch (t) {
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw mismatch(t, "can not be converted to a Boolean");
    };
  }

  /** Epoch seconds with an optional fraction, as DynamoDB sends timestamps. */
  public static Instant timestamp(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    requireNumber(t, "can not be converted to a Timestamp");
    long millis = p.getDecimalValue().movePointRight(3).longValue();
    return Instant.ofEpochMilli(millis);
  }

  public static Bytes blob(JsonParser p, JsonToken t) throws IOException {
    String text = string(p, t);
    return text == null ? null : base64(text);
  }

  static Bytes base64(String text) {
    if (text.length() % 4 != 0) {
      throw DbException.serialization(
          "Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
    }
    try {
      return Bytes.wrap(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw DbException.serialization("Invalid base 64 character: '" + firstInvalidBase64(text) + "'");
    }
  }

  private static char firstInvalidBase64(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '=') {
      end--;
    }
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      boolean alphabet = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
          || ch == '+' || ch == '/';
      if (!alphabet && !(ch == '=' && i >= end)) {
        return ch;
      }
    }
    // Only misplaced padding is left, e.g. "a===".
    return '=';
  }

  /** True on a JSON object, false on JSON null; anything else is a type mismatch. */
  public static boolean startObject(JsonToken t) {
    if (t == JsonToken.START_OBJECT) {
      return true;
    }
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    throw t == JsonToken.START_ARRAY
        ? DbException.serialization(START_OF_LIST)
        : DbException.serialization(UNEXPECTED_SCALAR);
  }

  /** True on a JSON array, false on JSON null; anything else is a type mismatch. */
  public static boolean startArray(JsonToken t) {
    if (t == JsonToken.START_ARRAY) {
      return true;
    }
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    throw t == JsonToken.START_OBJECT
        ? DbException.serialization(START_OF_MAP)
        : DbException.serialization(UNEXPECTED_SCALAR);
  }

  private static void requireNumber(JsonToken t, String conversion) {
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw mismatch(t, conversion);
    }
  }

  /** Coral truncates a fraction where a whole number is expected. */
  private static long wholeNumber(JsonParser p, String conversion) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return p.getLongValue();
    }
    try {
      return p.getDecimalValue().toBigInteger().longValueExact();
    } catch (ArithmeticException e) {
      throw mismatch(p.currentToken(), conversion);
    }
  }

  static DbException mismatch(JsonToken t, String conversion) {
    return switch (t) {
      case START_OBJECT -> DbException.serialization(START_OF_MAP);
      case START_ARRAY -> DbException.serialization(START_OF_LIST);
      default -> DbException.serialization(tokenName(t) + " " + conversion);
    };
  }

  private static String tokenName(JsonToken t) {
    return switch (t) {
      case VALUE_STRING -> "STRING_VALUE";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER_VALUE";
      case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN_VALUE";
      default -> t.name();
    };
  }
}
