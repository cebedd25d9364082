package io.newsflow.enrich.story;

import io.newsflow.enrich.EnrichTopology;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The story stage's Streams sensors (group {@value EnrichTopology#METRICS_SCOPE}, per stream
 * thread): {@code story-opened}, {@code story-joined}, {@code story-copy-joined}, {@code
 * story-joined-pending} (joined an article still being decided), {@code story-timeout}; each as
 * {@code -total} and {@code -rate}.
 */
final class StoryMeters {
  final Sensor opened;
  final Sensor joined;
  final Sensor copies;
  final Sensor joinedPending;
  final Sensor timeouts;

  private StoryMeters(ProcessorContext<?, ?> context) {
    var metrics = context.metrics();
    opened = sensor(metrics, "story-opened");
    joined = sensor(metrics, "story-joined");
    copies = sensor(metrics, "story-copy-joined");
    joinedPending = sensor(metrics, "story-joined-pending");
    timeouts = sensor(metrics, "story-timeout");
  }

  static StoryMeters of(ProcessorContext<?, ?> context) {
    return new StoryMeters(context);
  }

  private static Sensor sensor(org.apache.kafka.streams.StreamsMetrics metrics, String name) {
    return metrics.addRateTotalSensor(
        EnrichTopology.METRICS_SCOPE, "story", name, Sensor.RecordingLevel.INFO);
  }
}
