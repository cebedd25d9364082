package io.newsflow.ingest;

import java.time.Duration;
import java.util.Locale;

/**
 * What one ingest run did.
 *
 * @param sent articles acknowledged by Kafka
 * @param failed articles Kafka refused or that timed out
 * @param invalid inputs that could not become an article (each reported with file and line)
 * @param bytes serialised value bytes acknowledged
 * @param elapsed wall time of the run
 */
public record IngestSummary(long sent, long failed, long invalid, long bytes, Duration elapsed) {

  public double articlesPerSecond() {
    double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
    return sent / seconds;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "ingest: sent %d, failed %d, invalid input %d, %.1f KB in %.2f s (%.0f articles/s)",
        sent,
        failed,
        invalid,
        bytes / 1024.0,
        elapsed.toNanos() / 1e9,
        articlesPerSecond());
  }
}
