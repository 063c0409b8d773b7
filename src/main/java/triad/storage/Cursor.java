package triad.storage;

import java.util.Iterator;

/**
 * Entries of a key range in unsigned bytewise order (descending when reverse), as of the moment
 * the cursor was opened. Single-threaded; close it to release the native iterator.
 */
public interface Cursor extends Iterator<Cursor.Entry>, AutoCloseable {

  record Entry(byte[] key, byte[] value) {}

  @Override
  void close();
}
