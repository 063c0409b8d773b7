package triad.replication.core;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import triad.replication.core.Linearizability.Op;

/** The checker the simulation relies on must accept what is linearizable and catch what is not. */
class LinearizabilityTest {
  private static final long U = Linearizability.UNKNOWN;

  @Test
  void sequentialHistoriesThatReadTheLastWriteAreLinearizable() {
    assertNull(Linearizability.check(List.of(Op.read(0, 1), Op.write(5, 2, 3), Op.read(5, 4), Op.write(6, 5, 6), Op.read(6, 7)), 0, 1000));
  }

  @Test
  void aReadOfAnOverwrittenValueAfterTheOverwriteRespondedIsNot() {
    assertNotNull(Linearizability.check(List.of(Op.write(5, 1, 2), Op.write(6, 3, 4), Op.read(5, 5)), 0, 1000));
    assertNotNull(Linearizability.check(List.of(Op.write(5, 1, 2), Op.read(0, 3)), 0, 1000), "an acknowledged write is lost");
  }

  @Test
  void concurrentWritesMayTakeEffectInEitherOrderButReadsMustAgreeOnOne() {
    List<Op> base = List.of(Op.write(5, 1, 10), Op.write(6, 2, 9));
    List<Op> fiveLast = new ArrayList<>(base);
    fiveLast.add(Op.read(5, 11));
    fiveLast.add(Op.read(5, 12));
    assertNull(Linearizability.check(fiveLast, 0, 1000));
    List<Op> flipFlop = new ArrayList<>(base);
    flipFlop.add(Op.read(5, 11));
    flipFlop.add(Op.read(6, 12));
    assertNotNull(Linearizability.check(flipFlop, 0, 1000));
    List<Op> during = new ArrayList<>(base);
    during.add(Op.read(6, 3));
    during.add(Op.read(5, 4));
    during.add(Op.read(5, 11));
    assertNull(Linearizability.check(during, 0, 1000), "6 then 5, both while they were in flight");
  }

  @Test
  void aWriteWithoutAResponseMayHaveHappenedOrNot() {
    assertNull(Linearizability.check(List.of(Op.write(5, 1, U), Op.read(0, 2), Op.read(5, 3)), 0, 1000));
    assertNull(Linearizability.check(List.of(Op.write(5, 1, U), Op.read(0, 2), Op.read(0, 3)), 0, 1000));
    assertNotNull(Linearizability.check(List.of(Op.write(5, 1, U), Op.read(5, 2), Op.read(0, 3)), 0, 1000), "once seen, it happened");
    assertNotNull(Linearizability.check(List.of(Op.read(5, 1), Op.write(5, 2, U)), 0, 1000), "not before it was invoked");
  }

  @Test
  void theSearchIsBounded() {
    List<Op> ops = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      ops.add(Op.write(i, 0, 1000));
    }
    ops.add(Op.read(41, 1001));
    assertNotNull(Linearizability.check(ops, 0, 500));
  }
}
