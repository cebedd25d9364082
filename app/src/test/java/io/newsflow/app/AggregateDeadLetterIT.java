package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.AggregateTopics;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.CountRecord;
import io.newsflow.contracts.DeadLetters;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregate reads {@code news.articles.enriched} for counting only (EnrichedForCounting): a
 * record it cannot read, malformed where it skips (the body) or wrongly typed where it reads (the
 * verdict), still lands in {@code news.articles.dlq} with its reason and original bytes, on a real
 * broker, and the next record is counted.
 */
class AggregateDeadLetterIT {
  private static final Instant AT = Instant.parse("2024-10-21T08:00:00Z");

  @Test
  void shouldDeadLetterWithReasonAndCountOnWhenAnEnrichedRecordIsNotReadable(@TempDir Path dir) {
    EnrichedArticle good =
        new EnrichedArticle(
            1,
            new Article(
                1,
                "agg-dlq-good",
                null,
                "agg-dlq.example",
                "Judul",
                "Isi berita.",
                "id",
                AT,
                AT,
                null,
                null,
                null),
            "0123456789abcdef0123456789abcdef",
            Dedup.original("agg-dlq-good"),
            List.of(),
            List.of(),
            AT);
    String json =
        new String(
            EnrichTopics.ENRICHED.valueSerde().serializer().serialize("t", good),
            StandardCharsets.UTF_8);
    Map<String, byte[]> bad = new HashMap<>();
    bad.put("bad-body", bytes(json.replace("\"body\":\"", "\"body\":\"\\q")));
    bad.put(
        "bad-verdict", bytes(json.replace("\"verdict\":\"original\"", "\"verdict\":\"maybe\"")));
    bad.values().forEach(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isNotEqualTo(json));

    try (PipelineFixture pipeline = new PipelineFixture(dir);
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    pipeline.bootstrap(),
                    ProducerConfig.ACKS_CONFIG,
                    "all"),
                new StringSerializer(),
                new ByteArraySerializer());
        TopicTail tail =
            new TopicTail(
                pipeline.bootstrap(),
                List.of(EnrichTopics.DLQ.name(), AggregateTopics.COUNTS.name()))) {
      for (Map.Entry<String, byte[]> e : bad.entrySet()) {
        producer.send(new ProducerRecord<>(EnrichTopics.ENRICHED.name(), e.getKey(), e.getValue()));
      }
      producer.send(new ProducerRecord<>(EnrichTopics.ENRICHED.name(), good.id(), bytes(json)));
      producer.flush();

      Map<String, ConsumerRecord<byte[], byte[]>> dead = new HashMap<>();
      Map<String, CountRecord> counts = new HashMap<>();
      long deadline = System.nanoTime() + PipelineFixture.DEADLINE.toNanos();
      while (!(dead.keySet().containsAll(bad.keySet())
          && counts.containsKey("outlet|agg-dlq.example|all"))) {
        assertThat(System.nanoTime()).as("dead letters and the count in time").isLessThan(deadline);
        tail.catchUp(
            Duration.ofSeconds(2),
            r -> {
              if (r.topic().equals(EnrichTopics.DLQ.name())) {
                dead.put(new String(r.key(), StandardCharsets.UTF_8), r);
              } else {
                CountRecord c =
                    AggregateTopics.COUNTS.valueSerde().deserializer().deserialize("t", r.value());
                counts.put(c.topicKey(), c);
              }
            });
      }

      assertThat(dead).containsOnlyKeys(bad.keySet());
      for (String key : bad.keySet()) {
        ConsumerRecord<byte[], byte[]> letter = dead.get(key);
        assertThat(letter.value()).as(key).isEqualTo(bad.get(key));
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.STAGE))
            .isEqualTo(DeadLetters.STAGE_DESERIALIZE);
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.TOPIC))
            .isEqualTo(EnrichTopics.ENRICHED.name());
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.REASON))
            .as(key)
            .startsWith("not a valid EnrichedArticle JSON document");
      }
      assertThat(DeadLetters.header(dead.get("bad-verdict").headers(), DeadLetters.REASON))
          .contains("verdict");
      assertThat(counts.get("outlet|agg-dlq.example|all").mentions()).isEqualTo(1);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
