package triad.storage.journal;

/** The journal was closed before the request could be carried out. */
public final class JournalClosedException extends RuntimeException {
  public JournalClosedException() {
    super("journal closed");
  }
}
