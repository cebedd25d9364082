package io.newsflow.testkit;

import io.newsflow.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded broker as tests and the bench start it: the product's defaults, but no time-based
 * retention. Test and bench articles carry historic record timestamps (the corpus is deterministic
 * from a fixed start, the seeds are from 2024), so the broker's first retention check, 30 s after
 * it starts, would delete their segments, possibly before a consumer read them: seen once in
 * BenchIT, whose pass-through input lost its first 333-400 offsets per partition and the run waited
 * for records that no longer existed.
 */
public final class TestBrokers {
  /** Broker properties that differ from the product's embedded broker. */
  public static final Map<String, String> PROPERTIES = Map.of("log.retention.ms", "-1");

  private TestBrokers() {}

  /** A builder with {@link #PROPERTIES}, its log in {@code dataDir}. */
  public static EmbeddedKafkaBroker.Builder builder(Path dataDir) {
    return EmbeddedKafkaBroker.builder(dataDir).properties(PROPERTIES);
  }
}
