package triad.api.core;

import triad.item.core.DbException;

/**
 * State of one request read. DynamoDB checks attribute values after the model's constraints, so
 * the first attribute-value error is kept here and raised only once the constraints pass.
 */
public final class ReadContext {
  private DbException deferred;

  /** Keeps the first error only: DynamoDB reports one attribute-value problem per request. */
  void defer(DbException e) {
    if (deferred == null) {
      deferred = e;
    }
  }

  DbException deferred() {
    return deferred;
  }

  /** Replaces the deferred error, which must be non-null, e.g. to add its context. */
  void replaceDeferred(DbException e) {
    deferred = e;
  }

  void throwDeferred() {
    if (deferred != null) {
      throw deferred;
    }
  }
}
