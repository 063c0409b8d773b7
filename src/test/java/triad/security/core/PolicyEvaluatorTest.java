package triad.security.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import triad.item.core.DbException;
import triad.security.core.PolicyEvaluator.Decision;
import triad.security.core.Statement.Effect;

/** IAM evaluation over a matrix of identities, actions and resources, with wildcards and explicit denies. */
class PolicyEvaluatorTest {
  private static final String PREFIX = "arn:aws:dynamodb:us-east-1:111122223333:";
  private static final String T = PREFIX + "table/";

  private static final Map<String, List<Policy>> POLICIES = Map.of(
      "admin", List.of(policy(allow(List.of("dynamodb:*"), List.of("*")))),
      "reader", List.of(policy(allow(List.of("dynamodb:Get*", "dynamodb:BatchGet*", "dynamodb:query", "dynamodb:Scan"),
          List.of("arn:aws:dynamodb:*:*:table/Music", "arn:aws:dynamodb:*:*:table/Music/index/*")))),
      "writer", List.of(
          policy(allow(List.of("dynamodb:*"), List.of("arn:aws:dynamodb:us-east-1:111122223333:table/*")),
              allow(List.of("dynamodb:ListTables"), List.of("*"))),
          policy(deny(List.of("dynamodb:Delete*"), List.of("*")))),
      "indexes", List.of(policy(allow(List.of("dynamodb:Query"), List.of("arn:aws:dynamodb:*:*:table/Music*")),
          deny(List.of("dynamodb:Query"), List.of("arn:aws:dynamodb:*:*:table/Music/index/Secret?"))),
          policy(allow(List.of("dynamodb:GetItem"), List.of("arn:aws:dynamodb:eu-*:111122223333:table/Music")))),
      "nobody", List.of());

  /** identity, action, resource, expected decision. */
  private static final String MATRIX = """
      admin   GetItem      table/Music                ALLOW
      admin   DeleteTable  table/Music                ALLOW
      admin   ListTables   *                          ALLOW
      reader  GetItem      table/Music                ALLOW
      reader  BatchGetItem table/Music                ALLOW
      reader  Query        table/Music/index/ByGenre  ALLOW
      reader  Scan         table/Music                ALLOW
      reader  PutItem      table/Music                IMPLICIT_DENY
      reader  GetItem      table/MusicOld             IMPLICIT_DENY
      reader  GetItem      table/Other                IMPLICIT_DENY
      reader  ListTables   *                          IMPLICIT_DENY
      writer  PutItem      table/Music                ALLOW
      writer  UpdateItem   table/Other                ALLOW
      writer  DeleteItem   table/Music                EXPLICIT_DENY
      writer  DeleteTable  table/Music                EXPLICIT_DENY
      writer  ListTables   *                          ALLOW
      indexes Query        table/Music                ALLOW
      indexes Query        table/MusicOld             ALLOW
      indexes Query        table/Music/index/ByGenre  ALLOW
      indexes Query        table/Music/index/Secret1  EXPLICIT_DENY
      indexes Query        table/Music/index/Secret12 ALLOW
      indexes Scan         table/Music                IMPLICIT_DENY
      indexes GetItem      table/Music                IMPLICIT_DENY
      nobody  GetItem      table/Music                IMPLICIT_DENY
      nobody  ListTables   *                          IMPLICIT_DENY
      """;

