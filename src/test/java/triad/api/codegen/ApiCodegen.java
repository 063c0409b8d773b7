package triad.api.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Generates the DynamoDB JSON wire model, {@code triad.api.core.model}, from DynamoDB's service
 * model (the Smithy-derived JSON model the AWS SDKs are generated from, committed as
 * {@code src/test/resources/triad/api/codegen/dynamodb-2012-08-10.json}), and the table of input
 * members in {@code docs/compatibility.md}.
 *
 * <p>For every operation in {@link #OPERATIONS} and every shape its input and output reach it writes
 * one record per structure, the streaming readers ({@code Readers}), writers ({@code Writers}) and
 * the constraint checks ({@code Validators}). To add an operation, add its name to
 * {@link #OPERATIONS} and rerun. Rerun from the project root with:
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) triad.api.codegen.ApiCodegen
 * </pre>
 *
 * <p>{@code ApiCodegenSyncTest} regenerates in memory and fails when the committed sources differ.
 */
public final class ApiCodegen {

  /** The operations TriadDB speaks; one line adds one. */
  public static final List<String> OPERATIONS = List.of(
      "CreateTable",
      "DescribeTable",
      "ListTables",
      "DeleteTable",
      "UpdateTable",
      "PutItem",
      "GetItem",
      "DeleteItem",
      "UpdateItem",
      "Query",
      "Scan",
      "BatchGetItem",
      "BatchWriteItem",
      "DescribeLimits",
      "DescribeEndpoints",
      "TransactWriteItems",
      "TransactGetItems",
      "TagResource",
      "UntagResource",
      "ListTagsOfResource",
      "UpdateTimeToLive",
      "DescribeTimeToLive");

  /** Shapes an error body carries: TransactionCanceledException's reasons. */
  static final List<String> EXTRA_SHAPES = List.of("CancellationReasonList");

  /**
   * Shapes that take a table name or a table ARN. DynamoDB still holds a name (anything not starting
   * with "arn:") to the TableName shape's constraints, so a short name fails with "Member must have
   * length greater than or equal to 3" as it did before ARNs were accepted.
   */
  static final Map<String, String> NAME_OR_ARN = Map.of("TableArn", "TableName");
  private static final String ARN_PREFIX = "arn:";

  static final String MODEL_RESOURCE = "/triad/api/codegen/dynamodb-2012-08-10.json";
  static final String MODEL_DIR = "src/main/java/triad/api/core/model/";
  static final String COMPAT_DOC = "docs/compatibility.md";
  static final String DEFAULT_STATUS = "parsed and validated";

  private static final String PACKAGE = "triad.api.core.model";
  private static final String ATTRIBUTE_VALUE = "AttributeValue";
  private static final String EXPRESSION_VALUES_MAP = "ExpressionAttributeValueMap";
  private static final Set<String> JAVA_KEYWORDS = Set.of(
      "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
      "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
      "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
      "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
      "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "record",
      "yield", "var");

  private final JsonNode shapes;
  private final JsonNode operations;
  /** Every shape the operations reach, sorted by name so output is stable. */
  private final Set<String> reached = new TreeSet<>();
  /** Shapes reached from inputs: these get constraint checks. */
  private final Set<String> inputReached = new TreeSet<>();
  private final Map<String, Boolean> constrained = new HashMap<>();

  private ApiCodegen(JsonNode model) {
    this.shapes = model.get("shapes");
    this.operations = model.get("operations");
    for (String op : OPERATIONS) {
      JsonNode o = operation(op);
      if (o.has("input")) {
        walk(o.get("input").get("shape").asText(), reached);
        walk(o.get("input").get("shape").asText(), inputReached);
      }
      if (o.has("output")) {
        walk(o.get("output").get("shape").asText(), reached);
      }
    }
    EXTRA_SHAPES.forEach(s -> walk(s, reached));
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    Path doc = root.resolve(COMPAT_DOC);
    String existing = Files.exists(doc) ? Files.readString(doc) : "";
    Map<String, String> files = generate(loadModel(), existing);
    Path modelDir = root.resolve(MODEL_DIR);
    Files.createDirectories(modelDir);
    try (Stream<Path> old = Files.list(modelDir)) {
      for (Path p : old.toList()) {
        if (!files.containsKey(MODEL_DIR + p.getFileName())) {
          Files.delete(p);
        }
      }
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path target = root.resolve(f.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, f.getValue());
    }
    System.out.println("ApiCodegen wrote " + files.size() + " files under " + root.toAbsolutePath().normalize());
  }

  public static JsonNode loadModel() {
    try (InputStream in = ApiCodegen.class.getResourceAsStream(MODEL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("service model not on the classpath: " + MODEL_RESOURCE);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Paths relative to the project root mapped to their generated content. */
  public static Map<String, String> generate(JsonNode model, String existingCompatDoc) {
    ApiCodegen g = new ApiCodegen(model);
    Map<String, String> files = new TreeMap<>();
    for (String s : g.reached) {
      if (g.isRecord(s)) {
        files.put(MODEL_DIR + s + ".java", g.record(s));
      }
    }
    files.put(MODEL_DIR + "Readers.java", g.readers());
    files.put(MODEL_DIR + "Writers.java", g.writers());
    files.put(MODEL_DIR + "Validators.java", g.validators());
    files.put(COMPAT_DOC, g.compatibility(existingCompatDoc));
    return files;
  }

  // ---- the model

  private JsonNode operation(String name) {
    JsonNode o = operations.get(name);
    if (o == null) {
      throw new IllegalArgumentException("no operation " + name + " in the service model");
    }
    return o;
  }

  private JsonNode shape(String name) {
    JsonNode s = shapes.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no shape " + name + " in the service model");
    }
    return s;
  }

  private String type(String name) {
    return shape(name).get("type").asText();
  }

  private void walk(String name, Set<String> into) {
    if (!into.add(name) || name.equals(ATTRIBUTE_VALUE)) {
      return;
    }
    JsonNode s = shape(name);
    switch (s.get("type").asText()) {
      case "structure" -> members(name).values().forEach(m -> walk(m, into));
      case "list" -> walk(element(name), into);
      case "map" -> {
        walk(mapKey(name), into);
        walk(mapValue(name), into);
      }
      case "string", "integer", "long", "double", "boolean", "timestamp", "blob" -> { }
      default -> throw new IllegalArgumentException("shape type not supported: " + name + " " + s.get("type"));
    }
  }

  /** Member name to shape name, in the model's order. */
  private Map<String, String> members(String structure) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : shape(structure).get("members").properties()) {
      out.put(e.getKey(), e.getValue().get("shape").asText());
    }
    return out;
  }

  private Set<String> required(String structure) {
    Set<String> out = new HashSet<>();
    JsonNode r = shape(structure).get("required");
    if (r != null) {
      r.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private String element(String list) {
    return shape(list).get("member").get("shape").asText();
  }

  private String mapKey(String map) {
    return shape(map).get("key").get("shape").asText();
  }

  private String mapValue(String map) {
    return shape(map).get("value").get("shape").asText();
  }

  private boolean isRecord(String s) {
    return !s.equals(ATTRIBUTE_VALUE) && type(s).equals("structure");
  }

  private boolean isAttributeMap(String s) {
    return type(s).equals("map") && mapValue(s).equals(ATTRIBUTE_VALUE);
  }

  private boolean isAttributeList(String s) {
    return type(s).equals("list") && element(s).equals(ATTRIBUTE_VALUE);
  }

  private boolean isScalar(String s) {
    return !s.equals(ATTRIBUTE_VALUE) && !Set.of("structure", "list", "map").contains(type(s));
  }

  private List<String> enumValues(String s) {
    List<String> out = new ArrayList<>();
    JsonNode e = shape(s).get("enum");
    if (e != null) {
      e.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private Long trait(String s, String name) {
    JsonNode n = shape(s).get(name);
    return n == null ? null : n.asLong();
  }

  private String pattern(String s) {
    JsonNode n = shape(s).get("pattern");
    return n == null ? null : n.asText();
  }

  // ---- names

  /** Java-cased member name: the leading capitals lowered ("SSESpecification" -> "sseSpecification"). */
  static String javaName(String member) {
    int upper = 0;
    while (upper < member.length() && Character.isUpperCase(member.charAt(upper))) {
      upper++;
    }
    String name;
    if (upper <= 1 || upper == member.length()) {
      name = member.substring(0, upper).toLowerCase() + member.substring(upper);
    } else {
      name = member.substring(0, upper - 1).toLowerCase() + member.substring(upper - 1);
    }
    if (JAVA_KEYWORDS.contains(name)) {
      throw new IllegalArgumentException("member name is a Java keyword: " + member);
    }
    return name;
  }

  /** The member name as Coral prints it in a constraint path: the first letter lowered. */
  static String coralName(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }

  private static String constantName(String shape) {
    return shape.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
  }

  private String javaType(String s) {
    if (s.equals(ATTRIBUTE_VALUE)) {
      return ATTRIBUTE_VALUE;
    }
    return switch (type(s)) {
      case "structure" -> s;
      case "string" -> "String";
      case "integer" -> "Integer";
      case "long" -> "Long";
      case "double" -> "Double";
      case "boolean" -> "Boolean";
      case "timestamp" -> "Instant";
      case "blob" -> "Bytes";
      case "list" -> "List<" + javaType(element(s)) + ">";
      case "map" -> "Map<String, " + javaType(mapValue(s)) + ">";
      default -> throw new IllegalArgumentException(s);
    };
  }

  private void imports(String s, Set<String> out) {
    if (s.equals(ATTRIBUTE_VALUE)) {
      out.add("triad.item.core.AttributeValue");
      return;
    }
    switch (type(s)) {
      case "timestamp" -> out.add("java.time.Instant");
      case "blob" -> out.add("triad.item.core.Bytes");
      case "list" -> {
        out.add("java.util.List");
        imports(element(s), out);
      }
      case "map" -> {
        out.add("java.util.Map");
        imports(mapValue(s), out);
      }
      default -> { }
    }
  }

  private static String importBlock(Set<String> imports) {
    StringBuilder b = new StringBuilder();
    imports.stream().filter(i -> !i.startsWith("triad.")).sorted().forEach(i -> b.append("import ").append(i).append(";\n"));
    imports.stream().filter(i -> i.startsWith("triad.")).sorted().forEach(i -> b.append("import ").append(i).append(";\n"));
    return b.isEmpty() ? "" : b + "\n";
  }

  private static String header(Set<String> imports) {
    return "package " + PACKAGE + ";\n\n" + importBlock(imports);
  }

  // ---- records

  private String record(String s) {
    Map<String, String> members = members(s);
    Set<String> imports = new TreeSet<>();
    members.values().forEach(m -> imports(m, imports));
    StringBuilder b = new StringBuilder(header(imports));
    b.append("/** DynamoDB's {@code ").append(s).append("}; generated by ApiCodegen from the service model, do not edit. */\n");
    b.append("public record ").append(s).append("(");
    List<String> components = new ArrayList<>();
    members.forEach((m, shape) -> components.add(javaType(shape) + " " + javaName(m)));
    if (!components.isEmpty()) {
      b.append("\n    ").append(String.join(",\n    ", components));
    }
    b.append(") {\n\n");
    b.append("  public static Builder builder() {\n    return new Builder();\n  }\n\n");
    b.append("  /** Members left unset stay null, which the wire form omits. */\n");
    b.append("  public static final class Builder {\n");
    members.forEach((m, shape) -> b.append("    private ").append(javaType(shape)).append(' ').append(javaName(m)).append(";\n"));
    if (!members.isEmpty()) {
      b.append('\n');
    }
    b.append("    private Builder() {}\n");
    members.forEach((m, shape) -> {
      String n = javaName(m);
      b.append("\n    public Builder ").append(n).append('(').append(javaType(shape)).append(' ').append(n).append(") {\n");
      b.append("      this.").append(n).append(" = ").append(n).append(";\n      return this;\n    }\n");
    });
    b.append("\n    public ").append(s).append(" build() {\n      return new ").append(s).append('(');
    b.append(String.join(", ", members.keySet().stream().map(ApiCodegen::javaName).toList()));
    b.append(");\n    }\n  }\n}\n");
    return b.toString();
  }

  // ---- readers

  private String readExpr(String s, String token) {
    if (s.equals(ATTRIBUTE_VALUE)) {
      return "AttributeValueJson.readValue(p, " + token + ", c)";
    }
    if (isAttributeMap(s)) {
      return "AttributeValueJson.readItem(p, " + token + ", c, " + s.equals(EXPRESSION_VALUES_MAP) + ")";
    }
    if (isAttributeList(s)) {
      return "AttributeValueJson.readList(p, " + token + ", c)";
    }
    return switch (type(s)) {
      case "structure", "list", "map" -> "read" + s + "(p, " + token + ", c)";
      case "string" -> "JsonIn.string(p, " + token + ")";
      case "integer" -> "JsonIn.integer(p, " + token + ")";
      case "long" -> "JsonIn.longValue(p, " + token + ")";
      case "double" -> "JsonIn.doubleValue(p, " + token + ")";
      case "boolean" -> "JsonIn.bool(p, " + token + ")";
      case "timestamp" -> "JsonIn.timestamp(p, " + token + ")";
      case "blob" -> "JsonIn.blob(p, " + token + ")";
      default -> throw new IllegalArgumentException(s);
    };
  }

  private boolean needsOwnReader(String s) {
    return isRecord(s)
        || (type(s).equals("list") && !isAttributeList(s))
        || (type(s).equals("map") && !isAttributeMap(s));
  }

  private String readers() {
    Set<String> imports = new TreeSet<>(List.of(
        "com.fasterxml.jackson.core.JsonParser", "com.fasterxml.jackson.core.JsonToken", "java.io.IOException",
        "java.util.Set", "triad.api.core.JsonIn", "triad.api.core.ReadContext", "triad.api.core.AttributeValueJson"));
    reached.forEach(s -> imports(s, imports));
    if (reached.stream().anyMatch(s -> needsOwnReader(s) && type(s).equals("list"))) {
      imports.addAll(List.of("java.util.ArrayList", "java.util.Collections"));
    }
    if (reached.stream().anyMatch(s -> needsOwnReader(s) && type(s).equals("map"))) {
      imports.addAll(List.of("java.util.LinkedHashMap", "java.util.Collections"));
    }
    StringBuilder b = new StringBuilder(header(imports));
    b.append("/**\n * Streaming readers of DynamoDB's JSON wire model; generated by ApiCodegen, do not edit. Each reader\n");
    b.append(" * takes the token the parser stands on and leaves the parser on the value's last token.\n */\n");
    b.append("public final class Readers {\n");
    b.append("  /** The operations whose requests and responses this model reads and writes. */\n");
    b.append("  public static final Set<String> OPERATIONS = Set.of(\n      ");
    b.append(String.join(",\n      ", OPERATIONS.stream().map(o -> '"' + o + '"').toList())).append(");\n\n");
    b.append("  private Readers() {}\n\n");
    dispatch(b, "readInput", "input", "The operation's input record; null for JSON null or an operation not in OPERATIONS.");
    dispatch(b, "readOutput", "output", "The operation's output record; null for JSON null or an operation without output.");
    for (String s : reached) {
      if (!needsOwnReader(s)) {
        continue;
      }
      b.append("\n  static ").append(javaType(s)).append(" read").append(s)
          .append("(JsonParser p, JsonToken t, ReadContext c) throws IOException {\n");
      switch (type(s)) {
        case "structure" -> structureReader(b, s);
        case "list" -> {
          b.append("    if (!JsonIn.startArray(t)) {\n      return null;\n    }\n");
          b.append("    ").append(javaType(s)).append(" out = new ArrayList<>();\n");
          b.append("    for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {\n");
          b.append("      out.add(").append(readExpr(element(s), "v")).append(");\n    }\n");
          b.append("    return Collections.unmodifiableList(out);\n");
        }
        default -> {
          b.append("    if (!JsonIn.startObject(t)) {\n      return null;\n    }\n");
          b.append("    ").append(javaType(s)).append(" out = new LinkedHashMap<>();\n");
          b.append("    for (String k = p.nextFieldName(); k != null; k = p.nextFieldName()) {\n");
          b.append("      out.put(k, ").append(readExpr(mapValue(s), "p.nextToken()")).append(");\n    }\n");
          b.append("    return Collections.unmodifiableMap(out);\n");
        }
      }
      b.append("  }\n");
    }
    b.append("}\n");
    return b.toString();
  }

  private void dispatch(StringBuilder b, String method, String side, String doc) {
    b.append("  /** ").append(doc).append(" */\n");
    b.append("  public static Object ").append(method)
        .append("(String operation, JsonParser p, JsonToken t, ReadContext c) throws IOException {\n");
    b.append("    return switch (operation) {\n");
    for (String op : OPERATIONS) {
      JsonNode o = operation(op);
      if (o.has(side)) {
        b.append("      case \"").append(op).append("\" -> read").append(o.get(side).get("shape").asText()).append("(p, t, c);\n");
      }
    }
    b.append("      default -> null;\n    };\n  }\n\n");
  }

  private void structureReader(StringBuilder b, String s) {
    Map<String, String> members = members(s);
    b.append("    if (!JsonIn.startObject(t)) {\n      return null;\n    }\n");
    members.forEach((m, shape) -> b.append("    ").append(javaType(shape)).append(' ').append(javaName(m)).append(" = null;\n"));
    b.append("    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {\n");
    b.append("      JsonToken v = p.nextToken();\n");
    b.append("      switch (f) {\n");
    members.forEach((m, shape) -> b.append("        case \"").append(m).append("\" -> ").append(javaName(m)).append(" = ")
        .append(readExpr(shape, "v")).append(";\n"));
    b.append("        default -> p.skipChildren();\n      }\n    }\n");
    b.append("    return new ").append(s).append('(')
        .append(String.join(", ", members.keySet().stream().map(ApiCodegen::javaName).toList())).append(");\n");
  }

  // ---- writers

  private String writeStatement(String s, String value) {
    if (s.equals(ATTRIBUTE_VALUE)) {
      return "AttributeValueJson.write(g, " + value + ");";
    }
    if (isAttributeMap(s)) {
      return "AttributeValueJson.writeItem(g, " + value + ");";
    }
    if (isAttributeList(s)) {
      return "AttributeValueJson.writeList(g, " + value + ");";
    }
    return switch (type(s)) {
      case "structure", "list", "map" -> "write" + s + "(g, " + value + ");";
      case "string" -> "g.writeString(" + value + ");";
      case "integer", "long", "double" -> "g.writeNumber(" + value + ");";
      case "boolean" -> "g.writeBoolean(" + value + ");";
      case "timestamp" -> "JsonOut.timestamp(g, " + value + ");";
      case "blob" -> "g.writeString(" + value + ".toBase64());";
      default -> throw new IllegalArgumentException(s);
    };
  }

  private String writers() {
    Set<String> imports = new TreeSet<>(List.of(
        "com.fasterxml.jackson.core.JsonGenerator", "java.io.IOException", "triad.api.core.AttributeValueJson"));
    reached.forEach(s -> imports(s, imports));
    if (reached.stream().anyMatch(s -> type(s).equals("timestamp"))) {
      imports.add("triad.api.core.JsonOut");
    }
    StringBuilder b = new StringBuilder(header(imports));
    b.append("/**\n * Writers of DynamoDB's JSON wire model; generated by ApiCodegen, do not edit. Null members are\n");
    b.append(" * omitted; empty lists and maps are written.\n */\n");
    b.append("public final class Writers {\n  private Writers() {}\n\n");
    b.append("  /** Writes any record of this model. */\n");
    b.append("  public static void write(JsonGenerator g, Object record) throws IOException {\n");
    b.append("    switch (record) {\n");
    reached.stream().filter(this::isRecord).forEach(s ->
        b.append("      case ").append(s).append(" r -> write").append(s).append("(g, r);\n"));
    b.append("      default -> throw new IllegalArgumentException(\"not a model record: \" + record.getClass());\n");
    b.append("    }\n  }\n");
    for (String s : reached) {
      if (!needsOwnReader(s)) {
        continue;
      }
      b.append("\n  static void write").append(s).append("(JsonGenerator g, ").append(javaType(s)).append(" v) throws IOException {\n");
      switch (type(s)) {
        case "structure" -> {
          b.append("    g.writeStartObject();\n");
          members(s).forEach((m, shape) -> {
            String getter = "v." + javaName(m) + "()";
            b.append("    if (").append(getter).append(" != null) {\n");
            b.append("      g.writeFieldName(\"").append(m).append("\");\n");
            b.append("      ").append(writeStatement(shape, getter)).append("\n    }\n");
          });
          b.append("    g.writeEndObject();\n");
        }
        case "list" -> {
          b.append("    g.writeStartArray();\n");
          b.append("    for (").append(javaType(element(s))).append(" e : v) {\n");
          b.append("      if (e == null) {\n        g.writeNull();\n      } else {\n");
          b.append("        ").append(writeStatement(element(s), "e")).append("\n      }\n    }\n");
          b.append("    g.writeEndArray();\n");
        }
        default -> {
          String value = javaType(mapValue(s));
          b.append("    g.writeStartObject();\n");
          b.append("    for (Map.Entry<String, ").append(value).append("> e : v.entrySet()) {\n");
          b.append("      g.writeFieldName(e.getKey());\n");
          b.append("      if (e.getValue() == null) {\n        g.writeNull();\n      } else {\n");
          b.append("        ").append(writeStatement(mapValue(s), "e.getValue()")).append("\n      }\n    }\n");
          b.append("    g.writeEndObject();\n");
        }
      }
      b.append("  }\n");
    }
    b.append("}\n");
    return b.toString();
  }

  // ---- validators

  /** Whether a shape, or anything under it, carries a constraint trait. */
  private boolean constrained(String s) {
    Boolean known = constrained.get(s);
    if (known != null) {
      return known;
    }
    boolean result;
    if (s.equals(ATTRIBUTE_VALUE)) {
      result = false;
    } else {
      JsonNode n = shape(s);
      boolean own = n.has("min") || n.has("max") || n.has("pattern") || n.has("enum");
      result = switch (type(s)) {
        case "structure" -> !required(s).isEmpty() || members(s).values().stream().anyMatch(this::constrained);
        case "list" -> own || constrained(element(s)) || isScalar(element(s)) && !isAttributeList(s);
        case "map" -> own || constrained(mapKey(s)) || constrained(mapValue(s));
        default -> own;
      };
    }
    constrained.put(s, result);
    return result;
  }

  /** Constraint texts of a scalar shape, in the order Coral lists them inside "[...]". */
  private List<String> summary(String s) {
    if (NAME_OR_ARN.containsKey(s)) {
      return summary(NAME_OR_ARN.get(s));
    }
    List<String> out = new ArrayList<>();
    boolean number = Set.of("integer", "long", "double").contains(type(s));
    Long max = trait(s, "max");
    Long min = trait(s, "min");
    String unit = number ? "value" : "length";
    if (max != null) {
      out.add("Member must have " + unit + " less than or equal to " + max);
    }
    if (min != null) {
      out.add("Member must have " + unit + " greater than or equal to " + min);
    }
    if (pattern(s) != null) {
      out.add("Member must satisfy regular expression pattern: " + pattern(s));
    }
    if (!enumValues(s).isEmpty()) {
      out.add(enumConstraint(s));
    }
    return out;
  }

  /** Coral prints the allowed values in the order of a HashSet filled from the sorted values. */
  private String enumConstraint(String s) {
    return "Member must satisfy enum value set: " + new HashSet<>(new TreeSet<>(enumValues(s)));
  }

  private static String literal(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private String validators() {
    Set<String> imports = new TreeSet<>(List.of("triad.api.core.Violations"));
    Set<String> checked = new TreeSet<>();
    for (String s : inputReached) {
      if (!isScalar(s) && constrained(s) && !s.equals(ATTRIBUTE_VALUE)) {
        checked.add(s);
        imports(s, imports);
      }
    }
    Set<String> scalars = new TreeSet<>();
    for (String s : inputReached) {
      if (isScalar(s) && constrained(s)) {
        scalars.add(s);
        if (NAME_OR_ARN.containsKey(s)) {
          scalars.add(NAME_OR_ARN.get(s));
        }
      }
    }
    if (scalars.stream().anyMatch(s -> pattern(s) != null)) {
      imports.add("java.util.regex.Pattern");
    }
    if (scalars.stream().anyMatch(s -> !enumValues(s).isEmpty())) {
      imports.add("java.util.Set");
    }
    StringBuilder b = new StringBuilder(header(imports));
    b.append("/**\n * The service model's constraints (required, length, size, pattern, enum, range) checked as AWS's\n");
    b.append(" * Coral framework checks them; generated by ApiCodegen, do not edit.\n */\n");
    b.append("public final class Validators {\n");
    for (String s : scalars) {
      if (pattern(s) != null) {
        b.append("  private static final Pattern ").append(constantName(s)).append("_PATTERN = Pattern.compile(")
            .append(literal(pattern(s))).append(");\n");
      }
      if (!enumValues(s).isEmpty()) {
        b.append("  private static final Set<String> ").append(constantName(s)).append("_VALUES = Set.of(")
            .append(String.join(", ", enumValues(s).stream().map(ApiCodegen::literal).toList())).append(");\n");
      }
    }
    b.append("\n  private Validators() {}\n\n");
    b.append("  /** Adds the violations of an operation's input record to {@code out}. */\n");
    b.append("  public static void validate(Object input, Violations out) {\n    switch (input) {\n");
    for (String op : OPERATIONS) {
      JsonNode o = operation(op);
      if (!o.has("input")) {
        continue;
      }
      String in = o.get("input").get("shape").asText();
      b.append("      case ").append(in).append(" r -> ");
      b.append(checked.contains(in) ? "validate" + in + "(r, \"\", out);\n" : "{ }\n");
    }
    b.append("      default -> throw new IllegalArgumentException(\"not an input record: \" + input.getClass());\n");
    b.append("    }\n  }\n");
    for (String s : checked) {
      b.append("\n  static void validate").append(s).append('(').append(javaType(s))
          .append(" v, String path, Violations out) {\n");
      switch (type(s)) {
        case "structure" -> structureChecks(b, s);
        case "list" -> {
          sizeChecks(b, s, "v", "path", "    ");
          elementChecks(b, s, "v", "path", "    ");
        }
        default -> mapChecks(b, s);
      }
      b.append("  }\n");
    }
    for (String s : scalars) {
      b.append("\n  static boolean valid").append(s).append('(').append(javaType(s)).append(" v) {\n");
      b.append("    return v != null");
      if (NAME_OR_ARN.containsKey(s)) {
        b.append(" && (v.startsWith(").append(literal(ARN_PREFIX)).append(")\n        ? ")
            .append(String.join(" && ", scalarConditions(s))).append("\n        : valid")
            .append(NAME_OR_ARN.get(s)).append("(v))");
      } else {
        for (String cond : scalarConditions(s)) {
          b.append("\n        && ").append(cond);
        }
      }
      b.append(";\n  }\n");
    }
    b.append("}\n");
    return b.toString();
  }

  /** Conditions that hold when the scalar shape's constraints are met. */
  private List<String> scalarConditions(String s) {
    List<String> out = new ArrayList<>();
    Long max = trait(s, "max");
    Long min = trait(s, "min");
    boolean number = Set.of("integer", "long", "double").contains(type(s));
    String measure = number ? "v" : "v.length()";
    if (max != null) {
      out.add(measure + " <= " + max + (type(s).equals("long") ? "L" : ""));
    }
    if (min != null) {
      out.add(measure + " >= " + min + (type(s).equals("long") ? "L" : ""));
    }
    if (pattern(s) != null) {
      out.add(constantName(s) + "_PATTERN.matcher(v).matches()");
    }
    if (!enumValues(s).isEmpty()) {
      out.add(constantName(s) + "_VALUES.contains(v)");
    }
    return out;
  }

  private void structureChecks(StringBuilder b, String s) {
    Set<String> required = required(s);
    members(s).forEach((m, shape) -> {
      boolean req = required.contains(m);
      boolean checks = constrained(shape);
      if (!req && !checks) {
        return;
      }
      String value = "v." + javaName(m) + "()";
      String path = "Violations.path(path, \"" + coralName(m) + "\")";
      if (req) {
        b.append("    if (").append(value).append(" == null) {\n      out.notNull(").append(path).append(");\n    }");
        b.append(checks ? " else {\n" : "\n");
      } else {
        b.append("    if (").append(value).append(" != null) {\n");
      }
      if (checks) {
        memberChecks(b, shape, value, path, "      ");
        b.append("    }\n");
      }
    });
  }

  /** Checks of a non-null member value: one violation per failed constraint, Coral's order. */
  private void memberChecks(StringBuilder b, String s, String value, String path, String indent) {
    if (!isScalar(s)) {
      b.append(indent).append("validate").append(s).append('(').append(value).append(", ").append(path).append(", out);\n");
      return;
    }
    if (NAME_OR_ARN.containsKey(s)) {
      b.append(indent).append("if (").append(value).append(".startsWith(").append(literal(ARN_PREFIX)).append(")) {\n");
      scalarChecks(b, s, value, path, indent + "  ");
      b.append(indent).append("} else {\n");
      scalarChecks(b, NAME_OR_ARN.get(s), value, path, indent + "  ");
      b.append(indent).append("}\n");
      return;
    }
    scalarChecks(b, s, value, path, indent);
  }

  private void scalarChecks(StringBuilder b, String s, String value, String path, String indent) {
    boolean number = Set.of("integer", "long", "double").contains(type(s));
    String measure = number ? value : value + ".length()";
    String suffix = type(s).equals("long") ? "L" : "";
    if (pattern(s) != null) {
      violationIf(b, indent, "!" + constantName(s) + "_PATTERN.matcher(" + value + ").matches()", value, path,
          "Member must satisfy regular expression pattern: " + pattern(s));
    }
    String unit = number ? "value" : "length";
    if (trait(s, "min") != null) {
      violationIf(b, indent, measure + " < " + trait(s, "min") + suffix, value, path,
          "Member must have " + unit + " greater than or equal to " + trait(s, "min"));
    }
    if (trait(s, "max") != null) {
      violationIf(b, indent, measure + " > " + trait(s, "max") + suffix, value, path,
          "Member must have " + unit + " less than or equal to " + trait(s, "max"));
    }
    if (!enumValues(s).isEmpty()) {
      violationIf(b, indent, "!" + constantName(s) + "_VALUES.contains(" + value + ")", value, path, enumConstraint(s));
    }
  }

  private static void violationIf(StringBuilder b, String indent, String cond, String value, String path, String text) {
    b.append(indent).append("if (").append(cond).append(") {\n");
    b.append(indent).append("  out.add(").append(value).append(", ").append(path).append(", ").append(literal(text)).append(");\n");
    b.append(indent).append("}\n");
  }

  /** List and map sizes are "length" to Coral. */
  private void sizeChecks(StringBuilder b, String s, String value, String path, String indent) {
    if (trait(s, "min") != null) {
      violationIf(b, indent, value + ".size() < " + trait(s, "min"), value, path,
          "Member must have length greater than or equal to " + trait(s, "min"));
    }
    if (trait(s, "max") != null) {
      violationIf(b, indent, value + ".size() > " + trait(s, "max"), value, path,
          "Member must have length less than or equal to " + trait(s, "max"));
    }
  }

  /** Scalar elements fail as one "Member must satisfy constraint: [...]"; others by index. */
  private void elementChecks(StringBuilder b, String list, String value, String path, String indent) {
    String e = element(list);
    if (isAttributeList(list)) {
      return;
    }
    if (isScalar(e)) {
      b.append(indent).append("if (").append(value).append(".contains(null)) {\n");
      b.append(indent).append("  out.add(").append(value).append(", ").append(path)
          .append(", \"Member must satisfy constraint: [Member must not be null]\");\n");
      b.append(indent).append("}");
      if (constrained(e)) {
        b.append(" else if (!").append(value).append(".stream().allMatch(Validators::valid").append(e).append(")) {\n");
        b.append(indent).append("  out.add(").append(value).append(", ").append(path).append(", ")
            .append(literal("Member must satisfy constraint: " + summary(e))).append(");\n");
        b.append(indent).append("}");
      }
      b.append('\n');
      return;
    }
    b.append(indent).append("for (int i = 0; i < ").append(value).append(".size(); i++) {\n");
    b.append(indent).append("  String elementPath = ").append(path).append(" + \".\" + (i + 1) + \".member\";\n");
    b.append(indent).append("  if (").append(value).append(".get(i) == null) {\n");
    b.append(indent).append("    out.notNull(elementPath);\n");
    if (constrained(e)) {
      b.append(indent).append("  } else {\n");
      b.append(indent).append("    validate").append(e).append('(').append(value).append(".get(i), elementPath, out);\n");
    }
    b.append(indent).append("  }\n").append(indent).append("}\n");
  }

  private void mapChecks(StringBuilder b, String s) {
    sizeChecks(b, s, "v", "path", "    ");
    String key = mapKey(s);
    if (constrained(key)) {
      b.append("    if (!v.keySet().stream().allMatch(Validators::valid").append(key).append(")) {\n");
      b.append("      out.add(v, path, ").append(literal("Map keys must satisfy constraint: " + summary(key))).append(");\n");
      b.append("    }\n");
    }
    String value = mapValue(s);
    if (value.equals(ATTRIBUTE_VALUE) || !constrained(value)) {
      return;
    }
    if (isScalar(value)) {
      b.append("    if (!v.values().stream().allMatch(Validators::valid").append(value).append(")) {\n");
      b.append("      out.add(v, path, ").append(literal("Map value must satisfy constraint: " + summary(value))).append(");\n");
      b.append("    }\n");
      return;
    }
    // A list-valued map reports the lists' sizes as one "Map value" violation, then checks elements.
    boolean listValue = type(value).equals("list");
    if (listValue && (trait(value, "min") != null || trait(value, "max") != null)) {
      List<String> texts = new ArrayList<>();
      List<String> conds = new ArrayList<>();
      if (trait(value, "max") != null) {
        texts.add("Member must have length less than or equal to " + trait(value, "max"));
        conds.add("l.size() <= " + trait(value, "max"));
      }
      if (trait(value, "min") != null) {
        texts.add("Member must have length greater than or equal to " + trait(value, "min"));
        conds.add("l.size() >= " + trait(value, "min"));
      }
      b.append("    if (!v.values().stream().allMatch(l -> l != null && ").append(String.join(" && ", conds)).append(")) {\n");
      b.append("      out.add(v, path, ").append(literal("Map value must satisfy constraint: " + texts)).append(");\n");
      b.append("    }\n");
    }
    b.append("    for (var e : v.entrySet()) {\n");
    b.append("      String at = path + \".\" + e.getKey() + \".member\";\n");
    b.append("      if (e.getValue() == null) {\n        out.notNull(at);\n      } else {\n");
    if (listValue) {
      elementChecks(b, value, "e.getValue()", "at", "        ");
    } else {
      b.append("        validate").append(value).append("(e.getValue(), at, out);\n");
    }
    b.append("      }\n    }\n");
  }

  // ---- docs/compatibility.md

  private String compatibility(String existing) {
    Map<String, String> statuses = existingStatuses(existing);
    StringBuilder b = new StringBuilder();
    b.append("# DynamoDB API compatibility\n\n");
    b.append("Every input member of every operation TriadDB reads, generated by `triad.api.codegen.ApiCodegen` from\n");
    b.append("DynamoDB's service model. Every member is either honoured or rejected with a ValidationException\n");
    b.append("that says it is not built yet — never silently ignored. Operations not listed here answer\n");
    b.append("UnknownOperationException; operations listed but not built answer a ValidationException saying so.\n");
    b.append("Rerunning the generator keeps edited statuses and every hand-written section after the tables.\n");
    for (String op : OPERATIONS) {
      b.append("\n## ").append(op).append("\n\n");
      JsonNode o = operation(op);
      if (!o.has("input") || members(o.get("input").get("shape").asText()).isEmpty()) {
        b.append("No input members.\n");
        continue;
      }
      String in = o.get("input").get("shape").asText();
      Set<String> required = required(in);
      b.append("| Member | Type | Required | Status |\n|---|---|---|---|\n");
      members(in).forEach((m, shape) -> b.append("| ").append(m).append(" | ").append(describe(shape)).append(" | ")
          .append(required.contains(m) ? "yes" : "no").append(" | ")
          .append(statuses.getOrDefault(op + "." + m, DEFAULT_STATUS)).append(" |\n"));
    }
    return b.append(handWrittenTail(existing)).toString();
  }

  /** From the first second-level heading that names no operation to the end: prose kept as written. */
  private static String handWrittenTail(String doc) {
    int from = 0;
    for (String line : doc.split("\n", -1)) {
      if (line.startsWith("## ") && !OPERATIONS.contains(line.substring(3).trim())) {
        return "\n" + doc.substring(from);
      }
      from += line.length() + 1;
    }
    return "";
  }

  private String describe(String s) {
    if (s.equals(ATTRIBUTE_VALUE) || isRecord(s)) {
      return s;
    }
    return switch (type(s)) {
      case "list" -> "List of " + describe(element(s));
      case "map" -> "Map of " + describe(mapValue(s));
      case "string" -> enumValues(s).isEmpty() ? "String" : "String (enum " + s + ")";
      default -> javaType(s);
    };
  }

  private static Map<String, String> existingStatuses(String doc) {
    Map<String, String> out = new HashMap<>();
    String op = null;
    for (String line : doc.split("\n")) {
      if (line.startsWith("## ")) {
        op = line.substring(3).trim();
      } else if (op != null && line.startsWith("| ") && !line.startsWith("| Member ")) {
        String[] cells = line.split("\\|");
        if (cells.length >= 5) {
          out.put(op + "." + cells[1].trim(), cells[4].trim());
        }
      }
    }
    return out;
  }

  /** Reads a file as UTF-8 text, or "" when it does not exist (for the sync test). */
  static String readIfExists(Path p) {
    try {
      return Files.exists(p) ? new String(Files.readAllBytes(p), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Set<String> generatedModelFiles(Map<String, String> files) {
    Set<String> out = new LinkedHashSet<>();
    files.keySet().stream().filter(k -> k.startsWith(MODEL_DIR)).forEach(out::add);
    return out;
  }
}
