package triad.storage.journal;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.dispatch.Futures;
import org.apache.pekko.japi.pf.ReceiveBuilder;
import org.apache.pekko.persistence.AtomicWrite;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.journal.japi.AsyncWriteJournal;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import scala.PartialFunction;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.jdk.javaapi.FutureConverters;
import scala.runtime.BoxedUnit;
import triad.security.core.Envelope;

/**
 * Pekko persistence journal on LevelDB with group commit: the partition replicas' write-ahead
 * log. The journal actor only serializes (Pekko's protobuf PersistentRepr format), encrypts
 * (under the table's data key, see {@link EncryptionSetup}) and enqueues;
 * one writer thread commits every queued write with a single fsync (see {@link GroupCommitWriter}).
 * Replays and highest-sequence-number reads run on the {@code replay-dispatcher}. Configured by
 * the {@code triad.storage.journal} block of conf/storage.conf.
 */
public final class LevelDbJournal extends AsyncWriteJournal {

  /** Ask the journal actor for its {@link JournalStore.Stats} (for benchmarks and metrics). */
  public enum GetStats {
    INSTANCE
  }

  private final JournalStore store;
  private final Serialization serialization;
  private final EncryptionSetup encryption;
  private final ExecutionContext replayContext;

  public LevelDbJournal(Config config) {
    JournalSettings settings = JournalSettings.fromConfig(config);
    this.encryption = EncryptionSetup.of(context().system());
    this.serialization = SerializationExtension.get(context().system());
    this.replayContext = context().system().dispatchers().lookup(settings.replayDispatcher());
    this.store = JournalStore.open(settings);
  }

  @Override
  public Future<Iterable<Optional<Exception>>> doAsyncWriteMessages(Iterable<AtomicWrite> messages) {
    List<JournalStore.AtomicEvents> writes = new ArrayList<>();
    for (AtomicWrite w : messages) {
      writes.add(serialize(w));
    }
    return FutureConverters.asScala(store.write(writes).thenApply(r -> (Iterable<Optional<Exception>>) r));
  }

  @Override
  public Future<Void> doAsyncDeleteMessagesTo(String persistenceId, long toSequenceNr) {
    return FutureConverters.asScala(store.deleteTo(persistenceId, toSequenceNr));
  }

  @Override
  public Future<Void> doAsyncReplayMessages(
      String persistenceId, long fromSequenceNr, long toSequenceNr, long max, Consumer<PersistentRepr> replayCallback) {
    return Futures.future(() -> {
      store.replay(persistenceId, fromSequenceNr, toSequenceNr, max,
          (sequenceNr, bytes) -> replayCallback.accept(deserialize(persistenceId, sequenceNr, bytes)));
      return null;
    }, replayContext);
  }

  @Override
  public Future<Long> doAsyncReadHighestSequenceNr(String persistenceId, long fromSequenceNr) {
    return Futures.future(() -> store.highestSequenceNr(persistenceId), replayContext);
  }

  @Override
  public PartialFunction<Object, BoxedUnit> receivePluginInternal() {
    return ReceiveBuilder.create()
        .matchEquals(GetStats.INSTANCE, m -> sender().tell(store.stats(), self()))
        .build()
        .onMessage();
  }

  @Override
  public void postStop() throws Exception {
    store.close();
    super.postStop();
  }

  /**
   * Serialized and sealed (bound to the persistence id and sequence number). A write that cannot
   * be serialized, or belongs to no table, is rejected alone; the rest of the group is written.
   */
  private JournalStore.AtomicEvents serialize(AtomicWrite w) {
    List<JournalStore.Event> events = new ArrayList<>(w.size());
    try {
      for (PersistentRepr repr : CollectionConverters.asJava(w.payload())) {
        byte[] sealed = encryption.seal(Envelope.Purpose.JOURNAL, w.persistenceId(), serialization.serialize(repr).get(), repr.sequenceNr());
        events.add(new JournalStore.Event(repr.sequenceNr(), sealed));
      }
      return new JournalStore.AtomicEvents(w.persistenceId(), events, null);
    } catch (Exception e) {
      return new JournalStore.AtomicEvents(w.persistenceId(), List.of(), e);
    }
  }

  /** An event that fails to open (altered or moved on disk) fails the replay: a replica never recovers from corrupt data. */
  private PersistentRepr deserialize(String persistenceId, long sequenceNr, byte[] sealed) {
    byte[] bytes = encryption.open(Envelope.Purpose.JOURNAL, persistenceId, sealed, sequenceNr);
    return serialization.deserialize(bytes, PersistentRepr.class).get();
  }
}
