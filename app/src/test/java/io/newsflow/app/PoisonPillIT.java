package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.DeadLetters;
import io.newsflow.contracts.EnrichTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 on a real broker: the records that used to stop enrich (a 70,000-character word, a 205
 * KB article dense in names, {@code "publishedAt": 1e300}) followed by good articles. The first two
 * are valid and now enriched within the bounds; the third is dead-lettered with its reason; every
 * good article is enriched; the enrich app's stream threads are never replaced or stopped.
 */
class PoisonPillIT {
  private static final int KAFKA_DEFAULT_MAX_BYTES = 1024 * 1024;
  private static final String NAMES =
      "Joko Widodo, Prabowo Subianto dan Sri Mulyani bertemu Vladimir Putin di Jakarta. ";

  private static byte[] json(String id, String body, String extra) {
    return ("{\"id\":\""
            + id
            + "\",\"outlet\":\"poison.example\",\"title\":\"Judul "
            + id
            + "\",\"body\":\""
            + body
            + "\""
            + extra
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldEnrichGoodArticlesAndNeverRestartWhenPoisonRecordsComeFirst(@TempDir Path dir) {
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
                List.of(EnrichTopics.ENRICHED.name(), EnrichTopics.DLQ.name()))) {
      List<KafkaStreams.State> states = new ArrayList<>();
      Set<String> threadsBefore = threads(pipeline.enrich.streams());

      Map<String, byte[]> sent = new HashMap<>();
      sent.put(
          "poison-word", json("poison-word", "data:image/png;base64," + "A".repeat(70_000), ""));
      sent.put("poison-names", json("poison-names", NAMES.repeat(2_500), ""));
      sent.put("poison-date", json("poison-date", "Isi berita.", ",\"publishedAt\":1e300"));
      for (String id : List.of("poison-word", "poison-names", "poison-date")) {
        producer.send(new ProducerRecord<>(ArticleTopics.RAW.name(), id, sent.get(id)));
      }
      List<String> good = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String id = "good-" + i;
        good.add(id);
        producer.send(
            new ProducerRecord<>(
                ArticleTopics.RAW.name(),
                id,
                json(id, "Menteri Retno Marsudi tiba di Tokyo untuk pertemuan ke-" + i + ".", "")));
      }
      producer.flush();

      Map<String, ConsumerRecord<byte[], byte[]>> enriched = new HashMap<>();
      Map<String, ConsumerRecord<byte[], byte[]>> dead = new HashMap<>();
      long deadline = System.nanoTime() + PipelineFixture.DEADLINE.toNanos();
      while (!(enriched.keySet().containsAll(good)
          && enriched.containsKey("poison-word")
          && enriched.containsKey("poison-names")
          && dead.containsKey("poison-date"))) {
        assertThat(System.nanoTime()).as("all outcomes in time").isLessThan(deadline);
        states.add(pipeline.enrich.state());
        tail.catchUp(
            Duration.ofSeconds(2),
            r -> {
              String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
              (r.topic().equals(EnrichTopics.DLQ.name()) ? dead : enriched).put(key, r);
            });
      }

      for (ConsumerRecord<byte[], byte[]> r : enriched.values()) {
        assertThat(r.serializedValueSize()).isLessThan(KAFKA_DEFAULT_MAX_BYTES);
      }
      System.out.printf(
          "PoisonPillIT: dense names %d bytes in, %d bytes enriched; long word %d in, %d out%n",
          sent.get("poison-names").length,
          enriched.get("poison-names").serializedValueSize(),
          sent.get("poison-word").length,
          enriched.get("poison-word").serializedValueSize());
      assertThat(dead).containsOnlyKeys("poison-date");
      ConsumerRecord<byte[], byte[]> date = dead.get("poison-date");
      assertThat(date.value()).isEqualTo(sent.get("poison-date"));
      assertThat(DeadLetters.header(date.headers(), DeadLetters.REASON))
          .contains("field 'publishedAt': not a date");
      assertThat(states).isSubsetOf(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
      assertThat(pipeline.enrich.state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(threads(pipeline.enrich.streams())).isEqualTo(threadsBefore);
    }
  }

  private static Set<String> threads(KafkaStreams streams) {
    return streams.metadataForLocalThreads().stream()
        .map(ThreadMetadata::threadName)
        .collect(Collectors.toSet());
  }
}
