package triad.security;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import triad.security.core.CredentialStore;
import triad.security.core.Identities;
import triad.security.core.Policy;
import triad.security.core.Statement;

/**
 * Credentials (from the files {@code triad.security.credentials-files} names) and policies (from
 * {@code triad.security.identities}) as one {@link Identities}. The policy shape:
 *
 * <pre>
 * triad.security.identities {
 *   alice {                              # a profile name in a credentials file
 *     policies {
 *       read-music {                     # policies are named so later config files can add or replace one
 *         statements = [
 *           { effect = Allow, actions = ["dynamodb:Get*", "dynamodb:Query"],
 *             resources = ["arn:aws:dynamodb:*:*:table/Music", "arn:aws:dynamodb:*:*:table/Music/index/*"] }
 *           { effect = Deny, actions = ["dynamodb:*"], resources = ["arn:aws:dynamodb:*:*:table/Secrets"] }
 *         ]
 *       }
 *     }
 *   }
 * }
 * </pre>
 *
 * Keys are checked strictly: a misspelt key or an IAM feature not supported here (Condition,
 * NotAction, NotResource, Principal) is an error, never silently ignored.
 */
public final class IdentitiesConfig {
  private static final String PATH = "triad.security.identities";
  private static final Set<String> STATEMENT_KEYS = Set.of("effect", "actions", "resources");

  private IdentitiesConfig() {}

  /** @throws SecurityConfigException naming the file, line or config path of the first problem */
  public static Identities load(Config root) {
    try {
      CredentialStore credentials = CredentialsFiles.load(root.getStringList("triad.security.credentials-files"));
      return new Identities(credentials, policies(root));
    } catch (ConfigException e) {
      // Typesafe's own messages (a missing path, a wrong type) carry the file and line.
      throw new SecurityConfigException(e.getMessage(), e);
    }
  }

  /** Every identity's policies, by identity name. */
  private static Map<String, List<Policy>> policies(Config root) {
    Map<String, List<Policy>> out = new LinkedHashMap<>();
    ConfigObject identities = root.getObject(PATH);
    for (Map.Entry<String, ConfigValue> identity : identities.entrySet()) {
      String where = PATH + "." + identity.getKey();
      ConfigObject body = object(identity.getValue(), where);
      only(body, Set.of("policies"), where);
      List<Policy> policies = new ArrayList<>();
      ConfigValue list = body.get("policies");
      if (list != null) {
        for (Map.Entry<String, ConfigValue> p : object(list, where + ".policies").entrySet()) {
          policies.add(policy(p.getKey(), p.getValue(), where + ".policies." + p.getKey()));
        }
      }
      out.put(identity.getKey(), List.copyOf(policies));
    }
    return out;
  }

  private static Policy policy(String name, ConfigValue value, String where) {
    ConfigObject body = object(value, where);
    only(body, Set.of("statements"), where);
    ConfigValue statements = body.get("statements");
    if (!(statements instanceof ConfigList list)) {
      throw problem(where + ".statements", value, "must be a list of statements");
    }
    List<Statement> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(statement(list.get(i), where + ".statements[" + i + "]"));
    }
    return new Policy(name, out);
  }

  private static Statement statement(ConfigValue value, String where) {
    ConfigObject body = object(value, where);
    only(body, STATEMENT_KEYS, where);
    try {
      ConfigValue effect = body.get("effect");
      if (effect == null || effect.valueType() != ConfigValueType.STRING) {
        throw new IllegalArgumentException("effect must be Allow or Deny");
      }
      return new Statement(Statement.Effect.parse((String) effect.unwrapped()), strings(body.get("actions"), where + ".actions"),
          strings(body.get("resources"), where + ".resources"));
    } catch (IllegalArgumentException e) {
      throw problem(where, value, e.getMessage());
    }
  }

  /** A list of strings, or one string (IAM allows both). */
  private static List<String> strings(ConfigValue value, String where) {
    if (value == null) {
      return List.of();
    }
    if (value.valueType() == ConfigValueType.STRING) {
      return List.of((String) value.unwrapped());
    }
    if (value instanceof ConfigList list && list.stream().allMatch(v -> v.valueType() == ConfigValueType.STRING)) {
      return list.stream().map(v -> (String) v.unwrapped()).toList();
    }
    throw problem(where, value, "must be a string or a list of strings");
  }

  private static ConfigObject object(ConfigValue value, String where) {
    if (value instanceof ConfigObject o) {
      return o;
    }
    throw problem(where, value, "must be an object { ... }");
  }

  private static void only(ConfigObject body, Set<String> allowed, String where) {
    for (String key : body.keySet()) {
      if (!allowed.contains(key)) {
        throw problem(where, body.get(key), "unknown key '" + key + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList())
            + "; IAM conditions, NotAction, NotResource and Principal are not supported)");
      }
    }
  }

  /** The config path, and the file and line the value came from. */
  private static SecurityConfigException problem(String where, ConfigValue at, String message) {
    return new SecurityConfigException(where + " (" + at.origin().description() + "): " + message);
  }
}
