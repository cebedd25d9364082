package io.newsflow.enrich.near;

import java.util.List;

/**
 * A value of the {@code near-waiting} store: the progress of an article's band-index queries. The
 * article itself waits once in {@code near-pending}; the answers only touch this small record, so
 * an article with six queried partitions no longer rewrites its whole text six times.
 *
 * @param time the article's record time
 * @param createdAtMs wall-clock time the queries went out (for the stale-entry sweep)
 * @param partitions the band-index partitions queried (one answer expected from each)
 * @param answered the partitions that have answered
 * @param candidates the verified candidates gathered from the answers so far
 */
public record NearWaiting(
    long time,
    long createdAtMs,
    List<Integer> partitions,
    List<Integer> answered,
    List<Candidate> candidates) {

  public NearWaiting {
    partitions = List.copyOf(partitions);
    answered = List.copyOf(answered);
    candidates = List.copyOf(candidates);
  }

  boolean complete() {
    return answered.size() >= partitions.size();
  }
}
