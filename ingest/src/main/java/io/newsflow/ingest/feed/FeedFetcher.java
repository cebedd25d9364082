package io.newsflow.ingest.feed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Fetches a feed with the JDK's {@link HttpClient}: a conditional GET ({@code If-None-Match},
 * {@code If-Modified-Since}) bounded in time (headers and body) and size, gzip accepted, retried
 * with exponential backoff on timeouts, network errors, 408, 429 and 5xx. Other 4xx answers are not
 * retried: asking again would get the same answer.
 *
 * <p>Thread-safe; one instance serves every feed.
 */
public final class FeedFetcher {
  static final String ACCEPT =
      "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

  /**
   * How a failed attempt is retried.
   *
   * @param attempts tries per poll, the first included (1 = no retry)
   * @param initialBackoff wait after the first failed attempt; doubled after each further one
   * @param maxBackoff the longest wait between attempts
   */
  public record Retry(int attempts, Duration initialBackoff, Duration maxBackoff) {
    public static final Retry DEFAULT = new Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

    public Retry {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
      }
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
    }
  }

  /** Why a fetch failed: the {@code outcome} tag of the poll. */
  public enum Reason {
    /** An HTTP status other than 2xx and 304. */
    HTTP_ERROR,
    /** No complete answer within the feed's timeout. */
    TIMEOUT,
    /** Connection refused or reset, unknown host, TLS failure. */
    NETWORK,
    /** The body is larger than the limit. */
    TOO_LARGE;

    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a fetch ended with, after retries. */
  public sealed interface Result {
    /** Tries it took. */
    int attempts();
  }

  /**
   * A 2xx answer with its (decompressed) body and the validators to send next time.
   *
   * @param contentType the {@code Content-Type} header, which may name the charset (or null)
   */
  public record Fetched(
      byte[] body, String contentType, String etag, String lastModified, int attempts)
      implements Result {}

  /** 304: the feed did not change since the validators sent. */
  public record NotModified(int attempts) implements Result {}

  /** No usable answer; {@code message} says what happened, for the log and the feed's state. */
  public record Failed(Reason reason, String message, int attempts) implements Result {}

  /** Waits between attempts; tests pass one that does not wait. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final HttpClient client;
  private final Retry retry;
  private final int maxBytes;
  private final String userAgent;
  private final Sleeper sleeper;

  /**
   * @param retry attempts and backoff
   * @param maxBytes the largest body accepted (after decompression)
   * @param userAgent the {@code User-Agent} header: publishers like to know who polls them
   */
  public FeedFetcher(Retry retry, int maxBytes, String userAgent) {
    this(defaultClient(), retry, maxBytes, userAgent, d -> Thread.sleep(d.toMillis()));
  }

  FeedFetcher(HttpClient client, Retry retry, int maxBytes, String userAgent, Sleeper sleeper) {
    this.client = client;
    this.retry = retry;
    this.maxBytes = maxBytes;
    this.userAgent = userAgent;
    this.sleeper = sleeper;
  }

  static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        // HTTP/1.1: an h2c upgrade request confuses some old feed servers and proxies.
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /**
   * Fetches {@code url}, sending the validators when not null, with up to {@link Retry#attempts()}
   * tries.
   *
   * @throws InterruptedException when the poller is shutting down
   */
  public Result fetch(URI url, Duration timeout, String etag, String lastModified)
      throws InterruptedException {
    Duration backoff = retry.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      Attempt a = once(url, timeout, etag, lastModified, attempt);
      if (!a.retryable() || attempt >= retry.attempts()) {
        return a.result();
      }
      long jittered =
          (long) (backoff.toMillis() * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
      sleeper.sleep(Duration.ofMillis(jittered));
      backoff = min(backoff.multipliedBy(2), retry.maxBackoff());
    }
  }

  private record Attempt(Result result, boolean retryable) {}

  private Attempt once(URI url, Duration timeout, String etag, String lastModified, int attempt)
      throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .GET()
            .timeout(timeout)
            .header("User-Agent", userAgent)
            .header("Accept", ACCEPT)
            .header("Accept-Encoding", "gzip");
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      request.header("If-Modified-Since", lastModified);
    }
    CompletableFuture<HttpResponse<byte[]>> pending =
        client.sendAsync(request.build(), info -> new LimitedBody(maxBytes));
    HttpResponse<byte[]> response;
    try {
      // The request timeout covers the wait for headers only; this bounds the body too.
      response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      return timedOut(timeout, attempt);
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      return failure(e.getCause(), timeout, attempt);
    }
    int status = response.statusCode();
    if (status == 304) {
      return new Attempt(new NotModified(attempt), false);
    }
    if (status < 200 || status > 299) {
      boolean retryable = status == 408 || status == 429 || status >= 500;
      return new Attempt(
          new Failed(Reason.HTTP_ERROR, "HTTP " + status + " from " + url, attempt), retryable);
    }
    byte[] body = response.body();
    String encoding = response.headers().firstValue("Content-Encoding").orElse("");
    if (encoding.equalsIgnoreCase("gzip")) {
      try {
        body = gunzip(body, maxBytes);
      } catch (TooLargeException e) {
        return new Attempt(tooLarge(attempt), false);
      } catch (IOException e) {
        return new Attempt(
            new Failed(Reason.NETWORK, "broken gzip body: " + e.getMessage(), attempt), true);
      }
    }
    return new Attempt(
        new Fetched(
            body,
            response.headers().firstValue("Content-Type").orElse(null),
            response.headers().firstValue("ETag").orElse(null),
            response.headers().firstValue("Last-Modified").orElse(null),
            attempt),
        false);
  }

  private Attempt failure(Throwable cause, Duration timeout, int attempt) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof TooLargeException) {
        return new Attempt(tooLarge(attempt), false);
      }
      if (t instanceof HttpTimeoutException) {
        return timedOut(timeout, attempt);
      }
    }
    String what =
        cause instanceof ConnectException
            ? "cannot connect"
            : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    return new Attempt(new Failed(Reason.NETWORK, what, attempt), true);
  }

  private Attempt timedOut(Duration timeout, int attempt) {
    return new Attempt(
        new Failed(
            Reason.TIMEOUT, "no complete answer within " + timeout.toMillis() + " ms", attempt),
        true);
  }

  private Failed tooLarge(int attempt) {
    return new Failed(Reason.TOO_LARGE, "feed is larger than " + maxBytes + " bytes", attempt);
  }

  private static byte[] gunzip(byte[] body, int maxBytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      byte[] out = in.readNBytes(maxBytes + 1);
      if (out.length > maxBytes) {
        throw new TooLargeException();
      }
      return out;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Signals a body over the limit. */
  private static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException() {
      super("body too large");
    }
  }

  /**
   * Collects the body and gives up (cancelling the download) as soon as it passes the limit, so a
   * huge or endless answer cannot exhaust memory.
   */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final int maxBytes;
    private Flow.Subscription subscription;

    LimitedBody(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        if (buffer.size() + item.remaining() > maxBytes) {
          subscription.cancel();
          result.completeExceptionally(new TooLargeException());
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        buffer.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(buffer.toByteArray());
    }
  }
}
