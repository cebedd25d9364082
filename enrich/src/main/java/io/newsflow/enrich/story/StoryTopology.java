package io.newsflow.enrich.story;

import io.newsflow.enrich.EnrichTopics;
import io.newsflow.enrich.EnrichedArticle;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The story stage of the enrich topology: gives every enriched article a {@code storyId}.
 *
 * <pre>
 * enriched articles (key article id)
 *   -> repartition "story-articles" (partition of dedup.canonicalId: an original and its copies meet)
 *   -> story-fanout [story-pending, story-parked, story-of-article]
 *        copies of a decided original, articles without terms: assigned at once ---------------+
 *        others: one StoryQuery per index partition holding some of their terms                |
 *   -> repartition "story-queries" -> story-lookup [story-postings, story-assignments]          |
 *   -> repartition "story-answers" (back to the waiting article's partition)                   |
 *   -> story-decide [story-pending, story-parked, story-of-article]: join or open a story -----+
 *        StoryUpdate per queried partition -> repartition "story-updates"                      |
 *        -> story-apply-update [story-assignments]                                            |
 *   -> articles with storyId (key article id) <-------------------------------------------------+
 * </pre>
 *
 * <p>The four topics have the enrich partition count. Per original article with terms the stage
 * costs four record hops (article, one query and one answer per index partition its terms reach,
 * one update per such partition); per copy, one.
 */
public final class StoryTopology {
  public static final String ARTICLES = "story-articles";
  public static final String FANOUT = "story-fanout";
  public static final String FANOUT_ROUTE = "story-fanout-";
  public static final String QUERIES = "story-queries";
  public static final String LOOKUP = "story-lookup";
  public static final String ANSWERS = "story-answers";
  public static final String DECIDE = "story-decide";
  public static final String DECIDE_ROUTE = "story-decide-";
  public static final String ASSIGNED = "assigned";
  public static final String QUERY = "query";
  public static final String UPDATE = "update";
  public static final String UNWRAP_QUERY = "story-unwrap-query";
  public static final String UNWRAP_UPDATE = "story-unwrap-update";
  public static final String UNWRAP_FANOUT_ASSIGNED = "story-unwrap-fanout-assigned";
  public static final String UNWRAP_DECIDE_ASSIGNED = "story-unwrap-decide-assigned";
  public static final String UPDATES = "story-updates";
  public static final String APPLY_UPDATE = "story-apply-update";
  public static final String MERGE_ASSIGNED = "story-merge-assigned";

  public static final String PENDING_STORE = "story-pending";
  public static final String PARKED_STORE = "story-parked";
  public static final String ASSIGNED_STORE = "story-of-article";
  public static final String INDEX_STORE = "story-postings";
  public static final String ASSIGNMENTS_STORE = "story-assignments";

  private StoryTopology() {}

  /**
   * Key in {@value #PARKED_STORE} of a copy waiting for its original's story: the original's id, a
   * U+0001 separator, the copy's id (the original itself is parked under its bare id).
   */
  static String parkedCopyKey(String originalId, String copyId) {
    return originalId + '\u0001' + copyId;
  }

  /**
   * Adds the story stage to {@code builder}: {@code articles} in, the same articles with their
   * {@code storyId} out.
   */
  public static KStream<String, EnrichedArticle> assign(
      StreamsBuilder builder,
      KStream<String, EnrichedArticle> articles,
      StoryConfig config,
      int partitions) {
    Duration window = config.window();
    Duration retention = window.multipliedBy(2);
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PENDING_STORE), Serdes.String(), PendingStory.SERDE));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PARKED_STORE),
            Serdes.String(),
            EnrichTopics.ENRICHED_INTERNAL));
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(ASSIGNED_STORE, retention, window, false),
            Serdes.String(),
            Serdes.String()));
    builder.addStateStore(
        Stores.windowStoreBuilder(
                Stores.persistentWindowStore(INDEX_STORE, retention, window, false),
                Serdes.String(),
                Posting.BLOCK_SERDE)
            // A block of a common term is rewritten by many articles within one commit interval:
            // the cache sends the last version to RocksDB and the changelog only.
            .withCachingEnabled());
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(ASSIGNMENTS_STORE, retention, window, false),
            Serdes.String(),
            Serdes.String()));

    Map<String, KStream<String, StoryStep>> fanout =
        articles
            .repartition(
                Repartitioned.with(Serdes.String(), EnrichTopics.ENRICHED_INTERNAL)
                    .withName(ARTICLES)
                    .withNumberOfPartitions(partitions)
                    .withStreamPartitioner(
                        (topic, id, a, n) ->
                            Optional.of(Set.of(StoryPartitions.of(a.dedup().canonicalId(), n)))))
            .process(
                () -> new StoryFanOutProcessor(config, partitions),
                Named.as(FANOUT),
                PENDING_STORE,
                PARKED_STORE,
                ASSIGNED_STORE)
            .split(Named.as(FANOUT_ROUTE))
            .branch((id, s) -> s instanceof StoryStep.Assigned, Branched.as(ASSIGNED))
            .defaultBranch(Branched.as(QUERY));

    Map<String, KStream<String, StoryStep>> decided =
        fanout
            .get(FANOUT_ROUTE + QUERY)
            .mapValues(s -> (StoryQuery) s, Named.as(UNWRAP_QUERY))
            .repartition(
                Repartitioned.with(Serdes.String(), StoryQuery.SERDE)
                    .withName(QUERIES)
                    .withNumberOfPartitions(partitions)
                    .withStreamPartitioner(
                        (topic, id, q, n) -> Optional.of(Set.of(q.targetPartition()))))
            .process(
                () -> new StoryLookupProcessor(config),
                Named.as(LOOKUP),
                INDEX_STORE,
                ASSIGNMENTS_STORE)
            .repartition(
                Repartitioned.with(Serdes.String(), StoryAnswer.SERDE)
                    .withName(ANSWERS)
                    .withNumberOfPartitions(partitions)
                    .withStreamPartitioner(
                        (topic, id, a, n) -> Optional.of(Set.of(a.replyPartition()))))
            .process(
                () -> new StoryDecideProcessor(config),
                Named.as(DECIDE),
                PENDING_STORE,
                PARKED_STORE,
                ASSIGNED_STORE)
            .split(Named.as(DECIDE_ROUTE))
            .branch((id, s) -> s instanceof StoryStep.Assigned, Branched.as(ASSIGNED))
            .defaultBranch(Branched.as(UPDATE));

    decided
        .get(DECIDE_ROUTE + UPDATE)
        .mapValues(s -> (StoryUpdate) s, Named.as(UNWRAP_UPDATE))
        .repartition(
            Repartitioned.with(Serdes.String(), StoryUpdate.SERDE)
                .withName(UPDATES)
                .withNumberOfPartitions(partitions)
                .withStreamPartitioner(
                    (topic, id, u, n) -> Optional.of(Set.of(u.targetPartition()))))
        .process(StoryUpdateProcessor::new, Named.as(APPLY_UPDATE), ASSIGNMENTS_STORE);

    return fanout
        .get(FANOUT_ROUTE + ASSIGNED)
        .mapValues(s -> ((StoryStep.Assigned) s).article(), Named.as(UNWRAP_FANOUT_ASSIGNED))
        .merge(
            decided
                .get(DECIDE_ROUTE + ASSIGNED)
                .mapValues(
                    s -> ((StoryStep.Assigned) s).article(), Named.as(UNWRAP_DECIDE_ASSIGNED)),
            Named.as(MERGE_ASSIGNED));
  }
}
