package triad.storage.core;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Key-value entries as one byte stream cut into chunks of at most a given size, for copying a
 * partition's items between nodes: an entry may span chunks, so items of any size (up to 400 KB)
 * travel in messages that stay under the transport's frame size. Each entry is
 * {@code [key length: 4 BE][key][value length: 4 BE][value]}.
 */
public final class EntryStream {
  private static final int LENGTH_BYTES = 4;

  private EntryStream() {}

  /** Cuts added entries into chunks. */
  public static final class Writer {
    private final int chunkBytesMax;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public Writer(int chunkBytesMax) {
      if (chunkBytesMax < 1) {
        throw new IllegalArgumentException("chunkBytesMax must be positive: " + chunkBytesMax);
      }
      this.chunkBytesMax = chunkBytesMax;
    }

    public void add(byte[] key, byte[] value) {
      writeLength(key.length);
      buffer.writeBytes(key);
      writeLength(value.length);
      buffer.writeBytes(value);
    }

    /** Whether a full chunk is buffered. */
    public boolean hasFullChunk() {
      return buffer.size() >= chunkBytesMax;
    }

    public boolean isEmpty() {
      return buffer.size() == 0;
    }

    /** The next chunk: a full one, or what is buffered when less. */
    public byte[] takeChunk() {
      byte[] all = buffer.toByteArray();
      int n = Math.min(chunkBytesMax, all.length);
      buffer.reset();
      buffer.write(all, n, all.length - n);
      return Arrays.copyOf(all, n);
    }

    private void writeLength(int length) {
      for (int shift = 24; shift >= 0; shift -= 8) {
        buffer.write(length >>> shift);
      }
    }
  }

  /** Reassembles entries from chunks taken in order. */
  public static final class Reader {
    private byte[] pending = new byte[0];

    /** Hands every entry the chunk completes to {@code sink}, keeping a partial one for the next chunk. */
    public void accept(byte[] chunk, BiConsumer<byte[], byte[]> sink) {
      byte[] data = pending.length == 0 ? chunk : KeyBytes.concat(pending, chunk);
      int pos = 0;
      while (true) {
        int keyLength = lengthAt(data, pos);
        if (keyLength < 0 || pos + LENGTH_BYTES + keyLength > data.length) {
          break;
        }
        int valueAt = pos + LENGTH_BYTES + keyLength;
        int valueLength = lengthAt(data, valueAt);
        if (valueLength < 0 || valueAt + LENGTH_BYTES + valueLength > data.length) {
          break;
        }
        byte[] key = Arrays.copyOfRange(data, pos + LENGTH_BYTES, valueAt);
        byte[] value = Arrays.copyOfRange(data, valueAt + LENGTH_BYTES, valueAt + LENGTH_BYTES + valueLength);
        sink.accept(key, value);
        pos = valueAt + LENGTH_BYTES + valueLength;
      }
      pending = Arrays.copyOfRange(data, pos, data.length);
    }

    /** True when no partial entry waits: the stream may end here. */
    public boolean atEntryBoundary() {
      return pending.length == 0;
    }

    /** The length at {@code pos}, or -1 when its bytes have not all arrived. */
    private static int lengthAt(byte[] data, int pos) {
      if (pos + LENGTH_BYTES > data.length) {
        return -1;
      }
      int length = 0;
      for (int i = 0; i < LENGTH_BYTES; i++) {
        length = (length << 8) | (data[pos + i] & 0xFF);
      }
      if (length < 0) {
        throw new IllegalArgumentException("corrupt entry stream: negative length at " + pos);
      }
      return length;
    }
  }
}
