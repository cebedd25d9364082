package io.newsflow.kit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.newsflow.contracts.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server on the JDK's {@code com.sun.net.httpserver} (no extra dependency), for the
 * ingest endpoint and, later, {@code /metrics}: routes by exact path, a bounded pool of handler
 * threads, and helpers to answer with JSON or text.
 *
 * <pre>{@code
 * try (HttpService http = HttpService.builder("127.0.0.1", 8080).route("/articles", handler).start()) {
 *   System.out.println("listening on " + http.baseUri());
 * }
 * }</pre>
 *
 * <p>A request for a path with no route gets 404; a handler that throws gets 500 (logged), so one
 * bad request never takes a handler thread down.
 */
public final class HttpService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Gate gate;
  private boolean closed;

  private HttpService(HttpServer server, ExecutorService executor, Gate gate) {
    this.server = server;
    this.executor = executor;
    this.gate = gate;
  }

  /** Counts the requests in progress, and turns new ones away once closing. */
  private static final class Gate {
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean closing;

    boolean enter() {
      active.incrementAndGet();
      if (closing) {
        active.decrementAndGet();
        return false;
      }
      return true;
    }

    void leave() {
      active.decrementAndGet();
    }
  }

  /** A server on {@code host:port}; port 0 picks a free one (see {@link #port()}). */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port}, without a trailing slash. */
  public String baseUri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /**
   * Turns new requests away (503), gives requests in progress up to two seconds to finish, then
   * stops the server and its handler threads. Safe to call more than once.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // HttpServer.stop(delay) of JDK 17 always waits the whole delay: wait for the requests in
    // progress here, then stop at once.
    gate.closing = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (gate.active.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    server.stop(0);
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("HTTP handler threads still running after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "HttpService[" + baseUri() + "]";
  }

  /** Sends {@code body} with the status and content type, and closes the exchange. */
  public static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Sends {@code value} as JSON (the shared {@link Json#mapper()}) and closes the exchange. */
  public static void respondJson(HttpExchange exchange, int status, Object value)
      throws IOException {
    byte[] body = Json.mapper().writeValueAsBytes(value);
    respond(exchange, status, "application/json; charset=utf-8", body);
  }

  /** Sends a plain-text body and closes the exchange. */
  public static void respondText(HttpExchange exchange, int status, String text)
      throws IOException {
    respond(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** Configures an {@link HttpService}. */
  public static final class Builder {
    private final String host;
    private final int port;
    private final Map<String, HttpHandler> routes = new LinkedHashMap<>();
    private int threads = 8;
    private int backlog = 64;

    private Builder(String host, int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.host = host;
      this.port = port;
    }

    /** Serves exactly {@code path} (not the paths below it) with {@code handler}. */
    public Builder route(String path, HttpHandler handler) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("a route starts with '/': " + path);
      }
      if (routes.putIfAbsent(path, handler) != null) {
        throw new IllegalArgumentException("route " + path + " is already taken");
      }
      return this;
    }

    /** Handler threads: how many requests are served at once (default 8). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Binds and starts serving. */
    public HttpService start() {
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(host, port), backlog);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
      }
      AtomicInteger n = new AtomicInteger();
      ExecutorService executor =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "http-" + port + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      server.setExecutor(executor);
      Map<String, HttpHandler> exact = Map.copyOf(routes);
      Gate gate = new Gate();
      // One root context: the JDK matches contexts by prefix, newsflow routes by exact path.
      server.createContext("/", exchange -> dispatch(exact, gate, exchange));
      server.start();
      return new HttpService(server, executor, gate);
    }

    private static void dispatch(Map<String, HttpHandler> routes, Gate gate, HttpExchange exchange)
        throws IOException {
      if (!gate.enter()) {
        try (exchange) {
          respondText(exchange, 503, "shutting down\n");
        }
        return;
      }
      try (exchange) {
        String path = exchange.getRequestURI().getPath();
        HttpHandler handler = routes.get(path);
        if (handler == null) {
          respondText(exchange, 404, "no such resource: " + path + "\n");
          return;
        }
        try {
          handler.handle(exchange);
        } catch (IOException e) {
          // The client went away or the connection broke: nothing left to answer.
          LOG.debug("{} {}: {}", exchange.getRequestMethod(), path, e.toString());
        } catch (RuntimeException e) {
          LOG.error("{} {} failed", exchange.getRequestMethod(), path, e);
          if (exchange.getResponseCode() == -1) {
            respondText(exchange, 500, "internal error: " + e + "\n");
          }
        }
      } finally {
        gate.leave();
      }
    }
  }
}
