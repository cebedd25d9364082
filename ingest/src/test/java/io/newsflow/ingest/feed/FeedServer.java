package io.newsflow.ingest.feed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A local feed server for tests, on 127.0.0.1 and a free port: serves fixtures with ETag and
 * Last-Modified (answering 304 to a matching conditional GET), fixed error statuses, gzip, and a
 * resource that hangs (bounded: released at {@link #close()} or after {@link #HANG_LIMIT_SECONDS}).
 * Records every request.
 */
public final class FeedServer implements AutoCloseable {
  public static final long HANG_LIMIT_SECONDS = 10;

  /** How one path answers; change it between polls. */
  public static final class Resource {
    public volatile byte[] body = new byte[0];
    public volatile String contentType = "application/rss+xml; charset=utf-8";
    public volatile String etag;
    public volatile String lastModified;
    public volatile int status = 200;
    public volatile boolean gzip;
    public volatile boolean hang;

    public Resource body(String text) {
      body = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }
  }

  /** What the server saw. */
  public record Request(
      String path, String ifNoneMatch, String ifModifiedSince, String userAgent) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final Map<String, Resource> resources = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  public FeedServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A test fixture from this package's resources, e.g. {@code rss2.xml}. */
  public static String fixture(String name) {
    try (InputStream in = FeedServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves {@code body} at {@code path} (200, no validators until set). */
  public Resource serve(String path, String body) {
    Resource r = new Resource().body(body);
    resources.put(path, r);
    return r;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
      String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
      requests.add(
          new Request(
              path,
              ifNoneMatch,
              ifModifiedSince,
              exchange.getRequestHeaders().getFirst("User-Agent")));
      Resource r = resources.get(path);
      if (r == null) {
        send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8), false);
        return;
      }
      if (r.hang) {
        try {
          release.await(HANG_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (r.status != 200) {
        send(
            exchange,
            r.status,
            "text/plain",
            ("status " + r.status).getBytes(StandardCharsets.UTF_8),
            false);
        return;
      }
      if (r.etag != null) {
        exchange.getResponseHeaders().set("ETag", r.etag);
      }
      if (r.lastModified != null) {
        exchange.getResponseHeaders().set("Last-Modified", r.lastModified);
      }
      boolean notModified =
          (r.etag != null && r.etag.equals(ifNoneMatch))
              || (r.etag == null
                  && r.lastModified != null
                  && r.lastModified.equals(ifModifiedSince));
      if (notModified) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      send(exchange, 200, r.contentType, r.body, r.gzip);
    }
  }

  private static void send(
      HttpExchange exchange, int status, String contentType, byte[] body, boolean gzip)
      throws IOException {
    byte[] out = body;
    if (gzip) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      try (GZIPOutputStream zip = new GZIPOutputStream(buffer)) {
        zip.write(body);
      }
      out = buffer.toByteArray();
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(out);
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
