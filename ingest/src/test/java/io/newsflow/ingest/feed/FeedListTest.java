package io.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedListTest {

  @Test
  void shouldReadUrlsWithOptionsAndSkipCommentsWhenListIsValid(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("feeds.txt");
    Files.writeString(
        file,
        """
        # newsroom feeds
        https://www.antaranews.com/rss/terkini.xml

        https://example.com/atom.xml  interval=PT2M outlet=Example.com   # wire
        http://127.0.0.1:8080/feed#frag interval=90s timeout=5s
        """);

    List<FeedSpec> feeds = FeedList.read(file);

    assertThat(feeds).hasSize(3);
    assertThat(feeds.get(0).key()).isEqualTo("https://www.antaranews.com/rss/terkini.xml");
    assertThat(feeds.get(0).interval()).isEqualTo(FeedSpec.DEFAULT_INTERVAL);
    assertThat(feeds.get(0).outlet()).isNull();
    assertThat(feeds.get(1).interval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(feeds.get(1).outlet()).isEqualTo("example.com");
    assertThat(feeds.get(2).key()).isEqualTo("http://127.0.0.1:8080/feed#frag");
    assertThat(feeds.get(2).interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(feeds.get(2).timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void shouldReportEveryBadLineWithFileAndLineWhenListHasErrors() {
    List<String> lines =
        List.of(
            "https://ok.example/rss",
            "ftp://files.example/feed.xml",
            "https://ok.example/rss",
            "https://a.example/rss interval=soon",
            "https://b.example/rss colour=blue",
            "https://c.example/rss interval=PT0.1S",
            "https://d.example/rss outlet",
            "not a url at all");

    assertThatThrownBy(() -> FeedList.parse(lines, "feeds.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feeds.txt:2: expected an http:// or https:// URL")
        .hasMessageContaining("feeds.txt:3: feed https://ok.example/rss is listed twice")
        .hasMessageContaining("feeds.txt:4: interval=soon is not a duration")
        .hasMessageContaining("feeds.txt:5: unknown key 'colour'")
        .hasMessageContaining("feeds.txt:6: interval=PT0.1S is shorter than 1s")
        .hasMessageContaining("feeds.txt:7: expected key=value after the URL")
        .hasMessageContaining("feeds.txt:8:")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("feeds.txt:1:"));
  }

  @Test
  void shouldRejectListWhenItHoldsNoFeeds() {
    assertThatThrownBy(() -> FeedList.parse(List.of("# nothing yet", ""), "empty.txt"))
        .hasMessageContaining("empty.txt: no feeds listed");
  }

  @Test
  void shouldNameTheFileWhenItCannotBeRead(@TempDir Path dir) {
    assertThatThrownBy(() -> FeedList.read(dir.resolve("missing.txt")))
        .hasMessageContaining("cannot read feed list")
        .hasMessageContaining("missing.txt");
  }
}
