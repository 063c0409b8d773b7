package triad.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import triad.security.core.Identities;
import triad.security.core.Policy;
import triad.security.core.SigV4Settings;
import triad.security.core.Statement;
import triad.security.core.Statement.Effect;

/** conf/security.conf's defaults, and identity policies in HOCON, parsed strictly. */
class IdentitiesConfigTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  @TempDir
  Path dir;

  @Test
  void theShippedDefaultsAreDynamoDbs() {
    Config defaults = ConfigFactory.parseResources("security.conf").resolve();
    SecuritySettings s = SecuritySettings.fromConfig(defaults);
    assertEquals(SigV4Settings.DEFAULTS, s.signature());
    assertEquals(Duration.ofSeconds(30), s.refreshInterval());
    assertEquals(Optional.empty(), s.masterKeyFile());
    Identities none = IdentitiesConfig.load(defaults);
    assertEquals(0, none.credentials().size());
    assertEquals(List.of(), none.warnings());
  }

  @Test
  void readsSettingsOverrides() {
    SecuritySettings s = SecuritySettings.fromConfig(config("""
        triad.security {
          credentials-files = ["a", "/etc/triad/b"]
          refresh-interval = 5s
          signature { clock-skew-max = 5m, regions-allowed = [us-east-1, eu-west-1], unsigned-payload-allowed = true, presigned-expires-max = 1h }
          encryption.master-key-file = "/etc/triad/master.key"
        }"""));
    assertEquals(new SigV4Settings(Duration.ofMinutes(5), Set.of("us-east-1", "eu-west-1"), true, Duration.ofHours(1)),
        s.signature());
    assertEquals(Optional.of(Path.of("/etc/triad/master.key")), s.masterKeyFile());
    assertEquals("triad.security.signature: clock skew must be more than 0 and at most PT1H: PT2H",
        assertThrows(SecurityConfigException.class,
            () -> SecuritySettings.fromConfig(config("triad.security.signature.clock-skew-max = 2h"))).getMessage());
    assertEquals("triad.security.refresh-interval must be at least PT1S", assertThrows(SecurityConfigException.class,
        () -> SecuritySettings.fromConfig(config("triad.security.refresh-interval = 10ms"))).getMessage());
  }

  @Test
  void readsCredentialsAndPolicies() {
    Path creds = TestFiles.write(dir.resolve("creds"), "[alice]\naws_access_key_id=AKIDALICE\naws_secret_access_key=" + SECRET
        + "\n[idle]\naws_access_key_id=AKIDIDLE\naws_secret_access_key=" + SECRET + "\n", "rw-------");
    Identities ids = IdentitiesConfig.load(config("""
        triad.security.credentials-files = ["%s"]
        triad.security.identities {
          alice.policies {
            reader.statements = [
              { effect = Allow, actions = ["dynamodb:Get*", "dynamodb:Query"], resources = ["arn:aws:dynamodb:*:*:table/Music"] }
              { effect = Deny, actions = "dynamodb:*", resources = "arn:aws:dynamodb:*:*:table/Secrets" }
            ]
            empty.statements = []
          }
          ghost.policies.all.statements = [ { effect = Allow, actions = ["*"], resources = ["*"] } ]
        }""".formatted(creds)));
    assertEquals(2, ids.credentials().size());
    Identities expected = new Identities(ids.credentials(), Map.of(
        "alice", List.of(
            new Policy("empty", List.of()),
            new Policy("reader", List.of(
                new Statement(Effect.ALLOW, List.of("dynamodb:Get*", "dynamodb:Query"), List.of("arn:aws:dynamodb:*:*:table/Music")),
                new Statement(Effect.DENY, List.of("dynamodb:*"), List.of("arn:aws:dynamodb:*:*:table/Secrets"))))),
        "ghost", List.of(new Policy("all", List.of(new Statement(Effect.ALLOW, List.of("*"), List.of("*")))))));
    assertEquals(expected.policies().keySet(), ids.policies().keySet());
    assertEquals(Set.copyOf(expected.policies().get("alice")), Set.copyOf(ids.policies().get("alice")));
    assertEquals(expected.policies().get("ghost"), ids.policies().get("ghost"));
    assertEquals(Set.of(
        "identity idle has credentials but no policies: every request it signs is denied",
        "the policies of ghost are unused: no credentials file has a profile ghost"), Set.copyOf(ids.warnings()));
  }

  @Test
  void rejectsAnythingItDoesNotUnderstandNamingWhere() {
    assertProblem("triad.security.identities.a.policies.p.statements[0] (String: 1): unknown key 'resource' (allowed: actions,"
        + " effect, resources; IAM conditions, NotAction, NotResource and Principal are not supported)",
        "triad.security.identities.a.policies.p.statements = [{effect = Allow, actions = [\"*\"], resource = [\"*\"]}]");
    assertProblem("triad.security.identities.a.policies.p.statements[0] (String: 1): unknown key 'condition' (allowed: actions,"
        + " effect, resources; IAM conditions, NotAction, NotResource and Principal are not supported)",
        "triad.security.identities.a.policies.p.statements = [{effect = Allow, actions = [\"*\"], resources = [\"*\"], condition {}}]");
    assertProblem("triad.security.identities.a.policies.p.statements[0] (String: 1): effect must be Allow or Deny: allow",
        "triad.security.identities.a.policies.p.statements = [{effect = allow, actions = [\"*\"], resources = [\"*\"]}]");
    assertProblem("triad.security.identities.a.policies.p.statements[0] (String: 1): a statement needs at least one action and one resource",
        "triad.security.identities.a.policies.p.statements = [{effect = Deny, resources = [\"*\"]}]");
    assertProblem("triad.security.identities.a (String: 1): unknown key 'policy' (allowed: policies; IAM conditions, NotAction,"
        + " NotResource and Principal are not supported)", "triad.security.identities.a.policy = {}");
    assertProblem("triad.security.identities.a.policies.p.statements (String: 1): must be a list of statements",
        "triad.security.identities.a.policies.p.statements = {}");
    assertProblem("triad.security.identities.a.policies.p.statements[0].actions (String: 1): must be a string or a list of strings",
        "triad.security.identities.a.policies.p.statements = [{effect = Allow, actions = [1, {}], resources = [\"*\"]}]");
  }

  private static void assertProblem(String message, String hocon) {
    SecurityConfigException e = assertThrows(SecurityConfigException.class, () -> IdentitiesConfig.load(config(hocon)));
    assertEquals(message, e.getMessage());
    assertTrue(e.getMessage().length() < 300);
  }

  private static Config config(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.parseResources("security.conf")).resolve();
  }
}
