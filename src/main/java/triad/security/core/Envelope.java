package triad.security.core;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongFunction;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Envelope encryption at rest: values are sealed with AES-256-GCM under a data key, and data keys
 * are stored wrapped (AES-256-GCM again) under the master key.
 *
 * <p>Sealed value: {@code version(1) | keyId(varint) | nonce(12) | ciphertext | tag(16)}, 29 bytes
 * plus the key id's 1-9 over the plaintext. The associated data binds the version, key id, table
 * id, purpose and a caller's context (e.g. the item's storage key): a value copied to another
 * table, from the item store to the journal, or to another key fails to open.
 *
 * <p>Wrapped data key: {@code version(1) | keyId(varint) | masterCheck(4) | nonce(12) | key(32) |
 * tag(16)}, bound to its key id, so a wrapped key cannot be relabelled as another.
 *
 * <p>Nonces are random (96 bits), which is safe for about 2^32 seals under one data key (NIST
 * SP 800-38D); rotate to a new key id well before that. Any flipped bit, truncation or wrong
 * binding is a {@link CorruptionException}; nothing unauthenticated is ever returned.
 */
public final class Envelope {
  static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int TAG_BYTES = TAG_BITS / 8;
  /** Purpose code of wrapped data keys; values use their Purpose's code, never this one. */
  private static final byte WRAP = 0;

  /** Where a sealed value lives; a value sealed for one purpose does not open for another. */
  public enum Purpose {
    ITEM_STORE(1),
    JOURNAL(2),
    SNAPSHOT(3);

    final byte code;

    Purpose(int code) {
      this.code = (byte) code;
    }
  }

  private final RandomBytes random;
  /**
   * Per thread, since a lookup costs as much as sealing 1 KiB. Per envelope too: the JDK refuses an
   * encryption that repeats the previous key and nonce of a cipher, and two envelopes replaying
   * one seed (a simulation run twice) must not trip over each other.
   */
  private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(Crypto::aesGcm);

