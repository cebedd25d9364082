package io.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

  private final FeedServer server = new FeedServer();
  private final List<Duration> waits = new ArrayList<>();
  private final FeedFetcher fetcher =
      new FeedFetcher(
          FeedFetcher.defaultClient(),
          new FeedFetcher.Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(30)),
          64 * 1024,
          "newsflow-test",
          waits::add);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldReturnBodyAndValidatorsWhenFeedAnswers200() throws Exception {
    FeedServer.Resource feed = server.serve("/rss", FeedServer.fixture("rss2.xml"));
    feed.etag = "\"v1\"";
    feed.lastModified = "Mon, 03 Mar 2025 01:00:00 GMT";

    FeedFetcher.Result result = fetcher.fetch(server.uri("/rss"), TIMEOUT, null, null);

    assertThat(result)
        .isInstanceOfSatisfying(
            FeedFetcher.Fetched.class,
            f -> {
              assertThat(new String(f.body(), StandardCharsets.UTF_8)).contains("Harga beras");
              assertThat(f.etag()).isEqualTo("\"v1\"");
              assertThat(f.lastModified()).isEqualTo("Mon, 03 Mar 2025 01:00:00 GMT");
              assertThat(f.contentType()).startsWith("application/rss+xml");
              assertThat(f.attempts()).isEqualTo(1);
            });
    assertThat(server.requests("/rss").get(0).userAgent()).isEqualTo("newsflow-test");
  }

  @Test
  void shouldSendValidatorsAndReturnNotModifiedWhenFeedIsUnchanged() throws Exception {
    server.serve("/rss", FeedServer.fixture("rss2.xml")).etag = "\"v1\"";

    FeedFetcher.Result result =
        fetcher.fetch(server.uri("/rss"), TIMEOUT, "\"v1\"", "Mon, 03 Mar 2025 01:00:00 GMT");

    assertThat(result).isInstanceOf(FeedFetcher.NotModified.class);
    FeedServer.Request request = server.requests("/rss").get(0);
    assertThat(request.ifNoneMatch()).isEqualTo("\"v1\"");
    assertThat(request.ifModifiedSince()).isEqualTo("Mon, 03 Mar 2025 01:00:00 GMT");
  }

  @Test
  void shouldFailWithoutRetryWhenFeedAnswers404() throws Exception {
    FeedFetcher.Result result = fetcher.fetch(server.uri("/missing"), TIMEOUT, null, null);

    assertThat(result)
        .isInstanceOfSatisfying(
            FeedFetcher.Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(FeedFetcher.Reason.HTTP_ERROR);
              assertThat(f.message()).contains("HTTP 404");
              assertThat(f.attempts()).isEqualTo(1);
            });
    assertThat(waits).isEmpty();
  }

  @Test
  void shouldRetryWithGrowingBackoffWhenServerAnswers503() throws Exception {
    server.serve("/busy", "").status = 503;

    FeedFetcher.Result result = fetcher.fetch(server.uri("/busy"), TIMEOUT, null, null);

    assertThat(result)
        .isInstanceOfSatisfying(
            FeedFetcher.Failed.class, f -> assertThat(f.attempts()).isEqualTo(3));
    assertThat(server.requests("/busy")).hasSize(3);
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
  }

  @Test
  void shouldTimeOutAndRetryWhenServerIsSlow() throws Exception {
    server.serve("/slow", FeedServer.fixture("rss2.xml")).hang = true;
    long start = System.nanoTime();

    FeedFetcher.Result result = fetcher.fetch(server.uri("/slow"), SHORT_TIMEOUT, null, null);

    assertThat(result)
        .isInstanceOfSatisfying(
            FeedFetcher.Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(FeedFetcher.Reason.TIMEOUT);
              assertThat(f.attempts()).isEqualTo(3);
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("three bounded attempts, not the server's hang")
        .isLessThan(Duration.ofSeconds(FeedServer.HANG_LIMIT_SECONDS));
  }

  @Test
  void shouldFailWithoutRetryWhenFeedIsLargerThanTheLimit() throws Exception {
    server.serve("/huge", "x".repeat(200 * 1024));

    FeedFetcher.Result result = fetcher.fetch(server.uri("/huge"), TIMEOUT, null, null);

    assertThat(result)
        .isInstanceOfSatisfying(
            FeedFetcher.Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(FeedFetcher.Reason.TOO_LARGE);
              assertThat(f.attempts()).isEqualTo(1);
            });
  }

  @Test
  void shouldDecompressWhenServerSendsGzip() throws Exception {
    server.serve("/zipped", FeedServer.fixture("atom.xml")).gzip = true;

    FeedFetcher.Result result = fetcher.fetch(server.uri("/zipped"), TIMEOUT, null, null);

    assertThat(result)
        .isInstanceOfSatisfying(
            FeedFetcher.Fetched.class,
            f -> assertThat(new String(f.body(), StandardCharsets.UTF_8)).contains("<feed"));
  }

  @Test
  void shouldReportNetworkErrorWhenNothingListens() throws Exception {
    java.net.URI closed = server.uri("/rss");
    server.close();

    FeedFetcher.Result result = fetcher.fetch(closed, TIMEOUT, null, null);

    assertThat(result)
        .isInstanceOfSatisfying(
            FeedFetcher.Failed.class,
            f -> {
              assertThat(f.reason()).isEqualTo(FeedFetcher.Reason.NETWORK);
              assertThat(f.attempts()).isEqualTo(3);
            });
  }
}
