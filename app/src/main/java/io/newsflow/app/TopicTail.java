package io.newsflow.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics from the beginning, committed records only, without a consumer group: every call to
 * {@link #catchUp} hands over the records written since the last call, up to the end offsets at the
 * time of the call.
 */
public final class TopicTail implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions = new ArrayList<>();

  public TopicTail(String bootstrapServers, Collection<String> topics) {
    this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topics);
  }

  /** A tail whose consumer is made of {@code clientConfig} (bootstrap servers and security). */
  public TopicTail(Map<String, Object> clientConfig, Collection<String> topics) {
    Map<String, Object> config = new java.util.HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-tail");
    consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    try {
      assign(topics);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  private void assign(Collection<String> topics) {
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /**
   * Hands every new committed record to {@code handler}, until the positions reach the end offsets
   * read at the start of the call or {@code timeout} passes (also when the end offsets cannot be
   * read within it). Waits one poll interval when there is nothing new, so calling it in a loop
   * does not spin. Returns false on timeout.
   */
  public boolean catchUp(Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
    Map<TopicPartition, Long> end;
    try {
      end = consumer.endOffsets(partitions, timeout);
    } catch (TimeoutException e) {
      // A slow or busy broker (a rebalance, a restart): not caught up this time; callers loop.
      return false;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean polled = false;
    while (!polled || !reached(end)) {
      consumer.poll(POLL).forEach(handler);
      polled = true;
      if (System.nanoTime() > deadline) {
        return reached(end);
      }
    }
    return true;
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
