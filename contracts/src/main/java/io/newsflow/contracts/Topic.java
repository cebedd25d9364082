package io.newsflow.contracts;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with its serdes: declared once by the module that produces it, used by code and
 * tests alike so that a name and its format can never drift apart.
 *
 * @param name topic name
 * @param keySerde serde of the record key
 * @param valueSerde serde of the record value
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  @Override
  public String toString() {
    return name;
  }
}
