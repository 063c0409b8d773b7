package triad.security.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static triad.security.core.SdkSigning.BODY;
import static triad.security.core.SdkSigning.T0;
import static triad.security.core.SdkSigning.getItem;
import static triad.security.core.SdkSigning.presign;
import static triad.security.core.SdkSigning.withBody;
import static triad.security.core.SdkSigning.withHeader;
import static triad.security.core.SdkSigning.withQuery;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import triad.item.core.DbException;

/** Presigned (query-string) SigV4 as the AWS SDK produces it. */
class PresignedRequestTest {
  private final SigV4Verifier verifier = new SigV4Verifier(SigV4Settings.DEFAULTS, SdkSigning.store());
  private final SignedRequest presigned = presign(getItem("https://localhost:8000/?extra=1"), BODY, T0, Duration.ofMinutes(5));

  @Test
  void acceptsTheSdksPresignedRequestUntilItExpires() {
    assertTrue(presigned.rawQuery().contains("X-Amz-Signature="));
    assertTrue(presigned.header("authorization").isEmpty());
    assertEquals("alice", verifier.verify(presigned, T0).name());
    verifier.verify(presigned, T0.plus(Duration.ofMinutes(5)));
    verifier.verify(presigned, T0.minus(Duration.ofMinutes(15)));
  }

  @Test
  void rejectsItOnceExpired() {
    AuthFailure f = assertThrows(AuthFailure.class, () -> verifier.verify(presigned, T0.plus(Duration.ofMinutes(5)).plusSeconds(1)));
    assertEquals(DbException.Kind.INVALID_SIGNATURE, f.kind());
    assertEquals("Signature expired: 20260101T000000Z is now earlier than 20260101T000001Z (20260101T000501Z - 5 min.)",
        f.getMessage());
  }

  @Test
  void rejectsChangedParametersHeadersAndBody() {
    assertMismatch(withQuery(presigned, presigned.rawQuery().replace("extra=1", "extra=2")));
    assertMismatch(withQuery(presigned, presigned.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=3000")));
    assertMismatch(withQuery(presigned, presigned.rawQuery() + "&more=1"));
    assertMismatch(withHeader(presigned, "X-Amz-Target", "DynamoDB_20120810.DeleteItem"));
    assertMismatch(withBody(presigned, BODY.replace("Music", "Other")));
  }

  @Test
  void rejectsMalformedOrAmbiguousParameters() {
    String q = presigned.rawQuery();
    assertIncomplete(withQuery(presigned, q.replaceAll("&?X-Amz-Expires=\\d+", "")), "AWS query-string parameters must include"
        + " 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'."
        + " Re-examine the query-string parameters.");
    assertIncomplete(withQuery(presigned, q.replace("X-Amz-Expires=300", "X-Amz-Expires=604801")),
        "X-Amz-Expires must be a whole number of seconds from 1 to 604800");
    assertIncomplete(withQuery(presigned, q.replace("X-Amz-Expires=300", "X-Amz-Expires=-5")),
        "X-Amz-Expires must be a whole number of seconds from 1 to 604800");
    assertIncomplete(withQuery(presigned, q.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512")),
        "X-Amz-Algorithm only supports 'AWS4-HMAC-SHA256'");
    assertIncomplete(withQuery(presigned, q + "&X-Amz-Date=20260101T000000Z"), "Query parameter X-Amz-Date is given more than once");
    assertIncomplete(withHeader(presigned, "Authorization", "AWS4-HMAC-SHA256 Credential=x"),
        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter"
            + " or the Authorization header should be specified");
  }

  @Test
  void rejectsASecurityTokenParameterAsUnrecognized() {
    AuthFailure f = assertThrows(AuthFailure.class,
        () -> verifier.verify(withQuery(presigned, presigned.rawQuery() + "&X-Amz-Security-Token=abc"), T0));
    assertEquals(DbException.Kind.UNRECOGNIZED_CLIENT, f.kind());
  }

  @Test
  void honoursASmallerConfiguredMaximumExpiry() {
    SigV4Verifier strict = new SigV4Verifier(
        new SigV4Settings(Duration.ofMinutes(15), Set.of(), false, Duration.ofMinutes(1)), SdkSigning.store());
    AuthFailure f = assertThrows(AuthFailure.class, () -> strict.verify(presigned, T0));
    assertEquals("X-Amz-Expires must be a whole number of seconds from 1 to 60", f.getMessage());
  }

  private void assertMismatch(SignedRequest r) {
    AuthFailure f = assertThrows(AuthFailure.class, () -> verifier.verify(r, T0));
    assertEquals(DbException.Kind.INVALID_SIGNATURE, f.kind());
    assertEquals(AuthFailure.SIGNATURE_MISMATCH_MESSAGE, f.getMessage());
  }

  private void assertIncomplete(SignedRequest r, String message) {
    AuthFailure f = assertThrows(AuthFailure.class, () -> verifier.verify(r, T0));
    assertEquals(DbException.Kind.INCOMPLETE_SIGNATURE, f.kind(), f.getMessage());
    assertEquals(message, f.getMessage());
  }
}
