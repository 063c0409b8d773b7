package triad.storage;

import static org.fusesource.leveldbjni.JniDBFactory.factory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.fusesource.leveldbjni.internal.NativeDB;
import org.fusesource.leveldbjni.internal.NativeIterator;
import org.fusesource.leveldbjni.internal.NativeReadOptions;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.Range;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.WriteBatch;
import org.iq80.leveldb.WriteOptions;
import triad.storage.core.Batch;

/**
 * One LevelDB instance (JNI, default bytewise comparator), safe to use from many threads and to
 * close while others use it: every native call runs under a shared lock that {@link #close}
 * takes exclusively, so nothing touches freed native memory; calls after close fail with
 * IllegalStateException.
 */
public final class LevelDb implements AutoCloseable {
  /**
   * iq80's DBIterator steps back with hasPrev()/prev(), which move the native iterator back and
   * forth on every item; LevelDB re-seeks every level on each change of direction. Cursors
   * therefore drive the native iterator of the JniDB directly.
   */
  private static final Field NATIVE_DB = nativeDbField();

  private final Path dir;
  private final DB db;
  private final NativeDB nativeDb;
  private final LevelDbSettings settings;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final Set<RangeCursor> openCursors = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private LevelDb(Path dir, DB db, LevelDbSettings settings) {
    this.dir = dir;
    this.db = db;
    this.settings = settings;
    try {
      this.nativeDb = (NativeDB) NATIVE_DB.get(db);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("leveldbjni internals changed", e);
    }
  }

