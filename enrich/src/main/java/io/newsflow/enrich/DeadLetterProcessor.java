package io.newsflow.enrich;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a rejected record into a dead letter: original bytes plus {@link DeadLetters} headers. */
final class DeadLetterProcessor implements Processor<String, Validation, byte[], byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessor.class);

  private final EnrichMeters meters;
  private ProcessorContext<byte[], byte[]> context;

  DeadLetterProcessor(EnrichMeters meters) {
    this.meters = meters;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Validation> record) {
    Validation.Invalid invalid = (Validation.Invalid) record.value();
    RecordMetadata from = context.recordMetadata().orElse(null);
    String topic = from == null ? null : from.topic();
    int partition = from == null ? -1 : from.partition();
    long offset = from == null ? -1 : from.offset();
    LOG.warn("dead-lettering record {}-{}@{}: {}", topic, partition, offset, invalid.reason());
    meters.deadLetter(DeadLetters.STAGE_VALIDATE, invalid.reason());
    byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
    Headers headers =
        DeadLetters.headers(
            record.headers(),
            DeadLetters.STAGE_VALIDATE,
            invalid.reason(),
            topic,
            partition,
            offset);
    context.forward(
        new Record<>(
            DeadLetters.kept(key, headers, DeadLetters.KEY_TRUNCATED),
            DeadLetters.kept(invalid.raw(), headers, DeadLetters.VALUE_TRUNCATED),
            record.timestamp(),
            headers));
  }
}
