package io.newsflow.ingest.feed;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One feed to poll, as configured in a feed list file.
 *
 * @param url the feed's URL (http or https); also its key in {@code news.feeds.state}
 * @param interval time between the end of one poll and the start of the next
 * @param outlet outlet of its articles; null means the host of the feed's own link, else of {@code
 *     url}
 * @param timeout how long one fetch may take, headers and body, before it counts as failed
 */
public record FeedSpec(URI url, Duration interval, String outlet, Duration timeout) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public FeedSpec {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  /** A feed with the default interval and timeout and the outlet taken from the feed. */
  public static FeedSpec of(String url) {
    return new FeedSpec(URI.create(url), DEFAULT_INTERVAL, null, DEFAULT_TIMEOUT);
  }

  public FeedSpec withInterval(Duration newInterval) {
    return new FeedSpec(url, newInterval, outlet, timeout);
  }

  public FeedSpec withTimeout(Duration newTimeout) {
    return new FeedSpec(url, interval, outlet, newTimeout);
  }

  public FeedSpec withOutlet(String newOutlet) {
    return new FeedSpec(url, interval, newOutlet, timeout);
  }

  /** The URL as text: the key of the feed's state and the value of its {@code feed} tag. */
  public String key() {
    return url.toString();
  }
}
