package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.near.MinHasher;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.DuplicateLink;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Verdict;
import io.newsflow.enrich.decide.HeldRawLogEnds;
import io.newsflow.enrich.decide.RawLogEnds;
import io.newsflow.ingest.NewsPageParser;
import io.newsflow.kit.StreamsSettings;
import io.newsflow.testkit.Edit;
import io.newsflow.testkit.TestTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Near-duplicate verdicts through the whole enrich topology (band index round trip included). */
class NearDuplicateTopologyTest {
  private static final Instant START = Instant.parse("2024-10-22T08:00:00Z");
  private static final Path SEEDS = Path.of("..", "seeds");

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Article> raw;
  private TestOutputTopic<String, EnrichedArticle> enriched;
  private TestOutputTopic<String, DuplicateLink> duplicates;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  // TopologyTestDriver runs every topic as a single partition, so the internal topics get one too;
  // the routing across partitions is covered by NearDuplicateIT on a real broker.
  private void start(EnrichConfig config) {
    start(config, RawLogEnds.synchronous());
  }

  private void start(EnrichConfig config, RawLogEnds ends) {
    driver =
        new TopologyTestDriver(
            EnrichTopology.build(
                config, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), ends),
            StreamsSettings.of("near-test", "dummy:1234", stateDir, Map.of()),
            START);
    raw = TestTopics.input(driver, ArticleTopics.RAW);
    enriched = TestTopics.output(driver, EnrichTopics.ENRICHED);
    duplicates = TestTopics.output(driver, EnrichTopics.DUPLICATES);
  }

  @Test
  void shouldFlagNearCopyWhenRepublishedWithEditsUnderAnotherKey() throws IOException {
    start(EnrichConfig.defaults());
    String original = seedBody("003");
    String copy = Edit.MIXED.apply(original, 0.10, seedBody("001"), new Random(7));

    raw.pipeInput("detik-1", article("detik-1", "detik.com", original), START);
    raw.pipeInput("copy-1", article("copy-1", "copycat.example", copy), START.plusSeconds(60));

    Map<String, EnrichedArticle> out = enriched.readKeyValuesToMap();
    assertThat(out.get("detik-1").dedup().verdict()).isEqualTo(Verdict.ORIGINAL);
    Dedup dedup = out.get("copy-1").dedup();
    assertThat(dedup.verdict()).isEqualTo(Verdict.NEAR);
    assertThat(dedup.canonicalId()).isEqualTo("detik-1");
    assertThat(dedup.evidence()).isEqualTo(Dedup.MINHASH_LSH);
    assertThat(dedup.similarity()).isBetween(0.35, 0.99);
    DuplicateLink link = duplicates.readValue();
    assertThat(link.copyId()).isEqualTo("copy-1");
    assertThat(link.canonicalId()).isEqualTo("detik-1");
    assertThat(link.verdict()).isEqualTo(Verdict.NEAR);
    assertThat(duplicates.isEmpty()).isTrue();
  }

  @Test
  void shouldLinkCopyOfACopyToTheOriginalWhenAllThreeAreSimilar() throws IOException {
    start(EnrichConfig.defaults());
    String a = seedBody("001");
    String b = Edit.TRIM_ENDING.apply(a, 0.10, a, new Random(1));
    String c = Edit.TYPOS.apply(b, 0.05, a, new Random(2));

    raw.pipeInput("a", article("a", "tribunnews.com", a), START);
    raw.pipeInput("b", article("b", "x.example", b), START.plusSeconds(1));
    raw.pipeInput("c", article("c", "y.example", c), START.plusSeconds(2));

    Map<String, EnrichedArticle> out = enriched.readKeyValuesToMap();
    assertThat(out.get("b").dedup().canonicalId()).isEqualTo("a");
    assertThat(out.get("c").dedup().verdict()).isEqualTo(Verdict.NEAR);
    assertThat(out.get("c").dedup().canonicalId()).isEqualTo("a");
  }

  @Test
  void shouldNotChainOntoACopyWhenTheOriginalIsNotSimilarEnough() throws IOException {
    start(EnrichConfig.defaults());
    // Overlapping windows over one story's paragraphs: b shares most of a, c shares the second
    // half of b but little of a.
    String[] p = seedBody("001").split("\n");
    int n = p.length;
    String a = String.join("\n", Arrays.copyOfRange(p, 0, 2 * n / 3));
    String b = String.join("\n", Arrays.copyOfRange(p, n / 6, 5 * n / 6));
    String c = String.join("\n", Arrays.copyOfRange(p, n / 2, n));
    MinHasher hasher = new MinHasher(2, 192);
    assertThat(MinHasher.similarity(hasher.signature(c), hasher.signature(b))).isGreaterThan(0.4);
    assertThat(MinHasher.similarity(hasher.signature(c), hasher.signature(a))).isLessThan(0.3);

    raw.pipeInput("a", article("a", "tribunnews.com", a), START);
    raw.pipeInput("b", article("b", "x.example", b), START.plusSeconds(1));
    raw.pipeInput("c", article("c", "y.example", c), START.plusSeconds(2));

    Map<String, EnrichedArticle> out = enriched.readKeyValuesToMap();
    assertThat(out.get("b").dedup().verdict()).isEqualTo(Verdict.NEAR);
    assertThat(out.get("b").dedup().canonicalId()).isEqualTo("a");
    assertThat(out.get("c").dedup().verdict()).isEqualTo(Verdict.ORIGINAL);
  }

  @Test
  void shouldMakeTheEarlierArticleTheOriginalWhenItArrivesLaterButBeforeRelease()
      throws IOException {
    HeldRawLogEnds ends = new HeldRawLogEnds();
    // One partition here: timestamps going back by less than the grace are still put in order.
    start(
        EnrichConfig.defaults()
            .withDedupHorizon(Duration.ofHours(6))
            .withOrderGrace(Duration.ofHours(6)),
        ends);
    String original = seedBody("002");

    raw.pipeInput("orig", article("orig", "kompas.tv", original), START.plus(Duration.ofHours(3)));
    raw.pipeInput(
        "unrelated",
        article("unrelated", "detik.com", seedBody("003")),
        START.plus(Duration.ofHours(5)));
    raw.pipeInput(
        "early",
        article(
            "early",
            "x.example",
            Edit.DROP_SENTENCES.apply(original, 0.1, original, new Random(3))),
        START.plus(Duration.ofHours(1)));
    ends.catchUp();
    driver.advanceWallClockTime(Duration.ofSeconds(1));

    Map<String, EnrichedArticle> out = enriched.readKeyValuesToMap();
    assertThat(out.get("early").dedup().verdict()).isEqualTo(Verdict.ORIGINAL);
    assertThat(out.get("orig").dedup().verdict()).isEqualTo(Verdict.NEAR);
    assertThat(out.get("orig").dedup().canonicalId()).isEqualTo("early");
    assertThat(out.get("orig").storyId()).isEqualTo(out.get("early").storyId());
  }

  @Test
  void shouldTreatCopyAsOriginalWhenItArrivesAfterTheHorizon() throws IOException {
    start(EnrichConfig.defaults().withDedupHorizon(Duration.ofHours(1)));
    String original = seedBody("002");

    raw.pipeInput("orig", article("orig", "kompas.tv", original), START);
    raw.pipeInput(
        "much-later",
        article(
            "much-later", "x.example", Edit.REORDER.apply(original, 0.1, original, new Random(4))),
        START.plus(Duration.ofHours(3)));

    Map<String, EnrichedArticle> out = enriched.readKeyValuesToMap();
    assertThat(out.get("much-later").dedup().verdict()).isEqualTo(Verdict.ORIGINAL);
    assertThat(duplicates.isEmpty()).isTrue();
  }

  @Test
  void shouldKeepTheFiveSeedsOriginalAndCreditTheirAgenciesWhenIngestedTogether()
      throws IOException {
    start(EnrichConfig.defaults());
    NewsPageParser parser = new NewsPageParser();
    List<Path> files;
    try (Stream<Path> s = Files.list(SEEDS)) {
      files = s.sorted().toList();
    }
    for (Path f : files) {
      Article a =
          parser
              .parse(Files.readString(f, StandardCharsets.UTF_8), f.toString(), "unknown")
              .withDefaults(START);
      raw.pipeInput(a.id(), a, START);
    }

    List<EnrichedArticle> out = enriched.readValuesToList();
    assertThat(out)
        .hasSize(5)
        .allSatisfy(e -> assertThat(e.dedup().verdict()).isEqualTo(Verdict.ORIGINAL));
    Map<String, List<String>> wireByOutlet =
        out.stream()
            .collect(
                Collectors.toMap(
                    e -> e.article().outlet(),
                    e -> e.wire().stream().map(w -> w.agency()).toList()));
    assertThat(wireByOutlet)
        .containsEntry("kontan.co.id", List.of("reuters", "dpa"))
        .containsEntry("tribunnews.com", List.of("bbc"))
        .containsEntry("kompas.tv", List.of("cbs-news"))
        .containsEntry("detik.com", List.of("afp"))
        .containsEntry("unknown", List.of("yonhap"));
    assertThat(duplicates.isEmpty()).isTrue();
  }

  private static String seedBody(String number) throws IOException {
    try (Stream<Path> s = Files.list(SEEDS)) {
      Path f =
          s.filter(p -> p.getFileName().toString().startsWith(number + "_"))
              .findFirst()
              .orElseThrow();
      return new NewsPageParser()
          .parse(Files.readString(f, StandardCharsets.UTF_8), f.toString(), "unknown")
          .body();
    }
  }

  private static Article article(String id, String outlet, String body) {
    return new Article(
        1, id, null, outlet, "Judul " + id, body, "id", null, null, null, null, null);
  }
}
