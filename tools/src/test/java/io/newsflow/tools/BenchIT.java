package io.newsflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.newsflow.app.Settings;
import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.contracts.Article;
import io.newsflow.testkit.Corpus;
import io.newsflow.testkit.TestBrokers;
import io.newsflow.tools.bench.Benchmark;
import io.newsflow.tools.bench.RecordTraffic;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of the benchmark harness, so that CI prints the figures. It fails only on errors (the
 * pipeline not finishing), never on speed: timings on a shared machine are noise.
 */
class BenchIT {

  @Test
  void shouldPrintThroughputFiguresWhenAShortBenchmarkRuns(@TempDir Path dir) throws Exception {
    Corpus generator = Corpus.fromSeeds(java.nio.file.Path.of("..", "seeds"));
    List<Article> corpus =
        generator.articles(
            1000, 0.3, 42, Instant.parse("2024-10-21T08:00:00Z"), Corpus.Options.news());
    Benchmark.LatencyPlan latency =
        new Benchmark.LatencyPlan(
            generator.articles(1000, 0.3, 43, Instant.now(), Corpus.Options.news()), 200);
    assertThat(new HashSet<>(corpus.stream().map(Article::id).toList())).hasSize(1000);
    assertThat(corpus).allSatisfy(a -> assertThat(a.problems()).isEmpty());

    Benchmark.Result result;
    try (EmbeddedKafkaBroker broker = TestBrokers.builder(dir.resolve("broker")).build()) {
      broker.start();
      result =
          Benchmark.run(
              broker.bootstrapServers(),
              dir.resolve("streams"),
              corpus,
              List.of(),
              0,
              0.3,
              Corpus.Options.news().englishShare(),
              3,
              latency,
              Settings.empty());
    }
    System.out.println(BenchCommand.render(result));

    assertThat(result.passThroughPerSecond()).isPositive();
    assertThat(result.pipelinePerSecond()).isPositive();
    assertThat(result.jitCoresTimed()).isNotNegative();
    assertThat(result.cpu().processMsPerArticle())
        .isGreaterThan(result.cpu().enrichThreadsMsPerArticle())
        .isGreaterThan(result.cpu().aggregateThreadsMsPerArticle());
    assertThat(result.cpu().enrichThreadsMsPerArticle()).isPositive();
    assertThat(result.cpu().aggregateThreadsMsPerArticle()).isPositive();
    assertThat(result.meanArticleBytes()).isBetween(2048.0, 8192.0);
    assertThat(result.latency().received()).isEqualTo(1000);
    assertThat(result.latency().p99Ms()).isPositive();
    assertThat(result.stateBytes()).isPositive();
    // Every article is enriched once (copies too), so the enriched topic gets one record each (a
    // transaction aborted and sent again would add a few); changelogs and internal hops add the
    // rest.
    assertThat(result.traffic().topics())
        .filteredOn(t -> t.topic().equals("news.articles.enriched"))
        .singleElement()
        .satisfies(t -> assertThat(t.recordsPerArticle()).isCloseTo(1.0, within(0.01)));
    assertThat(result.traffic().recordsPerArticle(RecordTraffic.Kind.CHANGELOG)).isPositive();
    assertThat(result.traffic().recordsPerArticle(RecordTraffic.Kind.REPARTITION)).isPositive();
    // Each article is stamped as it is sent (Benchmark.produce), so the decide step gets them in
    // the order rule's order: hardly any late (when the corpus shared one ingest time, most were).
    assertThat(result.decisions().late()).isLessThanOrEqualTo(corpus.size() / 100);
    assertThat(result.decisions().storiesOpened() + result.decisions().storiesJoined())
        .isPositive();
  }
}
