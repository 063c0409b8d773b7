package triad.api.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.CharConversionException;
import java.io.IOException;

/** The one Jackson factory of the wire layer; thread-safe and shared. */
public final class Json {
  /**
   * Deeply nested attribute values must reach DynamoDB's own nesting check rather than trip
   * Jackson's default depth limit; the body size limit bounds the work.
   */
  private static final int JSON_NESTING_DEPTH_MAX = 100_000;

  public static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JSON_NESTING_DEPTH_MAX).build())
      .build();

  private Json() {}

  /**
   * A parser of a JSON body, which DynamoDB reads as UTF-8 only. Jackson would take zero bytes
   * among the first four, or an FE/FF byte first, for UTF-16 or UTF-32 and decode the body as that;
   * no UTF-8 JSON text starts so, and such a body is refused as malformed.
   *
   * @throws CharConversionException for a body that cannot be UTF-8 JSON
   */
  static JsonParser parser(byte[] body) throws IOException {
    for (int i = 0; i < Math.min(4, body.length); i++) {
      if (body[i] == 0) {
        throw new CharConversionException("a zero byte at " + i + ": not UTF-8 JSON");
      }
    }
    if (body.length > 0 && (body[0] & 0xff) >= 0xfe) {
      throw new CharConversionException("a UTF-16 or UTF-32 byte order mark: not UTF-8 JSON");
    }
    return FACTORY.createParser(body);
  }
}
