package io.newsflow.tools.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Prints, every period, each consumer group's committed lag per topic (end offset minus committed
 * offset, summed over partitions): where records wait shows which stage is the bottleneck.
 */
final class LagMonitor implements AutoCloseable {
  private final Admin admin;
  private final List<String> groups;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-lag");
            t.setDaemon(true);
            return t;
          });

  LagMonitor(String bootstrap, List<String> groups, long periodMs, PrintStream out) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    this.groups = groups;
    this.out = out;
    timer.scheduleAtFixedRate(this::report, periodMs, periodMs, TimeUnit.MILLISECONDS);
  }

  private void report() {
    try {
      StringBuilder line =
          new StringBuilder(
              String.format(Locale.ROOT, "lag %6.1fs", (System.nanoTime() - startNanos) / 1e9));
      for (String group : groups) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
            admin
                .listOffsets(
                    committed.keySet().stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all()
                .get(10, TimeUnit.SECONDS);
        Map<String, Long> lagByTopic = new TreeMap<>();
        committed.forEach(
            (tp, offset) ->
                lagByTopic.merge(
                    tp.topic().replace(group + "-", "").replace("-repartition", ""),
                    ends.get(tp).offset() - (offset == null ? 0 : offset.offset()),
                    Long::sum));
        line.append(" | ").append(group).append(' ').append(lagByTopic);
      }
      out.println(line);
    } catch (Exception e) {
      out.println("lag: " + e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close();
  }
}
