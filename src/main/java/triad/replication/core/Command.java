package triad.replication.core;

/**
 * A replicated payload. The core never looks inside: the shell supplies its own records and
 * serializes them (with Kryo) in the journal and in messages.
 */
public interface Command {}
