package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.EnrichTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outside client, kcat (librdkafka), feeds the embedded broker and reads the enriched result.
 * Skipped with a message where kcat is not installed ({@code .ci/run} installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KcatIT {
  private PipelineFixture pipeline;

  @BeforeAll
  void start(@TempDir Path dir) {
    assumeTrue(
        kcatAvailable(),
        "kcat is not installed (apt-get install kcat; .ci/run does it): skipping the kcat test");
    pipeline = new PipelineFixture(dir);
  }

  @AfterAll
  void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void shouldEnrichArticleProducedByKcatAndLetKcatReadItBack(@TempDir Path dir) throws Exception {
    String marker = "kcat-" + UUID.randomUUID();
    String article =
        "{\"outlet\":\"kcat.example\",\"title\":\""
            + marker
            + "\",\"body\":\"Dikirim lewat kcat.\"}\n";
    Path input = dir.resolve("article.json");
    Files.writeString(input, article);

    Process produce =
        new ProcessBuilder(
                "kcat",
                "-b",
                pipeline.bootstrap(),
                "-t",
                ArticleTopics.RAW.name(),
                "-P",
                "-X",
                "acks=all",
                input.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(produce.waitFor(30, TimeUnit.SECONDS)).as("kcat -P finished").isTrue();
    assertThat(produce.exitValue())
        .as(new String(produce.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();

    pipeline.awaitOutput(
        "the kcat article enriched", () -> pipeline.summary.enrichedRecords() >= 1);
    Process consume =
        new ProcessBuilder(
                "kcat",
                "-b",
                pipeline.bootstrap(),
                "-t",
                EnrichTopics.ENRICHED.name(),
                "-C",
                "-o",
                "beginning",
                "-e",
                "-q",
                "-X",
                "isolation.level=read_committed",
                "-f",
                "%k\\t%s\\n")
            .start();
    assertThat(consume.waitFor(30, TimeUnit.SECONDS)).as("kcat -C finished").isTrue();
    List<String> lines =
        new String(consume.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .toList();

    assertThat(lines)
        .anySatisfy(
            line -> {
              assertThat(line).contains(marker).contains("\"verdict\":\"original\"");
              assertThat(line.split("\t")[0]).hasSize(24);
            });
  }

  private static boolean kcatAvailable() {
    try {
      Process p = new ProcessBuilder("kcat", "-V").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
