package io.newsflow.contracts;

import org.apache.kafka.common.serialization.Serdes;

/** The topics enrich produces. */
public final class EnrichTopics {
  /**
   * Enriched articles. Key: article id; value: {@link EnrichedArticle} JSON. Copies are emitted
   * too, flagged in {@code dedup}; a re-sent article (same id, same text) is not emitted again.
   */
  public static final Topic<String, EnrichedArticle> ENRICHED =
      new Topic<>(
          "news.articles.enriched", Serdes.String(), new JsonSerde<>(EnrichedArticle.class));

  /**
   * Copy links: one record per copy (exact or near). Key: the copy's article id; value: {@link
   * DuplicateLink} JSON. A compact feed for consumers that only need who copies whom.
   */
  public static final Topic<String, DuplicateLink> DUPLICATES =
      new Topic<>(
          "news.articles.duplicates", Serdes.String(), new JsonSerde<>(DuplicateLink.class));

  /**
   * Dead letters: records that could not be enriched. Key and value: the original bytes, untouched;
   * headers: {@code newsflow.dlq.*}, see {@link DeadLetters}.
   */
  public static final Topic<byte[], byte[]> DLQ =
      new Topic<>("news.articles.dlq", Serdes.ByteArray(), Serdes.ByteArray());

  private EnrichTopics() {}
}
