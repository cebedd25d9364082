package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.DeadLetters;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.ingest.InputFormat;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Bad input, at the CLI and on the topic: reported or dead-lettered, and the rest flows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterIT {
  private PipelineFixture pipeline;

  @BeforeAll
  void start(@TempDir Path dir) {
    pipeline = new PipelineFixture(dir);
  }

  @AfterAll
  void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void shouldReportMalformedLineWithFileAndLineAndSendTheRestWhenIngestingJsonLines(
      @TempDir Path dir) throws Exception {
    Path file = dir.resolve("batch.jsonl");
    Files.writeString(
        file,
        """
        {"outlet":"cli.example","title":"Satu","body":"Artikel pertama tentang pemilu."}
        {"outlet":"cli.example","title":"Dua", "body": oops}
        {"outlet":"cli.example","title":"Tiga","body":"Artikel ketiga tentang ekonomi."}
        """);
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    IngestRun.Result result =
        IngestRun.run(
            pipeline.bootstrap(),
            Map.of(),
            List.of(file.toString()),
            InputFormat.AUTO,
            Article.UNKNOWN_OUTLET,
            null,
            InputStream.nullInputStream(),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);

    assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + ":2: malformed JSON");
    assertThat(result.summary().sent()).isEqualTo(2);
    assertThat(result.summary().invalid()).isEqualTo(1);
    pipeline.awaitOutput(
        "both valid lines enriched",
        () -> result.sentIds().stream().allMatch(pipeline.summary::enriched));
  }

  @Test
  void
      shouldDeadLetterMalformedAndInvalidRecordsWithReasonAndOriginalBytesWhenProducedByAnyClient() {
    String malformed = "{\"title\": \"broken";
    String noBody = "{\"outlet\":\"topic.example\",\"title\":\"Tanpa isi\"}";
    String valid =
        "{\"outlet\":\"topic.example\",\"title\":\"Ada isi\",\"body\":\"Isi artikel yang sah.\"}";
    List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();

    String validId = Article.idOf(null, "Ada isi", "Isi artikel yang sah.");
    try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    pipeline.bootstrap(),
                    ProducerConfig.ACKS_CONFIG,
                    "all"),
                new StringSerializer(),
                new StringSerializer());
        TopicTail dlq = new TopicTail(pipeline.bootstrap(), List.of(EnrichTopics.DLQ.name()))) {
      // Alone first: under exactly-once the dead letter must be committed even when no valid
      // record follows in the same task.
      producer.send(new ProducerRecord<>(ArticleTopics.RAW.name(), "bad-1", malformed));
      producer.flush();
      awaitDeadLetters(dlq, dead, 1);
      producer.send(new ProducerRecord<>(ArticleTopics.RAW.name(), "bad-2", noBody));
      producer.send(new ProducerRecord<>(ArticleTopics.RAW.name(), "good-1", valid));
      producer.flush();
      awaitDeadLetters(dlq, dead, 2);
    }
    pipeline.awaitOutput("the valid record enriched", () -> pipeline.summary.enriched(validId));

    assertThat(dead).hasSize(2);
    ConsumerRecord<byte[], byte[]> first = byKey(dead, "bad-1");
    assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo(malformed);
    assertThat(DeadLetters.header(first.headers(), DeadLetters.STAGE)).isEqualTo("deserialize");
    assertThat(DeadLetters.header(first.headers(), DeadLetters.REASON)).contains("Article");
    assertThat(DeadLetters.header(first.headers(), DeadLetters.TOPIC))
        .isEqualTo(ArticleTopics.RAW.name());
    ConsumerRecord<byte[], byte[]> second = byKey(dead, "bad-2");
    assertThat(new String(second.value(), StandardCharsets.UTF_8)).isEqualTo(noBody);
    assertThat(DeadLetters.header(second.headers(), DeadLetters.STAGE)).isEqualTo("validate");
    assertThat(DeadLetters.header(second.headers(), DeadLetters.REASON)).contains("'body'");
  }

  private static void awaitDeadLetters(
      TopicTail dlq, List<ConsumerRecord<byte[], byte[]>> dead, int count) {
    long deadline = System.nanoTime() + PipelineFixture.DEADLINE.toNanos();
    while (dead.size() < count) {
      assertThat(System.nanoTime()).as("%d dead letters in time", count).isLessThan(deadline);
      dlq.catchUp(Duration.ofSeconds(5), dead::add);
    }
  }

  private static ConsumerRecord<byte[], byte[]> byKey(
      List<ConsumerRecord<byte[], byte[]>> records, String key) {
    return records.stream()
        .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no dead letter with key " + key));
  }
}
