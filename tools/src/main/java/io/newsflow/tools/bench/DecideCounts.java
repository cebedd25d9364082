package io.newsflow.tools.bench;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What enrich's decide step decided since a start, from its own sensors (enrich/README.md,
 * "Metrics"): stories opened and joined by originals, and articles decided late. A run whose
 * originals mostly open stories, or whose articles mostly come late, measures a degenerate input,
 * not the pipeline (the bench's corpus once shared one ingest time: see {@code Benchmark.produce}).
 */
public final class DecideCounts {
  private static final String[] NAMES = {
    "story-opened-total", "story-joined-total", "order-late-total"
  };

  private final KafkaStreams enrich;
  private final double[] start;

  private DecideCounts(KafkaStreams enrich) {
    this.enrich = enrich;
    this.start = totals(enrich);
  }

  static DecideCounts start(KafkaStreams enrich) {
    return new DecideCounts(enrich);
  }

  /**
   * @param storiesOpened originals that opened a story
   * @param storiesJoined originals that joined an earlier story
   * @param late articles decided late (after a later one in the order)
   */
  public record Figures(long storiesOpened, long storiesJoined, long late) {}

  Figures since() {
    double[] now = totals(enrich);
    return new Figures(
        Math.round(now[0] - start[0]),
        Math.round(now[1] - start[1]),
        Math.round(now[2] - start[2]));
  }

  private static double[] totals(KafkaStreams app) {
    double[] sums = new double[NAMES.length];
    for (Map.Entry<MetricName, ? extends Metric> e : app.metrics().entrySet()) {
      for (int i = 0; i < NAMES.length; i++) {
        if (NAMES[i].equals(e.getKey().name()) && e.getValue().metricValue() instanceof Number n) {
          sums[i] += n.doubleValue();
        }
      }
    }
    return sums;
  }
}
