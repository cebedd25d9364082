package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, run through the real launcher. */
class DemoCommandIT {

  @Test
  void shouldPrintSummaryAndDumpTopicsWhenDemoRunsOnceOnTheSeeds(@TempDir Path dir)
      throws Exception {
    Path dump = dir.resolve("dump");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      exit =
          Newsflow.commandLine()
              .execute(
                  "demo",
                  "--once",
                  "--broker-port",
                  "0",
                  "--data-dir",
                  dir.resolve("data").toString(),
                  "--seeds",
                  PipelineIT.SEEDS.toString(),
                  "--dump",
                  dump.toString());
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    original.print(out);

    assertThat(exit).as(out).isZero();
    assertThat(out)
        .contains("ingest: sent 5, failed 0, invalid input 0")
        .contains("enriched:       5 articles (5 originals, 0 exact copies, 0 near copies)")
        .containsPattern("reuters +1 / 1")
        .contains("top actors", "top locations", "top themes")
        .containsPattern("military +5 / 5")
        .containsPattern("Yoon Suk Yeol +4 / 4")
        .contains("query API: http://127.0.0.1:", "metrics: http://127.0.0.1:")
        .containsPattern("cbs-news +1 / 1")
        .contains("dead-lettered:  0")
        .containsPattern("kompas\\.tv +1 / 1")
        .containsPattern("tribunnews\\.com +1 / 1");
    assertThat(Files.readAllLines(dump.resolve("news.articles.raw.jsonl"))).hasSize(5);
    assertThat(Files.readAllLines(dump.resolve("news.articles.enriched.jsonl"))).hasSize(5);
    assertThat(Files.readAllLines(dump.resolve("news.articles.dlq.jsonl"))).isEmpty();
    assertThat(Files.readAllLines(dump.resolve("news.counts.jsonl")))
        .anySatisfy(l -> assertThat(l).contains("\"key\":\"outlet|kontan.co.id|all\""));
  }
}