  public Envelope(RandomBytes random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A fresh random data key; {@code keyId} must be unique among the keys of a master key. */
  public DataKey newDataKey(long keyId) {
    byte[] bytes = new byte[DataKey.BYTES];
    random.nextBytes(bytes);
    return new DataKey(keyId, bytes);
  }

  /** The data key encrypted under the master key, to be stored beside what it encrypts. */
  public byte[] wrap(MasterKey master, DataKey key) {
    byte[] header = header(key.keyId(), 4);
    ByteBuffer.wrap(header, header.length - NONCE_BYTES - 4, 4).putInt(master.checkValue());
    byte[] raw = key.key().getEncoded();
    try {
      return encrypt(master.key(), header, wrapAad(header, key.keyId()), raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** @throws CorruptionException when the bytes are damaged or were wrapped under another master key */
  public DataKey unwrap(MasterKey master, byte[] wrapped) {
    Reader r = new Reader(wrapped);
    long keyId = r.keyId();
    int check = r.int32();
    if (check != master.checkValue()) {
      throw new CorruptionException(String.format("data key %d was wrapped under another master key (check value %08x,"
          + " this node's is %08x): is the master key file the right one?", keyId, check, master.checkValue()));
    }
    byte[] raw = decrypt(master.key(), wrapped, r.position(), wrapAad(Arrays.copyOf(wrapped, r.position()), keyId),
        "data key " + keyId);
    try {
      if (raw.length != DataKey.BYTES) {
        throw new CorruptionException("data key " + keyId + " has " + raw.length + " bytes, not " + DataKey.BYTES);
      }
      return new DataKey(keyId, raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * Encrypts {@code plaintext} for one place: table {@code tableId}, {@code purpose}, and
   * {@code context} (bytes identifying the value's slot, e.g. its storage key; may be empty).
   */
  public byte[] seal(DataKey key, long tableId, Purpose purpose, byte[] context, byte[] plaintext) {
    byte[] header = header(key.keyId(), 0);
    return encrypt(key.key(), header, valueAad(header, key.keyId(), tableId, purpose, context), plaintext);
  }

  /**
   * The plaintext of a sealed value, opened with the key its header names.
   *
   * @param keys the data key for a key id, or null when there is none
   * @throws CorruptionException when anything about the value or its binding is not as sealed
   */
  public byte[] open(LongFunction<DataKey> keys, long tableId, Purpose purpose, byte[] context, byte[] sealed) {
    Reader r = new Reader(sealed);
    long keyId = r.keyId();
    DataKey key = keys.apply(keyId);
    if (key == null || key.keyId() != keyId) {
      throw new CorruptionException("sealed value names data key " + keyId + ", which table " + tableId + " does not have");
    }
    byte[] aad = valueAad(Arrays.copyOf(sealed, r.position()), keyId, tableId, purpose, context);
    return decrypt(key.key(), sealed, r.position(), aad, "value of table " + tableId);
  }

  /** version | keyId varint | room for {@code extra} bytes | nonce. */
  private byte[] header(long keyId, int extra) {
    int idBytes = varintBytes(keyId);
    byte[] h = new byte[1 + idBytes + extra + NONCE_BYTES];
    h[0] = VERSION;
    long v = keyId;
    for (int i = 1; i <= idBytes; i++) {
      h[i] = (byte) (i < idBytes ? (v & 0x7f) | 0x80 : v);
      v >>>= 7;
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, h, h.length - NONCE_BYTES, NONCE_BYTES);
    return h;
  }

  private static int varintBytes(long v) {
    int n = 1;
    while ((v >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  private static byte[] wrapAad(byte[] header, long keyId) {
    return ByteBuffer.allocate(header.length - NONCE_BYTES + 1 + 8)
        .put(header, 0, header.length - NONCE_BYTES).put(WRAP).putLong(keyId).array();
  }

  private static byte[] valueAad(byte[] header, long keyId, long tableId, Purpose purpose, byte[] context) {
    // The context is last, so its length needs no prefix: everything before it has a fixed size.
    return ByteBuffer.allocate(header.length - NONCE_BYTES + 1 + 8 + 8 + context.length)
        .put(header, 0, header.length - NONCE_BYTES).put(purpose.code).putLong(keyId).putLong(tableId).put(context).array();
  }

  private byte[] encrypt(SecretKey key, byte[] header, byte[] aad, byte[] plaintext) {
    byte[] out = Arrays.copyOf(header, header.length + plaintext.length + TAG_BYTES);
    try {
      Cipher c = ciphers.get();
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, header, header.length - NONCE_BYTES, NONCE_BYTES));
      c.updateAAD(aad);
      c.doFinal(plaintext, 0, plaintext.length, out, header.length);
      return out;
    } catch (InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("AES-GCM refused a nonce it has just used with this key: the random source repeats", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Decrypts {@code in[from..]}; the nonce is the 12 bytes before {@code from}. */
  private byte[] decrypt(SecretKey key, byte[] in, int from, byte[] aad, String what) {
    if (in.length - from < TAG_BYTES) {
      throw new CorruptionException(what + " is truncated");
    }
    try {
      Cipher c = ciphers.get();
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, from - NONCE_BYTES, NONCE_BYTES));
      c.updateAAD(aad);
      return c.doFinal(in, from, in.length - from);
    } catch (AEADBadTagException e) {
      throw new CorruptionException(what + " failed authentication: it was altered, or belongs to another table, purpose or place");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Reads a header, refusing anything that is not exactly what {@link #header} writes. */
  private static final class Reader {
    private final byte[] in;
    private int pos;

    Reader(byte[] in) {
      this.in = Objects.requireNonNull(in, "sealed bytes");
      if (in.length == 0 || in[0] != VERSION) {
        throw new CorruptionException(in.length == 0 ? "sealed value is empty" : "unknown envelope version " + (in[0] & 0xff));
      }
      pos = 1;
    }

    long keyId() {
      long v = 0;
      for (int shift = 0; shift < 63; shift += 7) {
        byte b = next();
        v |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          if (b == 0 && shift > 0) {
            throw new CorruptionException("key id is not minimally encoded");
          }
          return v;
        }
      }
      throw new CorruptionException("key id is too long");
    }

    int int32() {
      return ((next() & 0xff) << 24) | ((next() & 0xff) << 16) | ((next() & 0xff) << 8) | (next() & 0xff);
    }

    /** The position after the nonce, where the ciphertext starts. */
    int position() {
      if (in.length - pos < NONCE_BYTES) {
        throw new CorruptionException("sealed value is truncated");
      }
      return pos + NONCE_BYTES;
    }

    private byte next() {
      if (pos >= in.length) {
        throw new CorruptionException("sealed value is truncated");
      }
      return in[pos++];
    }
  }
}
