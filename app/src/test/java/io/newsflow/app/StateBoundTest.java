package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.aggregate.AggregateConfig;
import io.newsflow.aggregate.AggregateTopology;
import io.newsflow.analysis.story.StoryConfig;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.EnrichTopology;
import io.newsflow.kit.StreamsSettings;
import io.newsflow.testkit.Corpus;
import io.newsflow.testkit.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory bounded by configuration: with the dedup horizon, the story windows and the count
 * retentions set short, six days of articles at a steady rate goes through both topologies (real
 * RocksDB stores) and every store's entries are counted at the end of each day. After the longest
 * retention has passed, the counts must stay level: a store that kept all history would grow by a
 * day's articles each day.
 */
class StateBoundTest {
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final Duration SPACING = Duration.ofMinutes(8);
  private static final int PER_DAY = (int) (Duration.ofDays(1).toMillis() / SPACING.toMillis());
  private static final int DAYS = 6;

  /**
   * Short horizons whose store segments line up with day boundaries (so each count is taken at the
   * same point of the segments' cycle).
   */
  private static final Duration HORIZON = Duration.ofHours(6);

  private static final AggregateConfig AGGREGATE =
      new AggregateConfig(Duration.ofHours(1), HORIZON, Duration.ofDays(2), HORIZON);

  /**
   * Without the record cache: a cached store's iterator also returns entries the cache still holds
   * after RocksDB dropped their segment (the cache is bounded by {@code statestore.cache.max.bytes}
   * on its own, 10 MB per instance by default). What is counted here is the stores' own state.
   */
  private static final Map<String, Object> NO_CACHE =
      Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);

  /**
   * Stores not bounded by a horizon, by design: the all-time counts (one entry per distinct facet
   * value, and per original that was copied, however old) grow with the vocabulary and the
   * syndicated originals; a story's facet values stay as long as the story has articles within the
   * story window, and a running story can last for ever (checked apart: only live stories).
   */
  private static final List<String> NOT_BY_HORIZON =
      List.of(
          AggregateTopology.COUNTS_STORE,
          AggregateTopology.SYNDICATION_STORE,
          AggregateTopology.STORY_FACETS_STORE);

  @Test
  void shouldKeepEveryStoreLevelWhenArticlesSpanManyHorizons(@TempDir Path dir) throws Exception {
    List<Article> corpus =
        Corpus.fromSeeds(PipelineIT.SEEDS)
            .articles(PER_DAY * DAYS, 0.3, 11, START, Corpus.Options.news());
    EnrichConfig enrichConfig =
        EnrichConfig.defaults()
            .withDedupHorizon(HORIZON)
            .withStory(StoryConfig.DEFAULTS.withWindow(HORIZON));
    List<Map<String, Long>> daily = new ArrayList<>();
    try (TopologyTestDriver enrich =
            new TopologyTestDriver(
                EnrichTopology.build(enrichConfig),
                StreamsSettings.of("bound-enrich", "unused:9092", dir.resolve("e"), NO_CACHE),
                START);
        TopologyTestDriver aggregate =
            new TopologyTestDriver(
                AggregateTopology.build(AGGREGATE),
                StreamsSettings.of("bound-aggregate", "unused:9092", dir.resolve("a"), NO_CACHE),
                START)) {
      TestInputTopic<String, Article> raw = TestTopics.input(enrich, ArticleTopics.RAW);
      TestOutputTopic<String, EnrichedArticle> enriched =
          TestTopics.output(enrich, EnrichTopics.ENRICHED);
      TestInputTopic<String, EnrichedArticle> counted =
          TestTopics.input(aggregate, EnrichTopics.ENRICHED);
      for (int i = 0; i < corpus.size(); i++) {
        Instant at = START.plus(SPACING.multipliedBy(i));
        Article a = corpus.get(i).withIngestedAt(at);
        raw.pipeInput(a.id(), a, at);
        for (KeyValue<String, EnrichedArticle> out : enriched.readKeyValuesToList()) {
          counted.pipeInput(out.key, out.value, at);
        }
        if ((i + 1) % PER_DAY == 0) {
          Map<String, Long> entries = new TreeMap<>(entries(enrich));
          entries.putAll(entries(aggregate));
          daily.add(entries);
          List<String> live = keys(aggregate, AggregateTopology.STORY_STORE);
          assertThat(keys(aggregate, AggregateTopology.STORY_FACETS_STORE))
              .as("story facet entries on day %d, live stories %s", daily.size(), live)
              .allMatch(
                  k ->
                      live.stream()
                          .anyMatch(
                              story -> k.startsWith(AggregateTopology.storyFacetPrefix(story))));
        }
      }
    }
    daily.forEach(d -> System.out.println("StateBoundTest entries at day end: " + d));

    assertThat(daily).hasSize(DAYS);
    // The longest retention is the daily counts' two days (a third day of segment); from day
    // three on every store holds the same span of time.
    for (String store : daily.get(0).keySet()) {
      if (NOT_BY_HORIZON.contains(store)) {
        continue;
      }
      List<Long> level = daily.subList(2, DAYS).stream().map(d -> d.get(store)).toList();
      long min = level.stream().mapToLong(Long::longValue).min().orElseThrow();
      long max = level.stream().mapToLong(Long::longValue).max().orElseThrow();
      assertThat(max)
          .as("%s entries on days 3-%d: %s", store, DAYS, level)
          .isLessThanOrEqualTo(Math.round(min * 1.25) + 5);
    }
    // What is bounded must have been used: the decide log and the count stores hold entries.
    assertThat(daily.get(DAYS - 1))
        .hasEntrySatisfying("decide-log", n -> assertThat(n).isPositive())
        .hasEntrySatisfying(AggregateTopology.HOURLY_STORE, n -> assertThat(n).isPositive())
        .hasEntrySatisfying(AggregateTopology.DAILY_STORE, n -> assertThat(n).isPositive());
  }

  private static List<String> keys(TopologyTestDriver driver, String store) {
    List<String> keys = new ArrayList<>();
    KeyValueStore<String, Object> kv = driver.getKeyValueStore(store);
    try (KeyValueIterator<String, Object> it = kv.all()) {
      it.forEachRemaining(e -> keys.add(e.key));
    }
    return keys;
  }

  /** Entries of every key-value and window store of {@code driver}, by store name. */
  private static Map<String, Long> entries(TopologyTestDriver driver) {
    Map<String, Long> counts = new TreeMap<>();
    for (Map.Entry<String, StateStore> e : driver.getAllStateStores().entrySet()) {
      if (e.getKey().equals(AggregateTopology.FACET_DELTAS_STORE)
          || e.getKey().equals(AggregateTopology.COUNT_CHANGES_STORE)
          || e.getKey().equals(AggregateTopology.STORY_BATCH_STORE)) {
        continue; // in memory, emptied at every commit: nothing kept to bound
      }
      KeyValueIterator<?, ?> it;
      if (e.getValue() instanceof KeyValueStore<?, ?> kv) {
        it = kv.all();
      } else if (e.getValue() instanceof WindowStore<?, ?> window) {
        it = window.all();
      } else {
        throw new IllegalStateException("a store of another kind: " + e.getKey());
      }
      long n = 0;
      try (it) {
        for (; it.hasNext(); it.next()) {
          n++;
        }
      }
      counts.put(e.getKey(), n);
    }
    return counts;
  }
}
