package io.newsflow.ingest.feed;

import io.newsflow.contracts.JsonSerde;
import io.newsflow.contracts.Topic;
import org.apache.kafka.common.serialization.Serdes;

/** The topic the feed poller owns. */
public final class FeedTopics {
  /**
   * Per-feed poller state. Key: the feed URL as configured; value: {@link FeedState} JSON.
   * Compacted: only the latest state of a feed matters. Written in the same transaction as the
   * articles of each poll; read in full (committed records only) when a poller starts.
   */
  public static final Topic<String, FeedState> STATE =
      new Topic<>("news.feeds.state", Serdes.String(), new JsonSerde<>(FeedState.class));

  private FeedTopics() {}
}
