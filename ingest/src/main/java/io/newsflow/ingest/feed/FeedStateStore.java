package io.newsflow.ingest.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link FeedTopics#STATE} from the beginning to its end, committed records only, into the
 * latest state per feed: what a KTable restore does, without a Streams app. A tombstone (null
 * value) forgets a feed; a record that does not parse is logged and skipped.
 */
public final class FeedStateStore {
  private static final Logger LOG = LoggerFactory.getLogger(FeedStateStore.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private FeedStateStore() {}

  /**
   * Reads the whole topic.
   *
   * @param clientConfig bootstrap servers and any client settings (security...); the consumer's own
   *     settings (isolation, deserialisers, no group) are set here
   * @param timeout how long the read may take before it fails
   * @throws IllegalStateException when the topic does not exist or cannot be read in time
   */
  public static Map<String, FeedState> restore(Map<String, Object> clientConfig, Duration timeout) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-feed-state-restore");
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    String topic = FeedTopics.STATE.name();
    Map<String, FeedState> states = new HashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException(
            "topic "
                + topic
                + " does not exist: create it (cleanup.policy=compact), or start with `newsflow"
                + " serve`, which creates it");
      }
      List<TopicPartition> partitions = new ArrayList<>();
      infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // Under read_committed these are the last stable offsets: nothing of an open transaction.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end within " + timeout.toSeconds() + " s");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          apply(states, record);
        }
      }
    }
    LOG.info("restored the state of {} feeds from {}", states.size(), topic);
    return states;
  }

  private static void apply(Map<String, FeedState> states, ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      states.remove(record.key());
      return;
    }
    try {
      FeedState state =
          FeedTopics.STATE.valueSerde().deserializer().deserialize(null, record.value());
      states.put(record.key(), state);
    } catch (SerializationException e) {
      LOG.warn(
          "{}-{}@{}: skipping a feed state that does not parse: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
