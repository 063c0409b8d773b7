package triad.replication.core;

/**
 * What a leader knows about one follower's log, and how it sends to it (etcd's tracker.Progress):
 *
 * <ul>
 *   <li>PROBE: the match is unknown; one AppendEntries at a time, the next only after an answer or a
 *       heartbeat response, backing off on rejections until the logs agree.
 *   <li>REPLICATE: the logs agree up to {@link #match}; AppendEntries are pipelined up to
 *       {@code maxInflightAppends} unacknowledged messages.
 *   <li>SNAPSHOT: the follower needs entries the leader compacted: a copy of the item store, or
 *       for a log replica that holds nothing, the start of its log ({@link Message.SeedLog}).
 *       Nothing else is sent until the answer, or until {@link #snapshotRetryTicks} run out and
 *       the leader probes again.
 * </ul>
 */
final class Progress {
  enum State { PROBE, REPLICATE, SNAPSHOT }

  final String member;
  /** The highest index known to be in the follower's log, identical to the leader's. */
  long match;
  /** The index of the next entry to send. */
  long next;
  State state = State.PROBE;
  /** PROBE: an AppendEntries is out, wait for its answer (or a heartbeat response) before the next. */
  boolean probeSent;
  /**
   * REPLICATE: a heartbeat answer showed the follower lacks entries, so send an AppendEntries at
   * {@link #next} even if it carries none: if earlier ones were lost, its rejection restarts probing.
   */
  boolean resend;
  /** Heard from since the last check-quorum. */
  boolean recentActive;
  /** The highest commit index this follower was told, so a commit advance is sent once. */
  long commitSent;
  int snapshotRetryTicks;
  /** SNAPSHOT after a {@link Message.SeedLog}: its index, so a refusal of it can be told apart; else -1. */
  long seedIndex = -1;
  /** The latest {@link Message.Heartbeat#sentTick()} this follower echoed in the current term. */
  long leaseAckTick = Long.MIN_VALUE / 2;
  /** The follower said its item store holds its state. */
  boolean itemState;
  /** A log replica without item state: ticks until the leader asks the shell for its snapshot again. */
  int itemSnapshotTicks;
  // Last index of each unacknowledged AppendEntries, oldest first, in a ring.
  private final long[] inflight;
  private int inflightStart;
  private int inflightCount;

  Progress(String member, long next, int maxInflight) {
    this.member = member;
    this.next = next;
    this.inflight = new long[maxInflight];
  }

  /** An acknowledgement of {@code index}; true if it raised the match. */
  boolean maybeUpdate(long index) {
    next = Math.max(next, index + 1);
    if (index <= match) {
      return false;
    }
    match = index;
    probeSent = false;
    return true;
  }

  /**
   * A rejection of the AppendEntries that followed {@code rejected}; {@code matchHint} is the
   * highest index where the logs may agree. False if the rejection is stale.
   */
  boolean maybeDecrTo(long rejected, long matchHint) {
    switch (state) {
      case REPLICATE -> {
        if (rejected <= match) {
          return false;
        }
        next = match + 1;
        return true;
      }
      case PROBE -> {
        if (next - 1 != rejected) {
          return false;
        }
        next = Math.max(Math.min(rejected, matchHint + 1), match + 1);
        probeSent = false;
        return true;
      }
      case SNAPSHOT -> {
        return false;
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** Records an AppendEntries ending at {@code last} as sent. */
  void sent(long last) {
    resend = false;
    switch (state) {
      case PROBE -> probeSent = true;
      case REPLICATE -> {
        if (last >= next) {
          next = last + 1;
          inflight[(inflightStart + inflightCount) % inflight.length] = last;
          inflightCount++;
        }
      }
      case SNAPSHOT -> throw new IllegalStateException("nothing is sent to a follower waiting for a snapshot");
    }
  }

  void becomeProbe() {
    state = State.PROBE;
    seedIndex = -1;
    probeSent = false;
    next = match + 1;
    clearInflight();
  }

  void becomeReplicate() {
    state = State.REPLICATE;
    seedIndex = -1;
    next = match + 1;
    clearInflight();
  }

  void becomeSnapshot(int retryTicks, long seedIndex) {
    state = State.SNAPSHOT;
    snapshotRetryTicks = retryTicks;
    this.seedIndex = seedIndex;
    clearInflight();
  }

  boolean inflightFull() {
    return inflightCount == inflight.length;
  }

  /** Frees the slots of messages acknowledged by an acknowledgement of {@code index}. */
  void freeInflightTo(long index) {
    while (inflightCount > 0 && inflight[inflightStart] <= index) {
      freeFirstInflight();
    }
  }

  /** Frees the oldest slot: its message or answer may be lost, and a full window would stall. */
  void freeFirstInflight() {
    if (inflightCount > 0) {
      inflightStart = (inflightStart + 1) % inflight.length;
      inflightCount--;
    }
  }

  private void clearInflight() {
    resend = false;
    inflightStart = 0;
    inflightCount = 0;
  }

  @Override
  public String toString() {
    return member + "[" + state + " match=" + match + " next=" + next + (probeSent ? " probeSent" : "") + " inflight=" + inflightCount + "]";
  }
}
