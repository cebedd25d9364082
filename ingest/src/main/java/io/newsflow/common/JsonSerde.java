package io.newsflow.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A typed JSON serde over the shared {@link Json#mapper()}. A null value stays null. */
public final class JsonSerde<T> implements Serde<T> {
  private final Class<T> type;
  private final ObjectReader reader;
  private final ObjectWriter writer;

  public JsonSerde(Class<T> type) {
    this(type, Json.mapper());
  }

  /** A serde reading with {@code mapper} (e.g. {@link Json#strictMapper()}). */
  public JsonSerde(Class<T> type, com.fasterxml.jackson.databind.ObjectMapper mapper) {
    this.type = type;
    this.reader = mapper.readerFor(type);
    this.writer = mapper.writerFor(type);
  }

  /** Parses one JSON document; failures name the expected type. */
  public T fromBytes(byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return reader.readValue(data);
    } catch (JsonProcessingException e) {
      throw new SerializationException(
          "not a valid " + type.getSimpleName() + " JSON document: " + Json.describe(e), e);
    } catch (IOException e) {
      throw new SerializationException("cannot read " + type.getSimpleName() + " JSON", e);
    }
  }

  public byte[] toBytes(T value) {
    if (value == null) {
      return null;
    }
    try {
      return writer.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON", e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> toBytes(data);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> fromBytes(data);
  }
}
