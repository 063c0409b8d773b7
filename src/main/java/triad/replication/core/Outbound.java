package triad.replication.core;

/** A message the shell must send to group member {@code to}. */
public record Outbound(String to, Message message) {}
