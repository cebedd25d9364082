package io.newsflow.enrich.near;

import io.newsflow.enrich.EnrichTopology;
import io.newsflow.enrich.NewestBlock;
import io.newsflow.enrich.TimeSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The band index, on the partition a band belongs to: looks up the articles that share one of the
 * query's bands, verifies each on its signature, answers, then indexes the query's article.
 *
 * <p>Stores (window stores, window size = the dedup horizon, retention = twice that):
 *
 * <ul>
 *   <li>{@value EnrichTopology#BAND_STORE}: key band key ({@code <band>:<hash>}), timestamp the
 *       start of a bucket one horizon long, value a {@link NewestBlock} of the ids of the bucket's
 *       articles with that band (at most {@value #BLOCK_CAPACITY}). A query reads the buckets its
 *       span overlaps with point lookups (three at most), instead of a range scan per band.
 *   <li>{@value EnrichTopology#SIGNATURE_STORE}: key article id, timestamp its record time (as in
 *       its band entries, so a candidate's signature is one point lookup), value {@link
 *       SignatureEntry} (signature and, once known, the original it copies). An article's signature
 *       is stored on every partition its bands reach, so a candidate found here is verified here.
 * </ul>
 */
public final class BandLookupProcessor implements Processor<String, BandQuery, String, BandAnswer> {
  /**
   * Articles kept per band and bucket, newest first: far more than share a band by chance; only a
   * text republished more often than this within one horizon loses its oldest entries.
   */
  public static final int BLOCK_CAPACITY = 1000;

  /** Blocks of article ids, the values of the band index. */
  public static final Serde<NewestBlock<String>> BLOCK_SERDE =
      NewestBlock.serde(NewestBlock::writeString, NewestBlock::readString);

  private final long horizonMs;
  private final double threshold;
  private ProcessorContext<String, BandAnswer> context;
  private NewestBlock.Store<String> bandIndex;
  private WindowStore<String, SignatureEntry> signatures;

  public BandLookupProcessor(NearConfig config, long horizonMs) {
    this.threshold = config.threshold();
    this.horizonMs = horizonMs;
  }

  @Override
  public void init(ProcessorContext<String, BandAnswer> context) {
    this.context = context;
    this.bandIndex =
        new NewestBlock.Store<>(
            context.getStateStore(EnrichTopology.BAND_STORE), horizonMs, BLOCK_CAPACITY);
    this.signatures = context.getStateStore(EnrichTopology.SIGNATURE_STORE);
  }

  @Override
  public void process(Record<String, BandQuery> record) {
    BandQuery q = record.value();
    TimeSpan span = TimeSpan.around(q.time(), horizonMs);
    long oldest = NewestBlock.bucketOf(span.from(), horizonMs);
    long newest = NewestBlock.bucketOf(span.to(), horizonMs);

    // Candidates oldest first (of equal times, first indexed first), each with its record time.
    Map<String, Long> ids = new LinkedHashMap<>();
    bandIndex.clear();
    // Buckets counted, so a span ending near Long.MAX_VALUE cannot overflow one.
    long buckets = (newest - oldest) / horizonMs;
    for (String band : q.bands()) {
      for (long k = 0; k <= buckets; k++) {
        long bucket = oldest + k * horizonMs;
        NewestBlock<String> block = bandIndex.get(band, bucket);
        if (block == null) {
          continue;
        }
        List<NewestBlock.Entry<String>> entries = block.entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
          NewestBlock.Entry<String> e = entries.get(i);
          if (e.time() >= span.from() && e.time() <= span.to()) {
            ids.putIfAbsent(e.value(), e.time());
          }
        }
      }
    }
    ids.remove(q.articleId());
    List<Candidate> verified = new ArrayList<>();
    ids.forEach(
        (id, time) -> {
          // The signature is stored at the article's record time, as its band entries are.
          SignatureEntry entry = signatures.fetch(id, time);
          if (entry != null) {
            double s = MinHasher.similarity(q.signature(), entry.signature());
            if (s >= threshold) {
              verified.add(new Candidate(id, time, s, entry.canonicalId()));
            }
          }
        });

    signatures.put(q.articleId(), new SignatureEntry(q.signature(), null), q.time());
    for (String band : q.bands()) {
      bandIndex.add(band, q.time(), q.articleId());
    }
    context.forward(
        record.withValue(
            new BandAnswer(
                q.articleId(), q.replyPartition(), context.taskId().partition(), verified)));
  }
}
