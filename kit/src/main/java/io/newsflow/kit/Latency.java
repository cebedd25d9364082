package io.newsflow.kit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The pipeline's latency timers, all alike so that their histograms can be compared. */
public final class Latency {
  private Latency() {}

  /**
   * A timer with a Prometheus histogram (percentiles by {@code histogram_quantile}) from 1 ms to 5
   * min.
   */
  public static Timer timer(MeterRegistry registry, String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(registry);
  }
}
