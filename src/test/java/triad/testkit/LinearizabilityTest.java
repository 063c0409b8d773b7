package triad.testkit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import triad.testkit.Linearizability.Op;
import triad.testkit.Linearizability.Outcome;

class LinearizabilityTest {

  @Test
  void overlappingOperationsMayTakeEffectInEitherOrder() {
    assertNull(Linearizability.check(List.of(
        Op.write("k", 1, null, Outcome.OK, 0, 10),
        Op.read("k", 1, 5, 8),
        Op.write("k", 2, 1, Outcome.OK, 9, 20),
        Op.read("k", 1, 11, 12),
        Op.read("k", 2, 21, 22))));
  }

  @Test
  void aReadOfAnOverwrittenValueAfterTheOverwriteCompletedIsNot() {
    assertNotNull(Linearizability.check(List.of(
        Op.write("k", 1, null, Outcome.OK, 0, 10),
        Op.write("k", 2, 1, Outcome.OK, 11, 20),
        Op.read("k", 1, 21, 22))));
  }

  @Test
  void aConditionThatFailedMustHaveSeenAnotherValue() {
    assertNotNull(Linearizability.check(List.of(
        Op.write("k", 1, null, Outcome.OK, 0, 10),
        Op.write("k", 2, 1, Outcome.CONDITION_FAILED, 11, 20))));
    assertNull(Linearizability.check(List.of(
        Op.write("k", 1, null, Outcome.OK, 0, 10),
        Op.write("k", 2, 1, Outcome.CONDITION_FAILED, 5, 20))));
  }

  @Test
  void anUnknownWriteMayHaveHappenedLaterOrNever() {
    assertNull(Linearizability.check(List.of(
        Op.write("k", 1, null, Outcome.UNKNOWN, 0, 1),
        Op.read("k", null, 2, 3),
        Op.read("k", 1, 4, 5))));
    assertNull(Linearizability.check(List.of(
        Op.write("k", 1, null, Outcome.UNKNOWN, 0, 1),
        Op.read("k", null, 2, 3))));
    assertNotNull(Linearizability.check(List.of(
        Op.write("k", 1, null, Outcome.UNKNOWN, 0, 1),
        Op.read("k", 1, 2, 3),
        Op.read("k", null, 4, 5))));
  }

  @Test
  void keysAreCheckedIndependently() {
    assertNull(Linearizability.check(List.of(
        Op.write("a", 1, null, Outcome.OK, 0, 10),
        Op.write("b", 1, null, Outcome.OK, 0, 10),
        Op.read("a", 1, 11, 12),
        Op.read("b", 1, 11, 12))));
  }
}
