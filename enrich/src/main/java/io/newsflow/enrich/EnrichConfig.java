package io.newsflow.enrich;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the enrich topology.
 *
 * @param dedupHorizon how long an article's text is remembered for duplicate detection (key {@value
 *     #DEDUP_HORIZON}, ISO-8601 duration, default 7 days): the retention of the dedup stores
 */
public record EnrichConfig(Duration dedupHorizon) {
  public static final String DEDUP_HORIZON = "newsflow.enrich.dedup.horizon";
  public static final Duration DEFAULT_DEDUP_HORIZON = Duration.ofDays(7);

  public EnrichConfig {
    if (dedupHorizon.isNegative() || dedupHorizon.isZero()) {
      throw new IllegalArgumentException(DEDUP_HORIZON + " must be positive, was " + dedupHorizon);
    }
  }

  public static EnrichConfig defaults() {
    return new EnrichConfig(DEFAULT_DEDUP_HORIZON);
  }

  /** Reads the {@code newsflow.enrich.*} keys; missing keys take their defaults. */
  public static EnrichConfig from(Map<String, ?> props) {
    Object horizon = props.get(DEDUP_HORIZON);
    return new EnrichConfig(
        horizon == null ? DEFAULT_DEDUP_HORIZON : Duration.parse(horizon.toString().trim()));
  }
}
