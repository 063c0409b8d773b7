package triad.security.core;

import java.util.List;
import java.util.Objects;

/** A named identity policy: its statements, evaluated together with the identity's other policies. */
public record Policy(String name, List<Statement> statements) {
  public Policy {
    Objects.requireNonNull(name, "name");
    statements = List.copyOf(statements);
  }
}
