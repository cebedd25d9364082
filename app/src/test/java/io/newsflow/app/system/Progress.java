package io.newsflow.app.system;

import java.time.Duration;

/** Articles enriched so far in a run: the feeder counts, the fault plan waits on it. */
final class Progress {
  private long enriched;
  private String failure;

  synchronized void enriched(long n) {
    enriched += n;
    notifyAll();
  }

  synchronized long enriched() {
    return enriched;
  }

  /** Ends every wait: the run failed. */
  synchronized void fail(String reason) {
    failure = reason;
    notifyAll();
  }

  /**
   * Waits until at least {@code n} articles are enriched; throws when {@code timeout} passes first
   * or the run failed.
   */
  synchronized void awaitEnriched(long n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (enriched < n) {
      if (failure != null) {
        throw new IllegalStateException("run failed: " + failure);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            "only " + enriched + " articles enriched, waited for " + n + " for " + timeout);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
