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

  Result result(Membership membership) {
    int granted = 0;
    for (boolean g : answers.values()) {
      granted += g ? 1 : 0;
    }
    int rejected = answers.size() - granted;
    if (granted >= membership.quorum()) {
      return Result.WON;
    }
    return rejected > membership.voters().size() - membership.quorum() ? Result.LOST : Result.PENDING;
  }
}
