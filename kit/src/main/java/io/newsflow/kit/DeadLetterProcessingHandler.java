package io.newsflow.kit;

import io.newsflow.contracts.DeadLetters;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing exception handler (KIP-1033, {@value
 * StreamsConfig#PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG}): a record whose processing throws is
 * sent to the dead-letter topic ({@value StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG})
 * in the {@link DeadLetters} format, stage {@value DeadLetters#STAGE_PROCESS}, with the source
 * record's key and value bytes (or those a {@link FailedRecord} names) and the exception as the
 * reason, and the task goes on with the next record. The dead letter is written in the task's
 * transaction.
 *
 * <p>What is not the record's fault stops the stream thread (and the uncaught exception handler
 * decides what follows): a state store that fails ({@link ProcessorStateException}), a fenced
 * producer. Kafka Streams itself never hands task migration or corruption to this handler.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private String dlqTopic;
  private DeadLetterMeter meter = DeadLetterMeter.from(Map.of());

  @Override
  public void configure(Map<String, ?> configs) {
    dlqTopic = DeadLetterDeserializationHandler.dlqTopic(configs, getClass());
    meter = DeadLetterMeter.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (notTheRecordsFault(exception)) {
      LOG.error(
          "processor {} failed on {}-{}@{}, not for the record's sake: stopping the thread",
          context.processorNodeId(),
          context.topic(),
          context.partition(),
          context.offset(),
          exception);
      return Response.fail();
    }
    FailedRecord named = failedRecord(exception);
    String topic = named != null ? named.topic() : context.topic();
    int partition = named != null ? named.partition() : context.partition();
    long offset = named != null ? named.offset() : context.offset();
    byte[] key = named != null ? named.key() : context.sourceRawKey();
    byte[] value = named != null ? named.value() : context.sourceRawValue();
    Throwable cause = named != null && named.getCause() != null ? named.getCause() : exception;
    String reason =
        "processing failed in " + context.processorNodeId() + ": " + FailedRecord.describe(cause);
    LOG.warn(
        "dead-lettering record {}-{}@{} ({}): {}",
        topic,
        partition,
        offset,
        DeadLetters.STAGE_PROCESS,
        reason,
        exception);
    Headers headers =
        DeadLetters.headers(
            named != null ? null : context.headers(),
            DeadLetters.STAGE_PROCESS,
            reason,
            topic,
            partition,
            offset);
    DeadLetters.put(headers, DeadLetters.EXCEPTION, cause.getClass().getName());
    DeadLetters.put(headers, DeadLetters.PROCESSOR, context.processorNodeId());
    ProducerRecord<byte[], byte[]> dead =
        new ProducerRecord<>(
            dlqTopic,
            null,
            context.timestamp() < 0 ? null : context.timestamp(),
            DeadLetters.kept(key, headers, DeadLetters.KEY_TRUNCATED),
            DeadLetters.kept(value, headers, DeadLetters.VALUE_TRUNCATED),
            headers);
    meter.count(DeadLetters.STAGE_PROCESS, reason);
    return Response.resume(List.of(dead));
  }

  private static FailedRecord failedRecord(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FailedRecord f) {
        return f;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  static boolean notTheRecordsFault(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProcessorStateException
          || t instanceof ProducerFencedException
          || t instanceof InvalidProducerEpochException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
