package triad.storage.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EntryStreamTest {

  @Test
  void entriesOfAnySizeComeBackWholeAndInOrderFromBoundedChunks() {
    for (int seed = 0; seed < 50; seed++) {
      Random r = new Random(seed);
      int chunkBytesMax = 1 + r.nextInt(300);
      List<byte[][]> sent = new ArrayList<>();
      for (int i = 0; i < r.nextInt(40); i++) {
        byte[] key = new byte[r.nextInt(20)];
        byte[] value = new byte[r.nextInt(4) == 0 ? r.nextInt(2000) : r.nextInt(30)];
        r.nextBytes(key);
        r.nextBytes(value);
        sent.add(new byte[][] {key, value});
      }
      EntryStream.Writer writer = new EntryStream.Writer(chunkBytesMax);
      EntryStream.Reader reader = new EntryStream.Reader();
      List<byte[][]> received = new ArrayList<>();
      for (byte[][] e : sent) {
        writer.add(e[0], e[1]);
        while (writer.hasFullChunk()) {
          byte[] chunk = writer.takeChunk();
          assertEquals(chunkBytesMax, chunk.length);
          reader.accept(chunk, (k, v) -> received.add(new byte[][] {k, v}));
        }
      }
      while (!writer.isEmpty()) {
        byte[] chunk = writer.takeChunk();
        assertTrue(chunk.length <= chunkBytesMax);
        reader.accept(chunk, (k, v) -> received.add(new byte[][] {k, v}));
      }
      assertTrue(reader.atEntryBoundary(), "seed " + seed);
      assertEquals(sent.size(), received.size(), "seed " + seed);
      for (int i = 0; i < sent.size(); i++) {
        assertArrayEquals(sent.get(i)[0], received.get(i)[0]);
        assertArrayEquals(sent.get(i)[1], received.get(i)[1]);
      }
    }
  }

  @Test
  void aStreamCutInsideAnEntryIsNotAtAnEntryBoundary() {
    EntryStream.Writer writer = new EntryStream.Writer(5);
    writer.add(new byte[] {1, 2, 3}, new byte[] {4});
    EntryStream.Reader reader = new EntryStream.Reader();
    reader.accept(writer.takeChunk(), (k, v) -> {
      throw new AssertionError("no whole entry yet");
    });
    assertFalse(reader.atEntryBoundary());
  }
}
