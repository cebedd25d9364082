package io.newsflow.tools.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Records and bytes the pipeline's apps sent to each topic since a start, from their producers' own
 * counters ({@code producer-topic-metrics}: {@code record-send-total}, {@code byte-total}, bytes
 * after compression). Transaction markers are not records and are not counted. It shows what an
 * article costs the broker: the pass-through sends one record per article.
 */
public final class RecordTraffic {
  private static final String GROUP = "producer-topic-metrics";

  private final List<KafkaStreams> apps;
  private final Map<String, double[]> start;

  private RecordTraffic(List<KafkaStreams> apps) {
    this.apps = apps;
    this.start = totals(apps);
  }

  /** Starts counting the records {@code apps} send from now. */
  static RecordTraffic start(List<KafkaStreams> apps) {
    return new RecordTraffic(List.copyOf(apps));
  }

  /** What was sent since the start, per article of {@code articles}. */
  Figures perArticle(int articles) {
    Map<String, double[]> now = totals(apps);
    List<TopicFigures> topics = new ArrayList<>();
    for (Map.Entry<String, double[]> e : now.entrySet()) {
      double[] before = start.getOrDefault(e.getKey(), new double[2]);
      double records = (e.getValue()[0] - before[0]) / articles;
      double bytes = (e.getValue()[1] - before[1]) / articles;
      if (records > 0) {
        topics.add(new TopicFigures(e.getKey(), Kind.of(e.getKey()), records, bytes));
      }
    }
    topics.sort(Comparator.comparingDouble(TopicFigures::recordsPerArticle).reversed());
    return new Figures(
        topics.stream().mapToDouble(TopicFigures::recordsPerArticle).sum(),
        topics.stream().mapToDouble(TopicFigures::bytesPerArticle).sum(),
        topics);
  }

  /** What a topic is for. */
  public enum Kind {
    /** A state store's backup ({@code -changelog}). */
    CHANGELOG,
    /** Records between an app's own processors: re-keying, queries and answers. */
    REPARTITION,
    OUTPUT;

    static Kind of(String topic) {
      if (topic.endsWith("-changelog")) {
        return CHANGELOG;
      }
      if (topic.endsWith("-repartition")) {
        return REPARTITION;
      }
      return OUTPUT;
    }
  }

  private static Map<String, double[]> totals(List<KafkaStreams> apps) {
    Map<String, double[]> sums = new TreeMap<>();
    for (KafkaStreams app : apps) {
      for (Map.Entry<MetricName, ? extends Metric> e : app.metrics().entrySet()) {
        MetricName name = e.getKey();
        String topic = name.tags().get("topic");
        if (!GROUP.equals(name.group()) || topic == null) {
          continue;
        }
        int slot =
            switch (name.name()) {
              case "record-send-total" -> 0;
              case "byte-total" -> 1;
              default -> -1;
            };
        if (slot >= 0 && e.getValue().metricValue() instanceof Number n) {
          sums.computeIfAbsent(topic, t -> new double[2])[slot] += n.doubleValue();
        }
      }
    }
    return sums;
  }

  /** Records and bytes sent per article, in all and per topic (most records first). */
  public record Figures(
      double recordsPerArticle, double bytesPerArticle, List<TopicFigures> topics) {

    /** Records per article to topics of {@code kind}. */
    public double recordsPerArticle(Kind kind) {
      return topics.stream()
          .filter(t -> t.kind() == kind)
          .mapToDouble(TopicFigures::recordsPerArticle)
          .sum();
    }
  }

  /** One topic's share. */
  public record TopicFigures(
      String topic, Kind kind, double recordsPerArticle, double bytesPerArticle) {}
}
