package triad.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;

/**
 * Serializes every TriadDB actor message and persisted event with Kryo, with explicit class
 * registration ({@link Registrations}) so unknown classes fail fast instead of falling back to
 * Java serialization, which is switched off.
 */
public final class KryoSerializer extends JSerializer {
  /** Pekko serializer ids below 40 are reserved for Pekko itself. */
  public static final int IDENTIFIER = 7_341;
  private static final int BUFFER_BYTES_INITIAL = 4096;
  private static final int POOL_SIZE_MAX = 64;

  private final Pool<Kryo> kryos;
  private final Pool<Output> outputs;

  public KryoSerializer(ExtendedActorSystem system) {
    ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
    this.kryos = new Pool<>(true, false, POOL_SIZE_MAX) {
      @Override
      protected Kryo create() {
        return Registrations.newKryo(resolver);
      }
    };
    this.outputs = new Pool<>(true, false, POOL_SIZE_MAX) {
      @Override
      protected Output create() {
        return new Output(BUFFER_BYTES_INITIAL, -1);
      }
    };
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object o) {
    Kryo kryo = kryos.obtain();
    Output out = outputs.obtain();
    try {
      out.reset();
      kryo.writeClassAndObject(out, o);
      return out.toBytes();
    } finally {
      outputs.free(out);
      kryos.free(kryo);
    }
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    Kryo kryo = kryos.obtain();
    try {
      return kryo.readClassAndObject(new Input(bytes));
    } finally {
      kryos.free(kryo);
    }
  }
}
