package io.newsflow.enrich.near;

import io.newsflow.enrich.Dedup;
import io.newsflow.enrich.EnrichTopology;
import io.newsflow.enrich.EnrichedArticle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the band-index answers for an article parked in {@value EnrichTopology#PENDING_STORE}
 * (progress in {@value EnrichTopology#WAITING_STORE}) and decides once every queried partition has
 * answered: near copy of the {@linkplain Canonical#choose chosen original}, or original.
 *
 * <p>An answer that never comes (it cannot under exactly-once, but a bug or an operator deleting a
 * topic could lose one) must not hold an article forever: a wall-clock sweep decides entries older
 * than the pending timeout with the answers they have, counts them ({@code near-timeout-total}) and
 * logs a warning.
 */
public final class NearDecideProcessor
    implements Processor<String, BandAnswer, String, NearDecision> {
  private static final Logger LOG = LoggerFactory.getLogger(NearDecideProcessor.class);
  private static final Duration SWEEP_EVERY = Duration.ofSeconds(10);

  private final long timeoutMs;
  private ProcessorContext<String, NearDecision> context;
  private KeyValueStore<String, EnrichedArticle> pending;
  private KeyValueStore<String, NearWaiting> waiting;
  private Sensor nearCopies;
  private Sensor timeouts;

  public NearDecideProcessor(Duration pendingTimeout) {
    this.timeoutMs = pendingTimeout.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, NearDecision> context) {
    this.context = context;
    this.pending = context.getStateStore(EnrichTopology.PENDING_STORE);
    this.waiting = context.getStateStore(EnrichTopology.WAITING_STORE);
    var metrics = context.metrics();
    nearCopies =
        metrics.addRateTotalSensor(
            EnrichTopology.METRICS_SCOPE, "dedup", "near-copy", Sensor.RecordingLevel.INFO);
    timeouts =
        metrics.addRateTotalSensor(
            EnrichTopology.METRICS_SCOPE, "dedup", "near-timeout", Sensor.RecordingLevel.INFO);
    context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, this::sweep);
  }

  @Override
  public void process(Record<String, BandAnswer> record) {
    BandAnswer answer = record.value();
    NearWaiting progress = waiting.get(answer.articleId());
    if (progress == null) {
      LOG.warn(
          "answer for {} from partition {} arrived after its decision",
          answer.articleId(),
          answer.fromPartition());
      return;
    }
    if (progress.answered().contains(answer.fromPartition())) {
      return;
    }
    List<Integer> answered = new ArrayList<>(progress.answered());
    answered.add(answer.fromPartition());
    List<Candidate> candidates = new ArrayList<>(progress.candidates());
    candidates.addAll(answer.candidates());
    NearWaiting next =
        new NearWaiting(
            progress.time(), progress.createdAtMs(), progress.partitions(), answered, candidates);
    if (next.complete()) {
      decide(answer.articleId(), next);
    } else {
      waiting.put(answer.articleId(), next);
    }
  }

  private void decide(String id, NearWaiting progress) {
    EnrichedArticle article = pending.get(id);
    pending.put(id, null); // not delete(): it would read and parse the old value
    waiting.put(id, null);
    if (article == null) {
      LOG.error("article {} was waiting for band answers but is not parked; dropped", id);
      return;
    }
    Optional<Candidate> original = Canonical.choose(progress.candidates());
    if (original.isPresent()) {
      nearCopies.record();
      article =
          article.withDedup(Dedup.nearCopyOf(original.get().id(), original.get().similarity()));
    }
    context.forward(
        new Record<>(
            id,
            new NearDecision(article, progress.time(), progress.partitions()),
            progress.time()));
  }

  private void sweep(long now) {
    List<KeyValue<String, NearWaiting>> stale = new ArrayList<>();
    try (KeyValueIterator<String, NearWaiting> it = waiting.all()) {
      it.forEachRemaining(
          kv -> {
            if (now - kv.value.createdAtMs() > timeoutMs) {
              stale.add(kv);
            }
          });
    }
    for (KeyValue<String, NearWaiting> kv : stale) {
      timeouts.record();
      LOG.warn(
          "deciding {} with {} of {} band answers after {} ms",
          kv.key,
          kv.value.answered().size(),
          kv.value.partitions().size(),
          timeoutMs);
      decide(kv.key, kv.value);
    }
  }
}
