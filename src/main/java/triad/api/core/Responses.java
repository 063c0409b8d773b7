package triad.api.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import triad.api.core.model.CancellationReason;
import triad.api.core.model.Readers;
import triad.api.core.model.Writers;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;

/** Typed output records and errors to DynamoDB JSON response bodies. */
public final class Responses {
  public static final String TRANSACTION_CANCELED = "com.amazonaws.dynamodb.v20120810#TransactionCanceledException";

  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  private Responses() {}

  /** The body of an output record, e.g. {@link triad.api.core.model.PutItemOutput}. */
  public static byte[] write(Object output) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      Writers.write(g, output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The body of an operation that has no output shape (TagResource, UntagResource). */
  public static byte[] empty() {
    return EMPTY_OBJECT.clone();
  }

  /**
   * An error body: {"__type":type,"message":message}, plus "Item" when a ConditionalCheckFailed
   * returns the item. {@code type} is the full wire type, e.g.
   * "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"; a null message is omitted.
   */
  public static byte[] error(String type, String message, Map<String, AttributeValue> itemOrNull) {
    ByteArrayBuilder out = new ByteArrayBuilder(128);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("__type", type);
      if (message != null) {
        g.writeStringField("message", message);
      }
      if (itemOrNull != null) {
        g.writeFieldName("Item");
        AttributeValueJson.writeItem(g, itemOrNull);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * TransactionCanceledException's body, one reason per item of the transaction in request order;
   * DynamoDB capitalises "Message" in this one.
   */
  public static byte[] transactionCanceled(String message, List<CancellationReason> reasons) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("__type", TRANSACTION_CANCELED);
      g.writeArrayFieldStart("CancellationReasons");
      for (CancellationReason r : reasons) {
        Writers.write(g, r);
      }
      g.writeEndArray();
      g.writeStringField("Message", message);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Reads a response body into the operation's output record (for clients and differential tests
   * against DynamoDB); null for operations without output.
   *
   * @throws DbException SERIALIZATION when the body is not the operation's output
   */
  public static Object read(String operation, byte[] body) {
    ReadContext c = new ReadContext();
    try (JsonParser p = Json.parser(body)) {
      Object output = Readers.readOutput(operation, p, p.nextToken(), c);
      c.throwDeferred();
      return output;
    } catch (JsonProcessingException e) {
      throw DbException.serialization("response is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
