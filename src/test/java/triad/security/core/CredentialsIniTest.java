package triad.security.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import triad.security.core.CredentialsIni.Source;

/** The shared-credentials INI format, read as botocore reads it, and merged across files. */
class CredentialsIniTest {
  private static final String SECRET_A = "aaaaSECRETaaaa/+=0123456789";
  private static final String SECRET_B = "bbbbSECRETbbbb/+=0123456789";

  @Test
  void readsProfilesCommentsSpacingAndBothSeparators() {
    String text = "\uFEFF# comment\r\n"
        + "; another comment\r\n"
        + "\r\n"
        + "[default]\r\n"
        + "aws_access_key_id = AKIDDEFAULT\r\n"
        + "  aws_secret_access_key=" + SECRET_A + "  \r\n"
        + "region = us-east-1\n"
        + "[ profile bob ]\n"
        + "AWS_ACCESS_KEY_ID: AKIDBOB\n"
        + "aws_secret_access_key : " + SECRET_B + "\n"
        + "triad_account_id = 111122223333\n"
        + "[config-only]\n"
        + "region = eu-west-1\n";
    CredentialStore store = load(text);
    assertEquals(2, store.size());
    assertEquals(new Identity("default", "000000000000", "AKIDDEFAULT"), store.find("AKIDDEFAULT").orElseThrow().identity());
    assertEquals(new Identity("bob", "111122223333", "AKIDBOB"), store.find("AKIDBOB").orElseThrow().identity());
    assertEquals(new Credential(new Identity("bob", "111122223333", "AKIDBOB"), SECRET_B), store.find("AKIDBOB").orElseThrow());
  }

  @Test
  void aLaterFileReplacesAProfileWhole() {
    CredentialStore store = CredentialsIni.load(List.of(
        new Source("one", "[alice]\naws_access_key_id=AKIDOLD\naws_secret_access_key=" + SECRET_A + "\ntriad_account_id=111111111111\n"
            + "[bob]\naws_access_key_id=AKIDBOB\naws_secret_access_key=" + SECRET_B + "\n"),
        new Source("two", "[alice]\naws_access_key_id=AKIDNEW\naws_secret_access_key=" + SECRET_A + "\n")));
    assertTrue(store.find("AKIDOLD").isEmpty());
    assertEquals("000000000000", store.find("AKIDNEW").orElseThrow().identity().accountId());
    assertTrue(store.find("AKIDBOB").isPresent());
  }

  @Test
  void rejectsAnAccessKeyIdSharedByTwoProfiles() {
    String message = error(List.of(
        new Source("one", "[alice]\naws_access_key_id=AKIDSAME\naws_secret_access_key=" + SECRET_A + "\n"),
        new Source("two", "\n[bob]\naws_access_key_id=AKIDSAME\naws_secret_access_key=" + SECRET_B + "\n")));
    assertEquals("access key id AKIDSAME is used by profile alice (one line 1) and by profile bob (two line 2)", message);
  }

  @Test
  void errorsNameFileAndLineAndNeverTheSecret() {
    assertError("creds line 2: expected key = value (the line is not repeated here: it may hold a secret)",
        "[a]\nwJalrXUtnFEMI/K7MDENG\n");
    assertError("creds line 1: a key = value line before the first [profile] section", "aws_secret_access_key=" + SECRET_A + "\n");
    assertError("creds line 1: profile a has no aws_secret_access_key", "[a]\naws_access_key_id=AKIDA\n");
    assertError("creds line 1: profile a has a secret access key but no aws_access_key_id", "[a]\naws_secret_access_key=" + SECRET_A);
    assertError("creds line 4: profile a is already defined at line 1", "[a]\nregion=x\n\n[a]\n");
    assertError("creds line 3: aws_access_key_id is already set in profile a at line 2",
        "[a]\naws_access_key_id=X\nAWS_ACCESS_KEY_ID=Y\n");
    assertError("creds line 1: a section header must look like [name]", "[a\n");
    assertError("creds line 1: empty profile name", "[ ]\n");
    assertError("creds line 1: profile a: secret access key must be at least 16 characters without whitespace",
        "[a]\naws_access_key_id=AKIDA\naws_secret_access_key=short\n");
    assertError("creds line 1: profile a: account id must be 12 digits: 1234",
        "[a]\naws_access_key_id=AKIDA\naws_secret_access_key=" + SECRET_A + "\ntriad_account_id=1234\n");
    assertError("creds line 1: profile a: access key id must be 1-128 characters of letters, digits, '_' and '-'",
        "[a]\naws_access_key_id=AKID/A\naws_secret_access_key=" + SECRET_A + "\n");
    assertError("creds line 1: profile has space: identity name must be 1-64 characters of letters, digits and +=,.@_- : has space",
        "[has space]\naws_access_key_id=AKIDA\naws_secret_access_key=" + SECRET_A + "\n");
    assertError("creds line 4: aws_session_token is not supported: TriadDB accepts long-term access keys only (profile a)",
        "[a]\naws_access_key_id=AKIDA\naws_secret_access_key=" + SECRET_A + "\naws_session_token=" + SECRET_B + "\n");
  }

  @Test
  void rejectsMisspeltTriadKeysButIgnoresOtherAwsKeys() {
    assertError("creds line 4: unknown key triad_acount_id (the keys TriadDB reads are aws_access_key_id,"
        + " aws_secret_access_key and triad_account_id)",
        "[a]\naws_access_key_id=AKIDA\naws_secret_access_key=" + SECRET_A + "\ntriad_acount_id=111122223333\n");
    assertEquals(1, load("[a]\naws_access_key_id=AKIDA\naws_secret_access_key=" + SECRET_A + "\noutput=json\nrole_arn=x\n").size());
  }

  @Test
  void anEmptyFileHasNoCredentials() {
    assertEquals(0, load("").size());
    assertEquals(0, load("# only a comment\n").size());
  }

  private static CredentialStore load(String text) {
    return CredentialsIni.load(List.of(new Source("creds", text)));
  }

  private static void assertError(String expected, String text) {
    String message = error(List.of(new Source("creds", text)));
    assertEquals(expected, message);
  }

  private static String error(List<Source> sources) {
    String message = assertThrows(IllegalArgumentException.class, () -> CredentialsIni.load(sources)).getMessage();
    assertFalse(message.contains(SECRET_A) || message.contains(SECRET_B) || message.contains("short"), message);
    return message;
  }
}
