package triad.differential;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides whether two answers to the same request are the same answer. Both are first brought to
 * a canonical form: numbers as decimals, sets as sorted sets, binaries as bytes, Scan and
 * BatchGetItem results as sorted multisets (their order is the server's own; Query's is not), and
 * the fields that legitimately differ between two servers removed (timestamps, the region and
 * account in ARNs, TableId, DescribeTable's ItemCount and TableSizeBytes). Then the trees must be
 * equal; the first path where they are not is the difference reported.
 */
final class Compare {
  /** Table description fields that differ between any two servers, by design. */
  static final String MESSAGE_DIFFERS = "error message differs";

  private static final Set<String> TABLE_IGNORED = Set.of("TableId", "ItemCount", "TableSizeBytes", "CreationDateTime");

  private Compare() {}

  /** Null when the answers agree, else what differs. {@code operation} is the X-Amz-Target suffix. */
  static String difference(String operation, Wire.Response candidate, Wire.Response baseline) {
    if (baseline.status() == 500 && "InternalFailure".equals(baseline.errorType()) && candidate.status() == 400) {
      // DynamoDB Local fails on malformed or mistyped JSON; DynamoDB (and TriadDB) reject it with a 400.
      return null;
    }
    if (baseline.ok() && candidate.status() == 400 && "ValidationException".equals(candidate.errorType())
        && KnownDifferences.REFUSED_ONLY_BY_DYNAMODB.stream().anyMatch(p -> p.matcher(String.valueOf(candidate.errorMessage())).matches())) {
      return null;
    }
    if ("ResourceNotFoundException".equals(baseline.errorType()) && "ValidationException".equals(candidate.errorType())
        && String.valueOf(candidate.errorMessage()).matches("(?s)\\d+ validation errors? detected: .*")) {
      // DynamoDB checks the model's constraints before it looks for the table; DynamoDB Local the other way round.
      return null;
    }
    if (candidate.status() / 100 != baseline.status() / 100) {
      return "HTTP status " + candidate.status() + " vs " + baseline.status();
    }
    if (!candidate.crcValid()) {
      return "x-amz-crc32 does not match the candidate's body";
    }
    if (!baseline.ok()) {
      String ta = candidate.errorType();
      String tb = baseline.errorType();
      if (tb == null ? ta != null : !tb.equals(ta)) {
        return "error type " + ta + " vs " + tb;
      }
      String ma = candidate.errorMessage();
      String mb = baseline.errorMessage();
      if (!java.util.Objects.equals(ma, mb) && !KnownDifferences.allows(tb, ma, mb)) {
        return MESSAGE_DIFFERS;
      }
      // A failed condition with ReturnValuesOnConditionCheckFailure=ALL_OLD carries the old item.
      return diff("$.Item", item(field(candidate.json(), "Item")), item(field(baseline.json(), "Item")));
    }
    if (candidate.json() == null || baseline.json() == null) {
      return candidate.json() == baseline.json() ? null : "a body is not JSON";
    }
    Object a = canonical(operation, candidate.json());
    Object b = canonical(operation, baseline.json());
    dropNewerTableMembers(a, b);
    alignCapacity(operation, a, b);
    return diff("$", a, b);
  }

  /**
   * DynamoDB Local's capacity accounting differs from DynamoDB's where TriadDB follows DynamoDB:
   * it reports ConsumedCapacity nobody asked for, charges nothing for a read that finds nothing
   * (DynamoDB charges the minimum: 0.5 or 1 unit), and counts batches its own way. Those cases are
   * not compared; every other capacity figure is.
   */
  @SuppressWarnings("unchecked")
  private static void alignCapacity(String operation, Object a, Object b) {
    if (!(a instanceof Map<?, ?> ma) || !(b instanceof Map<?, ?> mb)) {
      return;
    }
    Map<String, Object> ca = (Map<String, Object>) ma;
    Map<String, Object> cb = (Map<String, Object>) mb;
    if (!ca.containsKey("ConsumedCapacity")) {
      cb.remove("ConsumedCapacity");
      return;
    }
    if (operation.equals("BatchGetItem") || operation.equals("BatchWriteItem")) {
      ca.remove("ConsumedCapacity");
      cb.remove("ConsumedCapacity");
      return;
    }
    if (field(cb.get("ConsumedCapacity"), "CapacityUnits") instanceof Object ub && number(ub).equals(number("0"))
        && field(ca.get("ConsumedCapacity"), "CapacityUnits") instanceof Object ua
        && (number(ua).equals(number("0.5")) || number(ua).equals(number("1")))) {
      ca.put("ConsumedCapacity", cb.get("ConsumedCapacity"));
    }
  }

  /** Removes from the candidate's table description what DynamoDB Local does not know yet. */
  @SuppressWarnings("unchecked")
  private static void dropNewerTableMembers(Object a, Object b) {
    for (String k : List.of("TableDescription", "Table")) {
      if (field(a, k) instanceof Map<?, ?> ta && field(b, k) instanceof Map<?, ?> tb) {
        for (String member : KnownDifferences.TABLE_MEMBERS_NEWER_THAN_DYNAMODB_LOCAL) {
          if (!tb.containsKey(member)) {
            ((Map<String, Object>) ta).remove(member);
          }
        }
      }
    }
  }

  // ---- canonical forms ----

  @SuppressWarnings("unchecked")
  static Object canonical(String operation, Object json) {
    if (!(json instanceof Map<?, ?> top)) {
      return plain(json);
    }
    Map<String, Object> out = new TreeMap<>();
    for (var e : ((Map<String, Object>) top).entrySet()) {
      Object v = e.getValue();
      out.put(e.getKey(), switch (e.getKey()) {
        case "Item", "Attributes", "LastEvaluatedKey" -> item(v);
        case "Items" -> operation.equals("Scan") ? sorted(items(v)) : items(v);
        case "Responses" -> perTable(v, Compare::itemsSorted);
        case "UnprocessedKeys" -> perTable(v, Compare::keysAndAttributes);
        case "UnprocessedItems" -> perTable(v, Compare::writeRequests);
        case "ConsumedCapacity" -> v instanceof List<?> l ? sorted(plain(l)) : plain(v);
        case "TableDescription", "Table" -> table(operation, v);
        default -> plain(v);
      });
    }
    return out;
  }

  /** An item or key: attribute name to canonical attribute value. */
  @SuppressWarnings("unchecked")
  static Object item(Object json) {
    if (!(json instanceof Map<?, ?> m)) {
      return plain(json);
    }
    Map<String, Object> out = new TreeMap<>();
    for (var e : ((Map<String, Object>) m).entrySet()) {
      out.put(e.getKey(), attributeValue(e.getValue()));
    }
    return out;
  }

  /** {"N": "1.50"} becomes {"N": "1.5"}; sets become sorted sets; binaries hex. */
  @SuppressWarnings("unchecked")
  private static Object attributeValue(Object json) {
    if (!(json instanceof Map<?, ?> m) || m.size() != 1) {
      return plain(json);
    }
    var e = ((Map<String, Object>) m).entrySet().iterator().next();
    Object v = e.getValue();
    Object canon = switch (e.getKey()) {
      case "N" -> number(v);
      case "B" -> bytes(v);
      case "SS" -> v instanceof List<?> l ? new TreeSet<>(plainList(l)).toString() : plain(v);
      case "NS" -> v instanceof List<?> l ? sortedStrings(l.stream().map(Compare::number).toList()) : plain(v);
      case "BS" -> v instanceof List<?> l ? sortedStrings(l.stream().map(Compare::bytes).toList()) : plain(v);
      case "M" -> item(v);
      case "L" -> v instanceof List<?> l ? l.stream().map(Compare::attributeValue).toList() : plain(v);
      default -> plain(v);
    };
    Map<String, Object> out = new TreeMap<>();
    out.put(e.getKey(), canon);
    return out;
  }

  private static Object items(Object json) {
    return json instanceof List<?> l ? new ArrayList<>(l.stream().map(Compare::item).toList()) : plain(json);
  }

  private static Object itemsSorted(Object json) {
    return sorted(items(json));
  }

  @SuppressWarnings("unchecked")
  private static Object keysAndAttributes(Object json) {
    if (!(json instanceof Map<?, ?> m)) {
      return plain(json);
    }
    Map<String, Object> out = new TreeMap<>();
    for (var e : ((Map<String, Object>) m).entrySet()) {
      out.put(e.getKey(), e.getKey().equals("Keys") ? sorted(items(e.getValue())) : plain(e.getValue()));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object writeRequests(Object json) {
    if (!(json instanceof List<?> l)) {
      return plain(json);
    }
    List<Object> out = new ArrayList<>();
    for (Object w : l) {
      Map<String, Object> req = new TreeMap<>();
      if (w instanceof Map<?, ?> m) {
        for (var e : ((Map<String, Object>) m).entrySet()) {
          Map<String, Object> inner = new TreeMap<>();
          if (e.getValue() instanceof Map<?, ?> im) {
            ((Map<String, Object>) im).forEach((k, v) -> inner.put(k, item(v)));
          }
          req.put(e.getKey(), inner);
        }
      }
      out.add(req);
    }
    return sorted(out);
  }

  @SuppressWarnings("unchecked")
  private static Object perTable(Object json, java.util.function.Function<Object, Object> perValue) {
    if (!(json instanceof Map<?, ?> m)) {
      return plain(json);
    }
    Map<String, Object> out = new TreeMap<>();
    ((Map<String, Object>) m).forEach((k, v) -> out.put(k, perValue.apply(v)));
    return out;
  }

  /**
   * A table description without the fields that differ by design; the ARN keeps only its resource
   * part. CreateTable and DeleteTable answer with a transient status (CREATING, DELETING) in
   * DynamoDB and with ACTIVE in DynamoDB Local, so their status is left out: the harness waits
   * for ACTIVE or for the table to be gone, as an SDK waiter does, and compares DescribeTable.
   */
  @SuppressWarnings("unchecked")
  private static Object table(String operation, Object json) {
    if (!(json instanceof Map<?, ?> m)) {
      return plain(json);
    }
    Map<String, Object> out = new TreeMap<>();
    for (var e : ((Map<String, Object>) m).entrySet()) {
      String k = e.getKey();
      if (TABLE_IGNORED.contains(k) || (k.equals("TableStatus") && !operation.equals("DescribeTable"))) {
        continue;
      }
      Object v = e.getValue();
      if (k.endsWith("Arn") && v instanceof String arn) {
        out.put(k, arn.substring(arn.indexOf(":table/") + 1));
      } else {
        out.put(k, withoutTimestamps(plain(v)));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object withoutTimestamps(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> {
        if (!k.endsWith("DateTime")) {
          out.put(k, withoutTimestamps(x));
        }
      });
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Compare::withoutTimestamps).toList();
    }
    return v;
  }

  /** Any JSON with numbers as canonical decimals and maps sorted by key. */
  @SuppressWarnings("unchecked")
  static Object plain(Object json) {
    return switch (json) {
      case Json.Num n -> number(n.text());
      case Map<?, ?> m -> {
        Map<String, Object> out = new TreeMap<>();
        ((Map<String, Object>) m).forEach((k, v) -> out.put(k, plain(v)));
        yield out;
      }
      case List<?> l -> plainList(l);
      case null, default -> json;
    };
  }

  private static List<Object> plainList(List<?> l) {
    List<Object> out = new ArrayList<>();
    for (Object o : l) {
      out.add(plain(o));
    }
    return out;
  }

  /** "1.500", "1.5E0" and "15E-1" are one number; "-0" is 0. Text that is no number stays as it is. */
  static Object number(Object v) {
    String text = v instanceof Json.Num n ? n.text() : v instanceof String s ? s : null;
    if (text == null) {
      return plain(v);
    }
    try {
      BigDecimal d = new BigDecimal(text.trim());
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toString();
    } catch (NumberFormatException e) {
      return "!" + text;
    }
  }

  private static Object bytes(Object v) {
    if (!(v instanceof String s)) {
      return plain(v);
    }
    try {
      return "0x" + HexFormat.of().formatHex(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      return "!" + s;
    }
  }

  private static String sortedStrings(List<Object> values) {
    return new TreeSet<>(values.stream().map(String::valueOf).toList()).toString();
  }

  private static List<Object> sorted(Object list) {
    List<Object> l = new ArrayList<>((List<?>) list);
    l.sort(Comparator.comparing(String::valueOf));
    return l;
  }

  @SuppressWarnings("unchecked")
  private static Object field(Object json, String name) {
    return json instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(name) : null;
  }

  // ---- comparison ----

  /** The first path where the trees differ, with both values, or null. */
  @SuppressWarnings("unchecked")
  static String diff(String path, Object a, Object b) {
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      TreeSet<String> names = new TreeSet<>();
      names.addAll((Set<String>) ma.keySet());
      names.addAll((Set<String>) mb.keySet());
      for (String k : names) {
        if (!ma.containsKey(k) || !mb.containsKey(k)) {
          return path + "." + k + ": " + (ma.containsKey(k) ? "only in the candidate" : "only in the baseline");
        }
        String d = diff(path + "." + k, ma.get(k), mb.get(k));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
        String d = diff(path + "[" + i + "]", la.get(i), lb.get(i));
        if (d != null) {
          return d;
        }
      }
      return la.size() == lb.size() ? null : path + ": " + la.size() + " elements vs " + lb.size();
    }
    return java.util.Objects.equals(a, b) ? null : path + ": " + a + " vs " + b;
  }
}
