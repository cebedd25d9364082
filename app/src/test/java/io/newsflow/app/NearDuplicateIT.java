package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Verdict;
import io.newsflow.ingest.ArticlePublisher;
import io.newsflow.ingest.NewsPageParser;
import io.newsflow.testkit.Edit;
import io.newsflow.testkit.TestBrokers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Near copies caught across partitions on a real broker: 6 partitions, 2 stream threads, the
 * original and its copies on different partitions of every topic; then the enrich app loses its
 * local state and rebuilds its decision index from the decide-log changelog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearDuplicateIT {
  private static final int PARTITIONS = 6;
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private EmbeddedKafkaBroker broker;
  private Path stateDir;
  private final Settings settings =
      new Settings(Map.of(), Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2"));

  @BeforeAll
  void start(@TempDir Path dir) {
    broker = TestBrokers.builder(dir.resolve("broker")).build();
    broker.start();
    PipelineTopics.ensure(broker.bootstrapServers(), PARTITIONS, Optional.empty());
    stateDir = dir.resolve("streams");
  }

  @AfterAll
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldCatchCopyOnAnotherPartitionAndAfterRestoringStateFromChangelogs() throws Exception {
    String original = seedBody("002");
    String firstCopy = Edit.MIXED.apply(original, 0.10, seedBody("001"), new Random(11));
    String secondCopy = Edit.TYPOS.apply(original, 0.10, original, new Random(12));
    String origId = "orig";
    String copyId = idOnAnotherPartition("copy-", origId);
    String laterId = idOnAnotherPartition("later-", origId);

    Map<String, EnrichedArticle> byId = new HashMap<>();
    try (StreamsService enrich = enrichApp().start(DEADLINE);
        TopicTail tail =
            new TopicTail(broker.bootstrapServers(), List.of(EnrichTopics.ENRICHED.name()))) {
      assertThat(enrich.streams().metadataForLocalThreads()).hasSize(2);
      // The copy goes out once the original is decided: two near copies in flight together can
      // both miss each other or pick either as the original (docs/SYNDICATION.md, limits).
      send(origId, original);
      await(tail, byId, origId);
      send(copyId, firstCopy);
      await(tail, byId, copyId);
      // what the demo prints when it gives up: the state and this instance's active tasks, the
      // prepare tasks (0_*) and the one decide task (1_0)
      assertThat(enrich.describe())
          .contains(": RUNNING, active tasks [0_0, 0_1, ")
          .endsWith(", 1_0]");
    }
    assertThat(byId.get(origId).dedup().verdict()).isEqualTo(Verdict.ORIGINAL);
    assertThat(byId.get(copyId).dedup().verdict()).isEqualTo(Verdict.NEAR);
    assertThat(byId.get(copyId).dedup().canonicalId()).isEqualTo(origId);

    // Lose every local store: the band index and signatures must come back from the changelogs.
    try (Stream<Path> walk = Files.walk(stateDir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    try (StreamsService enrich = enrichApp().start(DEADLINE);
        TopicTail tail =
            new TopicTail(broker.bootstrapServers(), List.of(EnrichTopics.ENRICHED.name()))) {
      send(laterId, secondCopy);
      await(tail, byId, laterId);
      assertThat(PipelineFixture.metric(enrich, "order-late-total")).isZero();
    }
    assertThat(byId.get(laterId).dedup().verdict()).isEqualTo(Verdict.NEAR);
    assertThat(byId.get(laterId).dedup().canonicalId()).isEqualTo(origId);
  }

  private StreamsService enrichApp() {
    return Pipeline.enrich(broker.bootstrapServers(), stateDir, settings, "near-it-enrich");
  }

  private void send(String id, String body) {
    Article article =
        new Article(
            1,
            id,
            null,
            id + ".example",
            "Judul " + id,
            body,
            "id",
            null,
            Instant.now(),
            null,
            null,
            null);
    try (KafkaProducer<String, Article> producer =
        new KafkaProducer<>(
            ArticlePublisher.config(broker.bootstrapServers(), Map.of()),
            ArticleTopics.RAW.keySerde().serializer(),
            ArticleTopics.RAW.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(ArticleTopics.RAW.name(), id, article));
    }
  }

  private static void await(TopicTail tail, Map<String, EnrichedArticle> byId, String id) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!byId.containsKey(id)) {
      assertThat(System.nanoTime()).as("%s enriched in time", id).isLessThan(deadline);
      tail.catchUp(
          Duration.ofSeconds(5),
          r -> {
            EnrichedArticle e =
                EnrichTopics.ENRICHED.valueSerde().deserializer().deserialize(r.topic(), r.value());
            byId.put(e.id(), e);
          });
    }
  }

  /**
   * An id whose raw-topic partition differs from {@code other}'s, so the copy crosses partitions.
   */
  private static String idOnAnotherPartition(String prefix, String other) {
    for (int i = 0; ; i++) {
      String id = prefix + i;
      if (partition(id) != partition(other)) {
        return id;
      }
    }
  }

  private static int partition(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }

  private static String seedBody(String number) throws IOException {
    try (Stream<Path> s = Files.list(PipelineIT.SEEDS)) {
      Path f =
          s.filter(p -> p.getFileName().toString().startsWith(number + "_"))
              .findFirst()
              .orElseThrow();
      return new NewsPageParser()
          .parse(Files.readString(f, StandardCharsets.UTF_8), f.toString(), "unknown")
          .body();
    }
  }
}
