package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.aggregate.Facet;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.CountRecord;
import io.newsflow.ingest.InputFormat;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The seeds through the real pipeline: broker, ingest, enrich, aggregate. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {
  static final Path SEEDS = Path.of("..", "seeds");

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
  void shouldEnrichAndCountEachSeedOnceWhenSeedsAreIngestedTwice() {
    IngestRun.Result first = ingestSeeds();

    assertThat(first.summary().sent()).isEqualTo(5);
    pipeline.awaitOutput(
        "5 seeds enriched and counted",
        () ->
            first.sentIds().stream().allMatch(pipeline.summary::enriched)
                && pipeline.summary.countsCaughtUp()
                // distinct stories arrive as a later update of each count (by-story path)
                && pipeline.summary.counts(Facet.OUTLET).size() == 5
                && pipeline.summary.counts(Facet.OUTLET).values().stream()
                    .allMatch(c -> c.distinctStories() == 1));
    Map<String, CountRecord> before = pipeline.summary.counts(Facet.OUTLET);
    assertThat(pipeline.summary.enrichedRecords()).isEqualTo(5);
    assertThat(pipeline.summary.exactCopies()).isZero();
    assertThat(pipeline.summary.deadLetters()).isZero();
    assertThat(before.keySet())
        .containsExactly("detik.com", "kompas.tv", "kontan.co.id", "tribunnews.com", "unknown");
    assertThat(before.values())
        .allSatisfy(
            c -> {
              assertThat(c.mentions()).isEqualTo(1);
              assertThat(c.stories()).isEqualTo(1);
            });

    IngestRun.Result second = ingestSeeds();

    assertThat(second.sentIds()).containsExactlyElementsOf(first.sentIds());
    // The re-sent seeds are dropped by enrich; wait until all five were seen and dropped, then
    // make sure nothing new reached the output topics.
    pipeline.awaitOutput(
        "5 re-sent seeds dropped",
        () -> PipelineFixture.metric(pipeline.enrich, "resend-dropped-total") >= 5);
    pipeline.awaitOutput("output caught up", () -> true);
    assertThat(pipeline.summary.enrichedRecords()).isEqualTo(5);
    assertThat(pipeline.summary.counts(Facet.OUTLET)).isEqualTo(before);
  }

  private IngestRun.Result ingestSeeds() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    IngestRun.Result result =
        IngestRun.run(
            pipeline.bootstrap(),
            Map.of(),
            List.of(SEEDS.toString()),
            InputFormat.AUTO,
            Article.UNKNOWN_OUTLET,
            null,
            InputStream.nullInputStream(),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    return result;
  }
}
