package triad.api.core;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/** Scalar writers for the generated model writers. */
public final class JsonOut {
  private JsonOut() {}

  /** Epoch seconds with three decimals, DynamoDB's form: 1795462986.855. */
  public static void timestamp(JsonGenerator g, Instant t) throws IOException {
    g.writeNumber(BigDecimal.valueOf(t.toEpochMilli(), 3).toPlainString());
  }
}