  @Test
  void decidesEveryCellOfTheMatrix() {
    List<String> wrong = new ArrayList<>();
    for (String line : MATRIX.strip().split("\n")) {
      String[] c = line.strip().split("\\s+");
      Permission p = new Permission("dynamodb:" + c[1], c[2].equals("*") ? "*" : PREFIX + c[2]);
      Decision d = PolicyEvaluator.decide(POLICIES.get(c[0]), p);
      if (d != Decision.valueOf(c[3])) {
        wrong.add(line.strip() + " -> " + d);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void regionAndAccountSegmentsMatchSegmentBySegment() {
    List<Policy> p = POLICIES.get("indexes");
    assertEquals(Decision.ALLOW, PolicyEvaluator.decide(p,
        new Permission("dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:111122223333:table/Music")));
    assertEquals(Decision.IMPLICIT_DENY, PolicyEvaluator.decide(p,
        new Permission("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/Music")));
    assertEquals(Decision.IMPLICIT_DENY, PolicyEvaluator.decide(p,
        new Permission("dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:999999999999:table/Music")));
  }

  @Test
  void deniesWithDynamoDbsMessages() {
    Identity reader = new Identity("reader", "111122223333", "AKIDREADER");
    AuthFailure f = assertThrows(AuthFailure.class, () -> PolicyEvaluator.authorize(reader, POLICIES.get("reader"),
        List.of(new Permission("dynamodb:GetItem", T + "Music"), new Permission("dynamodb:PutItem", T + "Music"))));
    assertEquals(DbException.Kind.ACCESS_DENIED, f.kind());
    assertEquals("User: arn:aws:iam::111122223333:user/reader is not authorized to perform: dynamodb:PutItem on resource:"
        + " arn:aws:dynamodb:us-east-1:111122223333:table/Music because no identity-based policy allows the dynamodb:PutItem action",
        f.getMessage());

    Identity writer = new Identity("writer", "111122223333", "AKIDWRITER");
    AuthFailure g = assertThrows(AuthFailure.class, () -> PolicyEvaluator.authorize(writer, POLICIES.get("writer"),
        List.of(new Permission("dynamodb:PutItem", "*"), new Permission("dynamodb:DeleteItem", T + "Music"))));
    assertEquals("User: arn:aws:iam::111122223333:user/writer is not authorized to perform: dynamodb:DeleteItem on resource:"
        + " arn:aws:dynamodb:us-east-1:111122223333:table/Music with an explicit deny in an identity-based policy", g.getMessage());
  }

  @Test
  void allowsWhenEveryPermissionIsAllowed() {
    Identity admin = new Identity("admin", "111122223333", "AKIDADMIN");
    PolicyEvaluator.authorize(admin, POLICIES.get("admin"),
        List.of(new Permission("dynamodb:GetItem", T + "A"), new Permission("dynamodb:ListTables", "*")));
    PolicyEvaluator.authorize(admin, List.of(), List.of());
  }

  @Test
  void rejectsMalformedStatements() {
    assertThrows(IllegalArgumentException.class, () -> Effect.parse("allow"));
    assertThrows(IllegalArgumentException.class, () -> allow(List.of(), List.of("*")));
    assertThrows(IllegalArgumentException.class, () -> allow(List.of("GetItem"), List.of("*")));
    assertThrows(IllegalArgumentException.class, () -> allow(List.of("dynamodb:Get Item"), List.of("*")));
    assertThrows(IllegalArgumentException.class, () -> allow(List.of("dynamodb:GetItem"), List.of("table/Music")));
    assertThrows(IllegalArgumentException.class, () -> allow(List.of("dynamodb:GetItem"), List.of("arn:aws:dynamodb:table/Music")));
  }

  @Test
  void globHandlesStarsQuestionMarksAndLiteralStars() {
    assertTrue(Glob.matches("a*b*c", "aXXbYYc", false));
    assertTrue(Glob.matches("*", "", false));
    assertTrue(Glob.matches("a?c", "abc", false));
    assertEquals(false, Glob.matches("a?c", "ac", false));
    assertEquals(false, Glob.matches("a*b", "aXXbY", false));
    assertTrue(Glob.matches("*a*a*a*a*a*b", "a".repeat(10_000) + "b", false));
    assertEquals(false, Glob.matches("*a*a*a*a*a*b", "a".repeat(10_000), false));
    assertTrue(Glob.matches("dynamodb:get*", "dynamodb:GetItem", true));
    assertEquals(false, Glob.matches("table/music", "table/Music", false));
  }

  private static Policy policy(Statement... statements) {
    return new Policy("p", List.of(statements));
  }

  private static Statement allow(List<String> actions, List<String> resources) {
    return new Statement(Effect.ALLOW, actions, resources);
  }

  private static Statement deny(List<String> actions, List<String> resources) {
    return new Statement(Effect.DENY, actions, resources);
  }
}
