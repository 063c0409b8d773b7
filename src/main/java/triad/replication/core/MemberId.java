package triad.replication.core;

/**
 * Member ids: {@code zone#incarnation}, e.g. {@code az1#7}. A replica's id is bound to its journal
 * when the journal is created ({@link DurableEvent.MemberCreated}) and never changes; a replica
 * that starts with an empty journal is a new incarnation with a new id, never its predecessor's.
 * Messages are routed by zone (the shell keeps one replica of a partition per zone), so the zone
 * must be recoverable from the id. An id without {@code #} is a zone name on its own: tests use
 * them, and so may a group whose replicas are never replaced.
 *
 * <p>The incarnation must never have been used before for that zone and partition. The core
 * cannot check that: the shell mints it, from a source that cannot repeat (a random 63-bit number,
 * see docs/replication.md), because a journal lost with its node leaves no trace of which
 * incarnations it used.
 */
public final class MemberId {
  private MemberId() {}

  public static String of(String zone, long incarnation) {
    if (zone == null || zone.isEmpty() || zone.indexOf('#') >= 0) {
      throw new IllegalArgumentException("a zone name is non-empty and has no '#': " + zone);
    }
    if (incarnation < 1) {
      throw new IllegalArgumentException("incarnations start at 1: " + incarnation);
    }
    return zone + "#" + incarnation;
  }

  /** The zone of a member id (or the zone name itself). */
  public static String zone(String id) {
    int hash = id.indexOf('#');
    return hash < 0 ? id : id.substring(0, hash);
  }
}
