package io.newsflow.aggregate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.AggregateTopics;
import io.newsflow.contracts.CountRecord;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.JsonSerde;
import io.newsflow.kit.Compact;
import io.newsflow.kit.InternalSerde;
import io.newsflow.kit.Latency;
import java.io.DataInputStream;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;

/**
 * The aggregate topology: running counts per facet, all-time and per hour and day of event time,
 * and the syndication count of every original.
 *
 * <pre>
 * news.articles.enriched (key article id, value EnrichedArticle JSON, read for counting only:
 *                         EnrichedForCounting; event time: publishedAt, else ingestedAt)
 *   -> explode-facets: one record per facet key (outlet|kompas.tv, agency|reuters, ...)
 *   -> combine-facet-deltas [facet-deltas]: summed per facet key, hour and windows counted in,
 *      forwarded at the commit (FacetDeltaCombiner)
 *   -> repartition "by-facet" (FacetDeltas: one record per partition and commit)
 *        -> count-facets [facet-counts-all-time, facet-counts-hourly, facet-counts-daily,
 *           count-changes] -> at the commit, news.counts (facet|key|all, facet|key|1h@start,
 *           facet|key|1d@start) for every key and window it changed (FacetCounter)
 *   -> copies only: re-key by canonical id -> repartition "by-canonical" (copy flag)
 *        -> count-syndication   [syndication-counts]      -> news.counts (syndication|id|all)
 *   -> articles with a storyId: re-key by story id -> repartition "by-story" (StoryArticle)
 *        -> count-stories [story-summaries, story-facets]: one "distinct story" per facet value
 *           new to the story, merged into the facet changes before combine-facet-deltas
 * </pre>
 *
 * <p>Stores (persistent, restored from changelogs): {@value #COUNTS_STORE} key-value, key {@code
 * facet|value}, value {@link FacetCount}, kept forever; {@value #HOURLY_STORE} and {@value
 * #DAILY_STORE} window stores, same key and value, retention {@code
 * newsflow.aggregate.*.retention}; {@value #SYNDICATION_STORE} key-value, key original's article
 * id, value number of copies; {@value #STORY_STORE} key-value, key story id, value {@link
 * StorySummary} (Smile); {@value #STORY_FACETS_STORE} key-value, key story id + U+0001 + facet key,
 * value the story's articles with that value and the earliest one's event time ({@link
 * StoryFacet}); both hold current stories only, behind the record cache; {@value
 * #FACET_DELTAS_STORE} ({@link FacetDeltaBuffer}, in memory, no changelog) the facet changes since
 * the last commit; {@value #COUNT_CHANGES_STORE} ({@link FacetCounter.Changed}, in memory, no
 * changelog) the keys and windows counted into since the last commit.
 */
public final class AggregateTopology {
  public static final String SOURCE = "enriched-articles";
  public static final String MEASURE_LATENCY = "measure-latency";
  public static final String EXPLODE_FACETS = "explode-facets";
  public static final String BY_FACET = "by-facet";
  public static final String COUNT = "count-facets";
  public static final String COUNTS_STORE = "facet-counts-all-time";
  public static final String COUNT_CHANGES_STORE = "count-changes";
  public static final String COUNTS_SINK = "counts-sink";
  public static final String HOURLY_STORE = "facet-counts-hourly";
  public static final String DAILY_STORE = "facet-counts-daily";
  public static final String ONLY_COPIES = "only-copies";
  public static final String BY_CANONICAL = "by-canonical";
  public static final String COUNT_SYNDICATION = "count-syndication";
  public static final String SYNDICATION_STORE = "syndication-counts";
  public static final String SYNDICATION_FACET = "syndication";
  public static final String ONLY_WITH_STORY = "only-with-story";
  public static final String BY_STORY = "by-story";
  public static final String COUNT_STORIES = "count-stories";
  public static final String STORY_STORE = "story-summaries";
  public static final String STORY_FACETS_STORE = "story-facets";
  public static final String STORY_BATCH_STORE = "story-batch";
  public static final String MERGE_STORY_COUNTS = "merge-story-counts";
  public static final String COMBINE_FACETS = "combine-facet-deltas";
  public static final String FACET_DELTAS_STORE = "facet-deltas";
  static final InternalSerde<StorySummary> STORY_SUMMARY = new InternalSerde<>(StorySummary.class);

