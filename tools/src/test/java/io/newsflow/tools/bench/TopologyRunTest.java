package io.newsflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Article;
import io.newsflow.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyRunTest {
  private static final Path SEEDS = Path.of("..", "seeds");
  private static final Instant AT = Instant.parse("2024-10-29T08:00:00Z");

  @TempDir Path stateDir;

  @Test
  void shouldEnrichEveryTimedArticleAndChargeItsCpuTimeWhenRunThroughTheTopology()
      throws IOException {
    Corpus corpus = Corpus.fromSeeds(SEEDS);
    List<Article> warmup = corpus.articles(20, 0.3, 1, AT, Corpus.Options.news());
    List<Article> timed = corpus.articles(40, 0.3, 2, AT, Corpus.Options.news());

    TopologyRun.Figures figures = TopologyRun.measure(warmup, timed, stateDir);

    assertThat(figures.warmupArticles()).isEqualTo(20);
    assertThat(figures.articles()).isEqualTo(40);
    assertThat(figures.enriched()).isEqualTo(40);
    assertThat(figures.cpuMsPerArticle()).isPositive();
    assertThat(TopologyRun.render(figures)).contains("40 articles after 20 of warm-up");
  }
}
