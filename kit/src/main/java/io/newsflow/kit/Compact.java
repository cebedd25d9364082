package io.newsflow.kit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary serdes for enrich's internal records and state (the {@code decide-input} topic, the decide
 * step's stores): read back by the same application only, so compact beats self-describing. Each
 * value starts with a format byte; a reader meeting another one fails loudly rather than misread.
 */
public final class Compact {
  public static final int FORMAT = 1;

  @FunctionalInterface
  public interface Writer<T> {
    void write(DataOutputStream out, T value) throws IOException;
  }

  @FunctionalInterface
  public interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private Compact() {}

  public static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader) {
    return serde(writer, reader, null);
  }

  /**
   * As {@link #serde(Writer, Reader)}, and values that do not start with the format byte (written
   * by an earlier version in another encoding) are read by {@code older}.
   */
  public static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader, Deserializer<T> older) {
    Serializer<T> ser =
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          Out bytes = new Out();
          try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writer.write(out, value);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return bytes.toByteArray();
        };
    Deserializer<T> de =
        (topic, data) -> {
          if (data == null) {
            return null;
          }
          if (older != null && data.length > 0 && data[0] != FORMAT) {
            return older.deserialize(topic, data);
          }
          try (DataInputStream in = new DataInputStream(new In(data))) {
            int format = in.readByte();
            if (format != FORMAT) {
              throw new IllegalStateException("unknown record format " + format);
            }
            return reader.read(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    return Serdes.serdeFrom(ser, de);
  }

  /**
   * A byte array read without the locking of {@link java.io.ByteArrayInputStream} (taken per byte
   * by {@link DataInputStream}'s number reads: it showed as 5% of the enrich thread).
   */
  private static final class In extends InputStream {
    private final byte[] bytes;
    private int pos;

    In(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    /** The bytes left: a reader can tell a shorter value of an earlier version. */
    @Override
    public int available() {
      return bytes.length - pos;
    }

    @Override
    public int read(byte[] into, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= bytes.length) {
        return -1;
      }
      int n = Math.min(len, bytes.length - pos);
      System.arraycopy(bytes, pos, into, off, n);
      pos += n;
      return n;
    }
  }

  /** A growing byte array written without the locking of {@link java.io.ByteArrayOutputStream}. */
  private static final class Out extends OutputStream {
    private byte[] bytes = new byte[128];
    private int count;

    private void ensure(int more) {
      if (count + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
      }
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] from, int off, int len) {
      ensure(len);
      System.arraycopy(from, off, bytes, count, len);
      count += len;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, count);
    }
  }

  /** A nullable string. */
  public static void writeString(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  public static String readString(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  /** A nullable string of any length (UTF-8, length-prefixed; {@code writeUTF} stops at 64 KB). */
  public static void writeText(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  public static String readText(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A nullable byte array, length-prefixed. */
  public static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b == null ? -1 : b.length);
    if (b != null) {
      out.write(b);
    }
  }

  public static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  public static void writeInts(DataOutputStream out, int[] values) throws IOException {
    out.writeInt(values == null ? -1 : values.length);
    if (values != null) {
      for (int v : values) {
        out.writeInt(v);
      }
    }
  }

  public static int[] readInts(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readInt();
    }
    return values;
  }

  /**
   * A signed long as a zig-zag varint: 1 byte for -64..63, 2 for up to about 8,000 either way; for
   * counts and time differences that are mostly small.
   */
  public static void writeVarLong(DataOutputStream out, long value) throws IOException {
    long v = (value << 1) ^ (value >> 63);
    while ((v & ~0x7fL) != 0) {
      out.writeByte((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  public static long readVarLong(DataInputStream in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.readByte();
      v |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return (v >>> 1) ^ -(v & 1);
      }
    }
    throw new IOException("malformed varint");
  }

  /** A non-null string, UTF-8 with a varint length: the short keys of internal records. */
  public static void writeShortText(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    writeVarLong(out, b.length);
    out.write(b);
  }

  public static String readShortText(DataInputStream in) throws IOException {
    long n = readVarLong(in);
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new IOException("malformed text length " + n);
    }
    byte[] b = new byte[(int) n];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}
