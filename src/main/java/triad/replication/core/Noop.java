package triad.replication.core;

/**
 * What a new leader appends first: an entry of its own term, whose commit also commits every
 * earlier entry (a leader may only commit entries of its current term by counting replicas). The
 * shell applies it as nothing.
 */
public record Noop() implements Command {}
