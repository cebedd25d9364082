package io.newsflow.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HttpService} on real sockets: routes, errors, and what slow or idle clients can do. */
class HttpServiceTest {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final List<Socket> sockets = new ArrayList<>();
  private HttpService http;

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (http != null) {
      http.close();
    }
  }

  @Test
  void shouldRouteByExactPathAndAnswer404Else() throws Exception {
    http =
        HttpService.builder("127.0.0.1", 0)
            .route(
                "/a",
                e -> HttpService.respondJson(e, 200, Map.of("q", e.getRequestURI().getRawQuery())))
            .start();

    HttpResponse<String> ok = get("/a?x=1%202");
    HttpResponse<String> below = get("/a/b");

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(ok.body()).isEqualTo("{\"q\":\"x=1%202\"}");
    assertThat(below.statusCode()).isEqualTo(404);
  }

  @Test
  void shouldAnswer500WhenAHandlerThrowsOrSendsNothing() throws Exception {
    http =
        HttpService.builder("127.0.0.1", 0)
            .route(
                "/boom",
                e -> {
                  throw new IllegalStateException("boom");
                })
            .route("/nothing", e -> {})
            .start();

    assertThat(get("/boom").statusCode()).isEqualTo(500);
    assertThat(get("/nothing").statusCode()).isEqualTo(500);
    assertThat(get("/boom").statusCode()).isEqualTo(500);
  }

  @Test
  void shouldReadTheBodyAndAnswerWithoutABodyWhenAsked() throws Exception {
    http =
        HttpService.builder("127.0.0.1", 0)
            .route(
                "/echo",
                e -> {
                  byte[] body = e.getRequestBody().readAllBytes();
                  e.getResponseHeaders().set("X-Length", Integer.toString(body.length));
                  HttpService.respond(e, 200, "application/octet-stream", body);
                })
            .route(
                "/empty",
                e -> {
                  e.getResponseHeaders().set("ETag", "\"1\"");
                  e.sendResponseHeaders(304, -1);
                })
            .start();

    HttpResponse<String> echo =
        client.send(
            HttpRequest.newBuilder(URI.create(http.baseUri() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> empty = get("/empty");

    assertThat(echo.statusCode()).isEqualTo(200);
    assertThat(echo.headers().firstValue("X-Length")).hasValue("100000");
    assertThat(echo.body()).hasSize(100_000);
    assertThat(empty.statusCode()).isEqualTo(304);
    assertThat(empty.headers().firstValue("ETag")).hasValue("\"1\"");
  }

  @Test
  void shouldKeepAnsweringAndCloseHalfSentRequestsAfterTheTimeout() throws Exception {
    Duration timeout = Duration.ofSeconds(2);
    http =
        HttpService.builder("127.0.0.1", 0)
            .timeouts(timeout, timeout)
            .route("/q", e -> HttpService.respondText(e, 200, "ok\n"))
            .healthRoute("/health/live", e -> HttpService.respondText(e, 200, "up\n"))
            .start();
    long opened = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      sockets.add(halfRequest(http.port(), "GET /q HTTP/1.1\r\nHost: x\r\nX-Slow: "));
    }

    assertThat(timed("/health/live")).isLessThan(1000);
    assertThat(timed("/q")).isLessThan(1000);

    for (Socket s : sockets) {
      assertThat(closedWithin(s, timeout.plusSeconds(3))).isTrue();
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
    assertThat(elapsedMs).isBetween(timeout.toMillis() - 500, timeout.toMillis() + 3000);
  }

  @Test
  void shouldCloseAConnectionThatTricklesItsHeadersPastTheHeaderTimeout() throws Exception {
    http =
        HttpService.builder("127.0.0.1", 0)
            .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(10))
            .route("/q", e -> HttpService.respondText(e, 200, "ok\n"))
            .start();
    Socket s = halfRequest(http.port(), "GET /q HTTP/1.1\r\nHost: x\r\n");
    sockets.add(s);
    long start = System.nanoTime();
    boolean closed = false;
    // A header byte every 200 ms keeps the idle timeout (10 s) from firing; the deadline does.
    for (int i = 0; i < 50 && !closed; i++) {
      try {
        s.getOutputStream().write('X');
        s.getOutputStream().flush();
        Thread.sleep(200);
      } catch (IOException e) {
        closed = true;
      }
      if (!closed) {
        s.setSoTimeout(1);
        try {
          closed = s.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
          // still open
        } catch (IOException e) {
          closed = true;
        }
      }
    }

    assertThat(closed).isTrue();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4000);
  }

  @Test
  void shouldAnswerHealthWhileEveryHandlerThreadIsBusyAnd503WhenTheWaitIsOver() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    http =
        HttpService.builder("127.0.0.1", 0)
            .threads(1)
            .route(
                "/slow",
                e -> {
                  entered.countDown();
                  try {
                    release.await(20, TimeUnit.SECONDS);
                  } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                  }
                  HttpService.respondText(e, 200, "slow\n");
                })
            .route("/q", e -> HttpService.respondText(e, 200, "ok\n"))
            .healthRoute("/health/live", e -> HttpService.respondText(e, 200, "up\n"))
            .start();
    try {
      CompletableFuture<HttpResponse<String>> slow =
          client.sendAsync(
              HttpRequest.newBuilder(URI.create(http.baseUri() + "/slow")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

      assertThat(timed("/health/live")).isLessThan(1000);
      long start = System.nanoTime();
      HttpResponse<String> queued = get("/q");
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(queued.statusCode()).isEqualTo(503);
      assertThat(queued.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(waited)
          .isBetween(
              HttpService.QUEUE_WAIT.toMillis() - 200, HttpService.QUEUE_WAIT.toMillis() + 2000);
      release.countDown();
      assertThat(slow.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    } finally {
      release.countDown();
    }
  }

  @Test
  void shouldMakeRoomWithinSecondsWhenIdleConnectionsReachTheLimit() throws Exception {
    http =
        HttpService.builder("127.0.0.1", 0)
            .timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30))
            .maxConnections(5)
            .healthRoute("/health/live", e -> HttpService.respondText(e, 200, "up\n"))
            .start();
    for (int i = 0; i < 5; i++) {
      sockets.add(halfRequest(http.port(), "GET /health/live HTTP/1.1\r\n"));
    }

    long start = System.nanoTime();
    HttpResponse<String> live = get("/health/live");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(ms)
        .as(
            "answered once the idle timeout at the limit (%s) freed a connection",
            HttpService.IDLE_TIMEOUT_AT_LIMIT)
        .isLessThan(HttpService.IDLE_TIMEOUT_AT_LIMIT.toMillis() + 2500);
  }

  @Test
  void shouldAnswer503WhenClosing() throws Exception {
    http =
        HttpService.builder("127.0.0.1", 0)
            .route("/q", e -> HttpService.respondText(e, 200, "ok\n"))
            .start();
    assertThat(get("/q").statusCode()).isEqualTo(200);
    http.close();
    http.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(http.baseUri() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Milliseconds to a 200 answer on {@code path} (any other answer fails). */
  private long timed(String path) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  static Socket halfRequest(int port, String start) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    OutputStream out = s.getOutputStream();
    out.write(start.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }

  /** Whether the server closed {@code s} (end of stream or reset) within {@code limit}. */
  static boolean closedWithin(Socket s, Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[1024];
    while (System.nanoTime() < deadline) {
      s.setSoTimeout(
          (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      try {
        // The server may answer 408 or 400 before it closes: read past it.
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
