package triad.metadata.core;

/**
 * A table's lifecycle, as DynamoDB reports it. Transitions: CREATING -> ACTIVE (all partitions
 * initialized); ACTIVE -> UPDATING -> ACTIVE (settings change); ACTIVE -> DELETING -> gone.
 */
public enum TableStatus {
  CREATING,
  ACTIVE,
  UPDATING,
  DELETING
}
