package io.newsflow.aggregate;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitioner of a topic of batches ({@code by-facet}, {@code by-story}): Kafka's default
 * partitioning of the record key (murmur2 of its UTF-8 bytes, as the producer's built-in
 * partitioner and the query API's {@code queryMetadataForKey} compute it), which also learns the
 * topic's partition count, so that a buffer ({@link FacetDeltaBuffer}, {@link StoryBatchBuffer})
 * can put every key of one partition into one record keyed by one of them. A record sent before the
 * count is known holds one key, so it is never needed in advance.
 *
 * <p>One instance per topic and topology, shared by its tasks and threads: an internal topic's
 * partition count does not change while the application runs (Kafka Streams refuses to start on an
 * internal topic whose partition count differs from the one it expects).
 *
 * @param <V> the batch
 */
final class BatchPartitioner<V> implements StreamPartitioner<String, V> {
  private volatile int partitions;

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
    partitions = numPartitions;
    return Optional.of(Set.of(partitionOf(key, numPartitions)));
  }

  /** The topic's partition count once a record has been sent, else 0. */
  int partitions() {
    return partitions;
  }

  /** Partition of a key among {@code numPartitions}: Kafka's default for a String key. */
  static int partitionOf(String key, int numPartitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % numPartitions;
  }
}
