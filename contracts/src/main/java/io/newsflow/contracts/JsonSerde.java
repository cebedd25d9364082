package io.newsflow.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;

/** A typed JSON serde over the shared {@link Json#mapper()}. A null value stays null. */
public final class JsonSerde<T> extends BytesSerde<T> {
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
  @Override
  protected T read(byte[] data) {
    try {
      return reader.readValue(data);
    } catch (JsonProcessingException e) {
      throw new SerializationException(
          "not a valid " + type.getSimpleName() + " JSON document: " + Json.describe(e), e);
    } catch (IOException e) {
      throw new SerializationException("cannot read " + type.getSimpleName() + " JSON", e);
    }
  }

  @Override
  protected byte[] write(T value) {
    try {
      return writer.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON", e);
    }
  }
}
