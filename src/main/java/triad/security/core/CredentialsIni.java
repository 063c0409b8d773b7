package triad.security.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AWS shared-credentials files (the INI format of {@code ~/.aws/credentials}) to a
 * {@link CredentialStore}. Read the way botocore reads them: {@code [name]} or {@code [profile
 * name]} sections, {@code key = value} or {@code key: value} lines with case-insensitive keys,
 * whole-line comments starting with '#' or ';', no inline comments. Keys used:
 * {@code aws_access_key_id}, {@code aws_secret_access_key} and {@code triad_account_id} (default
 * {@value #ACCOUNT_ID_DEFAULT}); other AWS keys such as {@code region} are ignored, other
 * {@code triad_} keys are errors (a misspelt account id must not silently become the default).
 *
 * <p>Several files merge in order: a profile defined again in a later file replaces the earlier
 * definition whole. A profile without an access key id is not a credential and is skipped. Errors
 * name the file and line and never repeat a line's text, which may hold a secret.
 */
public final class CredentialsIni {
  public static final String ACCOUNT_ID_DEFAULT = "000000000000";
  private static final String ACCOUNT_ID_KEY = "triad_account_id";

  /** One file's name (for error messages) and text. */
  public record Source(String name, String text) {
    @Override
    public String toString() {
      return "Source[" + name + "]";
    }
  }

  /** A profile as one file defines it; the values may hold a secret, so it stays in here. */
  private static final class Profile {
    final String name;
    final String file;
    final int line;
    final Map<String, String> values = new LinkedHashMap<>();
    final Map<String, Integer> lines = new LinkedHashMap<>();

    Profile(String name, String file, int line) {
      this.name = name;
      this.file = file;
      this.line = line;
    }

    String where() {
      return file + " line " + line;
    }
  }

  private CredentialsIni() {}

  /** @throws IllegalArgumentException naming the file and line of the first problem */
  public static CredentialStore load(List<Source> sources) {
    Map<String, Profile> profiles = new LinkedHashMap<>();
    for (Source s : sources) {
      for (Profile p : parse(s)) {
        profiles.remove(p.name);
        profiles.put(p.name, p);
      }
    }
    List<Credential> credentials = new ArrayList<>();
    Map<String, Profile> owners = new LinkedHashMap<>();
    for (Profile p : profiles.values()) {
      Credential c = credential(p);
      if (c == null) {
        continue;
      }
      Profile owner = owners.putIfAbsent(c.accessKeyId(), p);
      if (owner != null) {
        throw new IllegalArgumentException("access key id " + c.accessKeyId() + " is used by profile " + owner.name
            + " (" + owner.where() + ") and by profile " + p.name + " (" + p.where() + ")");
      }
      credentials.add(c);
    }
    return CredentialStore.of(credentials);
  }

  private static List<Profile> parse(Source source) {
    List<Profile> out = new ArrayList<>();
    Map<String, Profile> seen = new LinkedHashMap<>();
    Profile current = null;
    String[] lines = source.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = (i == 0 ? stripBom(lines[i]) : lines[i]).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        current = section(source.name(), lineNo, line);
        Profile twice = seen.putIfAbsent(current.name, current);
        if (twice != null) {
          throw problem(source.name(), lineNo, "profile " + current.name + " is already defined at line " + twice.line);
        }
        out.add(current);
        continue;
      }
      if (current == null) {
        throw problem(source.name(), lineNo, "a key = value line before the first [profile] section");
      }
      keyValue(current, lineNo, line);
    }
    return out;
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  private static Profile section(String file, int lineNo, String line) {
    if (!line.endsWith("]")) {
      throw problem(file, lineNo, "a section header must look like [name]");
    }
    String name = line.substring(1, line.length() - 1).strip();
    if (name.startsWith("profile ")) {
      name = name.substring("profile ".length()).strip();
    }
    if (name.isEmpty()) {
      throw problem(file, lineNo, "empty profile name");
    }
    return new Profile(name, file, lineNo);
  }

  private static void keyValue(Profile p, int lineNo, String line) {
    int eq = line.indexOf('=');
    int colon = line.indexOf(':');
    int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    if (at <= 0) {
      throw problem(p.file, lineNo, "expected key = value (the line is not repeated here: it may hold a secret)");
    }
    String key = line.substring(0, at).strip().toLowerCase(Locale.ROOT);
    String value = line.substring(at + 1).strip();
    if (key.startsWith("triad_") && !key.equals(ACCOUNT_ID_KEY)) {
      throw problem(p.file, lineNo, "unknown key " + key + " (the keys TriadDB reads are aws_access_key_id,"
          + " aws_secret_access_key and " + ACCOUNT_ID_KEY + ")");
    }
    Integer before = p.lines.putIfAbsent(key, lineNo);
    if (before != null) {
      throw problem(p.file, lineNo, key + " is already set in profile " + p.name + " at line " + before);
    }
    p.values.put(key, value);
  }

  /** The profile's credential; null when it has no access key id (e.g. a profile with only a region). */
  private static Credential credential(Profile p) {
    if (p.values.containsKey("aws_session_token")) {
      throw problem(p.file, p.lines.get("aws_session_token"),
          "aws_session_token is not supported: TriadDB accepts long-term access keys only (profile " + p.name + ")");
    }
    String keyId = p.values.get("aws_access_key_id");
    String secret = p.values.get("aws_secret_access_key");
    if (keyId == null && secret == null) {
      return null;
    }
    if (keyId == null || keyId.isEmpty()) {
      throw problem(p.file, p.line, "profile " + p.name + " has a secret access key but no aws_access_key_id");
    }
    if (secret == null || secret.isEmpty()) {
      throw problem(p.file, p.line, "profile " + p.name + " has no aws_secret_access_key");
    }
    String account = p.values.getOrDefault(ACCOUNT_ID_KEY, ACCOUNT_ID_DEFAULT);
    Identity identity;
    try {
      identity = new Identity(p.name, account, keyId);
    } catch (IllegalArgumentException e) {
      throw problem(p.file, p.line, "profile " + p.name + ": " + e.getMessage());
    }
    try {
      return new Credential(identity, secret);
    } catch (IllegalArgumentException e) {
      // Credential's messages describe the rule, never the value.
      throw problem(p.file, p.line, "profile " + p.name + ": " + e.getMessage());
    }
  }

  private static IllegalArgumentException problem(String file, int line, String message) {
    return new IllegalArgumentException(file + " line " + line + ": " + message);
  }
}
