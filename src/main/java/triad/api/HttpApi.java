package triad.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import triad.api.core.Requests;
import triad.api.core.Responses;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.router.RouterBehavior;

/**
 * DynamoDB's wire protocol over Pekko HTTP: `POST /` with `X-Amz-Target:
 * DynamoDB_20120810.<Operation>` and a JSON body, answered with DynamoDB's JSON, error types,
 * status codes and the `x-amz-crc32` header that boto3 checks. `GET /` is the health check.
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
  private final Materializer materializer;
  private final NodeStatus status;

  public HttpApi(ActorSystem<?> system, ActorRef<RouterBehavior.Command> router, Duration timeout, NodeStatus status) {
    this.system = system;
    this.status = status;
    this.router = router;
    this.timeout = timeout;
    this.materializer = Materializer.matFromSystem(system);
  }

  public CompletionStage<ServerBinding> bind(String host, int port) {
    return Http.get(system).newServerAt(host, port).bind(this::handle);
  }

  CompletionStage<HttpResponse> handle(HttpRequest request) {
    String requestId = requestId();
    if (request.method() == HttpMethods.GET) {
      request.discardEntityBytes(materializer);
      if (request.getUri().path().equals("/triad/status")) {
        return CompletableFuture.completedFuture(HttpResponse.create().withStatus(200)
            .withEntity(ContentTypes.APPLICATION_JSON, status.json()));
      }
      return CompletableFuture.completedFuture(HttpResponse.create().withStatus(200)
          .withEntity(ContentTypes.TEXT_PLAIN_UTF8, HEALTH)
          .addHeader(RawHeader.create("x-amzn-RequestId", requestId)));
    }
    if (request.method() != HttpMethods.POST) {
      request.discardEntityBytes(materializer);
      return CompletableFuture.completedFuture(error(requestId, new DbException(DbException.Kind.UNKNOWN_OPERATION,
          "The action or operation requested is invalid. Verify that the action is typed correctly.")));
    }
    String operation = operation(request);
    if (operation == null) {
      request.discardEntityBytes(materializer);
      return CompletableFuture.completedFuture(error(requestId, new DbException(DbException.Kind.UNKNOWN_OPERATION,
          "An unknown operation was requested.")));
    }
    HttpEntity entity = request.entity();
    if (entity instanceof HttpEntity.Strict strict) {
      return dispatch(requestId, operation, strict.getData().toArray());
    }
    return entity.toStrict(timeout.toMillis(), materializer)
        .thenCompose(s -> dispatch(requestId, operation, s.getData().toArray()));
  }

  private CompletionStage<HttpResponse> dispatch(String requestId, String operation, byte[] body) {
    Requests.Parsed input;
    try {
      input = Requests.readDeferringValues(operation, body);
    } catch (DbException e) {
      return CompletableFuture.completedFuture(error(requestId, e));
    } catch (RuntimeException e) {
      LOG.error("request {} could not be parsed", requestId, e);
      return CompletableFuture.completedFuture(error(requestId, DbException.serialization("Request could not be parsed")));
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
