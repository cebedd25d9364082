package io.newsflow.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The combiner's buffer and the verdicts it sums by, without Kafka Streams: {@code
 * AggregateTopologyTest} runs it in the topology (where the test driver commits after every record,
 * so each bucket there holds one article's changes).
 */
class FacetDeltaCombinerTest {
  private static final Instant START = Instant.parse("2024-10-21T08:00:00Z");
  private static final Duration GRACE = Duration.ofHours(1);

  private final FacetDeltaBuffer buffer =
      new FacetDeltaBuffer(AggregateTopology.FACET_DELTAS_STORE);
  private long streamTime = Long.MIN_VALUE;

  @Test
  void shouldSumChangesPerFacetKeyAndHourWhenSeveralArticlesArriveInOneCommit() {
    add("outlet|kompas.tv", FacetCount.of(true), START.plusSeconds(60));
    add("outlet|kompas.tv", FacetCount.of(false), START.plusSeconds(120));
    add("outlet|detik.com", FacetCount.of(true), START.plusSeconds(180));
    add("outlet|kompas.tv", FacetCount.of(true), START.plus(Duration.ofMinutes(65)));

    List<FacetDeltas.Entry> out = drain();

    assertThat(out)
        .extracting(FacetDeltas.Entry::facetKey, FacetDeltas.Entry::delta, FacetDeltas.Entry::time)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "outlet|kompas.tv",
                new FacetDelta(new FacetCount(2, 1), FacetDelta.EVERY),
                START.plusSeconds(60).toEpochMilli()),
            org.assertj.core.groups.Tuple.tuple(
                "outlet|detik.com",
                new FacetDelta(new FacetCount(1, 1), FacetDelta.EVERY),
                START.plusSeconds(180).toEpochMilli()),
            org.assertj.core.groups.Tuple.tuple(
                "outlet|kompas.tv",
                new FacetDelta(new FacetCount(1, 1), FacetDelta.EVERY),
                START.plus(Duration.ofMinutes(65)).toEpochMilli()));
    assertThat(buffer.size()).isZero();
  }

  @Test
  void shouldKeepALateChangeApartFromOnTimeOnesOfItsHourWhenStreamTimeHasPassedTheWindow() {
    // On time, then 11:00 moves stream time past the 08:00 window's end plus grace (10:00).
    add("outlet|bbc.com", FacetCount.of(true), START.plusSeconds(600));
    add("outlet|bbc.com", FacetCount.of(true), START.plus(Duration.ofHours(3)));
    add("outlet|bbc.com", FacetCount.of(true), START.plusSeconds(1800));

    List<FacetDeltas.Entry> out = drain();

    assertThat(out)
        .extracting(FacetDeltas.Entry::delta)
        .containsExactly(
            new FacetDelta(new FacetCount(1, 1), FacetDelta.EVERY),
            new FacetDelta(new FacetCount(1, 1), FacetDelta.EVERY),
            new FacetDelta(new FacetCount(1, 1), FacetDelta.ALL | FacetDelta.DAY));
  }

  @Test
  void shouldSendOneRecordPerPartitionKeyedByAFacetKeyOfThatPartitionOnceTheCountIsKnown() {
    int partitions = 3;
    buffer.partitionsFrom(() -> partitions);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      keys.add("actor|Person " + i);
      add("actor|Person " + i, FacetCount.of(true), START.plusSeconds(i));
    }

    List<Record<String, FacetDeltas>> out = records();

    assertThat(out).hasSizeBetween(2, partitions);
    List<String> seen = new ArrayList<>();
    for (Record<String, FacetDeltas> record : out) {
      int partition = BatchPartitioner.partitionOf(record.key(), partitions);
      FacetDeltas.Entry first = record.value().entries().get(0);
      assertThat(record.key()).isEqualTo(first.facetKey());
      assertThat(record.timestamp()).isEqualTo(first.time());
      for (FacetDeltas.Entry e : record.value().entries()) {
        assertThat(BatchPartitioner.partitionOf(e.facetKey(), partitions)).isEqualTo(partition);
        assertThat(e.delta()).isEqualTo(new FacetDelta(new FacetCount(1, 1), FacetDelta.EVERY));
        seen.add(e.facetKey());
      }
      // in the order they were opened within each record
      assertThat(record.value().entries()).extracting(FacetDeltas.Entry::time).isSorted();
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(buffer.size()).isZero();
  }

  @Test
  void shouldSplitAPartitionsChangesIntoRecordsOfAtMostTheEntryLimit() {
    buffer.partitionsFrom(() -> 1);
    int n = FacetDeltas.MAX_ENTRIES * 2 + 5;
    for (int i = 0; i < n; i++) {
      add("actor|Person " + i, FacetCount.of(true), START.plusSeconds(i % 3000));
    }

    List<Record<String, FacetDeltas>> out = records();

    assertThat(out)
        .extracting(r -> r.value().entries().size())
        .containsExactly(FacetDeltas.MAX_ENTRIES, FacetDeltas.MAX_ENTRIES, 5);
    assertThat(out.get(1).value().entries().get(0).facetKey())
        .isEqualTo("actor|Person " + FacetDeltas.MAX_ENTRIES);
  }

  @Test
  void shouldCutARecordWhenItsFacetKeysReachTheByteLimit() {
    buffer.partitionsFrom(() -> 1);
    String longName = "x".repeat(10_000);
    for (int i = 0; i < 60; i++) {
      add("actor|" + longName + i, FacetCount.of(true), START.plusSeconds(i));
    }

    List<Record<String, FacetDeltas>> out = records();

    assertThat(out).hasSizeGreaterThan(1);
    for (Record<String, FacetDeltas> r : out) {
      assertThat(FacetDeltas.SERDE.serializer().serialize("t", r.value()).length)
          .isLessThan(FacetDeltas.MAX_BYTES + 40_000);
    }
    assertThat(out).flatExtracting(r -> r.value().entries()).hasSize(60);
  }

  @Test
  void shouldReadBackABatchAndTheSingleChangeTheTopicCarriedBefore() {
    FacetDeltas batch =
        new FacetDeltas(
            List.of(
                new FacetDeltas.Entry(
                    "actor|Yoon Suk Yeol",
                    new FacetDelta(new FacetCount(3, 2, -1), FacetDelta.ALL | FacetDelta.DAY),
                    START.toEpochMilli()),
                new FacetDeltas.Entry(
                    "location|Séoul ü",
                    new FacetDelta(new FacetCount(-1, 0, 1), FacetDelta.EVERY),
                    START.minus(Duration.ofDays(40)).toEpochMilli()),
                new FacetDeltas.Entry(
                    "theme|economy",
                    new FacetDelta(new FacetCount(1L << 40, 7, 0), FacetDelta.ALL),
                    START.plusSeconds(1).toEpochMilli())));
    assertThat(roundTrip(FacetDeltas.SERDE, batch)).isEqualTo(batch);
    assertThat(FacetDeltas.SERDE.serializer().serialize("t", batch)).hasSizeLessThan(3 * 32 + 10);

    FacetDelta single = new FacetDelta(new FacetCount(2, 1, 1), FacetDelta.EVERY);
    byte[] old = FacetDelta.SERDE.serializer().serialize("t", single);
    assertThat(FacetDeltas.SERDE.deserializer().deserialize("t", old))
        .isEqualTo(new FacetDeltas(List.of(new FacetDeltas.Entry(null, single, -1))));
    byte[] oldJson =
        new JsonSerde<>(FacetCount.class).serializer().serialize("t", new FacetCount(1, 1, 0));
    assertThat(FacetDeltas.SERDE.deserializer().deserialize("t", oldJson).entries())
        .extracting(FacetDeltas.Entry::delta)
        .containsExactly(new FacetDelta(new FacetCount(1, 1, 0), FacetDelta.EVERY));
  }

  @Test
  void shouldDropAChangeThatSumsToZeroWhenAStoryLeavesAndReentersAnHour() {
    add("actor|NATO", FacetCount.oneStory(), START.plusSeconds(60));
    add("actor|NATO", FacetCount.oneStory().negate(), START.plusSeconds(120));

    assertThat(drain()).isEmpty();
  }

  @Test
  void shouldCountInTheWindowsKafkaStreamsWouldStillOpenWhenGivenStreamTime() {
    long t = START.plusSeconds(600).toEpochMilli(); // hour 08:00-09:00, day 21 October
    long hourClose = START.plus(Duration.ofHours(2)).toEpochMilli(); // 09:00 + 1 h grace
    long dayClose = Instant.parse("2024-10-22T01:00:00Z").toEpochMilli();

    assertThat(FacetDelta.windowsFor(t, hourClose - 1, GRACE)).isEqualTo(FacetDelta.EVERY);
    assertThat(FacetDelta.windowsFor(t, hourClose, GRACE))
        .isEqualTo(FacetDelta.ALL | FacetDelta.DAY);
    assertThat(FacetDelta.windowsFor(t, dayClose - 1, GRACE))
        .isEqualTo(FacetDelta.ALL | FacetDelta.DAY);
    assertThat(FacetDelta.windowsFor(t, dayClose, GRACE)).isEqualTo(FacetDelta.ALL);
  }

  @Test
  void shouldReadBackEveryInternalValueAndTheJsonTheTopicsCarriedBefore() {
    FacetDelta delta = new FacetDelta(new FacetCount(3, 2, -1), FacetDelta.ALL | FacetDelta.DAY);
    assertThat(roundTrip(FacetDelta.SERDE, delta)).isEqualTo(delta);
    byte[] oldFacet =
        new JsonSerde<>(FacetCount.class).serializer().serialize("t", new FacetCount(1, 1, 0));
    assertThat(FacetDelta.SERDE.deserializer().deserialize("t", oldFacet))
        .isEqualTo(new FacetDelta(new FacetCount(1, 1, 0), FacetDelta.EVERY));

    EnrichedArticle article = article();
    StoryArticle story = StoryArticle.of(article);
    assertThat(story.facetKeys()).containsExactly("outlet|kompas.tv");
    assertThat(roundTrip(StoryArticle.SERDE, story)).isEqualTo(story);
    byte[] oldStory = EnrichTopics.ENRICHED.valueSerde().serializer().serialize("t", article);
    assertThat(StoryArticle.SERDE.deserializer().deserialize("t", oldStory)).isEqualTo(story);

    assertThat(roundTrip(AggregateTopology.COPY_FLAG, true)).isTrue();
    assertThat(AggregateTopology.COPY_FLAG.deserializer().deserialize("t", oldStory)).isTrue();
    assertThat(FacetDelta.SERDE.serializer().serialize("t", delta)).hasSize(26);

    // the count stores' values: binary now, the JSON of earlier versions still read
    FacetCount count = new FacetCount(1_234, 1_000, -3);
    assertThat(roundTrip(AggregateTopology.FACET_COUNT, count)).isEqualTo(count);
    assertThat(AggregateTopology.FACET_COUNT.serializer().serialize("t", new FacetCount(5, 4, 2)))
        .hasSize(4);
    assertThat(AggregateTopology.FACET_COUNT.deserializer().deserialize("t", oldFacet))
        .isEqualTo(new FacetCount(1, 1, 0));
  }

  private static <T> T roundTrip(org.apache.kafka.common.serialization.Serde<T> serde, T value) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
  }

  private static EnrichedArticle article() {
    Article a =
        new Article(
            1, "a", null, "kompas.tv", "Judul", "Isi", null, START, START, null, null, null);
    return new EnrichedArticle(1, a, "hash-a", Dedup.original("a"), List.of(), List.of(), START);
  }

  /** As the combiner does: stream time first moves to the change's time, then the verdict. */
  private void add(String key, FacetCount change, Instant at) {
    long t = at.toEpochMilli();
    streamTime = Math.max(streamTime, t);
    buffer.add(key, change, t, FacetDelta.windowsFor(t, streamTime, GRACE));
  }

  /**
   * The entries forwarded, in order; while the partition count is unknown each record holds one,
   * keyed by its facet key and stamped with its time.
   */
  private List<FacetDeltas.Entry> drain() {
    List<FacetDeltas.Entry> out = new ArrayList<>();
    for (Record<String, FacetDeltas> record : records()) {
      assertThat(record.value().entries()).hasSize(1);
      FacetDeltas.Entry entry = record.value().entries().get(0);
      assertThat(record.key()).isEqualTo(entry.facetKey());
      assertThat(record.timestamp()).isEqualTo(entry.time());
      out.add(entry);
    }
    return out;
  }

  private List<Record<String, FacetDeltas>> records() {
    List<Record<String, FacetDeltas>> out = new ArrayList<>();
    buffer.drain((origin, record) -> out.add(record));
    return out;
  }
}
