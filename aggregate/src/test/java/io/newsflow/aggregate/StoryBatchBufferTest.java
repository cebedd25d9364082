package io.newsflow.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The {@code by-story} batches, without Kafka Streams: {@code AggregateTopologyTest} runs them in
 * the topology (where the test driver commits after every record, so each batch there holds one
 * article).
 */
class StoryBatchBufferTest {
  private static final Instant START = Instant.parse("2024-10-21T08:00:00Z");

  private final StoryBatchBuffer buffer = new StoryBatchBuffer(AggregateTopology.STORY_BATCH_STORE);

  @Test
  void shouldSendOneRecordPerPartitionKeyedByAStoryOfThatPartitionOnceTheCountIsKnown() {
    int partitions = 3;
    buffer.partitionsFrom(() -> partitions);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "a" + i;
      ids.add(id);
      // times not in order: a record is stamped with its first article's
      buffer.add(
          "story-" + (i % 7),
          story(id),
          START.plusSeconds(i % 2 == 0 ? i : 100 - i).toEpochMilli());
    }

    List<Record<String, StoryArticles>> out = records();

    assertThat(out).hasSizeBetween(2, partitions);
    List<String> seen = new ArrayList<>();
    for (Record<String, StoryArticles> record : out) {
      int partition = BatchPartitioner.partitionOf(record.key(), partitions);
      List<StoryArticles.Entry> entries = record.value().entries();
      assertThat(record.key()).isEqualTo(entries.get(0).storyId());
      assertThat(record.timestamp()).isEqualTo(entries.get(0).time());
      for (StoryArticles.Entry e : entries) {
        assertThat(BatchPartitioner.partitionOf(e.storyId(), partitions)).isEqualTo(partition);
        assertThat(e.storyId())
            .isEqualTo("story-" + (Integer.parseInt(e.article().articleId().substring(1)) % 7));
        seen.add(e.article().articleId());
      }
      // in the order they were read within each record
      assertThat(entries)
          .extracting(e -> Integer.parseInt(e.article().articleId().substring(1)))
          .isSorted();
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(buffer.size()).isZero();
  }

  @Test
  void shouldSendOneRecordPerArticleWhileThePartitionCountIsUnknown() {
    buffer.add("s1", story("a"), START.toEpochMilli());
    buffer.add("s2", story("b"), START.plusSeconds(1).toEpochMilli());

    List<Record<String, StoryArticles>> out = records();

    assertThat(out).extracting(Record::key).containsExactly("s1", "s2");
    assertThat(out)
        .extracting(Record::timestamp)
        .containsExactly(START.toEpochMilli(), START.plusSeconds(1).toEpochMilli());
    assertThat(out).allSatisfy(r -> assertThat(r.value().entries()).hasSize(1));
  }

  @Test
  void shouldSplitAPartitionsArticlesIntoRecordsOfAtMostTheEntryLimit() {
    buffer.partitionsFrom(() -> 1);
    int n = StoryArticles.MAX_ENTRIES * 2 + 5;
    for (int i = 0; i < n; i++) {
      // small articles: the entry limit comes before the byte limit
      buffer.add(
          "s" + (i % 50),
          new StoryArticle("a" + i, null, Verdict.ORIGINAL, null, List.of()),
          START.plusSeconds(i % 3000).toEpochMilli());
    }

    List<Record<String, StoryArticles>> out = records();

    assertThat(out)
        .extracting(r -> r.value().entries().size())
        .containsExactly(StoryArticles.MAX_ENTRIES, StoryArticles.MAX_ENTRIES, 5);
    assertThat(out.get(1).value().entries().get(0).article().articleId())
        .isEqualTo("a" + StoryArticles.MAX_ENTRIES);
  }

  @Test
  void shouldCutARecordWhenItsArticlesReachTheByteLimit() {
    buffer.partitionsFrom(() -> 1);
    String longTitle = "x".repeat(10_000);
    for (int i = 0; i < 60; i++) {
      buffer.add(
          "s",
          new StoryArticle("a" + i, longTitle, Verdict.ORIGINAL, null, List.of("outlet|x")),
          START.toEpochMilli());
    }

    List<Record<String, StoryArticles>> out = records();

    assertThat(out).hasSizeGreaterThan(1);
    for (Record<String, StoryArticles> r : out) {
      assertThat(StoryArticles.SERDE.serializer().serialize("t", r.value()).length)
          .isLessThan(StoryArticles.MAX_BYTES + 40_000);
    }
    assertThat(out).flatExtracting(r -> r.value().entries()).hasSize(60);
  }

