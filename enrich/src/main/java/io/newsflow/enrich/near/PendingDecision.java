package io.newsflow.enrich.near;

import io.newsflow.enrich.EnrichedArticle;
import java.util.List;

/**
 * A value of the {@code near-pending} store: an article waiting for the answers of the band-index
 * partitions it queried.
 *
 * @param article the article as exact-dedup emitted it
 * @param time its record time
 * @param partitions the band-index partitions queried (one answer expected from each)
 * @param answers the answers received so far
 * @param createdAtMs wall-clock time the query went out (for the stale-entry sweep)
 */
public record PendingDecision(
    EnrichedArticle article,
    long time,
    List<Integer> partitions,
    List<BandAnswer> answers,
    long createdAtMs) {}
