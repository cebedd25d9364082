package io.newsflow.tools.bench;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.RawRecords;
import io.newsflow.ingest.ArticlePublisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The fixed-rate phase of the benchmark: sends articles at a steady rate (each stamped with its
 * send time as ingest time) while a read_committed consumer of the enriched topic records when each
 * one comes out. Latency is out-time minus send time, both on this JVM's clock.
 */
final class FixedRate {
  private FixedRate() {}

  static Benchmark.LatencyFigures measure(
      String bootstrap, List<Article> articles, double perSecond) {
    Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
    long[] latencies = new long[articles.size()];
    int received = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap);
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                ArticlePublisher.config(bootstrap, Map.of()),
                Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(EnrichTopics.ENRICHED.name(), Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // resolve the end offsets before sending

      long intervalNanos = (long) (1e9 / perSecond);
      long start = System.nanoTime();
      int sent = 0;
      long lastOut = start;
      long deadline = start + articles.size() * intervalNanos + Duration.ofSeconds(60).toNanos();
      while (received < articles.size() && System.nanoTime() < deadline) {
        long now = System.nanoTime();
        while (sent < articles.size() && now >= start + sent * intervalNanos) {
          Article a = articles.get(sent);
          Article stamped = a.withIngestedAt(Instant.now());
          sentAtNanos.put(a.id(), System.nanoTime());
          producer.send(RawRecords.serialized(stamped));
          sent++;
          now = System.nanoTime();
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(1))) {
          Long at =
              r.key() == null
                  ? null
                  : sentAtNanos.remove(new String(r.key(), StandardCharsets.UTF_8));
          if (at != null) {
            lastOut = System.nanoTime();
            latencies[received++] = lastOut - at;
          }
        }
        if (sent < articles.size()) {
          long next = start + sent * intervalNanos;
          long wait = next - System.nanoTime();
          if (wait > 0 && wait > 200_000) {
            LockSupport.parkNanos(Math.min(wait, 1_000_000));
          }
        }
      }
      long[] got = Arrays.copyOf(latencies, received);
      Arrays.sort(got);
      double seconds = Math.max(1e-9, (lastOut - start) / 1e9);
      return new Benchmark.LatencyFigures(
          perSecond,
          sent,
          received,
          received / seconds,
          percentileMs(got, 0.50),
          percentileMs(got, 0.95),
          percentileMs(got, 0.99),
          got.length == 0 ? Double.NaN : got[got.length - 1] / 1e6);
    }
  }

  private static double percentileMs(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.CLIENT_ID_CONFIG,
            "newsflow-bench-latency"),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }
}
