package triad.router;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import triad.api.core.model.BatchGetItemInput;
import triad.api.core.model.BatchWriteItemInput;
import triad.api.core.model.CreateTableInput;
import triad.api.core.model.DeleteItemInput;
import triad.api.core.model.DeleteTableInput;
import triad.api.core.model.DescribeEndpointsRequest;
import triad.api.core.model.DescribeLimitsInput;
import triad.api.core.model.DescribeTableInput;
import triad.api.core.model.DescribeTimeToLiveInput;
import triad.api.core.model.ListTagsOfResourceInput;
import triad.api.core.model.TagResourceInput;
import triad.api.core.model.UntagResourceInput;
import triad.api.core.model.UpdateTimeToLiveInput;
import triad.api.core.model.GetItemInput;
import triad.api.core.model.ListTablesInput;
import triad.api.core.model.PutItemInput;
import triad.api.core.model.QueryInput;
import triad.api.core.model.ScanInput;
import triad.api.core.model.UpdateItemInput;
import triad.api.core.model.UpdateTableInput;
import triad.item.core.DbException;
import triad.router.core.RequestChecks;

/**
 * A request router: stateless, one of several on every node. It validates a parsed request,
 * finds the table and partition, forwards to the replicas and answers the API with the output
 * record or a {@link DbException}.
 */
public final class RouterBehavior {
  private static final Logger LOG = LoggerFactory.getLogger(RouterBehavior.class);

  public sealed interface Command {}

  /**
   * One API request; the answer is the operation's output record or a DbException.
   * {@code invalidValue}, when set, is an invalid attribute value the request carries: it is the
   * answer once the request's tables are known to exist, as in DynamoDB.
   */
  public record Route(String operation, Object input, DbException invalidValue, ActorRef<Object> replyTo) implements Command {}

  /** The answer of an operation that has no output shape (TagResource, UntagResource). */
  public enum NoOutput {
    INSTANCE
  }

  private RouterBehavior() {}

  public static Behavior<Command> create(ItemRoutes items, TableRoutes tables) {
    return Behaviors.receive(Command.class)
        .onMessage(Route.class, r -> {
          CompletionStage<Object> answer;
          try {
            answer = r.invalidValue() == null ? route(r.input(), items, tables) : items.afterTables(r.input(), r.invalidValue());
          } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
          }
          answer.whenComplete((result, failure) -> r.replyTo().tell(failure == null ? result : asDbException(r.operation(), failure)));
          return Behaviors.same();
        })
        .build();
  }

  private static CompletionStage<Object> route(Object input, ItemRoutes items, TableRoutes tables) {
    RequestChecks.combinations(input);
    return switch (input) {
      case PutItemInput in -> items.putItem(in);
      case GetItemInput in -> items.getItem(in);
      case UpdateItemInput in -> items.updateItem(in);
      case DeleteItemInput in -> items.deleteItem(in);
      case QueryInput in -> items.query(in);
      case ScanInput in -> items.scan(in);
      case BatchGetItemInput in -> items.batchGetItem(in);
      case BatchWriteItemInput in -> items.batchWriteItem(in);
      case CreateTableInput in -> tables.createTable(in);
      case DescribeTableInput in -> tables.describeTable(in);
      case DeleteTableInput in -> tables.deleteTable(in);
      case UpdateTableInput in -> tables.updateTable(in);
      case ListTablesInput in -> tables.listTables(in);
      case TagResourceInput in -> tables.tagResource(in);
      case UntagResourceInput in -> tables.untagResource(in);
      case ListTagsOfResourceInput in -> tables.listTagsOfResource(in);
      case UpdateTimeToLiveInput in -> tables.updateTimeToLive(in);
      case DescribeTimeToLiveInput in -> tables.describeTimeToLive(in);
      case DescribeLimitsInput in -> CompletableFuture.completedFuture(tables.describeLimits());
      case DescribeEndpointsRequest in -> CompletableFuture.completedFuture(tables.describeEndpoints());
      default -> throw DbException.validation("The operation " + input.getClass().getSimpleName().replace("Input", "")
          + " is not supported by this TriadDB version yet");
    };
  }

  private static DbException asDbException(String operation, Throwable failure) {
    Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (t instanceof DbException e) {
      return e;
    }
    if (t instanceof java.util.concurrent.TimeoutException) {
      return DbException.unavailable("The request timed out; it may or may not have been applied");
    }
    LOG.error("{} failed", operation, t);
    return new DbException(DbException.Kind.INTERNAL_SERVER_ERROR, "Internal server error");
  }
}
