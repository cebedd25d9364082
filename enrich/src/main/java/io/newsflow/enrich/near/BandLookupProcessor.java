package io.newsflow.enrich.near;

import io.newsflow.enrich.EnrichTopology;
import io.newsflow.enrich.TimeSpan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The band index, on the partition a band belongs to: looks up the articles that share one of the
 * query's bands, verifies each on its signature, answers, then indexes the query's article.
 *
 * <p>Stores (window stores, window size = the dedup horizon, retention = twice that):
 *
 * <ul>
 *   <li>{@value EnrichTopology#BAND_STORE}: key band key ({@code <band>:<hash>}), value article id;
 *       duplicates retained (many articles share a band).
 *   <li>{@value EnrichTopology#SIGNATURE_STORE}: key article id, value {@link SignatureEntry}
 *       (signature and, once known, the original it copies). An article's signature is stored on
 *       every partition its bands reach, so a candidate found here is verified here.
 * </ul>
 */
public final class BandLookupProcessor implements Processor<String, BandQuery, String, BandAnswer> {
  private final long horizonMs;
  private final double threshold;
  private ProcessorContext<String, BandAnswer> context;
  private WindowStore<String, String> bandIndex;
  private WindowStore<String, SignatureEntry> signatures;

  public BandLookupProcessor(NearConfig config, long horizonMs) {
    this.threshold = config.threshold();
    this.horizonMs = horizonMs;
  }

  @Override
  public void init(ProcessorContext<String, BandAnswer> context) {
    this.context = context;
    this.bandIndex = context.getStateStore(EnrichTopology.BAND_STORE);
    this.signatures = context.getStateStore(EnrichTopology.SIGNATURE_STORE);
  }

  @Override
  public void process(Record<String, BandQuery> record) {
    BandQuery q = record.value();
    TimeSpan span = TimeSpan.around(q.time(), horizonMs);

    Set<String> ids = new LinkedHashSet<>();
    for (String band : q.bands()) {
      try (WindowStoreIterator<String> it = bandIndex.fetch(band, span.from(), span.to())) {
        it.forEachRemaining(kv -> ids.add(kv.value));
      }
    }
    ids.remove(q.articleId());
    List<Candidate> verified = new ArrayList<>();
    for (String id : ids) {
      try (WindowStoreIterator<SignatureEntry> it = signatures.fetch(id, span.from(), span.to())) {
        if (it.hasNext()) {
          KeyValue<Long, SignatureEntry> entry = it.next();
          double s = MinHasher.similarity(q.signature(), entry.value.signature());
          if (s >= threshold) {
            verified.add(new Candidate(id, entry.key, s, entry.value.canonicalId()));
          }
        }
      }
    }

    signatures.put(q.articleId(), new SignatureEntry(q.signature(), null), q.time());
    for (String band : q.bands()) {
      bandIndex.put(band, q.articleId(), q.time());
    }
    context.forward(
        record.withValue(
            new BandAnswer(
                q.articleId(), q.replyPartition(), context.taskId().partition(), verified)));
  }
}
