package io.newsflow.kit;

import io.newsflow.contracts.EnrichTopics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams settings every newsflow app shares. */
public final class StreamsSettings {
  private StreamsSettings() {}

  /**
   * Exactly-once v2, explicit names required for every internal resource, compressed output, and
   * the rule of docs/SECURITY.md: a record that cannot be deserialised ({@link
   * DeadLetterDeserializationHandler}), whose processing throws ({@link
   * DeadLetterProcessingHandler}) or whose output the producer refuses as too large ({@link
   * DeadLetterProductionHandler}) goes to {@code news.articles.dlq} with a reason, and the app goes
   * on. {@code overrides} win.
   */
  public static Properties of(
      String applicationId, String bootstrapServers, Path stateDir, Map<String, ?> overrides) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingHandler.class.getName());
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProductionHandler.class.getName());
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, EnrichTopics.DLQ.name());
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    props.putAll(overrides);
    return props;
  }
}
