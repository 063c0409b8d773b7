package triad.testkit;

import java.util.Set;
import triad.item.core.DbException;

/**
 * The property every fuzz target checks: an input is either accepted or refused with one of
 * DynamoDB's error kinds that are a client's fault (answered 400). Any other exception escapes, and
 * Jazzer reports it as a finding with the input that caused it.
 */
public final class FuzzChecks {
  /** What bad input may be refused with: never an internal error. */
  public static final Set<DbException.Kind> CLIENT_ERRORS = Set.of(DbException.Kind.SERIALIZATION, DbException.Kind.VALIDATION,
      DbException.Kind.UNKNOWN_OPERATION);

  private FuzzChecks() {}

  /** Runs {@code call}; a DbException of another kind than {@code allowed} is a finding, and so is any other exception. */
  public static void acceptedOrRefused(Set<DbException.Kind> allowed, Runnable call) {
    try {
      call.run();
    } catch (DbException e) {
      if (!allowed.contains(e.kind())) {
        throw new AssertionError("refused with " + e.kind() + " (" + e.getMessage() + "), not a client error", e);
      }
    }
  }
}
