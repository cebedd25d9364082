package io.newsflow.aggregate;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of the aggregate topology ({@code newsflow.aggregate.*}).
 *
 * @param grace how late (in event time) an article may arrive and still count in its hour or day
 *     window ({@value #GRACE}, default 1 hour); later ones count in all-time only
 * @param hourRetention how long hourly counts are kept ({@value #HOUR_RETENTION}, default 7 days)
 * @param dayRetention how long daily counts are kept ({@value #DAY_RETENTION}, default 90 days)
 * @param storyWindow how long a story is listed after its latest article ({@value #STORY_WINDOW},
 *     default 7 days, as enrich's story window); its summary is then deleted
 */
public record AggregateConfig(
    Duration grace, Duration hourRetention, Duration dayRetention, Duration storyWindow) {
  public static final String GRACE = "newsflow.aggregate.grace";
  public static final String HOUR_RETENTION = "newsflow.aggregate.hour.retention";
  public static final String DAY_RETENTION = "newsflow.aggregate.day.retention";
  public static final String STORY_WINDOW = "newsflow.aggregate.story.window";
  public static final Duration DEFAULT_STORY_WINDOW = Duration.ofDays(7);

  /**
   * Kafka Streams settings chosen for the aggregate app (aggregate/README.md, "Streams settings"):
   * commit every second instead of exactly-once's 100 ms, so that the record caches and the
   * combiner before {@code by-facet} merge ten times as many articles into each count record; a 10
   * MB record cache (Kafka Streams' default, stated because the figures depend on it: by estimate
   * the keys one second writes take 2-5 MB at 330 articles/s, so they are not evicted before the
   * commit). Meant to go under the app's own overrides ({@code --config}); the shared settings
   * ({@code StreamsSettings}) do not apply them, enrich keeps 100 ms.
   */
  public static final Map<String, Object> STREAMS_SETTINGS =
      Map.of(
          StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
          1000L,
          StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
          10L * 1024 * 1024);

  /** Without a story window (callers that predate stories): the default, 7 days. */
  public AggregateConfig(Duration grace, Duration hourRetention, Duration dayRetention) {
    this(grace, hourRetention, dayRetention, DEFAULT_STORY_WINDOW);
  }

  public AggregateConfig {
    if (hourRetention.compareTo(Window.HOUR.size().plus(grace)) < 0
        || dayRetention.compareTo(Window.DAY.size().plus(grace)) < 0) {
      throw new IllegalArgumentException(
          "retention must cover the window size plus the grace period");
    }
  }

  public static AggregateConfig defaults() {
    return new AggregateConfig(Duration.ofHours(1), Duration.ofDays(7), Duration.ofDays(90));
  }

  public static AggregateConfig from(Map<String, ?> props) {
    AggregateConfig d = defaults();
    return new AggregateConfig(
        duration(props, GRACE, d.grace()),
        duration(props, HOUR_RETENTION, d.hourRetention()),
        duration(props, DAY_RETENTION, d.dayRetention()),
        duration(props, STORY_WINDOW, d.storyWindow()));
  }

  /** Retention of a window's store. */
  public Duration retention(Window window) {
    return switch (window) {
      case HOUR -> hourRetention;
      case DAY -> dayRetention;
      case ALL -> throw new IllegalArgumentException("all-time counts are kept forever");
    };
  }

  private static Duration duration(Map<String, ?> props, String key, Duration fallback) {
    Object v = props.get(key);
    return v == null ? fallback : Duration.parse(v.toString().trim());
  }
}
