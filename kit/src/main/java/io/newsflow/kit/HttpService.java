package io.newsflow.kit;

import io.newsflow.contracts.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of every newsflow endpoint ({@code /api/*}, the live page, {@code POST
 * /articles}, {@code /metrics}, {@code /health/*}), on Jetty (core, no servlets): routes by exact
 * path, bounded in every direction, and helpers to answer with JSON or text.
 *
 * <pre>{@code
 * try (HttpService http = HttpService.builder("127.0.0.1", 8080).route("/articles", handler).start()) {
 *   System.out.println("listening on " + http.baseUri());
 * }
 * }</pre>
 *
 * <p>Limits (defaults; docs/SECURITY.md lists them):
 *
 * <ul>
 *   <li>a connection must deliver its first request's line and headers within {@link
 *       #HEADER_TIMEOUT} of connecting, and is closed after {@link #IDLE_TIMEOUT} without a byte in
 *       either direction (between requests, or in the middle of one: a stalled header or body);
 *   <li>request line and headers at most {@link #MAX_HEADER_BYTES} (431 above);
 *   <li>at most {@link #MAX_CONNECTIONS} open connections; at the limit the server stops accepting
 *       (new connections wait in the kernel's backlog) and shortens the idle timeout of open ones
 *       to {@link #IDLE_TIMEOUT_AT_LIMIT}, so that idle connections make room within a second;
 *   <li>{@link Builder#threads threads} requests served at once (8); up to {@link #QUEUE} more wait
 *       for a thread, for at most {@link #QUEUE_WAIT}; beyond either, the answer is 503 at once;
 *   <li>health routes ({@link Builder#healthRoute}) have their own {@link #HEALTH_THREADS} threads
 *       and queue, so slow or numerous requests elsewhere never delay {@code /health/live}.
 * </ul>
 *
 * <p>A request for a path with no route gets 404; a handler that throws gets 500 (logged), so one
 * bad request never takes a handler thread down. Connections that hold a half-sent request cost no
 * thread: Jetty parses requests without blocking and hands only complete ones to a handler.
 */
public final class HttpService implements AutoCloseable {
  /** Time from connecting until the first request's line and headers have arrived. */
  public static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);

  /** Time without a byte read or written after which a connection is closed. */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

  /** The idle timeout while the server is at {@link #MAX_CONNECTIONS}. */
  public static final Duration IDLE_TIMEOUT_AT_LIMIT = Duration.ofSeconds(1);

  /** Open connections per server. */
  public static final int MAX_CONNECTIONS = 512;

  /** Request line and headers, in bytes. */
  public static final int MAX_HEADER_BYTES = 8 * 1024;

  /** Requests waiting for a handler thread, beyond which the answer is 503. */
  public static final int QUEUE = 64;

  /** The longest a request waits for a handler thread before the answer is 503. */
  public static final Duration QUEUE_WAIT = Duration.ofSeconds(2);

  /** Handler threads of the health routes, apart from the others. */
  public static final int HEALTH_THREADS = 2;

  private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);

  private final Server server;
  private final ServerConnector connector;
  private final String host;
  private final Gate gate;
  private boolean closed;

  private HttpService(Server server, ServerConnector connector, String host, Gate gate) {
    this.server = server;
    this.connector = connector;
    this.host = host;
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
    return connector.getLocalPort();
  }

  /** {@code http://host:port}, without a trailing slash. */
  public String baseUri() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /**
   * Turns new requests away (503), gives requests in progress up to two seconds to finish, then
   * stops the server and its threads. Safe to call more than once.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
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
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("HTTP server on {} did not stop cleanly: {}", host, e.toString());
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
    if (body.length == 0) {
      exchange.close();
      return;
    }
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
    private final Set<String> healthPaths = new LinkedHashSet<>();
    private int threads = 8;
    private int backlog = 64;
    private Duration headerTimeout = HEADER_TIMEOUT;
    private Duration idleTimeout = IDLE_TIMEOUT;
    private int maxConnections = MAX_CONNECTIONS;

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

    /**
     * Serves exactly {@code path} with {@code handler} on the health threads: a liveness or
     * readiness probe, quick and answered even when every other handler thread is busy.
     */
    public Builder healthRoute(String path, HttpHandler handler) {
      route(path, handler);
      healthPaths.add(path);
      return this;
    }

    /** Handler threads: how many requests are served at once (default 8), health apart. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** The header and idle timeouts (defaults {@link #HEADER_TIMEOUT}, {@link #IDLE_TIMEOUT}). */
    public Builder timeouts(Duration header, Duration idle) {
      if (header.isNegative() || header.isZero() || idle.isNegative() || idle.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive: " + header + ", " + idle);
      }
      this.headerTimeout = header;
      this.idleTimeout = idle;
      return this;
    }

    /** Open connections at most (default {@link #MAX_CONNECTIONS}). */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /** Binds and starts serving. */
    public HttpService start() {
      String address;
      try {
        address = InetAddress.getByName(host).getHostAddress();
      } catch (UnknownHostException e) {
        throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e, e);
      }
      // Handler threads (api + health), plus Jetty's acceptor and selector and a few to parse
      // requests and resume queued ones: never more, whatever the load.
      int maxThreads = threads + HEALTH_THREADS + 2 + 4;
      QueuedThreadPool pool =
          new QueuedThreadPool(
              maxThreads, 2, 60_000, 0, new ArrayBlockingQueue<>(maxConnections + QUEUE), null);
      pool.setName("http-" + port);
      pool.setDaemon(true);
      Server server = new Server(pool);
      server.setStopTimeout(0);

      HttpConfiguration config = new HttpConfiguration();
      config.setSendServerVersion(false);
      config.setSendXPoweredBy(false);
      config.setRequestHeaderSize(MAX_HEADER_BYTES);
      config.setHttpCompliance(HttpCompliance.RFC9110);
      // Jetty's cache of common header values matches regardless of case and hands back its own
      // spelling: handlers quote headers back to clients as they were sent.
      config.setHeaderCacheCaseSensitive(true);
      ServerConnector connector =
          new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
      connector.setHost(address);
      connector.setPort(port);
      connector.setAcceptQueueSize(backlog);
      connector.setIdleTimeout(idleTimeout.toMillis());
      ConnectionWatch deadline =
          new ConnectionWatch(connector.getScheduler(), headerTimeout, maxConnections, idleTimeout);
      connector.addBean(deadline);
      server.addConnector(connector);
      NetworkConnectionLimit limit = new NetworkConnectionLimit(maxConnections, connector);
      server.addBean(limit);

      Gate gate = new Gate();
      Handler dispatch = new Dispatch(Map.copyOf(routes), gate);
      QoSHandler others = qos(threads, QUEUE, QUEUE_WAIT);
      String[] health = healthPaths.toArray(String[]::new);
      if (health.length > 0) {
        others.excludePath(health);
        QoSHandler probes = qos(HEALTH_THREADS, 16, Duration.ofSeconds(1));
        probes.includePath(health);
        probes.setHandler(dispatch);
        others.setHandler(probes);
      } else {
        others.setHandler(dispatch);
      }
      server.setHandler(new Started(deadline, others));
      try {
        server.start();
      } catch (Exception e) {
        try {
          server.stop();
        } catch (Exception stop) {
          e.addSuppressed(stop);
        }
        throw new UncheckedIOException(
            "cannot listen on " + host + ":" + port + ": " + e.getMessage(),
            e instanceof IOException io ? io : new IOException(e));
      }
      return new HttpService(server, connector, address, gate);
    }

    private static QoSHandler qos(int concurrent, int queued, Duration wait) {
      QoSHandler qos =
          new QoSHandler() {
            @Override
            protected void reject(
                Request request, Response response, Callback callback, int status) {
              response.getHeaders().put("Retry-After", "1");
              super.reject(request, response, callback, status);
            }

            @Override
            protected void expireSuspended(Request request, Response response, Callback callback) {
              response.getHeaders().put("Retry-After", "1");
              super.expireSuspended(request, response, callback);
            }
          };
      qos.setMaxRequestCount(concurrent);
      qos.setMaxSuspendedRequestCount(queued);
      qos.setMaxSuspend(wait);
      qos.setRejectStatusCode(503);
      return qos;
    }
  }

  /**
   * Watches connections: closes one whose first request has not reached a handler within the header
   * timeout (Jetty's idle timeout alone lets a client that sends a byte now and then hold a
   * connection for as long as it likes), and shortens idle timeouts at the connection limit.
   */
  private static final class ConnectionWatch implements Connection.Listener {
    private final Scheduler scheduler;
    private final long millis;
    private final int max;
    private final long idleMillis;
    private final Set<Connection> waiting = ConcurrentHashMap.newKeySet();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private boolean limiting;

    ConnectionWatch(Scheduler scheduler, Duration timeout, int max, Duration idle) {
      this.scheduler = scheduler;
      this.millis = timeout.toMillis();
      this.max = max;
      this.idleMillis = idle.toMillis();
    }

    /**
     * At the connection limit (where Jetty's limit stops accepting), every connection gets the
     * short idle timeout, so that idle ones make room; below it again, the usual one.
     */
    private synchronized void check() {
      boolean full = open.size() >= max;
      if (full != limiting) {
        limiting = full;
        long idle = full ? IDLE_TIMEOUT_AT_LIMIT.toMillis() : idleMillis;
        for (Connection c : open) {
          c.getEndPoint().setIdleTimeout(idle);
        }
      }
    }

    @Override
    public void onOpened(Connection connection) {
      open.add(connection);
      check();
      waiting.add(connection);
      scheduler.schedule(
          () -> {
            if (waiting.remove(connection)) {
              LOG.debug("closing {}: no request within {} ms", connection, millis);
              connection.getEndPoint().close();
            }
          },
          millis,
          TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClosed(Connection connection) {
      waiting.remove(connection);
      open.remove(connection);
      check();
    }

    void started(Request request) {
      waiting.remove(request.getConnectionMetaData().getConnection());
    }
  }

  /** The outermost handler: a request has arrived whole, so its connection met the deadline. */
  private static final class Started extends Handler.Wrapper {
    private final ConnectionWatch deadline;

    Started(ConnectionWatch deadline, Handler next) {
      super(next);
      this.deadline = deadline;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      deadline.started(request);
      return super.handle(request, response, callback);
    }
  }

  /** Routes by exact path to a handler, on the thread the request was given. */
  private static final class Dispatch extends Handler.Abstract {
    private final Map<String, HttpHandler> routes;
    private final Gate gate;

    Dispatch(Map<String, HttpHandler> routes, Gate gate) {
      super(InvocationType.BLOCKING);
      this.routes = routes;
      this.gate = gate;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      if (!gate.enter()) {
        answer(request, response, callback, 503, "shutting down\n");
        return true;
      }
      try {
        URI uri = HttpExchange.target(request);
        if (uri == null) {
          answer(request, response, callback, 400, "not a valid request target\n");
          return true;
        }
        HttpExchange exchange = new HttpExchange(request, response, uri);
        String path = Request.getPathInContext(request);
        try {
          serve(exchange, path);
          exchange.close();
          callback.succeeded();
        } catch (IOException e) {
          // The client went away or the connection broke: nothing left to answer.
          LOG.debug("{} {}: {}", request.getMethod(), path, e.toString());
          callback.failed(e);
        } catch (RuntimeException e) {
          callback.failed(e);
        }
        return true;
      } finally {
        gate.leave();
      }
    }

    private void serve(HttpExchange exchange, String path) throws IOException {
      HttpHandler handler = routes.get(path);
      if (handler == null) {
        respondText(exchange, 404, "no such resource: " + path + "\n");
        return;
      }
      try {
        handler.handle(exchange);
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", exchange.getRequestMethod(), path, e);
        if (exchange.getResponseCode() == -1) {
          respondText(exchange, 500, "internal error: " + e + "\n");
        }
        return;
      }
      if (exchange.getResponseCode() == -1) {
        LOG.error("{} {}: the handler sent no response", exchange.getRequestMethod(), path);
        respondText(exchange, 500, "internal error: no response\n");
      }
    }

    private static void answer(
        Request request, Response response, Callback callback, int status, String text) {
      HttpExchange exchange = new HttpExchange(request, response, null);
      try {
        respondText(exchange, status, text);
        callback.succeeded();
      } catch (IOException | RuntimeException e) {
        callback.failed(e);
      }
    }
  }
}
