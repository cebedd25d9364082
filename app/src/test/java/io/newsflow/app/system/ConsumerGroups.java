package io.newsflow.app.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a Streams application has committed everything written to its input topics (its
 * source topic and its own repartition topics). Under exactly-once the output of a record commits
 * with its input offset, so once the offsets are at the end every output is in place: the run is
 * over, and the outputs can be compared.
 */
final class ConsumerGroups {
  private ConsumerGroups() {}

  static void awaitCaughtUp(String bootstrap, String applicationId, String source, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      long deadline = System.nanoTime() + timeout.toNanos();
      String behind = "";
      do {
        behind = behind(admin, applicationId, source);
        if (behind.isEmpty()) {
          return;
        }
        // Not readiness of a service: the offsets move by themselves; look again shortly.
        TimeUnit.MILLISECONDS.sleep(500);
      } while (System.nanoTime() < deadline);
      throw new IllegalStateException(
          applicationId + " did not catch up within " + timeout + ": " + behind);
    }
  }

  /** The partitions whose committed offset is short of the end, as text; empty when none. */
  private static String behind(Admin admin, String applicationId, String source)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> topics = new ArrayList<>(List.of(source));
    for (String t : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
      if (t.startsWith(applicationId + "-") && t.endsWith("-repartition")) {
        topics.add(t);
      }
    }
    Map<String, TopicDescription> described =
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    described
        .values()
        .forEach(
            d ->
                d.partitions()
                    .forEach(
                        p ->
                            latest.put(
                                new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(applicationId)
            .partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS);
    StringBuilder behind = new StringBuilder();
    for (TopicPartition tp : Set.copyOf(ends.keySet())) {
      long end = ends.get(tp).offset();
      OffsetAndMetadata at = committed.get(tp);
      long position = at == null ? 0 : at.offset();
      if (position < end) {
        behind.append(' ').append(tp).append(" at ").append(position).append(" of ").append(end);
      }
    }
    return behind.toString().strip();
  }
}
