package io.newsflow.contracts;

import org.apache.kafka.common.serialization.Serdes;

/** The topic aggregate produces. */
public final class AggregateTopics {
  /**
   * Count changes. Key: {@code facet|key|window} (e.g. {@code outlet|kompas.tv|all}); value: {@link
   * CountRecord} JSON with the new totals. Compacted: the latest record per key is the count.
   */
  public static final Topic<String, CountRecord> COUNTS =
      new Topic<>("news.counts", Serdes.String(), new JsonSerde<>(CountRecord.class));

  private AggregateTopics() {}
}
