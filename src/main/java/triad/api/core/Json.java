package triad.api.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

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
}
