package triad.storage.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Puts and deletes that the store applies atomically, in order (a later mutation of the same key
 * wins). A builder: fill it on one thread, then hand it to the store.
 */
public final class Batch {

  public sealed interface Mutation permits Put, Delete {
    byte[] key();
  }

  public record Put(byte[] key, byte[] value) implements Mutation {}

  public record Delete(byte[] key) implements Mutation {}

  private final List<Mutation> mutations = new ArrayList<>();
  private long bytes;

  public Batch put(byte[] key, byte[] value) {
    mutations.add(new Put(key, value));
    bytes += key.length + value.length;
    return this;
  }

  public Batch delete(byte[] key) {
    mutations.add(new Delete(key));
    bytes += key.length;
    return this;
  }

  public List<Mutation> mutations() {
    return Collections.unmodifiableList(mutations);
  }

  public int size() {
    return mutations.size();
  }

  public boolean isEmpty() {
    return mutations.isEmpty();
  }

  /** Key and value bytes, a measure of what the batch costs to write. */
  public long bytes() {
    return bytes;
  }
}