  /** Opens (creating if missing) the database in {@code dir}; LevelDB locks it against a second opener. */
  public static LevelDb open(Path dir, LevelDbSettings s) {
    Options options = new Options()
        .createIfMissing(true)
        .cacheSize(s.blockCacheBytes())
        .writeBufferSize(Math.toIntExact(s.writeBufferBytes()))
        .blockSize(s.blockSizeBytes())
        .maxOpenFiles(s.openFilesMax())
        .compressionType(s.snappy() ? CompressionType.SNAPPY : CompressionType.NONE)
        .verifyChecksums(s.verifyChecksums())
        .paranoidChecks(s.paranoidChecks());
    try {
      Files.createDirectories(dir);
      return new LevelDb(dir, factory.open(dir.toFile(), options), s);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open LevelDB in " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** The value of {@code key}, or null. */
  public byte[] get(byte[] key) {
    Lock lock = enter();
    try {
      return db.get(key, new ReadOptions().verifyChecksums(settings.verifyChecksums()));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies the batch atomically. With {@code sync} the call returns after the write-ahead log
   * is fsynced, and so are all writes before it in the same log file.
   */
  public void write(Batch batch, boolean sync) {
    Lock lock = enter();
    try (WriteBatch wb = db.createWriteBatch()) {
      for (Batch.Mutation m : batch.mutations()) {
        switch (m) {
          case Batch.Put p -> wb.put(p.key(), p.value());
          case Batch.Delete d -> wb.delete(d.key());
        }
      }
      db.write(wb, new WriteOptions().sync(sync));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes every write so far durable. An empty synced write fsyncs LevelDB's current log file, but
   * LevelDB does not fsync a log file it retires when a memtable fills: until that memtable is
   * flushed to a (synced) table file, its unsynced writes live only in the retired log. So every
   * log file in the directory is fsynced too; one deleted meanwhile was flushed already.
   */
  public void sync() {
    write(new Batch(), true);
    Lock lock = enter();
    try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "*.log")) {
      for (Path log : logs) {
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
          channel.force(true);
        } catch (NoSuchFileException flushedAndDeleted) {
          // its memtable is in a synced table file
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync LevelDB logs in " + dir, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The entries of [fromInclusive, toExclusive), ascending or, with {@code reverse}, descending.
   * A null bound is the start (or end) of the key space.
   */
  public Cursor range(byte[] fromInclusive, byte[] toExclusive, boolean reverse) {
    Lock lock = enter();
    try {
      RangeCursor cursor = new RangeCursor(fromInclusive, toExclusive, reverse);
      openCursors.add(cursor);
      cursor.position();
      return cursor;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Deletes every key of [fromInclusive, toExclusive) in batches of at most {@code batchKeysMax}
   * keys (not synced), so memory stays bounded however large the range. Returns the count.
   */
  public long deleteRange(byte[] fromInclusive, byte[] toExclusive, int batchKeysMax) {
    long deleted = 0;
    try (Cursor c = range(fromInclusive, toExclusive, false)) {
      Batch batch = new Batch();
      while (c.hasNext()) {
        batch.delete(c.next().key());
        if (batch.size() == batchKeysMax) {
          write(batch, false);
          deleted += batch.size();
          batch = new Batch();
        }
      }
      if (!batch.isEmpty()) {
        write(batch, false);
        deleted += batch.size();
      }
    }
    return deleted;
  }

  /** LevelDB's estimate of the bytes on disk for [fromInclusive, toExclusive). */
  public long approximateSize(byte[] fromInclusive, byte[] toExclusive) {
    Lock lock = enter();
    try {
      return db.getApproximateSizes(new Range(fromInclusive, toExclusive))[0];
    } finally {
      lock.unlock();
    }
  }

  /** Releases open cursors and the database; idempotent. */
  @Override
  public void close() {
    Lock lock = lifecycle.writeLock();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (RangeCursor c : openCursors) {
        c.release();
      }
      openCursors.clear();
      db.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  private Lock enter() {
    Lock lock = lifecycle.readLock();
    lock.lock();
    if (closed) {
      lock.unlock();
      throw new IllegalStateException("LevelDB in " + dir + " is closed");
    }
    return lock;
  }

  private final class RangeCursor implements Cursor {
    private final byte[] from;
    private final byte[] to;
    private final boolean reverse;
    private NativeIterator it;
    private Entry next;

    RangeCursor(byte[] from, byte[] to, boolean reverse) {
      this.from = from;
      this.to = to;
      this.reverse = reverse;
      this.it = nativeDb.iterator(new NativeReadOptions().verifyChecksums(settings.verifyChecksums()));
    }

    /** Called under the shared lock. */
    void position() {
      try {
        if (!reverse) {
          if (from == null) {
            it.seekToFirst();
          } else {
            it.seek(from);
          }
        } else if (to == null) {
          it.seekToLast();
        } else {
          // seek finds the first key >= to; the one before it is the last key below the bound.
          it.seek(to);
          if (it.isValid()) {
            it.prev();
          } else {
            it.seekToLast();
          }
        }
        load();
      } catch (IOException e) {
        release();
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Entry next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      Entry e = next;
      Lock lock = enter();
      try {
        if (reverse) {
          it.prev();
        } else {
          it.next();
        }
        load();
      } catch (IOException ex) {
        release();
        throw new UncheckedIOException(ex);
      } finally {
        lock.unlock();
      }
      return e;
    }

    private void load() throws IOException {
      if (!it.isValid()) {
        finish();
        return;
      }
      byte[] key = it.key();
      boolean inRange = reverse
          ? from == null || Arrays.compareUnsigned(key, from) >= 0
          : to == null || Arrays.compareUnsigned(key, to) < 0;
      if (inRange) {
        next = new Entry(key, it.value());
      } else {
        finish();
      }
    }

    /** An exhausted cursor frees its native iterator at once, even if never closed. */
    private void finish() {
      next = null;
      release();
      openCursors.remove(this);
    }

    void release() {
      if (it != null) {
        it.delete();
        it = null;
      }
    }

    @Override
    public void close() {
      if (it == null) {
        return;
      }
      Lock lock = lifecycle.readLock();
      lock.lock();
      try {
        if (!closed) {
          next = null;
          release();
          openCursors.remove(this);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private static Field nativeDbField() {
    try {
      Field f = org.fusesource.leveldbjni.internal.JniDB.class.getDeclaredField("db");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
