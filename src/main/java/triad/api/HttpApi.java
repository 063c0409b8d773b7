package triad.api;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.Connection;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import triad.api.core.Requests;
import triad.api.core.Responses;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.router.RouterBehavior;
import triad.security.PekkoRequests;
import triad.security.core.AuthFailure;
import triad.security.core.Identity;
import triad.security.core.RequestGuard;

/**
 * DynamoDB's wire protocol over Pekko HTTP (or HTTPS): `POST /` with `X-Amz-Target:
 * DynamoDB_20120810.<Operation>` and a JSON body, answered with DynamoDB's JSON, error types,
 * status codes and the `x-amz-crc32` header that boto3 checks. `GET /` is the health check.
 *
 * <p>A request goes through the router's steps in DynamoDB's order: body size, authentication of
 * its signature (before anything of it is parsed), operation, parsing and validation,
 * authorization, then the router. A request refused at any step changes nothing.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final String TARGET_PREFIX = "DynamoDB_20120810.";
  private static final ContentType AMZ_JSON = ContentTypes.create(MediaTypes.customBinary("application", "x-amz-json-1.0", false));
  private static final String HEALTH = "healthy: dynamodb.us-east-1.amazonaws.com ";
  private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

  private final ActorSystem<?> system;
  private final ActorRef<RouterBehavior.Command> router;
  private final Duration timeout;
  private final long requestBytesMax;
  /** Empty when authentication is off (a throwaway node): every request is let through. */
  private final Optional<RequestGuard> guard;
  private final Clock clock;
  private final Materializer materializer;
  private final NodeStatus status;

  /**
   * @param requestBytesMax the largest body accepted ({@code triad.http.request-bytes-max}, also
   *     Pekko's {@code max-content-length})
   * @param guard authentication and authorization; empty only when they are switched off
   * @param clock the time a signature is checked against
   * @param status what {@code GET /triad/status} and {@code GET /triad/partitions} answer
   */
  public HttpApi(ActorSystem<?> system, ActorRef<RouterBehavior.Command> router, Duration timeout, long requestBytesMax,
      Optional<RequestGuard> guard, Clock clock, NodeStatus status) {
    this.system = system;
    this.status = status;
    this.router = router;
    this.timeout = timeout;
    this.requestBytesMax = requestBytesMax;
    this.guard = guard;
    this.clock = clock;
    this.materializer = Materializer.matFromSystem(system);
  }

  /**
   * Serves the API on {@code host:port}, with TLS when {@code tls} is given.
   *
   * @param protocols the TLS versions offered, e.g. TLSv1.3 and TLSv1.2
   */
  public CompletionStage<ServerBinding> bind(String host, int port, Optional<SSLContext> tls, List<String> protocols) {
    var server = Http.get(system).newServerAt(host, port);
    if (tls.isPresent()) {
      SSLContext context = tls.get();
      String[] enabled = protocols.toArray(String[]::new);
      server = server.enableHttps(ConnectionContext.httpsServer(() -> {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(enabled);
        return engine;
      }));
    }
    return server.bind(this::handle);
  }

  CompletionStage<HttpResponse> handle(HttpRequest request) {
    String requestId = requestId();
    if (request.method() == HttpMethods.GET) {
      request.discardEntityBytes(materializer);
      if (request.getUri().path().equals("/triad/status")) {
        return CompletableFuture.completedFuture(HttpResponse.create().withStatus(200)
            .withEntity(ContentTypes.APPLICATION_JSON, status.json()));
      }
      if (request.getUri().path().equals("/triad/partitions")) {
        return status.partitionsJson(system, timeout).thenApply(json -> HttpResponse.create().withStatus(200)
            .withEntity(ContentTypes.APPLICATION_JSON, json));
      }
      return CompletableFuture.completedFuture(HttpResponse.create().withStatus(200)
          .withEntity(ContentTypes.TEXT_PLAIN_UTF8, HEALTH)
          .addHeader(RawHeader.create("x-amzn-RequestId", requestId)));
    }
    HttpEntity entity = request.entity();
    if (entity.getContentLengthOption().orElse(0L) > requestBytesMax) {
      // Refused before reading it; the connection closes rather than take in the rest.
      return CompletableFuture.completedFuture(tooLarge(requestId));
    }
    if (entity instanceof HttpEntity.Strict strict) {
      return received(requestId, request, strict.getData().toArray());
    }
    // The explicit limit spares Pekko a config lookup per request that throws and catches inside.
    return entity.toStrict(timeout.toMillis(), requestBytesMax, materializer)
        .handle((s, failure) -> failure == null ? received(requestId, request, s.getData().toArray())
            : CompletableFuture.completedFuture(unreadable(requestId, failure)))
        .thenCompose(response -> response);
  }

  /** The body arrived whole: authenticate, then find the operation, then parse and route. */
  private CompletionStage<HttpResponse> received(String requestId, HttpRequest request, byte[] body) {
    Identity who = null;
    if (guard.isPresent()) {
      try {
        who = guard.get().authenticate(PekkoRequests.signed(request, body), clock.instant());
      } catch (AuthFailure f) {
        return CompletableFuture.completedFuture(error(requestId, f.toDbException()));
      }
    }
    if (request.method() != HttpMethods.POST) {
      return CompletableFuture.completedFuture(error(requestId, new DbException(DbException.Kind.UNKNOWN_OPERATION,
          "The action or operation requested is invalid. Verify that the action is typed correctly.")));
    }
    String operation = operation(request);
    if (operation == null) {
      return CompletableFuture.completedFuture(error(requestId, new DbException(DbException.Kind.UNKNOWN_OPERATION,
          "An unknown operation was requested.")));
    }
    return dispatch(requestId, operation, body, who);
  }

  /** A body larger than the limit (Pekko stops reading at it), or one that never arrived whole. */
  private HttpResponse unreadable(String requestId, Throwable failure) {
    Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (t instanceof EntityStreamSizeException) {
      return tooLarge(requestId);
    }
    LOG.debug("request {}: body not received: {}", requestId, t.toString());
    return error(requestId, DbException.serialization("The request body could not be read"));
  }

  private HttpResponse tooLarge(String requestId) {
    return error(requestId, new DbException(DbException.Kind.REQUEST_ENTITY_TOO_LARGE,
        "Request Entity Too Large: the body exceeds " + requestBytesMax + " bytes")).addHeader(Connection.create("close"));
  }

  private CompletionStage<HttpResponse> dispatch(String requestId, String operation, byte[] body, Identity who) {
    Requests.Parsed input;
    try {
      input = Requests.readDeferringValues(operation, body);
    } catch (DbException e) {
      return CompletableFuture.completedFuture(error(requestId, e));
    } catch (RuntimeException e) {
      LOG.error("request {} could not be parsed", requestId, e);
      return CompletableFuture.completedFuture(error(requestId, DbException.serialization("Request could not be parsed")));
    }
    if (guard.isPresent()) {
      try {
        guard.get().authorize(who, input.input());
      } catch (AuthFailure f) {
        return CompletableFuture.completedFuture(error(requestId, f.toDbException()));
      }
    }
    CompletionStage<Object> answer = AskPattern.ask(router,
        (ActorRef<Object> replyTo) -> new RouterBehavior.Route(operation, input.input(), input.invalidValue(), replyTo), timeout, system.scheduler());
    return answer.handle((result, failure) -> {
      if (failure != null) {
        return error(requestId, DbException.unavailable("The request timed out; it may or may not have been applied"));
      }
      if (result instanceof DbException e) {
        return error(requestId, e);
      }
      try {
        return ok(requestId, result == RouterBehavior.NoOutput.INSTANCE ? Responses.empty() : Responses.write(result));
      } catch (RuntimeException e) {
        LOG.error("request {}: response could not be written", requestId, e);
        return error(requestId, new DbException(DbException.Kind.INTERNAL_SERVER_ERROR, "Internal server error"));
      }
    });
  }

  private static String operation(HttpRequest request) {
    return request.getHeader("X-Amz-Target")
        .map(h -> h.value())
        .filter(v -> v.startsWith(TARGET_PREFIX))
        .map(v -> v.substring(TARGET_PREFIX.length()))
        .orElse(null);
  }

  private static HttpResponse ok(String requestId, byte[] body) {
    return respond(requestId, 200, body);
  }

  static HttpResponse error(String requestId, DbException e) {
    Map<String, AttributeValue> item = e.item();
    byte[] body = Responses.error(ErrorTypes.type(e.kind()), e.getMessage(), item);
    return respond(requestId, ErrorTypes.status(e.kind()), body);
  }

  private static HttpResponse respond(String requestId, int status, byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(AMZ_JSON, body)
        .addHeader(RawHeader.create("x-amzn-RequestId", requestId))
        .addHeader(RawHeader.create("x-amz-crc32", Long.toString(crc.getValue())));
  }

  private static String requestId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    char[] id = new char[52];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_CHARS[r.nextInt(ID_CHARS.length)];
    }
    return new String(id);
  }
}
