package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Article;
import io.newsflow.ingest.feed.FeedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newsflow demo --once --feeds FILE}: the seeds and a feed list, through the launcher. */
class DemoFeedsIT {
  private final FeedServer feeds = new FeedServer();

  @AfterEach
  void stop() {
    feeds.close();
  }

  @Test
  void shouldIngestFeedItemsWithTheSeedsWhenDemoRunsWithAFeedList(@TempDir Path dir)
      throws Exception {
    feeds.serve("/rss", FeedServer.fixture("rss2.xml"));
    Path list = dir.resolve("feeds.txt");
    Files.writeString(
        list, "# demo feeds\n" + feeds.uri("/rss") + " interval=PT1M outlet=warta-contoh.id\n");
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
                  "--feeds",
                  list.toString(),
                  "--dump",
                  dump.toString());
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    original.print(out);

    assertThat(exit).as(out).isZero();
    assertThat(out)
        .contains("feeds: polling 1 feed from " + list)
        .contains("feed " + feeds.uri("/rss") + ": 3 new, 0 already published")
        .contains("ingest: sent 5, failed 0, invalid input 0");
    String rice = Article.idOf("https://warta-contoh.id/ekonomi/harga-beras-naik", null, null);
    assertThat(Files.readAllLines(dump.resolve("news.articles.raw.jsonl")))
        .hasSize(8)
        .anySatisfy(l -> assertThat(l).contains("\"key\":\"" + rice + "\""));
    assertThat(Files.readAllLines(dump.resolve("news.feeds.state.jsonl"))).hasSize(1);
  }
}
