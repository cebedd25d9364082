package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.story.StoryConfig;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Verdict;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Story ids through the whole enrich topology (index round trip included). */
class StoryTopologyTest {
  private static final Instant START = Instant.parse("2024-10-22T08:00:00Z");
  private static final Path SEEDS = Path.of("..", "seeds");

  /** Self-written English report of the event of seed 000 (not a translation of it). */
  private static final String ENGLISH_REPORT =
      "NATO chief Mark Rutte warns Pyongyang and Moscow over troops for Ukraine war\n"
          + "BRUSSELS - NATO Secretary General Mark Rutte on Monday (21/10/2024) warned North"
          + " Korea and Russia against sending North Korean soldiers to fight in the war in"
          + " Ukraine, after a phone call with South Korean President Yoon Suk Yeol.\n"
          + "Rutte said on X that deploying North Korean troops to fight alongside Russia in"
          + " Ukraine would mark a significant escalation. The two leaders discussed the close"
          + " ties between South Korea and the Western military alliance, and Seoul's intelligence"
          + " service said about 1,500 special forces had already arrived in Russia.";

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Article> raw;
  private TestOutputTopic<String, EnrichedArticle> enriched;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  // TopologyTestDriver runs every topic as one partition, so the internal topics get one too.
  private void start(EnrichConfig config) {
    driver =
        new TopologyTestDriver(
            EnrichTopology.build(config),
            StreamsSettings.of("story-test", "dummy:1234", stateDir, Map.of()),
            START);
    raw = TestTopics.input(driver, ArticleTopics.RAW);
    enriched = TestTopics.output(driver, EnrichTopics.ENRICHED);
  }

  @Test
  void shouldPutTheFiveSeedsInOneStoryWhenEnriched() throws IOException {
    start(EnrichConfig.defaults());
    List<Article> seeds = seeds();
    for (int i = 0; i < seeds.size(); i++) {
      raw.pipeInput(seeds.get(i).id(), seeds.get(i), START.plusSeconds(60L * i));
    }

    Map<String, EnrichedArticle> out = enriched.readKeyValuesToMap();

    assertThat(out).hasSize(5);
    assertThat(out.values()).allSatisfy(a -> assertThat(a.dedup().isCopy()).isFalse());
    assertThat(out.values().stream().map(EnrichedArticle::storyId).distinct().toList())
        .containsExactly(seeds.get(0).id());
    KeyValueStore<String, ?> waiting = driver.getKeyValueStore("decide-buffer");
    assertThat(waiting.approximateNumEntries()).isZero();
  }

  @Test
  void shouldJoinTheIndonesianStoryWhenAnEnglishReportOfTheEventArrives() throws IOException {
    start(EnrichConfig.defaults());
    Article seed = seeds().get(0);
    raw.pipeInput(seed.id(), seed, START);
    Article english = article("reuters-en", "reuters.com", ENGLISH_REPORT, "en");
    raw.pipeInput(english.id(), english, START.plus(Duration.ofHours(3)));

    Map<String, EnrichedArticle> out = enriched.readKeyValuesToMap();

    assertThat(out.get("reuters-en").storyId()).isEqualTo(seed.id());
  }

  @Test
  void shouldGiveCopiesTheirOriginalsStoryWhenRepublished() throws IOException {
    start(EnrichConfig.defaults());
    Article seed = seeds().get(3);
    Article exact = withId(seed, "exact-copy", "copycat.example");
    String edited = Edit.MIXED.apply(seed.body(), 0.10, seeds().get(1).body(), new Random(7));
    Article near = article("near-copy", "copycat.example", edited, "id");

    raw.pipeInput(seed.id(), seed, START);
    raw.pipeInput(exact.id(), exact, START.plusSeconds(5));
    raw.pipeInput(near.id(), near, START.plusSeconds(10));

    Map<String, EnrichedArticle> out = enriched.readKeyValuesToMap();
    assertThat(out.get("exact-copy").dedup().verdict()).isEqualTo(Verdict.EXACT);
    assertThat(out.get("near-copy").dedup().verdict()).isEqualTo(Verdict.NEAR);
    assertThat(out.get("exact-copy").storyId()).isEqualTo(seed.id());
    assertThat(out.get("near-copy").storyId()).isEqualTo(seed.id());
  }

  @Test
  void shouldOpenANewStoryWhenTheEventComesBackAfterTheWindow() throws IOException {
    start(EnrichConfig.defaults().withStory(StoryConfig.DEFAULTS.withWindow(Duration.ofDays(2))));

    List<Article> seeds = seeds();
    raw.pipeInput(seeds.get(0).id(), seeds.get(0), START);
    raw.pipeInput(seeds.get(2).id(), seeds.get(2), START.plus(Duration.ofDays(1)));
    raw.pipeInput(seeds.get(4).id(), seeds.get(4), START.plus(Duration.ofDays(4)));

    Map<String, EnrichedArticle> out = enriched.readKeyValuesToMap();

    assertThat(out.get(seeds.get(2).id()).storyId()).isEqualTo(seeds.get(0).id());
    assertThat(out.get(seeds.get(4).id()).storyId()).isEqualTo(seeds.get(4).id());
  }

  @Test
  void shouldOpenItsOwnStoryWhenAnArticleHasNoTerms() {
    start(EnrichConfig.defaults());
    Article bare = article("bare", "example.com", "Ok.", "id");

    raw.pipeInput(bare.id(), bare, START);

    assertThat(enriched.readValue().storyId()).isEqualTo("bare");
  }

  static List<Article> seeds() throws IOException {
    NewsPageParser parser = new NewsPageParser();
    try (Stream<Path> files = Files.list(SEEDS)) {
      return files
          .filter(f -> f.toString().endsWith(".txt"))
          .sorted()
          .map(
              f -> {
                try {
                  Article a =
                      parser.parse(
                          Files.readString(f, StandardCharsets.UTF_8), f.toString(), "unknown");
                  return withId(a, Article.idOf(a.url(), a.title(), a.body()), a.outlet());
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  private static Article withId(Article a, String id, String outlet) {
    return new Article(
        a.schemaVersion(),
        id,
        a.url(),
        outlet,
        a.title(),
        a.body(),
        a.language(),
        a.publishedAt(),
        a.ingestedAt(),
        a.credits(),
        a.boilerplate(),
        a.source());
  }

  private static Article article(String id, String outlet, String text, String language) {
    int nl = text.indexOf('\n');
    String title = nl > 0 ? text.substring(0, nl) : text;
    String body = nl > 0 ? text.substring(nl + 1) : text;
    return new Article(
        Article.CURRENT_SCHEMA_VERSION,
        id,
        null,
        outlet,
        title,
        body,
        language,
        null,
        null,
        null,
        null,
        "test");
  }
}
