package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.ingest.NewsPageParser;
import io.newsflow.kit.StreamsSettings;
import io.newsflow.testkit.Corpus;
import io.newsflow.testkit.TestTopics;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five seeds and generated articles about unrelated events through the real enrich topology:
 * the seeds form one story and no generated article joins it. The generated articles come from
 * {@link Corpus} built on three self-written pages (a flood, a football match, rice prices) in
 * {@code src/test/resources/unrelated}, with copies among them.
 */
class StoryCorpusTopologyTest {
  private static final Instant START = Instant.parse("2024-10-22T08:00:00Z");
  private static final Path SEEDS = Path.of("..", "seeds");

  @TempDir Path stateDir;
  private TopologyTestDriver driver;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void shouldKeepUnrelatedGeneratedArticlesOutOfTheSeedStoryWhenBothArrive()
      throws IOException, URISyntaxException {
    // TopologyTestDriver runs every topic as one partition, so the internal topics get one too.
    driver =
        new TopologyTestDriver(
            EnrichTopology.build(EnrichConfig.defaults()),
            StreamsSettings.of("story-corpus-test", "dummy:1234", stateDir, Map.of()),
            START);
    TestInputTopic<String, Article> raw = TestTopics.input(driver, ArticleTopics.RAW);
    TestOutputTopic<String, EnrichedArticle> enriched =
        TestTopics.output(driver, EnrichTopics.ENRICHED);
    Path unrelated = Path.of(getClass().getResource("/unrelated").toURI());
    List<Article> generated = Corpus.fromSeeds(unrelated).articles(40, 0.2, 11, START);
    List<Article> seeds = seeds();

    List<Article> all = new ArrayList<>(seeds.subList(0, 2));
    all.addAll(generated.subList(0, 20));
    all.addAll(seeds.subList(2, 5));
    all.addAll(generated.subList(20, 40));
    for (int i = 0; i < all.size(); i++) {
      raw.pipeInput(all.get(i).id(), all.get(i), START.plusSeconds(30L * i));
    }

    Map<String, EnrichedArticle> out = enriched.readKeyValuesToMap();
    assertThat(out).hasSize(45);
    Set<String> seedStories =
        seeds.stream().map(s -> out.get(s.id()).storyId()).collect(Collectors.toSet());
    assertThat(seedStories).hasSize(1);
    String seedStory = seedStories.iterator().next();
    Set<String> inSeedStory =
        out.values().stream()
            .filter(a -> seedStory.equals(a.storyId()))
            .map(EnrichedArticle::id)
            .collect(Collectors.toSet());
    assertThat(inSeedStory)
        .containsExactlyInAnyOrderElementsOf(seeds.stream().map(Article::id).toList());
    assertThat(generated).allSatisfy(g -> assertThat(out.get(g.id()).storyId()).isNotNull());
  }

  private static List<Article> seeds() throws IOException {
    NewsPageParser parser = new NewsPageParser();
    List<Article> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(SEEDS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        Article a =
            parser.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString(), "unknown");
        out.add(
            new Article(
                a.schemaVersion(),
                Article.idOf(a.url(), a.title(), a.body()),
                a.url(),
                a.outlet(),
                a.title(),
                a.body(),
                a.language(),
                a.publishedAt(),
                a.ingestedAt(),
                a.credits(),
                a.boilerplate(),
                a.source()));
      }
    }
    return out;
  }
}
