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

  static final List<Entry> MESSAGES = List.of(
      new Entry("ValidationException", Pattern.compile("(?s).*"), Pattern.compile("(?s)\\d+ validation errors? detected: .*"),
          "model constraints (required, length, range, enum, pattern) answered in Coral's words, as DynamoDB does;"
              + " DynamoDB Local has sentences of its own for them"),
      new Entry("ResourceNotFoundException", Pattern.compile("Cannot do operations on a non-existent table"),
          Pattern.compile("Requested resource not found(: Table: .+ not found)?"), "DynamoDB's wording"),
      new Entry("ResourceInUseException", Pattern.compile("Cannot create preexisting table"),
          Pattern.compile("Table already exists: .+"), "DynamoDB's wording"),
      new Entry("ValidationException", Pattern.compile("One of the required keys was not given a value"),
          Pattern.compile("One or more parameter values were invalid: Missing the key .+ in the item"),
          "DynamoDB names the missing key of a PutItem item"),
      new Entry("ValidationException", Pattern.compile("One or more parameter values were invalid: Type mismatch for key"),
          Pattern.compile("One or more parameter values were invalid: Type mismatch for key .+ expected: [SNB] actual: [A-Z]+"),
          "DynamoDB names the key and both types"),
      new Entry("ValidationException", Pattern.compile("Hash primary key values must be under 2048 bytes, and range primary key values must be under 1024 bytes"),
          Pattern.compile("One or more parameter values were invalid: (Size of hashkey has exceeded the maximum size limit of2048 bytes"
              + "|Aggregated size of all range keys has exceeded the size limit of 1024 bytes)"), "DynamoDB's wording"),
      new Entry("ValidationException", Pattern.compile("The number of attributes in key schema must match the number of attributes defined in attribute definitions\\."),
          Pattern.compile("One or more parameter values were invalid: Some AttributeDefinitions are not used\\. .*"), "DynamoDB's wording"),
      new Entry("ValidationException", Pattern.compile("Query condition missed key schema element"),
          Pattern.compile("Query condition missed key schema element: .+"), "DynamoDB names the missing key"));

  /**
   * Requests DynamoDB Local accepts although DynamoDB refuses them: an enum value outside the
   * model's set, throughput given with PAY_PER_REQUEST, or keys of one batch that are the same
   * number written two ways (100 and 1E+2: one item to DynamoDB, which DynamoDB Local fetches
   * twice). TriadDB's 400 is compared to Local's 200.
   */
  static final List<Pattern> REFUSED_ONLY_BY_DYNAMODB = List.of(
      Pattern.compile("(?s)\\d+ validation errors? detected: .*Member must satisfy enum value set.*"),
      Pattern.compile("Provided list of item keys contains duplicates"),
      Pattern.compile("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"));

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
