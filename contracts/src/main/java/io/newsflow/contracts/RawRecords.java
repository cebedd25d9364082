package io.newsflow.contracts;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The one builder of {@code news.articles.raw} records, used by every entry point (files, folder,
 * feeds, {@code POST /articles}, bench): key the article id, value the article JSON, record
 * timestamp the ingest time, partition chosen by the key. Enrich's order rule (the earlier record
 * timestamp, then id, is the original) depends on every producer stamping the same way.
 */
public final class RawRecords {
  private RawRecords() {}

  /** The record of {@code article} for a producer with {@link ArticleTopics#RAW}'s serdes. */
  public static ProducerRecord<String, Article> of(Article article) {
    return new ProducerRecord<>(
        ArticleTopics.RAW.name(), null, timestamp(article), article.id(), article);
  }

  /** The same record already serialised, for a producer of bytes (transactional feeds, bench). */
  public static ProducerRecord<byte[], byte[]> serialized(Article article) {
    return new ProducerRecord<>(
        ArticleTopics.RAW.name(),
        null,
        timestamp(article),
        article.id().getBytes(StandardCharsets.UTF_8),
        ArticleTopics.RAW.valueSerde().serializer().serialize(ArticleTopics.RAW.name(), article));
  }

  private static long timestamp(Article article) {
    if (article.ingestedAt() == null) {
      throw new IllegalArgumentException("article " + article.id() + " has no ingest time");
    }
    return article.ingestedAt().toEpochMilli();
  }
}
