package io.newsflow.contracts;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A typed serde written as two methods on bytes: {@link JsonSerde} and {@link InternalSerde}. A
 * null value stays null either way (a tombstone), so subclasses never see one.
 */
public abstract class BytesSerde<T> implements Serde<T> {
  public final T fromBytes(byte[] data) {
    return data == null ? null : read(data);
  }

  public final byte[] toBytes(T value) {
    return value == null ? null : write(value);
  }

  /** Reads non-null {@code data}. */
  protected abstract T read(byte[] data);

  /** Writes a non-null {@code value}. */
  protected abstract byte[] write(T value);

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> toBytes(data);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> fromBytes(data);
  }
}
