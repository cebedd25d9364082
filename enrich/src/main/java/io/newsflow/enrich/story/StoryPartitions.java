package io.newsflow.enrich.story;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/** Where a term or an article lives among the story topics' partitions. */
public final class StoryPartitions {
  private StoryPartitions() {}

  /** Kafka's default key hash (murmur2) of the UTF-8 bytes, modulo {@code partitions}. */
  public static int of(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
