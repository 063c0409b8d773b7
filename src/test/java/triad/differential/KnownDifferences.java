package triad.differential;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Error messages where TriadDB deliberately follows real DynamoDB's wording instead of DynamoDB
 * Local's. Each entry names the error type, a pattern for DynamoDB Local's message, one for
 * TriadDB's, and why. The error type must still match; only the message is forgiven. The list is
 * kept in docs/compatibility.md ("Differential test") and decided by the integrator.
 */
final class KnownDifferences {
  record Entry(String errorType, Pattern baselineMessage, Pattern candidateMessage, String reason) {}

  static final List<Entry> MESSAGES = List.of();

  /**
   * Table description members that real DynamoDB returns and DynamoDB Local 3.x does not know:
   * compared when both servers give them, ignored when only the candidate does.
   */
  static final Set<String> TABLE_MEMBERS_NEWER_THAN_DYNAMODB_LOCAL = Set.of("WarmThroughput");

  private KnownDifferences() {}

  static boolean allows(String errorType, String candidateMessage, String baselineMessage) {
    for (Entry e : MESSAGES) {
      if (e.errorType().equals(errorType)
          && baselineMessage != null && e.baselineMessage().matcher(baselineMessage).matches()
          && candidateMessage != null && e.candidateMessage().matcher(candidateMessage).matches()) {
        return true;
      }
    }
    return false;
  }
}
