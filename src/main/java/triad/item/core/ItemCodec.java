package triad.item.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The binary form of items in the item store and the replication log: a count, then per attribute
 * a length-prefixed UTF-8 name and a tagged value. Lengths are unsigned varints.
 */
public final class ItemCodec {
  private static final int TAG_S = 1;
  private static final int TAG_N = 2;
  private static final int TAG_B = 3;
  private static final int TAG_TRUE = 4;
  private static final int TAG_FALSE = 5;
  private static final int TAG_NULL = 6;
  private static final int TAG_M = 7;
  private static final int TAG_L = 8;
  private static final int TAG_SS = 9;
  private static final int TAG_NS = 10;
  private static final int TAG_BS = 11;

  private ItemCodec() {}

  public static byte[] encode(Map<String, AttributeValue> item) {
    Writer w = new Writer(256);
    writeMap(w, item);
    return w.toArray();
  }

  public static Map<String, AttributeValue> decode(byte[] bytes) {
    Reader r = new Reader(bytes);
    Map<String, AttributeValue> item = readMap(r);
    if (r.pos != bytes.length) {
      throw new IllegalArgumentException("trailing bytes in encoded item");
    }
    return item;
  }

  private static void writeMap(Writer w, Map<String, AttributeValue> m) {
    w.varint(m.size());
    for (Map.Entry<String, AttributeValue> e : m.entrySet()) {
      w.string(e.getKey());
      writeValue(w, e.getValue());
    }
  }

  /** Encodes one attribute value (for serializers that carry values outside items). */
  public static void writeValue(Writer w, AttributeValue v) {
    switch (v) {
      case AttributeValue.S s -> {
        w.write(TAG_S);
        w.string(s.value());
      }
      case AttributeValue.N n -> {
        w.write(TAG_N);
        w.string(n.value().toString());
      }
      case AttributeValue.B b -> {
        w.write(TAG_B);
        w.bytes(b.value().unsafeArray());
      }
      case AttributeValue.Bool b -> w.write(b.value() ? TAG_TRUE : TAG_FALSE);
      case AttributeValue.Null n -> w.write(TAG_NULL);
      case AttributeValue.M m -> {
        w.write(TAG_M);
        writeMap(w, m.value());
      }
      case AttributeValue.L l -> {
        w.write(TAG_L);
        w.varint(l.value().size());
        for (AttributeValue e : l.value()) {
          writeValue(w, e);
        }
      }
      case AttributeValue.SS ss -> {
        w.write(TAG_SS);
        w.varint(ss.value().size());
        for (String s : ss.value()) {
          w.string(s);
        }
      }
      case AttributeValue.NS ns -> {
        w.write(TAG_NS);
        w.varint(ns.value().size());
        for (Num n : ns.value()) {
          w.string(n.toString());
        }
      }
      case AttributeValue.BS bs -> {
        w.write(TAG_BS);
        w.varint(bs.value().size());
        for (Bytes b : bs.value()) {
          w.bytes(b.unsafeArray());
        }
      }
    }
  }

  private static Map<String, AttributeValue> readMap(Reader r) {
    int n = r.varint();
    Map<String, AttributeValue> m = new LinkedHashMap<>(Math.max(4, n * 2));
    for (int i = 0; i < n; i++) {
      String name = r.string();
      m.put(name, readValue(r));
    }
    return m;
  }

  public static AttributeValue readValue(Reader r) {
    int tag = r.read();
    return switch (tag) {
      case TAG_S -> new AttributeValue.S(r.string());
      case TAG_N -> new AttributeValue.N(Num.parse(r.string()));
      case TAG_B -> new AttributeValue.B(Bytes.wrap(r.bytes()));
      case TAG_TRUE -> AttributeValue.Bool.TRUE;
      case TAG_FALSE -> AttributeValue.Bool.FALSE;
      case TAG_NULL -> AttributeValue.Null.INSTANCE;
      case TAG_M -> new AttributeValue.M(readMap(r));
      case TAG_L -> {
        int n = r.varint();
        List<AttributeValue> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          l.add(readValue(r));
        }
        yield new AttributeValue.L(l);
      }
      case TAG_SS -> {
        int n = r.varint();
        Set<String> s = new LinkedHashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
          s.add(r.string());
        }
        yield new AttributeValue.SS(s);
      }
      case TAG_NS -> {
        int n = r.varint();
        Set<Num> s = new LinkedHashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
          s.add(Num.parse(r.string()));
        }
        yield new AttributeValue.NS(s);
      }
      case TAG_BS -> {
        int n = r.varint();
        Set<Bytes> s = new LinkedHashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
          s.add(Bytes.wrap(r.bytes()));
        }
        yield new AttributeValue.BS(s);
      }
      default -> throw new IllegalArgumentException("unknown attribute tag " + tag);
    };
  }

  /** A growable byte buffer with varint and string helpers. */
  public static final class Writer {
    private byte[] buf;
    private int len;

    public Writer(int capacity) {
      buf = new byte[capacity];
    }

    public void write(int b) {
      ensure(1);
      buf[len++] = (byte) b;
    }

    public void write(byte[] b) {
      write(b, 0, b.length);
    }

    public void write(byte[] b, int off, int n) {
      ensure(n);
      System.arraycopy(b, off, buf, len, n);
      len += n;
    }

    public void varint(int v) {
      while ((v & ~0x7F) != 0) {
        write((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      write(v);
    }

    public void longBE(long v) {
      for (int i = 7; i >= 0; i--) {
        write((int) (v >>> (i * 8)));
      }
    }

    public void bytes(byte[] b) {
      varint(b.length);
      write(b);
    }

    public void string(String s) {
      bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public int length() {
      return len;
    }

    public byte[] toArray() {
      return Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }
  }

  /** Reads what {@link Writer} wrote. */
  public static final class Reader {
    private final byte[] buf;
    private int pos;

    public Reader(byte[] buf) {
      this(buf, 0);
    }

    public Reader(byte[] buf, int pos) {
      this.buf = buf;
      this.pos = pos;
    }

    public int read() {
      return buf[pos++] & 0xFF;
    }

    public int varint() {
      int shift = 0;
      int v = 0;
      while (true) {
        int b = read();
        v |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
        shift += 7;
        if (shift > 28) {
          throw new IllegalArgumentException("varint too long");
        }
      }
    }

    public long longBE() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | read();
      }
      return v;
    }

    public byte[] bytes() {
      int n = varint();
      byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }

    public String string() {
      int n = varint();
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    public int position() {
      return pos;
    }

    public boolean hasMore() {
      return pos < buf.length;
    }
  }
}
