package io.newsflow.enrich;

import io.newsflow.common.JsonSerde;
import io.newsflow.ingest.Article;
import io.newsflow.ingest.ArticleTopics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich topology.
 *
 * <pre>
 * news.articles.raw (key article id, value Article JSON)
 *   -> validate: fill defaults, check required fields
 *        invalid -> news.articles.dlq (original bytes + newsflow.dlq.* headers)
 *   -> re-key by content hash -> repartition "by-content-hash"
 *   -> exact-dedup (stores dedup-canonical-by-hash, dedup-seen-hash-id)
 *   -> news.articles.enriched (key article id, value EnrichedArticle JSON)
 * </pre>
 *
 * <p>Records that cannot be deserialised reach the DLQ through {@link
 * DeadLetterDeserializationHandler}. Every processor, store and internal topic is named here: a
 * renamed one would silently start from empty state.
 */
public final class EnrichTopology {
  public static final String SOURCE = "raw-articles";
  public static final String VALIDATE = "validate";
  public static final String ROUTE = "route-";
  public static final String VALID = "valid";
  public static final String INVALID = "invalid";
  public static final String TO_DEAD_LETTER = "to-dead-letter";
  public static final String DLQ_SINK = "dlq-sink";
  public static final String KEY_BY_CONTENT_HASH = "key-by-content-hash";
  public static final String BY_CONTENT_HASH = "by-content-hash";
  public static final String EXACT_DEDUP = "exact-dedup";
  public static final String CANONICAL_STORE = "dedup-canonical-by-hash";
  public static final String SEEN_STORE = "dedup-seen-hash-id";
  public static final String ENRICHED_SINK = "enriched-sink";

  private static final JsonSerde<Article> ARTICLE_JSON = new JsonSerde<>(Article.class);
  private static final JsonSerde<PreparedArticle> PREPARED_JSON =
      new JsonSerde<>(PreparedArticle.class);

  private EnrichTopology() {}

  public static Topology build(EnrichConfig config) {
    StreamsBuilder builder = new StreamsBuilder();
    Duration horizon = config.dedupHorizon();
    Duration retention = retention(config);
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(CANONICAL_STORE, retention, horizon, false),
            Serdes.String(),
            Serdes.String()));
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(SEEN_STORE, retention, horizon, false),
            Serdes.String(),
            Serdes.Long()));

    KStream<String, Validation> validated =
        builder.stream(
                ArticleTopics.RAW.name(),
                Consumed.with(ArticleTopics.RAW.keySerde(), Received.serde(ARTICLE_JSON))
                    .withName(SOURCE))
            .processValues(ValidateProcessor::new, Named.as(VALIDATE));

    Map<String, KStream<String, Validation>> routes =
        validated
            .split(Named.as(ROUTE))
            .branch((key, v) -> v instanceof Validation.Valid, Branched.as(VALID))
            .defaultBranch(Branched.as(INVALID));

    routes
        .get(ROUTE + INVALID)
        .process(DeadLetterProcessor::new, Named.as(TO_DEAD_LETTER))
        .to(
            EnrichTopics.DLQ.name(),
            Produced.with(EnrichTopics.DLQ.keySerde(), EnrichTopics.DLQ.valueSerde())
                .withName(DLQ_SINK));

    routes
        .get(ROUTE + VALID)
        .map(
            (key, v) -> {
              PreparedArticle prepared = ((Validation.Valid) v).prepared();
              return KeyValue.pair(prepared.contentHash(), prepared);
            },
            Named.as(KEY_BY_CONTENT_HASH))
        .repartition(Repartitioned.with(Serdes.String(), PREPARED_JSON).withName(BY_CONTENT_HASH))
        .process(
            () -> new ExactDuplicateProcessor(config),
            Named.as(EXACT_DEDUP),
            CANONICAL_STORE,
            SEEN_STORE)
        .to(
            EnrichTopics.ENRICHED.name(),
            Produced.with(EnrichTopics.ENRICHED.keySerde(), EnrichTopics.ENRICHED.valueSerde())
                .withName(ENRICHED_SINK));

    return builder.build();
  }

  /**
   * Retention of the dedup stores: twice the horizon. A store drops entries older than its newest
   * record minus the retention, while a lookup reaches one horizon back from the record's own time;
   * the second horizon lets a record that arrives up to one horizon late still find its twin.
   */
  static Duration retention(EnrichConfig config) {
    return config.dedupHorizon().multipliedBy(2);
  }

  /** Validation needs the record timestamp (the default ingest time), which mapValues hides. */
  private static final class ValidateProcessor
      implements FixedKeyProcessor<String, Received<Article>, Validation> {
    private FixedKeyProcessorContext<String, Validation> context;

    @Override
    public void init(FixedKeyProcessorContext<String, Validation> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Received<Article>> record) {
      context.forward(record.withValue(Validation.of(record.value(), record.timestamp())));
    }
  }
}
