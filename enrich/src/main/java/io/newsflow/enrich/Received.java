package io.newsflow.enrich;

import io.newsflow.common.JsonSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A deserialised value together with the bytes it was read from, so that a record rejected after
 * parsing still reaches the dead-letter topic exactly as it arrived.
 *
 * @param value the parsed value
 * @param raw the bytes as received
 */
public record Received<T>(T value, byte[] raw) {

  /**
   * A serde that parses JSON into {@code T} and keeps the bytes. Malformed JSON throws, which sends
   * the record to the deserialization exception handler.
   */
  public static <T> Serde<Received<T>> serde(JsonSerde<T> json) {
    Serializer<Received<T>> serializer =
        (topic, data) ->
            data == null ? null : data.raw() != null ? data.raw() : json.toBytes(data.value());
    Deserializer<Received<T>> deserializer =
        (topic, data) -> data == null ? null : new Received<>(json.fromBytes(data), data);
    return new Serde<>() {
      @Override
      public Serializer<Received<T>> serializer() {
        return serializer;
      }

      @Override
      public Deserializer<Received<T>> deserializer() {
        return deserializer;
      }
    };
  }
}
