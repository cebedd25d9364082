package io.newsflow.enrich.near;

import io.newsflow.enrich.EnrichTopology;
import io.newsflow.enrich.EnrichedArticle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * First step of the near-duplicate search, for articles exact-dedup judged original: computes the
 * MinHash signature and band keys, parks the article in {@value EnrichTopology#PENDING_STORE} (key
 * article id, value the article; deleted when decided), records what it waits for in {@value
 * EnrichTopology#WAITING_STORE} (key article id, value {@link NearWaiting}), and sends one {@link
 * BandQuery} per band-index partition its bands fall on.
 */
public final class NearFanOutProcessor
    implements Processor<String, EnrichedArticle, String, BandQuery> {
  private final MinHasher hasher;
  private final LshBands bands;
  private final int partitions;
  private ProcessorContext<String, BandQuery> context;
  private KeyValueStore<String, EnrichedArticle> pending;
  private KeyValueStore<String, NearWaiting> waiting;

  public NearFanOutProcessor(NearConfig config, int partitions) {
    this.hasher = new MinHasher(config.shingleSize(), config.permutations());
    this.bands = new LshBands(config.permutations(), config.bands());
    this.partitions = partitions;
  }

  @Override
  public void init(ProcessorContext<String, BandQuery> context) {
    this.context = context;
    this.pending = context.getStateStore(EnrichTopology.PENDING_STORE);
    this.waiting = context.getStateStore(EnrichTopology.WAITING_STORE);
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    EnrichedArticle article = record.value();
    int[] signature = hasher.signature(article.article().body());
    Map<Integer, List<String>> byPartition =
        LshBands.byPartition(bands.keys(signature), partitions);
    pending.put(article.id(), article);
    waiting.put(
        article.id(),
        new NearWaiting(
            record.timestamp(),
            context.currentSystemTimeMs(),
            new ArrayList<>(byPartition.keySet()),
            List.of(),
            List.of()));
    int reply = context.taskId().partition();
    byPartition.forEach(
        (partition, keys) ->
            context.forward(
                record.withValue(
                    new BandQuery(
                        article.id(), record.timestamp(), reply, partition, keys, signature))));
  }
}
