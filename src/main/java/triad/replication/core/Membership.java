package triad.replication.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The members of a replication group, by stable id (the availability zone names). Every member is
 * a voter today; log replicas (members that acknowledge writes but serve no reads) and joint
 * consensus for membership changes will add fields here.
 */
public record Membership(List<String> voters) {

  public Membership {
    if (voters == null || voters.isEmpty()) {
      throw new IllegalArgumentException("a group needs at least one voter");
    }
    if (new HashSet<>(voters).size() != voters.size() || voters.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("voters must be distinct and non-null: " + voters);
    }
    voters = new ArrayList<>(voters);
  }

  public boolean isVoter(String member) {
    return voters.contains(member);
  }

  /** The smallest number of voters that is a majority. */
  public int quorum() {
    return voters.size() / 2 + 1;
  }
}
