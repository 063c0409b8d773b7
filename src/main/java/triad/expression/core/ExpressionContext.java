package triad.expression.core;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.ItemSize;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, and which of them the
 * request's expressions used. One instance per request, used by one thread.
 *
 * <p>The maps themselves are validated when the first expression is compiled, in DynamoDB's
 * order: an empty names map, a malformed name key, an empty values map, a malformed value key,
 * values over 2 MB together, an empty or too long (64 KB) name, an empty set among the values
 * or a document value over 400 KB. A request without expressions does not compile any, so an
 * empty map goes unnoticed there, as in DynamoDB.
 */
public final class ExpressionContext {
  /** Bytes of all ExpressionAttributeValues together, keys included. */
  static final long VALUES_BYTES_MAX = 2L * 1024 * 1024;
  /** Bytes of one attribute name. */
  static final int NAME_BYTES_MAX = 65_535;

  private final Map<String, String> names;
  private final Map<String, AttributeValue> values;
  private final Set<String> usedNames = new HashSet<>();
  private final Set<String> usedValues = new HashSet<>();
  private boolean compiledAny;

  /** Either map may be null when the request does not carry it. */
  public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
    this.names = names;
    this.values = values;
  }

  /**
   * After all expressions of the request were compiled: DynamoDB's ValidationException for names
   * or values no expression used. When no expression was compiled, names are refused outright;
   * values given without expressions are the caller's to refuse, since DynamoDB's message names
   * the operation's expression parameters (and GetItem accepts them).
   */
  public void checkAllUsed() {
    if (!compiledAny) {
      if (names != null && !names.isEmpty()) {
        throw DbException.validation("ExpressionAttributeNames can only be specified when using expressions");
      }
      return;
    }
    checkUsed("ExpressionAttributeNames", names == null ? Set.of() : names.keySet(), usedNames);
    checkUsed("ExpressionAttributeValues", values == null ? Set.of() : values.keySet(), usedValues);
  }

  /** Whether an expression of this request was compiled against this context. */
  public boolean compiledAny() {
    return compiledAny;
  }

  /** Called before an expression is compiled; validates the maps the first time. */
  void beginExpression() {
    if (compiledAny) {
      return;
    }
    compiledAny = true;
    if (names != null && names.isEmpty()) {
      throw DbException.validation("ExpressionAttributeNames must not be empty");
    }
    if (names != null) {
      names.keySet().forEach(k -> checkKey("ExpressionAttributeNames", '#', k));
    }
    if (values != null && values.isEmpty()) {
      throw DbException.validation("ExpressionAttributeValues must not be empty");
    }
    if (values != null) {
      values.keySet().forEach(k -> checkKey("ExpressionAttributeValues", ':', k));
      long bytes = 0;
      for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
        bytes += ItemSize.utf8Length(e.getKey()) + ItemSize.of(e.getValue());
      }
      if (bytes > VALUES_BYTES_MAX) {
        throw DbException.validation("ExpressionAttributeValues exceeds max size");
      }
    }
    if (names != null) {
      names.forEach((k, v) -> {
        if (v == null || v.isEmpty()) {
          throw DbException.validation("ExpressionAttributeNames contains invalid value: Empty attribute name for key " + k);
        }
        if (ItemSize.utf8Length(v) > NAME_BYTES_MAX) {
          throw DbException.validation("ExpressionAttributeNames contains invalid value: Attribute name is too large, must be less than 65536 bytes for key " + k);
        }
      });
    }
    if (values != null) {
      values.forEach((k, v) -> {
        String emptySet = emptySetProblem(v);
        if (emptySet != null) {
          throw DbException.validation("ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: "
              + emptySet + " for key " + k);
        }
        if ((v instanceof AttributeValue.M || v instanceof AttributeValue.L) && documentBytes(v) > ItemSize.ITEM_BYTES_MAX) {
          throw DbException.validation("ExpressionAttributeValues contains invalid value: Item size has exceeded the maximum allowed size for key " + k);
        }
      });
    }
  }

  /** A document value measured as DynamoDB measures it here: its names and leaves, without per-element overhead. */
  private static long documentBytes(AttributeValue v) {
    return switch (v) {
      case AttributeValue.M m -> m.value().entrySet().stream().mapToLong(e -> ItemSize.utf8Length(e.getKey()) + documentBytes(e.getValue())).sum();
      case AttributeValue.L l -> l.value().stream().mapToLong(ExpressionContext::documentBytes).sum();
      default -> ItemSize.of(v);
    };
  }

  /** The attribute name behind a "#name" placeholder, or null when the request does not define it. */
  String name(String ref) {
    String n = names == null ? null : names.get(ref);
    if (n != null) {
      usedNames.add(ref);
    }
    return n;
  }

  /** The value behind a ":value" placeholder, or null when the request does not define it. */
  AttributeValue value(String ref) {
    AttributeValue v = values == null ? null : values.get(ref);
    if (v != null) {
      usedValues.add(ref);
    }
    return v;
  }

  private static void checkKey(String parameter, char sigil, String key) {
    boolean ok = key.length() > 1 && key.charAt(0) == sigil;
    for (int i = 1; ok && i < key.length(); i++) {
      char c = key.charAt(i);
      ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    if (!ok) {
      throw DbException.validation(parameter + " contains invalid key: Syntax error; key: \"" + key + "\"");
    }
  }

  /** DynamoDB's words for the first empty set inside a value (sic), or null when there is none. */
  static String emptySetProblem(AttributeValue v) {
    return switch (v) {
      case AttributeValue.SS ss -> ss.value().isEmpty() ? "An string set  may not be empty" : null;
      case AttributeValue.NS ns -> ns.value().isEmpty() ? "An number set  may not be empty" : null;
      case AttributeValue.BS bs -> bs.value().isEmpty() ? "Binary sets should not be empty" : null;
      case AttributeValue.L l -> l.value().stream().map(ExpressionContext::emptySetProblem).filter(t -> t != null).findFirst().orElse(null);
      case AttributeValue.M m -> m.value().values().stream().map(ExpressionContext::emptySetProblem).filter(t -> t != null).findFirst().orElse(null);
      default -> null;
    };
  }

  /** DynamoDB lists the unused keys in the iteration order of a Java HashSet. */
  private static void checkUsed(String parameter, Set<String> given, Set<String> used) {
    Set<String> unused = new HashSet<>();
    for (String k : given) {
      if (!used.contains(k)) {
        unused.add(k);
      }
    }
    if (!unused.isEmpty()) {
      String keys = unused.toString();
      throw DbException.validation("Value provided in " + parameter + " unused in expressions: keys: {" + keys.substring(1, keys.length() - 1) + "}");
    }
  }
}
