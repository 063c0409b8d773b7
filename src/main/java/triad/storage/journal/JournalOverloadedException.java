package triad.storage.journal;

/** A write found the journal's queue full ({@code writes-queued-max}); nothing was written. */
public final class JournalOverloadedException extends RuntimeException {
  public JournalOverloadedException(int writesQueuedMax) {
    super("journal write queue full (" + writesQueuedMax + " write calls queued)");
  }
}
