package io.newsflow.kit;

import io.newsflow.contracts.DeadLetters;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production exception handler ({@value
 * StreamsConfig#PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG}): an output record the producer or the
 * broker refuses as too large ({@link RecordTooLargeException}), or that cannot be serialised, is
 * sent to the dead-letter topic in the {@link DeadLetters} format, stage {@value
 * DeadLetters#STAGE_PRODUCE}: the output's key and value (cut to {@link DeadLetters#MAX_KEPT_BYTES}
 * so that the dead letter itself fits), the output topic and size in the reason, the source
 * record's coordinates in the headers; the task goes on. Every other send error is left to Kafka
 * Streams' default (fail: a broker or network problem is not the record's fault).
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

  private String dlqTopic;
  private DeadLetterMeter meter = DeadLetterMeter.from(Map.of());

  @Override
  public void configure(Map<String, ?> configs) {
    dlqTopic = DeadLetterDeserializationHandler.dlqTopic(configs, getClass());
    meter = DeadLetterMeter.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (!(exception instanceof RecordTooLargeException)) {
      return Response.fail();
    }
    int size = record.value() == null ? 0 : record.value().length;
    return Response.resume(
        List.of(
            deadLetter(
                context,
                record.topic(),
                record.key(),
                record.value(),
                "output record for "
                    + record.topic()
                    + " ("
                    + size
                    + " bytes of value) is too large: "
                    + FailedRecord.describe(exception),
                exception)));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    return Response.resume(
        List.of(
            deadLetter(
                context,
                record.topic(),
                context.sourceRawKey(),
                context.sourceRawValue(),
                "output record for "
                    + record.topic()
                    + " cannot be serialised ("
                    + origin
                    + "): "
                    + FailedRecord.describe(exception),
                exception)));
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      ErrorHandlerContext context,
      String outputTopic,
      byte[] key,
      byte[] value,
      String reason,
      Exception exception) {
    LOG.warn(
        "dead-lettering output to {} of record {}-{}@{} ({}): {}",
        outputTopic,
        context.topic(),
        context.partition(),
        context.offset(),
        DeadLetters.STAGE_PRODUCE,
        reason);
    Headers headers =
        DeadLetters.headers(
            null,
            DeadLetters.STAGE_PRODUCE,
            reason,
            context.topic(),
            context.partition(),
            context.offset());
    DeadLetters.put(headers, DeadLetters.EXCEPTION, exception.getClass().getName());
    meter.count(DeadLetters.STAGE_PRODUCE, reason);
    return new ProducerRecord<>(
        dlqTopic,
        null,
        context.timestamp() < 0 ? null : context.timestamp(),
        DeadLetters.kept(key, headers, DeadLetters.KEY_TRUNCATED),
        DeadLetters.kept(value, headers, DeadLetters.VALUE_TRUNCATED),
        headers);
  }
}
