package io.newsflow.enrich.story;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary serdes for the story stage's internal records and index entries: written once per article
 * and partition, read back by the same application only, so compact beats self-describing. Each
 * value starts with a format byte; a reader meeting another one fails loudly rather than misread.
 */
final class Compact {
  static final int FORMAT = 1;

  @FunctionalInterface
  interface Writer<T> {
    void write(DataOutputStream out, T value) throws IOException;
  }

  @FunctionalInterface
  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private Compact() {}

  static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader) {
    Serializer<T> ser =
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
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
          try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int format = in.readByte();
            if (format != FORMAT) {
              throw new IllegalStateException("unknown story record format " + format);
            }
            return reader.read(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    return Serdes.serdeFrom(ser, de);
  }

  /** A nullable string. */
  static void writeString(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  static String readString(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
