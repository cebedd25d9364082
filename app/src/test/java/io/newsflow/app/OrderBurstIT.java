package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.JsonSerde;
import io.newsflow.contracts.Verdict;
import io.newsflow.ingest.ArticlePublisher;
import io.newsflow.ingest.NewsPageParser;
import io.newsflow.testkit.Corpus;
import io.newsflow.testkit.Edit;
import io.newsflow.testkit.TestBrokers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bursts on a real broker (3 raw partitions): an original and its edited reprint sent in the same
 * millisecond to different partitions, 200 times with random ids, the reprint sent first; the five
 * seeds ingested at once. The order rule must hold every time: the earlier record timestamp (then
 * the smaller id) is the original, copies share their original's story, the seeds form one story.
 */
class OrderBurstIT {
  private static final int PAIRS = 200;
  private static final int PARTITIONS = 3;
  private static final Instant START = Instant.parse("2026-12-02T06:00:00Z");
  private static final JsonSerde<EnrichedArticle> ENRICHED = new JsonSerde<>(EnrichedArticle.class);

  /** A pair: who must come out original, who its copy. */
  record Pair(String original, String copy) {}

  @Test
  void shouldMakeTheEarlierArticleTheOriginalEveryTimeWhenPairsArriveTogether(@TempDir Path dir)
      throws Exception {
    Random random = new Random(2026);
    List<Article> texts = Corpus.fromSeeds(PipelineIT.SEEDS).articles(PAIRS + 1, 0.0, 7, START);
    List<Pair> pairs = new ArrayList<>();
    List<ProducerRecord<String, Article>> records = new ArrayList<>();
    for (int k = 0; k < PAIRS; k++) {
      String a = randomId(random);
      String b = randomId(random);
      while (partition(b) == partition(a)) {
        b = randomId(random);
      }
      String body = texts.get(k).body();
      String reprint = Edit.MIXED.apply(body, 0.10, texts.get(k + 1).body(), random);
      long base = START.toEpochMilli() + 10L * k;
      // Even pairs: the original 1 ms earlier. Odd pairs: the same millisecond, so the smaller id
      // is the original whichever text it carries.
      boolean tie = k % 2 == 1;
      long originalTime = base;
      long reprintTime = tie ? base : base + 1;
      String originalId = tie ? min(a, b) : a;
      String reprintId = tie ? max(a, b) : b;
      // The reprint goes out first.
      records.add(record(reprintId, reprint, reprintTime));
      records.add(record(originalId, body, originalTime));
      pairs.add(new Pair(originalId, reprintId));
    }
    // The seeds first, all in one millisecond, before the pairs in time and in sending order (a
    // producer's timestamps do not go back): the pairs' texts are learnt from the seeds.
    List<Article> seeds = seeds();
    long seedTime = START.toEpochMilli() - 1000;
    for (int i = 0; i < seeds.size(); i++) {
      Article s = seeds.get(i);
      records.add(i, new ProducerRecord<>(ArticleTopics.RAW.name(), null, seedTime, s.id(), s));
    }

    Map<String, EnrichedArticle> out;
    try (EmbeddedKafkaBroker broker = TestBrokers.builder(dir.resolve("broker")).port(0).build()) {
      broker.start();
      String bootstrap = broker.bootstrapServers();
      PipelineTopics.ensure(bootstrap, PARTITIONS, Optional.empty());
      try (StreamsService enrich =
          Pipeline.enrich(
              bootstrap,
              dir.resolve("streams"),
              new Settings(Map.of(), Map.of()),
              Pipeline.ENRICH_APP_ID)) {
        enrich.start(Pipeline.START_TIMEOUT);
        try (KafkaProducer<String, Article> producer =
            new KafkaProducer<>(
                ArticlePublisher.config(bootstrap, Map.of()),
                ArticleTopics.RAW.keySerde().serializer(),
                ArticleTopics.RAW.valueSerde().serializer())) {
          records.forEach(producer::send);
          producer.flush();
        }
        out = collect(bootstrap, records.size());
      }
    }

    for (Pair p : pairs) {
      EnrichedArticle original = out.get(p.original());
      EnrichedArticle copy = out.get(p.copy());
      assertThat(original.dedup().verdict()).as("original of %s", p).isEqualTo(Verdict.ORIGINAL);
      assertThat(copy.dedup().verdict()).as("copy of %s", p).isEqualTo(Verdict.NEAR);
      assertThat(copy.dedup().canonicalId()).as("copy of %s", p).isEqualTo(p.original());
      assertThat(copy.storyId()).as("story of %s", p).isEqualTo(original.storyId());
    }
    assertThat(seeds.stream().map(s -> out.get(s.id()).storyId()).distinct().toList())
        .as("the seeds' stories")
        .containsExactly(seeds.stream().map(Article::id).sorted().findFirst().orElseThrow());
  }

  private static ProducerRecord<String, Article> record(String id, String body, long time) {
    Article a =
        new Article(
            1,
            id,
            null,
            id.substring(0, 6) + ".example",
            "Judul " + id,
            body,
            "id",
            null,
            Instant.ofEpochMilli(time),
            null,
            null,
            null);
    return new ProducerRecord<>(ArticleTopics.RAW.name(), null, time, id, a);
  }

  private static String randomId(Random random) {
    return Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }

  private static int partition(String key) {
    byte[] bytes = new StringSerializer().serialize(null, key);
    return Utils.toPositive(Utils.murmur2(bytes)) % PARTITIONS;
  }

  private static String min(String a, String b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  private static String max(String a, String b) {
    return a.compareTo(b) < 0 ? b : a;
  }

  private static List<Article> seeds() throws Exception {
    NewsPageParser parser = new NewsPageParser();
    List<Article> seeds = new ArrayList<>();
    try (Stream<Path> files = Files.list(PipelineIT.SEEDS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        Article a =
            parser.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString(), "unknown");
        seeds.add(a.withDefaults(START));
      }
    }
    return seeds;
  }

  private static Map<String, EnrichedArticle> collect(String bootstrap, int n) {
    Map<String, EnrichedArticle> out = new HashMap<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    try (TopicTail tail = new TopicTail(bootstrap, List.of(EnrichTopics.ENRICHED.name()))) {
      while (out.size() < n && System.nanoTime() < deadline) {
        tail.catchUp(
            Duration.ofSeconds(1),
            r -> {
              EnrichedArticle a = ENRICHED.deserializer().deserialize(r.topic(), r.value());
              out.put(a.id(), a);
            });
      }
    }
    assertThat(out).as("enriched articles").hasSize(n);
    return out;
  }
}
