package io.newsflow.enrich;

import io.newsflow.analysis.Annotator;
import io.newsflow.analysis.Bounds;
import io.newsflow.analysis.near.MinHasher;
import io.newsflow.analysis.story.StoryFeatures;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.DeadLetters;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.JsonSerde;
import io.newsflow.enrich.decide.DecideInput;
import io.newsflow.enrich.decide.Preparer;
import io.newsflow.enrich.decide.RawLogEnds;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parallel prepare step, one task per raw partition, stateless: parses and validates each raw
 * record, annotates it (language, wire credits, themes, entities) and computes what the decision
 * compares (content hash, MinHash signature, story terms).
 *
 * <p>Every raw record yields exactly one {@link DecideInput} for the ordered decide step, in offset
 * order: the prepared article, or a {@link DecideInput.Skip} for a record that went to the
 * dead-letter topic (malformed JSON: stage {@code deserialize}; an invalid article: stage {@code
 * validate}), so the decide step knows how far each raw partition has been delivered. An article
 * whose analysis throws still yields its Skip before the exception goes on to the processing
 * exception handler (which dead-letters it, stage {@code process}); one whose enriched record would
 * be over {@link Bounds#MAX_ENRICHED_BYTES} is dead-lettered here (stage {@code process}). The
 * record is not serialised for that check unless an upper bound of its size ({@link
 * EnrichedSizeBound}) is over the limit: the sink serialises it, once.
 */
final class PrepareProcessor implements Processor<byte[], byte[], String, PrepareProcessor.Out> {
  private static final Logger LOG = LoggerFactory.getLogger(PrepareProcessor.class);
  private static final JsonSerde<Article> ARTICLE_JSON =
      new JsonSerde<>(Article.class, io.newsflow.contracts.Json.strictMapper());
  private static final org.apache.kafka.common.serialization.Serializer<EnrichedArticle>
      ENRICHED_JSON = EnrichTopics.ENRICHED.valueSerde().serializer();

  /** What the step emits: a dead letter, or the record for the decide step. */
  sealed interface Out {}

  /** Key and value bytes of a dead letter (its headers travel on the record). */
  record DeadLetter(byte[] key, byte[] value) implements Out {}

  /** The record for the decide step. */
  record ToDecide(DecideInput input) implements Out {}

  private final Annotator annotator;
  private final MinHasher hasher;
  private final EnrichMeters meters;
  private final int maxEnrichedBytes;
  private ProcessorContext<String, Out> context;

  PrepareProcessor(Annotator annotator, MinHasher hasher, EnrichMeters meters) {
    this(annotator, hasher, meters, Bounds.MAX_ENRICHED_BYTES);
  }

  /** With another size limit of the enriched record (tests: the real one is never reached). */
  PrepareProcessor(
      Annotator annotator, MinHasher hasher, EnrichMeters meters, int maxEnrichedBytes) {
    this.annotator = annotator;
    this.hasher = hasher;
    this.meters = meters;
    this.maxEnrichedBytes = maxEnrichedBytes;
  }

  @Override
  public void init(ProcessorContext<String, Out> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata from = context.recordMetadata().orElseThrow();
    int partition = from.partition();
    long offset = from.offset();
    long time = record.timestamp();
    // one reading of the clock for the validation and the skip marker: a record rejected as too far
    // ahead never passes its time on
    Instant now = Instant.now();
    Outcome outcome;
    try {
      outcome =
          prepare(
              annotator,
              hasher,
              maxEnrichedBytes,
              new RawLogEnds.RawRecord(partition, offset, time, record.value()),
              now,
              Instant.ofEpochMilli(context.currentSystemTimeMs()));
    } catch (RuntimeException e) {
      // The decide step must still learn that this offset was delivered (else it waits for it);
      // the processing exception handler dead-letters the record (docs/SECURITY.md).
      skip(partition, offset, time, now);
      throw e;
    }
    if (outcome instanceof Rejected rejected) {
      deadLetter(record, from, rejected.stage(), rejected.reason(), rejected.cause());
      skip(partition, offset, time, now);
      return;
    }
    DecideInput.Prepared out = ((Ready) outcome).prepared();
    context.forward(new Record<>(out.id(), new ToDecide(out), time));
  }

  /** What preparing one raw record comes to. */
  sealed interface Outcome {}

  /** The article, ready for the decide step. */
  record Ready(DecideInput.Prepared prepared) implements Outcome {}

  /** A record for the dead-letter topic: its stage, reason and the exception, if any. */
  record Rejected(String stage, String reason, Exception cause) implements Outcome {}

  /**
   * The work of the step on one raw record, without sending anything: parse, validate, annotate,
   * hash, story terms, the size limit. The decide step uses it again ({@link #preparer}) for the
   * articles it had received but not decided when its task stopped; it must come to what this step
   * came to then.
   *
   * @param now the wall-clock time validation compares the record time with
   * @param enrichedAt the time stamped on the enriched article
   * @throws RuntimeException when the analysis fails (the record is dead-lettered by the handler)
   */
  static Outcome prepare(
      Annotator annotator,
      MinHasher hasher,
      int maxEnrichedBytes,
      RawLogEnds.RawRecord raw,
      Instant now,
      Instant enrichedAt) {
    Received<Article> received;
    try {
      received =
          raw.value() == null
              ? null
              : new Received<>(ARTICLE_JSON.fromBytes(raw.value()), raw.value());
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      return new Rejected(DeadLetters.STAGE_DESERIALIZE, reason, e);
    }
    Validation validation = Validation.of(received, raw.timestamp(), now);
    if (validation instanceof Validation.Invalid invalid) {
      return new Rejected(DeadLetters.STAGE_VALIDATE, invalid.reason(), null);
    }
    PreparedArticle prepared = ((Validation.Valid) validation).prepared();
    Article article = prepared.article();
    EnrichedArticle enriched =
        annotator.annotate(
            article, prepared.contentHash(), Dedup.original(article.id()), enrichedAt);
    DecideInput.Prepared out =
        new DecideInput.Prepared(
            raw.partition(),
            raw.offset(),
            raw.timestamp(),
            enriched,
            hasher.signature(article.body()),
            StoryFeatures.of(enriched));
    // The sink serialises the record once; here the size limit is checked on an upper bound of
    // its size, and on the exact size only where that bound is over the limit (issue 22).
    int size =
        EnrichedSizeBound.of(enriched) <= maxEnrichedBytes
            ? -1
            : ENRICHED_JSON.serialize(EnrichTopics.ENRICHED.name(), enriched).length;
    if (size > maxEnrichedBytes) {
      return new Rejected(
          DeadLetters.STAGE_PROCESS,
          "enriched record would be "
              + size
              + " bytes, over the limit of "
              + maxEnrichedBytes
              + " bytes",
          null);
    }
    return new Ready(out);
  }

  /**
   * {@link #prepare} for the decide step: the article, or null for a record this step sends to the
   * dead-letter topic (a rejected record, or one whose analysis throws).
   */
  static Preparer preparer(Annotator annotator, MinHasher hasher, int maxEnrichedBytes) {
    return (raw, nowMs) -> {
      try {
        Instant now = Instant.ofEpochMilli(nowMs);
        return prepare(annotator, hasher, maxEnrichedBytes, raw, now, now) instanceof Ready ready
            ? ready.prepared()
            : null;
      } catch (RuntimeException e) {
        return null;
      }
    };
  }

  /**
   * The Skip marker of a dead letter. Its time tells the decide step that the partition has passed
   * it; a time validation rejects as too far ahead (or a malformed record's, as far ahead) is not
   * passed on ({@link Long#MIN_VALUE}: the marker moves the partition's offset only), else every
   * article before it would be released without waiting for the records after it in the partition,
   * which would then all be late.
   */
  private void skip(int partition, long offset, long time, Instant now) {
    long passed = Validation.aheadOfClock(time, now) ? Long.MIN_VALUE : time;
    context.forward(
        new Record<>(
            "skip:" + partition + ":" + offset,
            new ToDecide(new DecideInput.Skip(partition, offset, passed)),
            time));
  }

  private void deadLetter(
      Record<byte[], byte[]> record,
      RecordMetadata from,
      String stage,
      String reason,
      Exception exception) {
    LOG.warn(
        "dead-lettering record {}-{}@{} ({}): {}",
        from.topic(),
        from.partition(),
        from.offset(),
        stage,
        reason);
    meters.deadLetter(stage, reason);
    Headers headers =
        DeadLetters.headers(
            record.headers(), stage, reason, from.topic(), from.partition(), from.offset());
    if (exception != null) {
      DeadLetters.put(headers, DeadLetters.EXCEPTION, exception.getClass().getName());
    }
    byte[] key = DeadLetters.kept(record.key(), headers, DeadLetters.KEY_TRUNCATED);
    byte[] value = DeadLetters.kept(record.value(), headers, DeadLetters.VALUE_TRUNCATED);
    context.forward(
        new Record<String, Out>(null, new DeadLetter(key, value), record.timestamp(), headers));
  }
}