  @Test
  void shouldReadBackABatchAndTheSingleArticleTheTopicCarriedBefore() throws java.io.IOException {
    StoryArticles batch =
        new StoryArticles(
            List.of(
                new StoryArticles.Entry("s1", START.toEpochMilli(), story("a")),
                new StoryArticles.Entry(
                    "s é",
                    START.minusSeconds(3600).toEpochMilli(),
                    new StoryArticle(
                        "b", "Judul", Verdict.NEAR, "a", List.of("outlet|x", "actor|Ü"))),
                new StoryArticles.Entry(
                    "s1",
                    START.plusSeconds(5).toEpochMilli(),
                    new StoryArticle("c", null, Verdict.ORIGINAL, null, List.of())),
                // ingested after its event time, before it (published ahead), and at it
                new StoryArticles.Entry(
                    "s2",
                    START.minus(Duration.ofDays(90)).toEpochMilli(),
                    START.toEpochMilli(),
                    story("f")),
                new StoryArticles.Entry(
                    "s2",
                    START.toEpochMilli(),
                    START.minusSeconds(7200).toEpochMilli(),
                    story("g")),
                new StoryArticles.Entry("s2", 0, 0, story("h"))));
    assertThat(roundTrip(batch)).isEqualTo(batch);

    // a batch of the earlier layout (marker 0x53: no ingest times) reads with none
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
    out.writeByte(io.newsflow.kit.Compact.FORMAT);
    out.writeByte(StoryArticles.BATCH);
    io.newsflow.kit.Compact.writeVarLong(out, 2);
    out.writeLong(START.toEpochMilli());
    io.newsflow.kit.Compact.writeShortText(out, "s1");
    io.newsflow.kit.Compact.writeVarLong(out, 0);
    StoryArticle.write(out, story("a"));
    io.newsflow.kit.Compact.writeShortText(out, "s1");
    io.newsflow.kit.Compact.writeVarLong(out, 5_000);
    StoryArticle.write(out, story("b"));
    out.flush();
    assertThat(StoryArticles.SERDE.deserializer().deserialize("t", bytes.toByteArray()))
        .isEqualTo(
            new StoryArticles(
                List.of(
                    new StoryArticles.Entry("s1", START.toEpochMilli(), -1, story("a")),
                    new StoryArticles.Entry(
                        "s1", START.plusSeconds(5).toEpochMilli(), -1, story("b")))));

    StoryArticle single = story("d");
    byte[] old = StoryArticle.SERDE.serializer().serialize("t", single);
    assertThat(StoryArticles.SERDE.deserializer().deserialize("t", old))
        .isEqualTo(new StoryArticles(List.of(new StoryArticles.Entry(null, -1, single))));
    Article a =
        new Article(
            1, "e", null, "kompas.tv", "Judul", "Isi", null, START, START, null, null, null);
    EnrichedArticle enriched =
        new EnrichedArticle(1, a, "hash-e", Dedup.original("e"), List.of(), List.of(), START);
    byte[] oldJson = EnrichTopics.ENRICHED.valueSerde().serializer().serialize("t", enriched);
    assertThat(StoryArticles.SERDE.deserializer().deserialize("t", oldJson).entries())
        .extracting(StoryArticles.Entry::article)
        .containsExactly(StoryArticle.of(enriched));
  }

  @Test
  void shouldWriteEveryEntryWithinItsSizeOfAndReadItsIngestTimeBack() {
    // The ingest time added up to 10 bytes an entry: sizeOf's bound must still hold, at the
    // extremes of both times too (an event time far from the batch's first, an ingest time far
    // from the event time either way). Text of 3-byte characters only (sizeOf counts 3 bytes a
    // character), so that what is left of the bound is its room for lengths, times and flags: 65
    // bytes at the least here (with 30 bytes of room instead of 100, an entry exceeds it).
    java.util.SplittableRandom random = new java.util.SplittableRandom(12);
    long[] times = {0, 1, 1_700_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE + 1};
    long[] ingested = {-1, 0, 5, 1_700_000_000_000L, Long.MAX_VALUE};
    StoryArticle first = new StoryArticle("h", null, Verdict.ORIGINAL, null, List.of());
    for (int n = 0; n < 5_000; n++) {
      List<String> keys = new ArrayList<>();
      for (int k = random.nextInt(3); k > 0; k--) {
        keys.add(euros(random));
      }
      boolean copy = random.nextBoolean();
      StoryArticle article =
          new StoryArticle(
              euros(random),
              random.nextBoolean() ? null : euros(random),
              copy ? Verdict.NEAR : Verdict.ORIGINAL,
              copy ? euros(random) : null,
              keys);
      StoryArticles.Entry e =
          new StoryArticles.Entry(
              euros(random),
              times[random.nextInt(times.length)],
              ingested[random.nextInt(ingested.length)],
              article);
      StoryArticles alone =
          new StoryArticles(
              List.of(
                  new StoryArticles.Entry("x", times[random.nextInt(times.length)], -1, first)));
      StoryArticles both = new StoryArticles(List.of(alone.entries().get(0), e));
      int bytes =
          StoryArticles.SERDE.serializer().serialize("t", both).length
              - StoryArticles.SERDE.serializer().serialize("t", alone).length;

      assertThat((long) bytes).isLessThanOrEqualTo(StoryArticles.sizeOf(e));
      assertThat(roundTrip(both)).isEqualTo(both);
    }
  }

  private static String euros(java.util.SplittableRandom random) {
    return "\u20ac".repeat(random.nextInt(4));
  }

  private static StoryArticle story(String id) {
    return new StoryArticle(
        id, "Judul " + id, Verdict.ORIGINAL, null, List.of("outlet|kompas.tv", "language|id"));
  }

  private static StoryArticles roundTrip(StoryArticles value) {
    return StoryArticles.SERDE
        .deserializer()
        .deserialize("t", StoryArticles.SERDE.serializer().serialize("t", value));
  }

  private List<Record<String, StoryArticles>> records() {
    List<Record<String, StoryArticles>> out = new ArrayList<>();
    buffer.drain((origin, record) -> out.add(record));
    return out;
  }
}