  /**
   * Values of the three count stores: {@link Compact} binary (format byte, mentions, stories and
   * distinct stories as varints: 4 bytes for most keys); reads the {@link FacetCount} JSON that
   * earlier versions stored (and logged) as it is, so a store is rewritten in the new form key by
   * key as its counts change.
   */
  static final Serde<FacetCount> FACET_COUNT =
      Compact.serde(
          (out, c) -> {
            Compact.writeVarLong(out, c.mentions());
            Compact.writeVarLong(out, c.stories());
            Compact.writeVarLong(out, c.distinctStories());
          },
          in ->
              new FacetCount(
                  Compact.readVarLong(in), Compact.readVarLong(in), Compact.readVarLong(in)),
          new JsonSerde<>(FacetCount.class).deserializer());

  /**
   * Value of {@code by-canonical}: the copy flag, one byte after {@link Compact}'s format byte; the
   * {@code EnrichedArticle} JSON the topic carried before (copies only) reads as a copy.
   */
  static final Serde<Boolean> COPY_FLAG =
      Compact.serde(
          (out, copy) -> out.writeBoolean(copy),
          DataInputStream::readBoolean,
          (topic, data) -> data == null ? null : Boolean.TRUE);

  private AggregateTopology() {}

  /** Key in {@value #STORY_FACETS_STORE} of a story's facet value: story id, U+0001, facet key. */
  public static String storyFacetKey(String storyId, String facetKey) {
    return storyFacetPrefix(storyId) + facetKey;
  }

  /** Prefix of every {@link #storyFacetKey} of a story. */
  public static String storyFacetPrefix(String storyId) {
    return storyId + '\u0001';
  }

  /** The store of a window's counts. */
  public static String storeOf(Window window) {
    return switch (window) {
      case ALL -> COUNTS_STORE;
      case HOUR -> HOURLY_STORE;
      case DAY -> DAILY_STORE;
    };
  }

  public static Topology build(AggregateConfig config) {
    return build(config, new SimpleMeterRegistry());
  }

