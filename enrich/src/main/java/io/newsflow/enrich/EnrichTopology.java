package io.newsflow.enrich;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.analysis.Annotator;
import io.newsflow.analysis.Bounds;
import io.newsflow.analysis.near.MinHasher;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.DuplicateLink;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.enrich.decide.DecideInput;
import io.newsflow.enrich.decide.DecideProcessor;
import io.newsflow.enrich.decide.Decided;
import io.newsflow.enrich.decide.DecisionIndex;
import io.newsflow.enrich.decide.Progress;
import io.newsflow.enrich.decide.RawLogEnds;
import java.time.Duration;
import java.time.Instant;
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
import org.apache.kafka.streams.state.Stores;

/**
 * The enrich topology: a parallel prepare step, then one ordered decide step.
 *
 * <pre>
 * news.articles.raw (key article id, value Article JSON; any number of partitions)
 *   -> prepare (one task per raw partition, stateless): parse, validate, annotate (language,
 *      wire credits, themes, entities), content hash, MinHash signature, story terms
 *        malformed / invalid -> news.articles.dlq (original bytes + newsflow.dlq.* headers)
 *        every raw record, in offset order -> one DecideInput (the article, or a Skip)
 *   -> repartition "decide-input" (ONE partition)
 *   -> decide [decide-buffer, decide-progress, decide-log]: releases articles in the order
 *      (record time, article id) once every raw partition has passed them, decides exact copy,
 *      near copy and story against the in-memory index, emits
 *   -> news.articles.enriched (key article id, value EnrichedArticle JSON)
 *   -> copies only: news.articles.duplicates (key copy id, value DuplicateLink JSON)
 * </pre>
 *
 * <p>Every verdict, original and story id is a function of the raw records alone (see {@link
 * DecideProcessor} for the release rule and what happens to late input). The article body crosses
 * the broker once between raw and enriched (decide-input); the decide step's durable state is one
 * compact {@link Decided} entry per article. Records sent per article: one to decide-input, one
 * decide-log changelog entry, one enriched (plus a duplicate link per copy), and the cached buffer
 * and progress changelogs' share of a commit.
 *
 * <p>Every processor, store and internal topic is named here: a renamed one would silently start
 * from empty state.
 */
public final class EnrichTopology {
  public static final String SOURCE = "raw-articles";
  public static final String PREPARE = "prepare";
  public static final String ROUTE = "route-";
  public static final String TO_DECIDE = "to-decide";
  public static final String DEAD = "dead-letter";
  public static final String TO_DEAD_LETTER = "to-dead-letter";
  public static final String DLQ_SINK = "dlq-sink";
  public static final String UNWRAP = "unwrap-decide-input";
  public static final String DECIDE_INPUT = "decide-input";
  public static final String DECIDE = "decide";
  public static final String DECIDE_BUFFER_STORE = "decide-buffer";
  public static final String DECIDE_PROGRESS_STORE = "decide-progress";
  public static final String DECIDE_LOG_STORE = "decide-log";
  public static final String MEASURE_ENRICHED = "measure-enriched";
  public static final String ENRICHED_SINK = "enriched-sink";
  public static final String ONLY_COPIES = "only-copies";
  public static final String TO_DUPLICATE_LINK = "to-duplicate-link";
  public static final String DUPLICATES_SINK = "duplicates-sink";

  /** Group of the custom Streams metrics of this topology. */
  public static final String METRICS_SCOPE = "newsflow-enrich";

  private EnrichTopology() {}

  /**
   * For {@code TopologyTestDriver}: decides each record as it arrives ({@link
   * RawLogEnds#synchronous()}). An application runs {@link #build(EnrichConfig, MeterRegistry,
   * RawLogEnds)} with a look-up of the raw topic's ends.
   */
  public static Topology build(EnrichConfig config) {
    return build(config, new SimpleMeterRegistry());
  }

  /** As {@link #build(EnrichConfig)}, recording domain meters ({@link EnrichMeters}). */
  public static Topology build(EnrichConfig config, MeterRegistry registry) {
    return build(config, registry, RawLogEnds.synchronous());
  }

  /** The topology, recording its domain meters in {@code registry}. */
  public static Topology build(EnrichConfig config, MeterRegistry registry, RawLogEnds ends) {
    EnrichMeters meters = new EnrichMeters(registry);
    StreamsBuilder builder = new StreamsBuilder();
    Duration keep =
        config.dedupHorizon().compareTo(config.story().window()) >= 0
            ? config.dedupHorizon()
            : config.story().window();
    Duration retention = keep.multipliedBy(2);
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DECIDE_BUFFER_STORE),
                Serdes.String(),
                DecideInput.SERDE)
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DECIDE_PROGRESS_STORE),
                Serdes.Integer(),
                Progress.SERDE)
            .withCachingEnabled());
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(DECIDE_LOG_STORE, retention, keep, false),
            Serdes.String(),
            Decided.SERDE));

    Annotator annotator = config.annotator();
    MinHasher hasher = new MinHasher(config.near().shingleSize(), config.near().permutations());
    Map<String, KStream<String, PrepareProcessor.Out>> routes =
        builder.stream(
                ArticleTopics.RAW.name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE))
            .process(() -> new PrepareProcessor(annotator, hasher, meters), Named.as(PREPARE))
            .split(Named.as(ROUTE))
            .branch((key, out) -> out instanceof PrepareProcessor.ToDecide, Branched.as(TO_DECIDE))
            .defaultBranch(Branched.as(DEAD));

    routes
        .get(ROUTE + DEAD)
        .map(
            (key, out) -> {
              PrepareProcessor.DeadLetter dead = (PrepareProcessor.DeadLetter) out;
              return KeyValue.pair(dead.key(), dead.value());
            },
            Named.as(TO_DEAD_LETTER))
        .to(
            EnrichTopics.DLQ.name(),
            Produced.with(EnrichTopics.DLQ.keySerde(), EnrichTopics.DLQ.valueSerde())
                .withName(DLQ_SINK));

    KStream<String, EnrichedArticle> enriched =
        routes
            .get(ROUTE + TO_DECIDE)
            .mapValues(out -> ((PrepareProcessor.ToDecide) out).input(), Named.as(UNWRAP))
            .repartition(
                Repartitioned.with(Serdes.String(), DecideInput.SERDE)
                    .withName(DECIDE_INPUT)
                    .withNumberOfPartitions(1))
            .process(
                () ->
                    new DecideProcessor(
                        () ->
                            new DecisionIndex(config.dedupHorizon(), config.near(), config.story()),
                        ends,
                        PrepareProcessor.preparer(annotator, hasher, Bounds.MAX_ENRICHED_BYTES),
                        config.orderGrace()),
                Named.as(DECIDE),
                DECIDE_BUFFER_STORE,
                DECIDE_PROGRESS_STORE,
                DECIDE_LOG_STORE)
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
}
