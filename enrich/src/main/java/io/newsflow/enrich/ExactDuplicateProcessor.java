package io.newsflow.enrich;

import io.newsflow.ingest.Article;
import java.time.Instant;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Recognises exact copies and re-sent articles. Input is keyed by content hash (after the {@code
 * by-content-hash} repartition), so every article with the same normalised body meets here.
 *
 * <p>Stores, both window stores with window size = the dedup horizon and retention = twice the
 * horizon (see {@link EnrichTopology#retention}):
 *
 * <ul>
 *   <li>{@value EnrichTopology#CANONICAL_STORE}: key content hash, value id of the first article
 *       seen with that hash (the canonical). Window start = that article's record time.
 *   <li>{@value EnrichTopology#SEEN_STORE}: key {@code contentHash|articleId}, value record time:
 *       which ids have already been emitted with this text.
 * </ul>
 *
 * <p>A (hash, id) pair already seen is a re-send and is dropped, which makes re-ingest idempotent.
 * Otherwise the article is emitted, keyed by its id, as the original or as an exact copy of the
 * canonical. Both lookups span the horizon on either side of the record time, so an article
 * arriving out of order still finds its twin, as long as it is less than one horizon behind the
 * newest record the store has seen (older entries have expired).
 */
final class ExactDuplicateProcessor
    implements Processor<String, PreparedArticle, String, EnrichedArticle> {

  private final long horizonMs;
  private final Annotator annotator;
  private ProcessorContext<String, EnrichedArticle> context;
  private WindowStore<String, String> canonical;
  private WindowStore<String, Long> seen;
  private Sensor originals;
  private Sensor exactCopies;
  private Sensor resendsDropped;

  ExactDuplicateProcessor(EnrichConfig config, Annotator annotator) {
    this.horizonMs = config.dedupHorizon().toMillis();
    this.annotator = annotator;
  }

  @Override
  public void init(ProcessorContext<String, EnrichedArticle> context) {
    this.context = context;
    this.canonical = context.getStateStore(EnrichTopology.CANONICAL_STORE);
    this.seen = context.getStateStore(EnrichTopology.SEEN_STORE);
    var metrics = context.metrics();
    originals =
        metrics.addRateTotalSensor(
            EnrichTopology.METRICS_SCOPE, "dedup", "original", Sensor.RecordingLevel.INFO);
    exactCopies =
        metrics.addRateTotalSensor(
            EnrichTopology.METRICS_SCOPE, "dedup", "exact-copy", Sensor.RecordingLevel.INFO);
    resendsDropped =
        metrics.addRateTotalSensor(
            EnrichTopology.METRICS_SCOPE, "dedup", "resend-dropped", Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(Record<String, PreparedArticle> record) {
    String contentHash = record.key();
    Article article = record.value().article();
    long time = record.timestamp();
    TimeSpan span = TimeSpan.around(time, horizonMs);

    String seenKey = contentHash + "|" + article.id();
    String canonicalId = earliest(canonical, contentHash, span);
    // The two stores expire on their own stream time (the seen store advances on every article,
    // the canonical store only on originals), so the canonical's own id is checked as well.
    if (article.id().equals(canonicalId) || earliest(seen, seenKey, span) != null) {
      resendsDropped.record();
      return;
    }
    seen.put(seenKey, time, time);

    Dedup dedup;
    if (canonicalId == null) {
      canonical.put(contentHash, article.id(), time);
      dedup = Dedup.original(article.id());
      originals.record();
    } else {
      dedup = Dedup.exactCopyOf(canonicalId);
      exactCopies.record();
    }
    EnrichedArticle enriched =
        annotator.annotate(
            article, contentHash, dedup, Instant.ofEpochMilli(context.currentSystemTimeMs()));
    context.forward(record.withKey(article.id()).withValue(enriched));
  }

  /** The value with the earliest window start in the span, or null. */
  private static <V> V earliest(WindowStore<String, V> store, String key, TimeSpan span) {
    try (WindowStoreIterator<V> it = store.fetch(key, span.from(), span.to())) {
      return it.hasNext() ? it.next().value : null;
    }
  }
}
