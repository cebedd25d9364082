package io.newsflow.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.ingest.ArticleReader;
import io.newsflow.ingest.IngestMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatcherTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-03T02:00:00Z"), ZoneOffset.UTC);
  private static final String LINE_1 =
      "{\"outlet\":\"kompas.tv\",\"title\":\"Satu\",\"body\":\"Artikel pertama tentang pemilu.\"}\n";
  private static final String LINE_2 =
      "{\"outlet\":\"kompas.tv\",\"title\":\"Dua\",\"body\":\"Artikel kedua tentang ekonomi.\"}\n";

  @TempDir Path dir;
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final List<FolderWatcher.FileOutcome> reported = new ArrayList<>();
  private final MockProducer<String, Article> producer =
      new MockProducer<>(
          true, null, new StringSerializer(), ArticleTopics.RAW.valueSerde().serializer());
  private FolderWatcher watcher;

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
  }

  @Test
  void shouldPublishAndMoveToDoneWhenFileIsCompleteAndValid() throws Exception {
    watcher = watcher();
    Files.writeString(dir.resolve("batch.jsonl"), LINE_1 + LINE_2);
    Files.writeString(
        dir.resolve("page.txt"), "KOMPAS.TV - Gempa kecil terasa di Bandung pagi ini.\n");

    assertThat(watcher.scanNow()).as("first sight: not yet known to be complete").isEmpty();
    List<FolderWatcher.FileOutcome> outcomes = watcher.scanNow();

    assertThat(outcomes)
        .extracting(FolderWatcher.FileOutcome::status)
        .containsExactly("done", "done");
    assertThat(producer.history()).hasSize(3);
    assertThat(dir.resolve("done/batch.jsonl")).exists();
    assertThat(dir.resolve("done/page.txt")).exists();
    assertThat(dir.resolve("batch.jsonl")).doesNotExist();
    assertThat(watcher.scanNow()).as("ingested once").isEmpty();
    assertThat(producer.history()).hasSize(3);
    assertThat(reported).hasSize(2);
    assertThat(items("published")).isEqualTo(3);
    assertThat(registry.get(FolderWatcher.FILES).tag("outcome", "done").counter().count())
        .isEqualTo(2);
  }

  @Test
  void shouldWaitWhenFileIsStillGrowing() throws Exception {
    watcher = watcher();
    Path file = dir.resolve("growing.jsonl");
    Files.writeString(file, LINE_1);
    watcher.scanNow();
    Files.writeString(file, LINE_1 + LINE_2);

    assertThat(watcher.scanNow()).isEmpty();
    assertThat(watcher.scanNow())
        .singleElement()
        .satisfies(o -> assertThat(o.published()).isEqualTo(2));
  }

  @Test
  void shouldMoveToFailedWithErrorFileWhenALineIsInvalid() throws Exception {
    watcher = watcher();
    Files.writeString(
        dir.resolve("mixed.jsonl"),
        LINE_1 + "{\"outlet\":\"kompas.tv\",\"title\":\"Tanpa isi\"}\n");
    Files.writeString(dir.resolve("notes.docx"), "binary-ish");
    Files.writeString(dir.resolve(".hidden.jsonl.part"), LINE_2);

    watcher.scanNow();
    List<FolderWatcher.FileOutcome> outcomes = watcher.scanNow();

    assertThat(outcomes)
        .extracting(FolderWatcher.FileOutcome::status)
        .containsExactly("failed", "failed");
    assertThat(producer.history()).as("the valid line still goes out").hasSize(1);
    assertThat(dir.resolve("failed/mixed.jsonl")).exists();
    assertThat(Files.readString(dir.resolve("failed/mixed.jsonl.error.txt")))
        .contains("mixed.jsonl:2: field 'body' is missing or blank");
    assertThat(Files.readString(dir.resolve("failed/notes.docx.error.txt")))
        .contains("unknown format");
    assertThat(dir.resolve(".hidden.jsonl.part")).as("hidden files are left alone").exists();
  }

  @Test
  void shouldMoveToFailedNamingTheLineWhenALineIsTenMegabytesOrNotUtf8() throws Exception {
    watcher = watcher();
    String huge =
        "{\"outlet\":\"kompas.tv\",\"body\":\"" + "kata ".repeat(2 * 1024 * 1024) + "\"}\n";
    try (var out = Files.newOutputStream(dir.resolve("big.jsonl"))) {
      out.write(LINE_1.getBytes(StandardCharsets.UTF_8));
      out.write(huge.getBytes(StandardCharsets.UTF_8));
      out.write("{\"outlet\":\"kompas.tv\",\"body\":\"caf".getBytes(StandardCharsets.UTF_8));
      out.write(new byte[] {(byte) 0xE9, '"', '}', '\n'});
      out.write(LINE_2.getBytes(StandardCharsets.UTF_8));
    }

    watcher.scanNow();
    List<FolderWatcher.FileOutcome> outcomes = watcher.scanNow();

    assertThat(outcomes).extracting(FolderWatcher.FileOutcome::status).containsExactly("failed");
    assertThat(producer.history()).as("the two good lines still go out").hasSize(2);
    assertThat(Files.readString(dir.resolve("failed/big.jsonl.error.txt")))
        .contains(
            "big.jsonl:2: line is " + (huge.length() - 1) + " bytes, over the limit of one article")
        .contains("big.jsonl:3: not UTF-8");
  }

  @Test
  void shouldKeepFileAndRetryWhenKafkaDoesNotAcknowledge() throws Exception {
    watcher = watcher();
    Files.writeString(dir.resolve("batch.jsonl"), LINE_1);
    watcher.scanNow();
    producer.sendException = new org.apache.kafka.common.KafkaException("no broker");

    FolderWatcher.FileOutcome outcome = watcher.scanNow().get(0);

    assertThat(outcome.status()).isEqualTo("retry");
    assertThat(dir.resolve("batch.jsonl")).exists();
    producer.sendException = null;
    assertThat(watcher.scanNow())
        .singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo("done"));
  }

  @Test
  void shouldKeepBothWhenANameIsAlreadyDone() throws Exception {
    watcher = watcher();
    Files.writeString(dir.resolve("done/batch.jsonl"), LINE_2);
    Files.writeString(dir.resolve("batch.jsonl"), LINE_1);

    watcher.scanNow();
    FolderWatcher.FileOutcome outcome = watcher.scanNow().get(0);

    assertThat(outcome.movedTo().getFileName().toString())
        .isEqualTo("batch-" + CLOCK.millis() + ".jsonl");
    assertThat(Files.readString(dir.resolve("done/batch.jsonl"))).isEqualTo(LINE_2);
  }

  private FolderWatcher watcher() {
    return new FolderWatcher(
        dir,
        Duration.ofSeconds(1),
        new ArticleReader(CLOCK, Article.UNKNOWN_OUTLET, null),
        producer,
        Duration.ofSeconds(5),
        registry,
        CLOCK,
        reported::add);
  }

  private double items(String outcome) {
    return registry
        .get(IngestMetrics.ITEMS)
        .tags("source", "folder", "outcome", outcome)
        .counter()
        .count();
  }
}
