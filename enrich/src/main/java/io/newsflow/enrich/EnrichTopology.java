package io.newsflow.enrich;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.common.InternalSerde;
import io.newsflow.common.JsonSerde;
import io.newsflow.enrich.near.BandLookupProcessor;
import io.newsflow.enrich.near.NearDecideProcessor;
import io.newsflow.enrich.near.NearDecision;
import io.newsflow.enrich.near.NearFanOutProcessor;
import io.newsflow.enrich.near.NearSerdes;
import io.newsflow.enrich.near.VerdictUpdate;
import io.newsflow.enrich.near.VerdictUpdateProcessor;
import io.newsflow.enrich.story.StoryTopology;
import io.newsflow.ingest.Article;
import io.newsflow.ingest.ArticleTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 *   -> exact-dedup (stores dedup-canonical-by-hash, dedup-seen-hash-id), wire credits
 *        exact copies ------------------------------------------------------------+
 *   -> near-fanout: MinHash signature, LSH bands; park in near-pending (+ near-waiting) |
 *   -> repartition "lsh-band-queries" (one record per band-index partition)          |
 *   -> lsh-band-lookup (stores lsh-band-blocks, lsh-signatures): verified candidates  |
 *   -> repartition "lsh-band-answers" (back to the parked article's partition)      |
 *   -> near-decide (store near-pending): near copy of an original, or original      |
 *        near copies -> repartition "lsh-verdict-updates" -> lsh-apply-verdict      |
 *   -> story stage (StoryTopology): storyId on every article <------------------------+
 *   -> news.articles.enriched (key article id, value EnrichedArticle JSON)
 *   -> copies only: news.articles.duplicates (key copy id, value DuplicateLink JSON)
 * </pre>
 *
 * <p>The three LSH topics and by-content-hash have {@link EnrichConfig#partitions()} partitions:
 * exact-dedup, near-fanout and near-decide run in one task per partition and share near-pending.
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
  public static final String ROUTE_EXACT = "route-exact-";
  public static final String COPY = "copy";
  public static final String ORIGINAL = "original";
  public static final String NEAR_FANOUT = "near-fanout";
  public static final String PENDING_STORE = "near-pending";
  public static final String WAITING_STORE = "near-waiting";
  public static final String BAND_QUERIES = "lsh-band-queries";
  public static final String BAND_LOOKUP = "lsh-band-lookup";
  public static final String BAND_STORE = "lsh-band-blocks";
  public static final String SIGNATURE_STORE = "lsh-signatures";
  public static final String BAND_ANSWERS = "lsh-band-answers";
  public static final String NEAR_DECIDE = "near-decide";
  public static final String DECIDED = "decided-articles";
  public static final String COPIES_TO_UPDATE = "near-copies-to-update";
  public static final String VERDICT_UPDATES = "lsh-verdict-updates";
  public static final String APPLY_VERDICT = "lsh-apply-verdict";
  public static final String MERGE_VERDICTS = "merge-verdicts";
  public static final String MEASURE_ENRICHED = "measure-enriched";
  public static final String ENRICHED_SINK = "enriched-sink";
  public static final String ONLY_COPIES = "only-copies";
  public static final String TO_DUPLICATE_LINK = "to-duplicate-link";
  public static final String DUPLICATES_SINK = "duplicates-sink";

  /** Group of the custom Streams metrics of this topology. */
  public static final String METRICS_SCOPE = "newsflow-enrich";

  private static final JsonSerde<Article> ARTICLE_JSON =
      new JsonSerde<>(Article.class, io.newsflow.common.Json.strictMapper());
  private static final InternalSerde<PreparedArticle> PREPARED =
      new InternalSerde<>(PreparedArticle.class);

  private EnrichTopology() {}

  public static Topology build(EnrichConfig config) {
    return build(config, new SimpleMeterRegistry());
  }

  /** The topology, recording its domain meters ({@link EnrichMeters}) in {@code registry}. */
  public static Topology build(EnrichConfig config, MeterRegistry registry) {
    EnrichMeters meters = new EnrichMeters(registry);
    StreamsBuilder builder = new StreamsBuilder();
    Duration horizon = config.dedupHorizon();
    Duration retention = retention(config);
    int partitions = config.partitions();
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
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PENDING_STORE),
            Serdes.String(),
            EnrichTopics.ENRICHED_INTERNAL));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(WAITING_STORE), Serdes.String(), NearSerdes.WAITING));
    builder.addStateStore(
        Stores.windowStoreBuilder(
                Stores.persistentWindowStore(BAND_STORE, retention, horizon, false),
                Serdes.String(),
                BandLookupProcessor.BLOCK_SERDE)
            // A common band's block is rewritten by many articles within a commit interval: the
            // cache sends its last version to RocksDB and the changelog.
            .withCachingEnabled());
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(SIGNATURE_STORE, retention, horizon, false),
            Serdes.String(),
            NearSerdes.SIGNATURE));

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
        .process(() -> new DeadLetterProcessor(meters), Named.as(TO_DEAD_LETTER))
        .to(
            EnrichTopics.DLQ.name(),
            Produced.with(EnrichTopics.DLQ.keySerde(), EnrichTopics.DLQ.valueSerde())
                .withName(DLQ_SINK));

    Annotator annotator = Annotator.of(config);
    Map<String, KStream<String, EnrichedArticle>> exact =
        routes
            .get(ROUTE + VALID)
            .map(
                (key, v) -> {
                  PreparedArticle prepared = ((Validation.Valid) v).prepared();
                  return KeyValue.pair(prepared.contentHash(), prepared);
                },
                Named.as(KEY_BY_CONTENT_HASH))
            .repartition(
                Repartitioned.with(Serdes.String(), PREPARED)
                    .withName(BY_CONTENT_HASH)
                    .withNumberOfPartitions(partitions))
            .process(
                () -> new ExactDuplicateProcessor(config, annotator),
                Named.as(EXACT_DEDUP),
                CANONICAL_STORE,
                SEEN_STORE)
            .split(Named.as(ROUTE_EXACT))
            .branch((id, a) -> a.dedup().isCopy(), Branched.as(COPY))
            .defaultBranch(Branched.as(ORIGINAL));

    // Near duplicates: originals by content hash query the band index on the partitions their
    // bands fall on, and wait for the answers on this partition (same task: store near-pending).
    KStream<String, NearDecision> decided =
        exact
            .get(ROUTE_EXACT + ORIGINAL)
            .process(
                () -> new NearFanOutProcessor(config.near(), partitions),
                Named.as(NEAR_FANOUT),
                PENDING_STORE,
                WAITING_STORE)
            .repartition(
                Repartitioned.with(Serdes.String(), NearSerdes.BAND_QUERY)
                    .withName(BAND_QUERIES)
                    .withNumberOfPartitions(partitions)
                    .withStreamPartitioner(
                        (topic, id, q, n) -> Optional.of(Set.of(q.targetPartition()))))
            .process(
                () -> new BandLookupProcessor(config.near(), horizon.toMillis()),
                Named.as(BAND_LOOKUP),
                BAND_STORE,
                SIGNATURE_STORE)
            .repartition(
                Repartitioned.with(Serdes.String(), NearSerdes.BAND_ANSWER)
                    .withName(BAND_ANSWERS)
                    .withNumberOfPartitions(partitions)
                    .withStreamPartitioner(
                        (topic, id, a, n) -> Optional.of(Set.of(a.replyPartition()))))
            .process(
                () -> new NearDecideProcessor(config.pendingTimeout()),
                Named.as(NEAR_DECIDE),
                PENDING_STORE,
                WAITING_STORE);

    // A near copy's index entries learn their original, so later articles never chain onto it.
    decided
        .filter((id, d) -> d.article().dedup().isCopy(), Named.as(COPIES_TO_UPDATE))
        .flatMapValues(
            d ->
                d.partitions().stream()
                    .map(
                        p ->
                            new VerdictUpdate(
                                d.article().id(), d.time(), d.article().dedup().canonicalId(), p))
                    .toList(),
            Named.as(VERDICT_UPDATES + "-fanout"))
        .repartition(
            Repartitioned.with(Serdes.String(), NearSerdes.VERDICT_UPDATE)
                .withName(VERDICT_UPDATES)
                .withNumberOfPartitions(partitions)
                .withStreamPartitioner(
                    (topic, id, u, n) -> Optional.of(Set.of(u.targetPartition()))))
        .process(VerdictUpdateProcessor::new, Named.as(APPLY_VERDICT), SIGNATURE_STORE);

    KStream<String, EnrichedArticle> verdicts =
        exact
            .get(ROUTE_EXACT + COPY)
            .merge(
                decided.mapValues(NearDecision::article, Named.as(DECIDED)),
                Named.as(MERGE_VERDICTS));
    // Stories: its own stage and names (io.newsflow.enrich.story, docs/STORIES.md).
    KStream<String, EnrichedArticle> enriched =
        StoryTopology.assign(builder, verdicts, config.story(), partitions)
            .peek(
                (id, article) -> meters.enriched(article, Instant.now()),
                Named.as(MEASURE_ENRICHED));
    enriched.to(
        EnrichTopics.ENRICHED.name(),
        Produced.with(EnrichTopics.ENRICHED.keySerde(), EnrichTopics.ENRICHED.valueSerde())
            .withName(ENRICHED_SINK));
    enriched
        .filter((id, a) -> a.dedup().isCopy(), Named.as(ONLY_COPIES))
        .mapValues(DuplicateLink::of, Named.as(TO_DUPLICATE_LINK))
        .to(
            EnrichTopics.DUPLICATES.name(),
            Produced.with(EnrichTopics.DUPLICATES.keySerde(), EnrichTopics.DUPLICATES.valueSerde())
                .withName(DUPLICATES_SINK));

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
