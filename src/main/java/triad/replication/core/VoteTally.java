package triad.replication.core;

import java.util.HashMap;
import java.util.Map;

/** The answers a (pre-)candidate got in one election; a voter's first answer counts. */
final class VoteTally {
  enum Result { PENDING, WON, LOST }

  private final Map<String, Boolean> answers = new HashMap<>();

  void record(String voter, boolean granted) {
    answers.putIfAbsent(voter, granted);
  }

  /** Counts the answers of {@code membership}'s members only. */
  Result result(Membership membership) {
    int granted = 0;
    int rejected = 0;
    for (Map.Entry<String, Boolean> a : answers.entrySet()) {
      if (membership.contains(a.getKey())) {
        granted += a.getValue() ? 1 : 0;
        rejected += a.getValue() ? 0 : 1;
      }
    }
    if (granted >= membership.quorum()) {
      return Result.WON;
    }
    return rejected > membership.size() - membership.quorum() ? Result.LOST : Result.PENDING;
  }
}
