package triad.storage.journal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.serialization.JSerializer;

/** Serializer for the test events and states (Java serialization is off in this project). */
public final class TestSerializer extends JSerializer {

  /** Marker bound to this serializer in the test config. */
  public interface Serializable {}

  /** The event the test actors persist. */
  public record Appended(String value) implements Serializable {}

  /** The test actors' state, also their snapshot. */
  public record Values(List<String> values) implements Serializable {}

  /** Config binding this serializer. */
  public static final String CONFIG = """
      pekko.actor.allow-java-serialization = off
      pekko.actor.serializers.storage-test = "triad.storage.journal.TestSerializer"
      pekko.actor.serialization-bindings { "triad.storage.journal.TestSerializer$Serializable" = storage-test }
      """;

  private static final byte APPENDED = 1;
  private static final byte VALUES = 2;

  @Override
  public int identifier() {
    return 7_304_001;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      switch (o) {
        case Appended a -> {
          out.writeByte(APPENDED);
          out.writeUTF(a.value());
        }
        case Values v -> {
          out.writeByte(VALUES);
          out.writeInt(v.values().size());
          for (String s : v.values()) {
            out.writeUTF(s);
          }
        }
        default -> throw new IllegalArgumentException("cannot serialize " + o.getClass());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte tag = in.readByte();
      if (tag == APPENDED) {
        return new Appended(in.readUTF());
      }
      int n = in.readInt();
      List<String> values = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        values.add(in.readUTF());
      }
      return new Values(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
