package io.newsflow.kit;

import io.newsflow.contracts.DeadLetters;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be deserialised to the dead-letter topic named by {@value
 * StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG}, in the {@link DeadLetters} format, and
 * continues. The dead letter is written in the same transaction as the task's output, so under
 * exactly-once it is neither lost nor duplicated.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private String dlqTopic;
  private DeadLetterMeter meter = DeadLetterMeter.from(Map.of());

  @Override
  public void configure(Map<String, ?> configs) {
    dlqTopic = dlqTopic(configs, getClass());
    meter = DeadLetterMeter.from(configs);
  }

  /** The dead-letter topic the settings name; a handler without one is a configuration error. */
  static String dlqTopic(Map<String, ?> configs, Class<?> handler) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new IllegalArgumentException(
          StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
              + " must name the dead-letter topic for "
              + handler.getSimpleName());
    }
    return topic.toString();
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String reason = exception.getMessage() == null ? exception.toString() : exception.getMessage();
    LOG.warn(
        "dead-lettering undeserialisable record {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        reason);
    Headers headers =
        DeadLetters.headers(
            record.headers(),
            DeadLetters.STAGE_DESERIALIZE,
            reason,
            record.topic(),
            record.partition(),
            record.offset());
    DeadLetters.put(headers, DeadLetters.EXCEPTION, exception.getClass().getName());
    ProducerRecord<byte[], byte[]> dead =
        new ProducerRecord<>(
            dlqTopic,
            null,
            record.timestamp(),
            DeadLetters.kept(record.key(), headers, DeadLetters.KEY_TRUNCATED),
            DeadLetters.kept(record.value(), headers, DeadLetters.VALUE_TRUNCATED),
            headers);
    meter.count(DeadLetters.STAGE_DESERIALIZE, reason);
    return Response.resume(List.of(dead));
  }
}
