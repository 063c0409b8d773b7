package triad.storage.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.DeleteEventsCompleted;
import org.apache.pekko.persistence.typed.DeleteSnapshotsCompleted;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import triad.storage.journal.TestSerializer.Appended;
import triad.storage.journal.TestSerializer.Values;

/** A persistent actor that appends strings: the journal's and snapshot store's test subject. */
final class Recorder extends EventSourcedBehavior<Recorder.Command, Appended, Values> {

  sealed interface Command {}

  /** Persists the value; replies with its sequence number once durable. */
  record Append(String value, ActorRef<Long> replyTo) implements Command {}

  record Get(ActorRef<Seen> replyTo) implements Command {}

  record Seen(List<String> values, long lastSequenceNr) {}

  /** A signal passed on as a message: a Signal told to an actor is taken as a signal, not a message. */
  record Signalled(Object signal) {}

  private final ActorContext<Command> context;
  private final RetentionCriteria retention;
  private final ActorRef<Object> signals;

  private Recorder(ActorContext<Command> context, String id, RetentionCriteria retention, ActorRef<Object> signals) {
    super(PersistenceId.ofUniqueId(id), Optional.empty());
    this.context = context;
    this.retention = retention;
    this.signals = signals;
  }

  /** {@code signals} receives DeleteEventsCompleted and DeleteSnapshotsCompleted, wrapped in Signalled. */
  static Behavior<Command> create(String id, RetentionCriteria retention, ActorRef<Object> signals) {
    return Behaviors.setup(ctx -> new Recorder(ctx, id, retention, signals));
  }

  @Override
  public Values emptyState() {
    return new Values(List.of());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return retention;
  }

  @Override
  public CommandHandler<Command, Appended, Values> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Append.class, (state, c) -> Effect().persist(new Appended(c.value()))
            .thenRun(s -> c.replyTo().tell(lastSequenceNumber(context))))
        .onCommand(Get.class, (state, c) -> Effect().none()
            .thenRun(s -> c.replyTo().tell(new Seen(s.values(), lastSequenceNumber(context)))))
        .build();
  }

  @Override
  public EventHandler<Values, Appended> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(Appended.class, (state, e) -> {
          List<String> values = new ArrayList<>(state.values());
          values.add(e.value());
          return new Values(values);
        })
        .build();
  }

  @Override
  public SignalHandler<Values> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(DeleteEventsCompleted.class, (state, s) -> signals.tell(new Signalled(s)))
        .onSignal(DeleteSnapshotsCompleted.class, (state, s) -> signals.tell(new Signalled(s)))
        .build();
  }
}
