package io.newsflow.contracts;

import java.time.Instant;

/**
 * A count change: the value of {@code news.counts}, keyed by {@code facet|key|window}.
 *
 * <p>Schema version 1. Each record carries the new totals (not a delta), so the latest record per
 * key is the current count and the topic can be compacted. Facet {@code syndication} counts, per
 * original (key: its article id), the copies of it that arrived ({@code mentions}).
 *
 * @param schemaVersion contract version
 * @param facet the dimension, e.g. {@code outlet}
 * @param key the value within the facet, e.g. {@code kompas.tv}
 * @param window {@code all}, {@code 1h} or {@code 1d}
 * @param windowStart start of the hour or day window (event time); absent for all-time
 * @param mentions every enriched article, copies included
 * @param distinctStories distinct stories (enrich's {@code storyId}) with an article of this value
 * @param stories originals only
 */
public record CountRecord(
    int schemaVersion,
    String facet,
    String key,
    String window,
    long mentions,
    long stories,
    Instant windowStart,
    long distinctStories) {
  public static final int CURRENT_SCHEMA_VERSION = 1;

  /** Without distinct stories (callers that predate story grouping). */
  public CountRecord(
      int schemaVersion,
      String facet,
      String key,
      String window,
      long mentions,
      long stories,
      Instant windowStart) {
    this(schemaVersion, facet, key, window, mentions, stories, windowStart, 0);
  }

  public static final String ALL_TIME = "all";

  /** The topic key: {@code facet|key|all}, or {@code facet|key|1h@<window start>}. */
  public String topicKey() {
    return facet + "|" + key + "|" + window + (windowStart == null ? "" : "@" + windowStart);
  }
}
