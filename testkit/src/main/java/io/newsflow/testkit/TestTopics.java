package io.newsflow.testkit;

import io.newsflow.contracts.Topic;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * TopologyTestDriver topics made from the project's {@link Topic} declarations, so that a test
 * names a topic once (with its serdes) instead of repeating name, serializer and deserializer.
 */
public final class TestTopics {
  private TestTopics() {}

  /** An input topic writing {@code topic}'s key and value with its serdes. */
  public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic) {
    return driver.createInputTopic(
        topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** An output topic reading {@code topic}'s key and value with its serdes. */
  public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