  /**
   * The topology, recording {@code newsflow.aggregate.latency} (timer with a Prometheus histogram,
   * percentiles by {@code histogram_quantile}: ingest time to the moment aggregate counts the
   * article) in {@code registry}.
   */
  public static Topology build(AggregateConfig config, MeterRegistry registry) {
    Timer latency = Latency.timer(registry, "newsflow.aggregate.latency", "Ingest time to counted");
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, EnrichedArticle> enriched =
        builder.stream(
                EnrichTopics.ENRICHED.name(),
                // Only the fields counting reads are built; the body and mentions are skipped.
                Consumed.with(EnrichTopics.ENRICHED.keySerde(), EnrichedForCounting.SERDE)
                    .withTimestampExtractor(new EventTimeExtractor())
                    .withName(SOURCE))
            .peek(
                (id, article) -> {
                  Instant ingested = article.article().ingestedAt();
                  if (ingested != null) {
                    Duration d = Duration.between(ingested, Instant.now());
                    latency.record(d.isNegative() ? Duration.ZERO : d);
                  }
                },
                Named.as(MEASURE_LATENCY));

    // Stories: one summary per story id (the query API lists them), and one "distinct story" per
    // facet value the first time a story has it, counted with the other measures below.
    // Both are rewritten by every article of a story: cached, so an entry written again within a
    // commit interval reaches RocksDB and its changelog once.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORY_STORE), Serdes.String(), STORY_SUMMARY)
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORY_FACETS_STORE),
                Serdes.String(),
                StoryFacet.SERDE)
            .withCachingEnabled());
    // Only what story counting reads crosses the hop (StoryArticle), not the ~6 KB article, and
    // one record per partition and commit carries them (StoryBatcher), not one per article.
    builder.addStateStore(StoryBatchBuffer.builder(STORY_BATCH_STORE));
    BatchPartitioner<StoryArticles> byStoryPartitioner = new BatchPartitioner<>();
    KStream<String, FacetCount> storyCounts =
        enriched
            .filter((id, article) -> article.storyId() != null, Named.as(ONLY_WITH_STORY))
            .process(
                () -> new StoryBatcher(byStoryPartitioner),
                Named.as(BY_STORY + "-batch"),
                STORY_BATCH_STORE)
            .repartition(
                Repartitioned.with(Serdes.String(), StoryArticles.SERDE)
                    .withStreamPartitioner(byStoryPartitioner)
                    .withName(BY_STORY))
            .process(
                () -> new StoryCountProcessor(config.storyWindow(), config.grace()),
                Named.as(COUNT_STORIES),
                STORY_STORE,
                STORY_FACETS_STORE);

    // Summed per facet key and hour within a commit (FacetDeltaCombiner), so an article's ~35
    // facet values cost the hop one record per value and hour per commit, not one each.
    builder.addStateStore(FacetDeltaBuffer.builder(FACET_DELTAS_STORE));
    BatchPartitioner<FacetDeltas> byFacetPartitioner = new BatchPartitioner<>();
    KStream<String, FacetDeltas> byFacet =
        enriched
            .flatMap(
                (id, article) -> {
                  FacetCount one = FacetCount.of(!article.dedup().isCopy());
                  return Facet.keysOf(article).stream().map(k -> KeyValue.pair(k, one)).toList();
                },
                Named.as(EXPLODE_FACETS))
            .merge(storyCounts, Named.as(MERGE_STORY_COUNTS))
            .process(
                () -> new FacetDeltaCombiner(config.grace(), byFacetPartitioner),
                Named.as(COMBINE_FACETS),
                FACET_DELTAS_STORE)
            .repartition(
                Repartitioned.with(Serdes.String(), FacetDeltas.SERDE)
                    .withStreamPartitioner(byFacetPartitioner)
                    .withName(BY_FACET));

    // One processor counts all three windows: a by-facet record carries many facet keys.
    builder.addStateStore(
        Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(COUNTS_STORE),
                Serdes.String(),
                FACET_COUNT)
            .withCachingEnabled());
    builder.addStateStore(windowStore(config, Window.HOUR, HOURLY_STORE));
    builder.addStateStore(windowStore(config, Window.DAY, DAILY_STORE));
    builder.addStateStore(FacetCounter.Changed.builder(COUNT_CHANGES_STORE));
    KStream<String, CountRecord> facetCounts =
        byFacet.process(
            () -> new FacetCounter(config.grace()),
            Named.as(COUNT),
            COUNTS_STORE,
            HOURLY_STORE,
            DAILY_STORE,
            COUNT_CHANGES_STORE);

    KStream<String, CountRecord> syndication =
        enriched
            .filter((id, article) -> article.dedup().isCopy(), Named.as(ONLY_COPIES))
            // Only the canonical id (the key) and the copy flag cross the hop, not the article.
            .map(
                (id, copy) -> KeyValue.pair(copy.dedup().canonicalId(), Boolean.TRUE),
                Named.as(BY_CANONICAL + "-key"))
            .groupByKey(Grouped.with(BY_CANONICAL, Serdes.String(), COPY_FLAG))
            .count(
                Named.as(COUNT_SYNDICATION),
                Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(SYNDICATION_STORE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(Serdes.Long()))
            .toStream(Named.as(COUNT_SYNDICATION + "-changes"))
            .map(
                (original, copies) ->
                    record(
                        SYNDICATION_FACET + "|" + original,
                        Window.ALL,
                        null,
                        new FacetCount(copies, 0)),
                Named.as(COUNT_SYNDICATION + "-to-count-record"));

    Produced<String, CountRecord> produced =
        Produced.with(AggregateTopics.COUNTS.keySerde(), AggregateTopics.COUNTS.valueSerde());
    facetCounts
        .merge(syndication, Named.as("merge-syndication"))
        .to(AggregateTopics.COUNTS.name(), produced.withName(COUNTS_SINK));
    return builder.build();
  }

  private static StoreBuilder<TimestampedWindowStore<String, FacetCount>> windowStore(
      AggregateConfig config, Window window, String name) {
    return Stores.timestampedWindowStoreBuilder(
            Stores.persistentTimestampedWindowStore(
                name, config.retention(window), window.size(), false),
            Serdes.String(),
            FACET_COUNT)
        .withCachingEnabled();
  }

  private static KeyValue<String, CountRecord> record(
      String facetKey, Window window, Instant windowStart, FacetCount count) {
    CountRecord record = countRecord(facetKey, window, windowStart, count);
    return KeyValue.pair(record.topicKey(), record);
  }

  /** The {@code news.counts} value of a facet key's totals in a window. */
  static CountRecord countRecord(
      String facetKey, Window window, Instant windowStart, FacetCount count) {
    int bar = facetKey.indexOf('|');
    return new CountRecord(
        CountRecord.CURRENT_SCHEMA_VERSION,
        facetKey.substring(0, bar),
        facetKey.substring(bar + 1),
        window.id(),
        count.mentions(),
        count.stories(),
        windowStart,
        count.distinctStories());
  }
}
