package triad.api.core;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import triad.api.core.model.Readers;
import triad.security.core.RequiredPermissions;
import triad.testkit.FuzzChecks;

/**
 * Request bodies (triad.api.core.Requests) of every operation: any bytes parse and validate into
 * the operation's input, or are refused with SerializationException or ValidationException; a
 * parsed input has the permissions authorization asks for, and writes back to JSON that reads the
 * same.
 */
class RequestsFuzzTest {
  private static final List<String> OPERATIONS = Readers.OPERATIONS.stream().sorted().toList();

  @FuzzTest(maxDuration = "15s")
  void anyBodyOfAnyOperationParsesOrIsRefused(FuzzedDataProvider d) {
    String operation = d.pickValue(OPERATIONS);
    byte[] body = d.consumeRemainingAsBytes();
    FuzzChecks.acceptedOrRefused(FuzzChecks.CLIENT_ERRORS, () -> {
      Requests.Parsed parsed = Requests.readDeferringValues(operation, body);
      RequiredPermissions.of(parsed.input(), "us-east-1", "000000000000");
      Requests.Parsed again = Requests.readDeferringValues(operation, Requests.write(parsed.input()));
      if (!again.input().equals(parsed.input())) {
        throw new AssertionError(operation + " does not read back what it writes: " + parsed.input() + " vs " + again.input());
      }
    });
  }
}
