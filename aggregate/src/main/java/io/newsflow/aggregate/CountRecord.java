package io.newsflow.aggregate;

/**
 * A count change: the value of {@code news.counts}, keyed by {@code facet|key|window}.
 *
 * <p>Schema version 1. Each record carries the new totals (not a delta), so the latest record per
 * key is the current count and the topic can be compacted.
 *
 * @param schemaVersion contract version
 * @param facet the dimension, e.g. {@code outlet}
 * @param key the value within the facet, e.g. {@code kompas.tv}
 * @param window {@code all} for all-time counts
 * @param mentions every enriched article, copies included
 * @param stories originals only
 */
public record CountRecord(
    int schemaVersion, String facet, String key, String window, long mentions, long stories) {
  public static final int CURRENT_SCHEMA_VERSION = 1;
  public static final String ALL_TIME = "all";

  /** The topic key of this record. */
  public String topicKey() {
    return facet + "|" + key + "|" + window;
  }
}
