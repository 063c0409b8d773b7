package triad.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.ItemCodec;
import triad.item.core.ItemSize;
import triad.testkit.FuzzChecks;

/**
 * Attribute values in DynamoDB JSON (triad.api.core.AttributeValueJson): any bytes decode to an
 * item or are refused with a client error; a decoded item survives the JSON round trip and the
 * storage codec unchanged.
 */
class AttributeValuesFuzzTest {
  @FuzzTest(maxDuration = "15s")
  void anyBytesDecodeToAnItemOrAreRefused(byte[] json) {
    FuzzChecks.acceptedOrRefused(FuzzChecks.CLIENT_ERRORS, () -> {
      Map<String, AttributeValue> item = read(json);
      if (item == null) {
        return;
      }
      assertEquals(item, read(write(item)), "JSON round trip");
      assertEquals(item, ItemCodec.decode(ItemCodec.encode(item)), "storage codec round trip");
      ItemSize.of(item);
    });
  }

  /** The item, null when the JSON is not an object; malformed JSON is refused as the API refuses it. */
  private static Map<String, AttributeValue> read(byte[] json) {
    try (JsonParser p = Json.parser(json)) {
      ReadContext c = new ReadContext();
      Map<String, AttributeValue> item = AttributeValueJson.readItem(p, p.nextToken(), c, false);
      if (c.deferred() != null) {
        throw c.deferred();
      }
      return item;
    } catch (IOException e) {
      // as Requests refuses what it cannot read
      throw DbException.serialization(null);
    }
  }

  private static byte[] write(Map<String, AttributeValue> item) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      AttributeValueJson.writeItem(g, item);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
