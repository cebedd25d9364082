package io.newsflow.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * {@link StoryCountProcessor} driven directly, on real in-memory stores: what a sweep (the look for
 * stories to forget) reads, and what it forgets when the processor starts again.
 */
class StoryCountProcessorTest {
  private static final Instant START = Instant.parse("2024-10-21T08:00:00Z");
  private static final Duration WINDOW = Duration.ofDays(7);
  private static final Duration GRACE = Duration.ofHours(1);

  /** Summaries read from the store (deserialised): what a sweep costs. */
  private int reads;

  private final Serde<StorySummary> counted =
      Serdes.serdeFrom(
          AggregateTopology.STORY_SUMMARY.serializer(),
          (topic, data) -> {
            reads++;
            return AggregateTopology.STORY_SUMMARY.deserializer().deserialize(topic, data);
          });

  @Test
  void shouldReadEverySummaryOnceASweep() {
    MockProcessorContext<String, FacetCount> context = context(stores());
    StoryCountProcessor processor = new StoryCountProcessor(WINDOW, GRACE);
    processor.init(context);
    List<StoryArticles.Entry> stories = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      stories.add(entry("s" + i, "a" + i, START, START));
    }
    process(processor, context, stories, START);
    reads = 0;

    // a sweep interval of stream time later, one more article: counted (its summary read), then a
    // sweep
    Instant later = START.plus(StoryCountProcessor.SWEEP_EVERY).plusSeconds(1);
    process(processor, context, List.of(entry("s0", "b", later, later)), later);

    // its own summary, then each of the 100 once (the latest ingest time is known without a read)
    assertThat(reads).isEqualTo(1 + 100);
  }

  @Test
  void shouldForgetByTheLatestIngestOfTheStoresWhenItIsRevived() {
    // The processor counts a story ingested eight days after s1 in a transaction that is then
    // aborted; Kafka Streams revives the task in place: the stores are restored to the last
    // commit (s0, ingested eight days before s1, and s1) and the same processor is initialised
    // again. It looks for stories to forget after its first record, by the latest ingest time of
    // the stores: s0 goes, s1 stays.
    StoryCountProcessor processor = new StoryCountProcessor(WINDOW, GRACE);
    MockProcessorContext<String, FacetCount> before = context(stores());
    processor.init(before);
    process(processor, before, List.of(entry("s1", "a", START, START)), START);
    Instant eightDays = START.plus(Duration.ofDays(8));
    process(processor, before, List.of(entry("s2", "x", eightDays, eightDays)), eightDays);

    List<KeyValueStore<String, ?>> restored = stores();
    Instant eightDaysBefore = START.minus(Duration.ofDays(8));
    summaries(restored).put("s0", summary("s0", "o", eightDaysBefore));
    summaries(restored).put("s1", summary("s1", "a", START));
    MockProcessorContext<String, FacetCount> revived = context(restored);
    processor.init(revived);
    Instant later = START.plusSeconds(120);
    process(processor, revived, List.of(entry("s3", "y", later, later)), later);

    assertThat(summaries(restored).get("s0")).isNull();
    assertThat(summaries(restored).get("s1")).isNotNull();
    assertThat(summaries(restored).get("s3")).isNotNull();
  }

  private static StorySummary summary(String story, String id, Instant at) {
    StoryArticles.Entry e = entry(story, id, at, at);
    return StorySummary.empty(story).plus(e.article(), at, at);
  }

  private static StoryArticles.Entry entry(
      String story, String id, Instant published, Instant ingested) {
    return new StoryArticles.Entry(
        story,
        published.toEpochMilli(),
        ingested.toEpochMilli(),
        new StoryArticle(id, "Judul " + id, Verdict.ORIGINAL, null, List.of("outlet|kompas.tv")));
  }

  private static void process(
      StoryCountProcessor processor,
      MockProcessorContext<String, FacetCount> context,
      List<StoryArticles.Entry> entries,
      Instant time) {
    context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), time.toEpochMilli()));
    processor.process(
        new Record<>(entries.get(0).storyId(), new StoryArticles(entries), time.toEpochMilli()));
  }

  @SuppressWarnings("unchecked")
  private static KeyValueStore<String, StorySummary> summaries(List<KeyValueStore<String, ?>> s) {
    return (KeyValueStore<String, StorySummary>) s.get(0);
  }

  private List<KeyValueStore<String, ?>> stores() {
    MockProcessorContext<String, FacetCount> init = new MockProcessorContext<>();
    KeyValueStore<String, StorySummary> summaries =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(AggregateTopology.STORY_STORE),
                Serdes.String(),
                counted)
            .withLoggingDisabled()
            .build();
    KeyValueStore<String, StoryFacet> facets =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(AggregateTopology.STORY_FACETS_STORE),
                Serdes.String(),
                StoryFacet.SERDE)
            .withLoggingDisabled()
            .build();
    summaries.init(init.getStateStoreContext(), summaries);
    facets.init(init.getStateStoreContext(), facets);
    return List.of(summaries, facets);
  }

  private static MockProcessorContext<String, FacetCount> context(
      List<KeyValueStore<String, ?>> stores) {
    MockProcessorContext<String, FacetCount> context = new MockProcessorContext<>();
    context.setCurrentStreamTimeMs(Long.MIN_VALUE);
    stores.forEach(context::addStateStore);
    return context;
  }
}
