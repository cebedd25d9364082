package io.newsflow.enrich.near;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A compact binary encoding for the near-duplicate records that never leave the enrich app
 * (internal topics and stores): big-endian ints and longs, length-prefixed UTF-8 strings (length -1
 * for null), length-prefixed int arrays. A signature of 192 slots is 772 bytes here against about 2
 * KB of JSON, and reading it is a copy, not a parse (it was the largest CPU cost of the pipeline,
 * see docs/BENCHMARKS.md).
 */
final class Bin {
  private Bin() {}

  /** Appends to a growing buffer. */
  static final class Writer {
    private byte[] buf;
    private int pos;

    Writer(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int n) {
      if (pos + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
      }
    }

    Writer writeByte(int v) {
      ensure(1);
      buf[pos++] = (byte) v;
      return this;
    }

    Writer writeInt(int v) {
      ensure(4);
      buf[pos++] = (byte) (v >>> 24);
      buf[pos++] = (byte) (v >>> 16);
      buf[pos++] = (byte) (v >>> 8);
      buf[pos++] = (byte) v;
      return this;
    }

    Writer writeLong(long v) {
      writeInt((int) (v >>> 32));
      return writeInt((int) v);
    }

    Writer writeDouble(double v) {
      return writeLong(Double.doubleToLongBits(v));
    }

    Writer writeString(String s) {
      if (s == null) {
        return writeInt(-1);
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      writeInt(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
      return this;
    }

    Writer writeInts(int[] a) {
      writeInt(a.length);
      ensure(4 * a.length);
      for (int v : a) {
        writeInt(v);
      }
      return this;
    }

    byte[] toBytes() {
      return Arrays.copyOf(buf, pos);
    }
  }

  /** Reads what {@link Writer} wrote; a truncated or foreign buffer fails with a clear message. */
  static final class Reader {
    private final ByteBuffer in;

    Reader(byte[] bytes, int expectedVersion, String what) {
      this.in = ByteBuffer.wrap(bytes);
      int version = in.hasRemaining() ? in.get() : -1;
      if (version != expectedVersion) {
        throw new IllegalArgumentException(
            what + ": unknown encoding version " + version + " (expected " + expectedVersion + ")");
      }
    }

    int readInt() {
      return in.getInt();
    }

    long readLong() {
      return in.getLong();
    }

    double readDouble() {
      return in.getDouble();
    }

    String readString() {
      int n = in.getInt();
      if (n < 0) {
        return null;
      }
      String s = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
      in.position(in.position() + n);
      return s;
    }

    int[] readInts() {
      int n = in.getInt();
      if (n < 0 || n > in.remaining() / 4) {
        throw new IllegalArgumentException("bad int array length " + n);
      }
      int[] a = new int[n];
      in.asIntBuffer().get(a);
      in.position(in.position() + 4 * n);
      return a;
    }
  }
}
