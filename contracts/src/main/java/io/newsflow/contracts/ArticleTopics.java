package io.newsflow.contracts;

import org.apache.kafka.common.serialization.Serdes;

/** The topic ingest produces. */
public final class ArticleTopics {
  /**
   * Raw articles. Key: {@link Article#id()} (so re-sent articles land on the same partition);
   * value: {@link Article} as JSON; record timestamp: {@link Article#ingestedAt()}.
   */
  public static final Topic<String, Article> RAW =
      new Topic<>(
          "news.articles.raw",
          Serdes.String(),
          new JsonSerde<>(Article.class, io.newsflow.contracts.Json.strictMapper()));

  private ArticleTopics() {}
}
