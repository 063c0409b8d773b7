package triad.api.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import triad.api.core.model.Readers;
import triad.api.core.model.Validators;
import triad.api.core.model.Writers;
import triad.item.core.DbException;

/**
 * Request bodies of the DynamoDB JSON protocol (awsJson1_0) to typed input records, checked in
 * DynamoDB's order: the JSON and its member types (SerializationException), then the model's
 * constraints (one ValidationException listing every violation), then attribute values
 * (ValidationException with DynamoDB's message for the first invalid one).
 */
public final class Requests {
  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  private Requests() {}

  /**
   * Reads the body of {@code operation} (the part after "DynamoDB_20120810." in X-Amz-Target) into
   * its input record, e.g. {@link triad.api.core.model.PutItemInput}. An empty body reads as {}.
   *
   * @throws DbException UNKNOWN_OPERATION, SERIALIZATION or VALIDATION
   */
  public static Object read(String operation, byte[] body) {
    Parsed parsed = readDeferringValues(operation, body);
    if (parsed.invalidValue() != null) {
      throw parsed.invalidValue();
    }
    return parsed.input();
  }

  /**
   * A request whose shape and constraints are valid; {@code invalidValue} is the first invalid
   * attribute value, if any. DynamoDB reports that only after it has found the table, so the
   * router raises it then.
   */
  public record Parsed(Object input, DbException invalidValue) {}

  /** Like {@link #read}, but hands back an invalid attribute value instead of throwing it. */
  public static Parsed readDeferringValues(String operation, byte[] body) {
    if (!Readers.OPERATIONS.contains(operation)) {
      throw new DbException(DbException.Kind.UNKNOWN_OPERATION, "An unknown operation was requested.");
    }
    ReadContext c = new ReadContext();
    Object input = parse(operation, body.length == 0 ? EMPTY_OBJECT : body, c);
    Violations violations = new Violations();
    Validators.validate(input, violations);
    violations.throwIfAny();
    return new Parsed(input, c.deferred());
  }

  private static Object parse(String operation, byte[] body, ReadContext c) {
    try (JsonParser p = Json.parser(body)) {
      Object input = Readers.readInput(operation, p, p.nextToken(), c);
      if (input == null) {
        throw malformed();
      }
      // Like DynamoDB, what follows the request's JSON object is not read.
      return input;
    } catch (IOException e) {
      // Parsing bytes in memory does no I/O: anything thrown is about the bytes, e.g. a
      // CharConversionException for bytes that are not UTF-8 (found by fuzzing: Jackson's own
      // encoding detection threw it for bytes it took for UCS-4).
      throw malformed();
    }
  }

  /** DynamoDB answers JSON it cannot parse with a SerializationException that has no message. */
  private static DbException malformed() {
    return DbException.serialization(null);
  }

  /** The JSON body of an input record, as an SDK would send it (for clients and tests). */
  public static byte[] write(Object input) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      Writers.write(g, input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
