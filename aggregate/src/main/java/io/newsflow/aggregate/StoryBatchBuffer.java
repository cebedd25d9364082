package io.newsflow.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The {@value AggregateTopology#STORY_BATCH_STORE} store: the articles read since the last commit,
 * in memory, forwarded to {@code by-story} when Kafka Streams commits ({@link CommitHookStore}) as
 * one {@link StoryArticles} record per partition of {@code by-story} (at most {@link
 * StoryArticles#MAX_ENTRIES} entries and about {@link StoryArticles#MAX_BYTES} bytes each), keyed
 * by its first story id, once the partition count is known ({@link BatchPartitioner}); before that
 * (the first commit after a start), one record per article. An article costs the hop a share of a
 * record instead of one.
 *
 * <p>Exact under exactly-once for the reasons {@link FacetDeltaCombiner} gives: what is held is
 * forwarded inside the commit, before the transaction commits; a crash before it aborts the
 * transaction, and the articles are read again. Bounded: past {@link #MAX_ARTICLES} articles it
 * forwards its content at once (within the running transaction, so as safe as at the commit).
 */
final class StoryBatchBuffer extends CommitHookStore<String, StoryArticles> {
  /** Articles held before the buffer forwards without waiting for the commit. */
  static final int MAX_ARTICLES = 20_000;

  private final List<StoryArticles.Entry> entries = new ArrayList<>();
  private final List<ProcessorRecordContext> origins = new ArrayList<>();
  private IntSupplier partitions = () -> 0;

  StoryBatchBuffer(String name) {
    super(name);
  }

  /** Builds the store: in memory, no changelog, no record cache (it is one). */
  static StoreBuilder<StoryBatchBuffer> builder(String name) {
    return CommitHookStore.builder(name, StoryBatchBuffer::new);
  }

  /** Where the partition count of {@code by-story} is learnt (0 while unknown). */
  void partitionsFrom(IntSupplier partitions) {
    this.partitions = partitions;
  }

  /** Adds an article of story {@code storyId} at event time {@code time}, ingest time unknown. */
  void add(String storyId, StoryArticle article, long time) {
    add(storyId, article, time, -1);
  }

  /**
   * Adds an article of story {@code storyId} at event time {@code time}, ingested at {@code
   * ingested} (-1: unknown).
   */
  void add(String storyId, StoryArticle article, long time, long ingested) {
    entries.add(new StoryArticles.Entry(storyId, time, ingested, article));
    origins.add(origin(time));
    if (entries.size() >= MAX_ARTICLES) {
      flushCache();
    }
  }

  int size() {
    return entries.size();
  }

  @Override
  boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  void clear() {
    entries.clear();
    origins.clear();
  }

  /**
   * Hands every article over and empties the buffer, in the order they were added (within each
   * record): grouped by the partition of {@code by-story} their story goes to, a record keyed by
   * the group's first story id (so it lands in that partition), stamped with the event time and
   * origin of its first article.
   *
   * <p>Why the first article's time: the record's timestamp moves the counting task's stream time
   * before any of its articles is counted, and {@link FacetDeltaCombiner} judges the distinct-story
   * changes they make late or not by that stream time. Alone, the i-th article was judged at the
   * stream time the task had reached plus the times of articles 1..i, never less than the first's;
   * stamped with the first's time, no article of the record is judged later than alone (stamped
   * with the latest, an early article's change could be dropped from its hour and day as late
   * because of a later article of the same commit). The later articles of the record may be judged
   * at a lower stream time than alone: as by-facet records (stamped with their first change's
   * time), the counting task still applies its own check.
   */
  @Override
  void drain(BiConsumer<ProcessorRecordContext, Record<String, StoryArticles>> to) {
    int n = partitions.getAsInt();
    PartitionGroups<StoryArticles.Entry> groups =
        new PartitionGroups<>(
            StoryArticles.MAX_ENTRIES,
            StoryArticles.MAX_BYTES,
            StoryArticles::sizeOf,
            (batch, origin) -> send(to, batch, origin));
    for (int i = 0; i < entries.size(); i++) {
      StoryArticles.Entry entry = entries.get(i);
      ProcessorRecordContext origin = origins.get(i);
      if (n <= 0) {
        send(to, List.of(entry), origin);
      } else {
        groups.add(BatchPartitioner.partitionOf(entry.storyId(), n), entry, origin);
      }
    }
    clear();
    groups.finish();
  }

  private static void send(
      BiConsumer<ProcessorRecordContext, Record<String, StoryArticles>> to,
      List<StoryArticles.Entry> entries,
      ProcessorRecordContext origin) {
    StoryArticles.Entry first = entries.get(0);
    to.accept(origin, new Record<>(first.storyId(), new StoryArticles(entries), first.time()));
  }
}
