package io.newsflow.app;

import io.newsflow.contracts.AggregateTopics;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.ingest.feed.FeedTopics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics when they are missing. Internal Streams topics (repartition,
 * changelog) are created by Kafka Streams itself.
 */
public final class PipelineTopics {
  /** The topics of the pipeline, in flow order. */
  public static final List<String> ALL =
      List.of(
          ArticleTopics.RAW.name(),
          EnrichTopics.ENRICHED.name(),
          EnrichTopics.DUPLICATES.name(),
          EnrichTopics.DLQ.name(),
          AggregateTopics.COUNTS.name(),
          FeedTopics.STATE.name());

  private PipelineTopics() {}

  /**
   * Creates each missing topic with {@code partitions} partitions; an existing topic is left as it
   * is. {@code replicationFactor} empty means the broker default.
   */
  public static void ensure(
      String bootstrapServers, int partitions, Optional<Short> replicationFactor) {
    ensure(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        partitions,
        replicationFactor);
  }

  /**
   * As {@link #ensure(String, int, Optional)}, with an admin client made of {@code clientConfig}
   * (bootstrap servers and security settings).
   */
  public static void ensure(
      Map<String, Object> clientConfig, int partitions, Optional<Short> replicationFactor) {
    Object bootstrapServers = clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    try (Admin admin = Admin.create(clientConfig)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          ALL.stream()
              .filter(name -> !existing.contains(name))
              .map(name -> newTopic(name, partitions, replicationFactor))
              .toList();
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // Another instance may have created it between list and create.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "cannot create the pipeline topics on " + bootstrapServers + ": " + cause, e);
    }
  }

  private static NewTopic newTopic(String name, int partitions, Optional<Short> replication) {
    NewTopic topic = new NewTopic(name, Optional.of(partitions), replication);
    if (name.equals(AggregateTopics.COUNTS.name()) || name.equals(FeedTopics.STATE.name())) {
      // Each record holds the new totals (the feed's whole state): the latest per key is all a
      // reader needs.
      topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }
    return topic;
  }
}
