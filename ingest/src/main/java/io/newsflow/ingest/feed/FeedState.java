package io.newsflow.ingest.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the poller knows of one feed: the value of {@code news.feeds.state}, keyed by the feed URL.
 * Written in the same Kafka transaction as the articles of the poll, so it never claims an article
 * that was not published, nor misses one that was.
 *
 * <p>Schema version 1; readers ignore unknown fields.
 *
 * @param schemaVersion contract version (1)
 * @param url the feed URL (the record key)
 * @param etag the {@code ETag} of the last successful fetch, sent back as {@code If-None-Match}
 * @param lastModified the {@code Last-Modified} of the last successful fetch, sent back as {@code
 *     If-Modified-Since}
 * @param publishedIds ids of the articles of this feed already handled (published, or reported
 *     invalid), newest first: every item of the latest fetch, then older ones up to the bound
 * @param lastPolledAt when the feed was last polled, whatever the outcome
 * @param lastSuccessAt when a poll last ended well (fetched and published, or not modified)
 * @param lastFailureAt when a poll last failed
 * @param lastError what went wrong then (null after a success)
 * @param publishedTotal articles published from this feed since its state began
 */
public record FeedState(
    int schemaVersion,
    String url,
    String etag,
    String lastModified,
    List<String> publishedIds,
    Instant lastPolledAt,
    Instant lastSuccessAt,
    Instant lastFailureAt,
    String lastError,
    long publishedTotal) {

  public static final int CURRENT_SCHEMA_VERSION = 1;

  public FeedState {
    publishedIds = publishedIds == null ? List.of() : List.copyOf(publishedIds);
  }

  /** The state of a feed never polled. */
  public static FeedState initial(String url) {
    return new FeedState(
        CURRENT_SCHEMA_VERSION, url, null, null, List.of(), null, null, null, null, 0);
  }

  public boolean published(String articleId) {
    return publishedIds.contains(articleId);
  }

  /**
   * After a fetch that was published: the new validators, {@code currentIds} (every item of this
   * fetch) first, then the older ids not among them, keeping at most {@code remember} ids but never
   * dropping one of the current items (an item still in the feed must stay known).
   */
  public FeedState afterFetch(
      String newEtag,
      String newLastModified,
      List<String> currentIds,
      int newlyPublished,
      int remember,
      Instant now) {
    Set<String> ids = new LinkedHashSet<>(currentIds);
    int limit = Math.max(remember, ids.size());
    for (String old : publishedIds) {
      if (ids.size() >= limit) {
        break;
      }
      ids.add(old);
    }
    return new FeedState(
        CURRENT_SCHEMA_VERSION,
        url,
        newEtag,
        newLastModified,
        new ArrayList<>(ids),
        now,
        now,
        lastFailureAt,
        null,
        publishedTotal + newlyPublished);
  }

  /** After a 304 Not Modified: nothing new, and a success. */
  public FeedState afterNotModified(Instant now) {
    return new FeedState(
        CURRENT_SCHEMA_VERSION,
        url,
        etag,
        lastModified,
        publishedIds,
        now,
        now,
        lastFailureAt,
        null,
        publishedTotal);
  }

  /** After a failed poll: the validators and ids stay, so the next poll starts from them. */
  public FeedState afterFailure(String error, Instant now) {
    return new FeedState(
        CURRENT_SCHEMA_VERSION,
        url,
        etag,
        lastModified,
        publishedIds,
        now,
        lastSuccessAt,
        now,
        error,
        publishedTotal);
  }
}
