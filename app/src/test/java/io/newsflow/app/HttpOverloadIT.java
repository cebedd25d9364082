package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.contracts.Article;
import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.http.ArticleEndpoint;
import io.newsflow.kit.HttpService;
import io.newsflow.testkit.TestBrokers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients against the real servers of {@code serve} (ingest: {@code POST /articles}, {@code
 * /metrics}, {@code /health/*}) and of the aggregate app ({@code /api/*}, the live page, health),
 * on localhost: 200 connections each that send half a request and wait take no one else's turn, and
 * are closed after the stated header timeout ({@link HttpService#HEADER_TIMEOUT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpOverloadIT {
  private static final int IDLE_CONNECTIONS = 200;
  private static final long ANSWER_WITHIN_MS = 1000;

  private EmbeddedKafkaBroker broker;
  private IngestServer serve;
  private AggregateService aggregate;
  private final Observability serveObservability = new Observability();
  private final Observability aggregateObservability = new Observability();
  private final List<Socket> idle = new ArrayList<>();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  void start(@TempDir Path dir) {
    broker = TestBrokers.builder(dir.resolve("broker")).build();
    broker.start();
    PipelineTopics.ensure(broker.bootstrapServers(), 3, Optional.empty());
    serve =
        IngestServer.start(
            broker.bootstrapServers(),
            java.util.Map.of(),
            new IngestServer.Config(
                List.of(),
                FeedPoller.Options.DEFAULT,
                0,
                "127.0.0.1",
                ArticleEndpoint.Limits.DEFAULT,
                null,
                Duration.ofMillis(100),
                Article.UNKNOWN_OUTLET,
                null),
            serveObservability,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    aggregate =
        new AggregateService(
                broker.bootstrapServers(),
                dir.resolve("aggregate"),
                Settings.empty(),
                "overload-it-aggregate",
                "127.0.0.1",
                0,
                "127.0.0.1",
                aggregateObservability)
            .start(Duration.ofSeconds(90));
  }

  @AfterAll
  void stop() throws IOException {
    for (Socket s : idle) {
      s.close();
    }
    for (AutoCloseable c :
        new AutoCloseable[] {
          aggregate, serve, aggregateObservability, serveObservability, broker
        }) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // closing the rest matters more
      }
    }
  }

  @Test
  void shouldAnswerProbesAndQueriesWhileIdleHalfRequestsHoldConnectionsAndCloseThemInTime()
      throws Exception {
    String ingest = serve.http().baseUri();
    String api = aggregate.apiUri();
    long opened = System.nanoTime();
    for (String base : List.of(ingest, api)) {
      URI uri = URI.create(base);
      for (int i = 0; i < IDLE_CONNECTIONS; i++) {
        // Half a request line, half a request's headers: what a slow or hostile client sends.
        String half =
            i % 2 == 0 ? "GET /health/li" : "POST /articles HTTP/1.1\r\nHost: x\r\nContent-Le";
        idle.add(halfRequest(uri.getPort(), half));
      }
    }

    for (int round = 0; round < 3; round++) {
      answersInTime(ingest + "/health/live", null, 200);
      answersInTime(ingest + "/metrics", null, 200);
      // Not an article: answered by the endpoint at once, without Kafka.
      answersInTime(ingest + "/articles", "{\"title\":\"no body\"}", 422);
      answersInTime(api + "/health/live", null, 200);
      answersInTime(api + "/api/status", null, 200);
      answersInTime(api + "/api/top?facet=outlet", null, 200);
    }

    Duration limit = HttpService.HEADER_TIMEOUT.plusSeconds(5);
    for (Socket s : idle) {
      assertThat(closedWithin(s, opened, limit))
          .as("a half request closed within %s of connecting", limit)
          .isTrue();
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
    assertThat(elapsedMs)
        .as("closed after the header timeout, not before")
        .isGreaterThanOrEqualTo(HttpService.HEADER_TIMEOUT.toMillis() - 500);
    answersInTime(ingest + "/health/live", null, 200);
    answersInTime(api + "/health/live", null, 200);
  }

  private void answersInTime(String uri, String postBody, int status) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5));
    if (postBody != null) {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(postBody));
    }
    long start = System.nanoTime();
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(response.statusCode()).as(uri + " -> " + response.body()).isEqualTo(status);
    assertThat(ms).as("%s answered in %d ms", uri, ms).isLessThan(ANSWER_WITHIN_MS);
  }

  private static Socket halfRequest(int port, String start) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    OutputStream out = s.getOutputStream();
    out.write(start.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }

  /** Whether the server closed {@code s} (end of stream or reset) by {@code opened + limit}. */
  private static boolean closedWithin(Socket s, long opened, Duration limit) throws IOException {
    long deadline = opened + limit.toNanos();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[1024];
    while (System.nanoTime() < deadline) {
      s.setSoTimeout(
          (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      try {
        // The server may answer (400, 408) before it closes: read past it.
        if (in.read(buf) == -1) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }
}
