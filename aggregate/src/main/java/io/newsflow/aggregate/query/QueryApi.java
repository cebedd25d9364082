package io.newsflow.aggregate.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.aggregate.AggregateTopology;
import io.newsflow.aggregate.Facet;
import io.newsflow.aggregate.FacetCount;
import io.newsflow.aggregate.Window;
import io.newsflow.contracts.Json;
import io.newsflow.kit.HttpExchange;
import io.newsflow.kit.HttpService;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The query API of the aggregate app, answered from its state stores (JSON; described in
 * docs/openapi.yaml):
 *
 * <ul>
 *   <li>{@code GET /api/counts?facet=&key=} all-time mentions and stories of one value
 *   <li>{@code GET /api/series?facet=&key=&window=1h|1d[&from=&to=]} its counts per window
 *   <li>{@code GET /api/top?facet=[&window=all|1h|1d][&at=][&n=10]} the most mentioned values
 *   <li>{@code GET /api/trending?facet=[&window=1h|1d][&at=][&baseline=6][&min=2][&n=10]} values
 *       rising most over the average of the previous windows
 *   <li>{@code GET /api/syndication?id=} how many copies of an original arrived
 *   <li>{@code GET /api/stories[?n=20]} the current stories with the most articles: articles,
 *       languages, agencies, outlets, top entities
 *   <li>{@code GET /api/stories?facet=&key=[&n=20]} the biggest current stories with that facet
 *       value (an entity's stories)
 *   <li>{@code GET /api/story?id=} one current story, with its articles (timeline)
 *   <li>{@code GET /api/volume[?window=1h|1d][&from=&to=]} articles and originals counted per hour
 *       or day (summed over the outlets)
 *   <li>{@code GET /api/latest[?n=20]} the newest enriched articles, read off the topic's tail
 *   <li>{@code GET /api/status} the app's state and the instances serving the API
 * </ul>
 *
 * <p>With several instances, a key lives on one of them: a key query goes to the instance Kafka
 * Streams names as its owner (forwarded, answered with {@code servedBy}); top and trending ask
 * every instance for its own best ({@code local=true}) and merge. While a store is restoring or the
 * group rebalancing, the answer is 503 with the app's state and {@code Retry-After}, not an empty
 * result. Bad parameters get 400 naming the parameter.
 */
public final class QueryApi {
  private static final Set<String> FACETS =
      new TreeSet<>(Arrays.stream(Facet.values()).map(Facet::id).collect(Collectors.toSet()));
  private static final int MAX_N = 1000;

  private volatile HostInfo self;
  private volatile KeyAliases aliases = KeyAliases.NONE;
  private final AtomicReference<KafkaStreams> streams = new AtomicReference<>();
  private volatile LatestArticles latestReader;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param self this instance's {@code application.server} host and port; null when only known once
   *     the server listens (then set it with {@link #self(HostInfo)})
   */
  public QueryApi(HostInfo self) {
    this.self = self;
  }

  /** Sets this instance's host and port once the server listens. */
  public void self(HostInfo host) {
    this.self = host;
  }

  /**
   * Resolves the keys users ask for ({@code Moskow}) to the keys counts are kept under ({@code
   * Moscow}) in {@code /api/counts} and {@code /api/series}; {@link KeyAliases#NONE} by default.
   */
  public void aliases(KeyAliases resolver) {
    this.aliases = resolver == null ? KeyAliases.NONE : resolver;
  }

  /** Answers {@code /api/latest} from {@code reader} (before that, it is 503). */
  public void latest(LatestArticles reader) {
    this.latestReader = reader;
  }

  /** Answers from {@code app} from now on (before that, every query is 503). */
  public void attach(KafkaStreams app) {
    streams.set(app);
  }

  /**
   * The earliest instant a query may name: window stores key windows by epoch milliseconds and
   * Kafka record timestamps are never negative, so nothing is counted before it.
   */
  static final Instant EARLIEST = Instant.EPOCH;

  /** The latest instant a query may name (a window starting then still ends in range). */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /**
   * The most windows one series spans ({@code from} to {@code to}): 1000 hours is longer than the
   * hourly retention (7 days by default), 1000 days longer than the daily (90 days).
   */
  static final int MAX_SERIES_WINDOWS = 1000;

  /** Peers are asked with {@code local=true}; every route takes it. */
  private static final String LOCAL = "local";

  /** Adds the API's routes to an HTTP server being built. */
  public HttpService.Builder routes(HttpService.Builder http) {
    return http.route("/api/counts", e -> handle(e, this::counts, "facet", "key"))
        .route("/api/series", e -> handle(e, this::series, "facet", "key", "window", "from", "to"))
        .route("/api/top", e -> handle(e, this::top, "facet", "window", "at", "n"))
        .route(
            "/api/trending",
            e -> handle(e, this::trending, "facet", "window", "at", "baseline", "min", "n"))
        .route("/api/syndication", e -> handle(e, this::syndication, "id"))
        .route("/api/stories", e -> handle(e, this::stories, "n", "facet", "key"))
        .route("/api/story", e -> handle(e, this::story, "id"))
        .route("/api/volume", e -> handle(e, this::volume, "window", "from", "to"))
        .route("/api/latest", e -> handle(e, this::latestArticles, "n"))
        .route("/api/status", e -> handle(e, this::status));
  }

  /** A client error: 400 naming the parameter. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String parameter;

    BadRequest(String parameter, String message) {
      super(message);
      this.parameter = parameter;
    }
  }

  /** An answer: status and JSON body. */
  record Answer(int status, Object body) {}

  @FunctionalInterface
  private interface Query {
    Answer answer(Map<String, String> params, HttpExchange exchange);
  }

  private void handle(HttpExchange exchange, Query query, String... accepted) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET");
      HttpService.respondJson(exchange, 405, Map.of("error", "only GET is supported"));
      return;
    }
    Answer answer;
    try {
      Map<String, String> params = params(exchange.getRawQuery());
      known(exchange.getRequestURI().getPath(), params, Set.of(accepted));
      answer = query.answer(params, exchange);
    } catch (BadRequest e) {
      answer = new Answer(400, Map.of("error", e.getMessage(), "parameter", e.parameter));
    } catch (InvalidStateStoreException e) {
      answer = unavailable();
    } catch (PeerUnavailable e) {
      answer = new Answer(502, Map.of("error", e.getMessage()));
    }
    if (answer.status() == 503) {
      exchange.getResponseHeaders().set("Retry-After", "2");
    }
    HttpService.respondJson(exchange, answer.status(), answer.body());
  }

  private Answer unavailable() {
    KafkaStreams app = streams.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "error",
        "counts are not queryable right now: the aggregate app is starting, restoring its stores"
            + " or rebalancing; retry shortly");
    body.put("state", app == null ? "STARTING" : app.state().toString());
    return new Answer(503, body);
  }

  private Answer counts(Map<String, String> p, HttpExchange exchange) {
    String facet = facet(p);
    AskedKey asked = askedKey(facet, required(p, "key"));
    String key = asked.key();
    return routed(
        AggregateTopology.COUNTS_STORE,
        facet + "|" + key,
        p,
        exchange,
        reader -> {
          FacetCount c = reader.count(facet, key);
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("facet", facet);
          body.put("key", key);
          asked.aliasFields(body);
          body.put("window", Window.ALL.id());
          body.put("matched", c != null);
          body.put("mentions", c == null ? 0 : c.mentions());
          body.put("stories", c == null ? 0 : c.stories());
          body.put("distinctStories", c == null ? 0 : c.distinctStories());
          if (c == null) {
            body.put("hint", unmatched(facet));
          }
          return body;
        });
  }

  private Answer series(Map<String, String> p, HttpExchange exchange) {
    String facet = facet(p);
    AskedKey asked = askedKey(facet, required(p, "key"));
    String key = asked.key();
    Window window = window(p, Window.HOUR, Window.HOUR, Window.DAY);
    Instant to = instant(p, "to", Instant.now());
    Instant from = seriesFrom(p, window, to);
    return routed(
        AggregateTopology.storeOf(window),
        facet + "|" + key,
        p,
        exchange,
        reader -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("facet", facet);
          body.put("key", key);
          asked.aliasFields(body);
          body.put("window", window.id());
          body.put("from", from);
          body.put("to", to);
          boolean matched = reader.count(facet, key) != null;
          body.put("matched", matched);
          body.put("points", reader.series(facet, key, window, from, to));
          if (!matched) {
            body.put("hint", unmatched(facet));
          }
          return body;
        });
  }

  /** A key as the user asked for it, and what the knowledge base resolved it to (or null). */
  private record AskedKey(String asked, KeyAliases.Resolved resolved) {
    /** The key counts are kept under. */
    String key() {
      return resolved == null ? asked : resolved.key();
    }

    /** {@code asked} and {@code candidates} when the key asked for is another name of the key. */
    void aliasFields(Map<String, Object> body) {
      if (resolved != null && !resolved.key().equals(asked)) {
        body.put("asked", asked);
        body.put("candidates", resolved.candidates());
      }
    }
  }

  /**
   * {@code asked} with the key counts of {@code facet} are kept under for it. A resolver that fails
   * (its knowledge base unreadable) leaves the key as asked.
   */
  private AskedKey askedKey(String facet, String asked) {
    KeyAliases.Resolved resolved;
    try {
      resolved = aliases.resolve(facet, asked);
    } catch (RuntimeException e) {
      resolved = null;
    }
    return new AskedKey(asked, resolved);
  }

  /** A series' {@code from}: checked against {@code to} and the longest span. */
  private static Instant seriesFrom(Map<String, String> p, Window window, Instant to) {
    Instant from = instant(p, "from", latest(EARLIEST, to.minus(window.size().multipliedBy(24))));
    if (from.isAfter(to)) {
      throw new BadRequest("from", "'from' (" + from + ") is later than 'to' (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(window.size().multipliedBy(MAX_SERIES_WINDOWS)) > 0) {
      throw new BadRequest(
          "from",
          "a series spans at most "
              + MAX_SERIES_WINDOWS
              + " windows of "
              + window.id()
              + ": 'from' ("
              + from
              + ") is more than that before 'to' ("
              + to
              + ")");
    }
    return from;
  }

  private Answer volume(Map<String, String> p, HttpExchange exchange) {
    Window window = window(p, Window.HOUR, Window.HOUR, Window.DAY);
    Instant to = instant(p, "to", Instant.now());
    Instant from = seriesFrom(p, window, to);
    String facet = Facet.OUTLET.id();
    // Every instance sums the same range, whatever its clock says "now" is.
    Map<String, String> range = new LinkedHashMap<>(p);
    range.put("from", from.toString());
    range.put("to", to.toString());
    List<CountsReader.Point> points = new ArrayList<>();
    for (JsonNode part :
        gather(
            AggregateTopology.storeOf(window),
            "/api/volume",
            range,
            r -> r.volume(facet, window, from, to))) {
      part.forEach(
          i ->
              points.add(
                  new CountsReader.Point(
                      Instant.parse(i.get("windowStart").asText()),
                      i.get("mentions").asLong(),
                      i.get("stories").asLong())));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("window", window.id());
    body.put("from", from);
    body.put("to", to);
    body.put("items", CountsReader.sumPoints(points));
    return new Answer(200, body);
  }

  private Answer latestArticles(Map<String, String> p, HttpExchange exchange) {
    int n = intParam(p, "n", 20, 1, LatestArticles.MAX_N);
    LatestArticles reader = latestReader;
    if (reader == null) {
      return new Answer(503, Map.of("error", "the latest articles are not readable here yet"));
    }
    LatestArticles.Answer answer;
    try {
      answer = reader.latest(n);
    } catch (org.apache.kafka.common.KafkaException e) {
      // Read from the broker when asked: a broker out of reach is a 503, not a 500.
      return new Answer(
          503, Map.of("error", "cannot read the latest articles right now: " + e.getMessage()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("complete", answer.complete());
    body.put("items", answer.items());
    return new Answer(200, body);
  }

  private Answer stories(Map<String, String> p, HttpExchange exchange) {
    int n = intParam(p, "n", 20, 1, MAX_N);
    String facetKey = null;
    AskedKey asked = null;
    if (p.containsKey("facet") || p.containsKey("key")) {
      if (!p.containsKey("facet")) {
        throw new BadRequest("facet", "'key' names a value of a facet: give 'facet' too");
      }
      String facet = facet(p);
      asked = askedKey(facet, required(p, "key"));
      facetKey = facet + "|" + asked.key();
    }
    String filter = facetKey;
    List<CountsReader.StoryItem> items = new ArrayList<>();
    for (JsonNode part :
        gather(AggregateTopology.STORY_STORE, "/api/stories", p, r -> r.stories(n, filter))) {
      for (JsonNode item : part) {
        try {
          items.add(Json.mapper().treeToValue(item, CountsReader.StoryItem.class));
        } catch (IOException e) {
          throw new PeerUnavailable("unreadable story from a peer: " + e.getMessage(), e);
        }
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (filter != null) {
      body.put("facet", p.get("facet"));
      body.put("key", asked.key());
      asked.aliasFields(body);
    }
    body.put("items", CountsReader.bestStories(items, n));
    return new Answer(200, body);
  }

  private Answer story(Map<String, String> p, HttpExchange exchange) {
    String id = required(p, "id");
    return routed(
        AggregateTopology.STORY_STORE,
        id,
        p,
        exchange,
        reader -> {
          CountsReader.StoryItem item = reader.story(id);
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("id", id);
          body.put("story", item);
          return body;
        });
  }

  private Answer syndication(Map<String, String> p, HttpExchange exchange) {
    String id = required(p, "id");
    return routed(
        AggregateTopology.SYNDICATION_STORE,
        id,
        p,
        exchange,
        reader -> Map.of("id", id, "copies", reader.syndication(id)));
  }

  private Answer top(Map<String, String> p, HttpExchange exchange) {
    String facet = facet(p);
    Window window = window(p, Window.ALL, Window.values());
    int n = intParam(p, "n", 10, 1, MAX_N);
    Instant start =
        window == Window.ALL
            ? null
            : CountsReader.windowStart(window, instant(p, "at", Instant.now()));
    List<CountsReader.Item> items = new ArrayList<>();
    for (JsonNode part :
        gather(
            AggregateTopology.storeOf(window),
            "/api/top",
            p,
            r -> r.top(facet, window, start, n))) {
      part.forEach(
          i ->
              items.add(
                  new CountsReader.Item(
                      i.get("key").asText(),
                      i.get("mentions").asLong(),
                      i.get("stories").asLong())));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("facet", facet);
    body.put("window", window.id());
    if (start != null) {
      body.put("windowStart", start);
    }
    body.put("items", CountsReader.best(items, n));
    return new Answer(200, body);
  }

  private Answer trending(Map<String, String> p, HttpExchange exchange) {
    String facet = facet(p);
    Window window = window(p, Window.HOUR, Window.HOUR, Window.DAY);
    int n = intParam(p, "n", 10, 1, MAX_N);
    int baseline = intParam(p, "baseline", 6, 1, 1000);
    int min = intParam(p, "min", 2, 0, Integer.MAX_VALUE);
    Instant start = CountsReader.windowStart(window, instant(p, "at", Instant.now()));
    List<CountsReader.Trend> trends = new ArrayList<>();
    for (JsonNode part :
        gather(
            AggregateTopology.storeOf(window),
            "/api/trending",
            p,
            r -> r.trending(facet, window, start, baseline, min, n))) {
      part.forEach(
          t ->
              trends.add(
                  new CountsReader.Trend(
                      t.get("key").asText(),
                      t.get("current").asLong(),
                      t.get("baseline").asDouble(),
                      t.get("score").asDouble())));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("facet", facet);
    body.put("window", window.id());
    body.put("windowStart", start);
    body.put("baselineWindows", baseline);
    body.put("items", CountsReader.bestTrends(trends, n));
    return new Answer(200, body);
  }

  private Answer status(Map<String, String> p, HttpExchange exchange) {
    KafkaStreams app = streams.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", app == null ? "STARTING" : app.state().toString());
    body.put("self", self.host() + ":" + self.port());
    List<String> instances = new ArrayList<>();
    if (app != null && app.state().isRunningOrRebalancing()) {
      for (StreamsMetadata m : app.metadataForAllStreamsClients()) {
        instances.add(m.hostInfo().host() + ":" + m.hostInfo().port());
      }
    }
    body.put("instances", instances);
    return new Answer(200, body);
  }

  @FunctionalInterface
  private interface LocalAnswer {
    Object answer(CountsReader reader);
  }

  /** Answers a one-key query here when this instance owns the key, else asks the owner. */
  private Answer routed(
      String store, String key, Map<String, String> p, HttpExchange exchange, LocalAnswer local) {
    KafkaStreams app = app();
    if (!"true".equals(p.get("local"))) {
      KeyQueryMetadata owner = app.queryMetadataForKey(store, key, Serdes.String().serializer());
      if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
        return unavailable();
      }
      if (!owner.activeHost().equals(self)) {
        return forward(owner.activeHost(), exchange);
      }
    }
    Object body = local.answer(reader(app));
    if (body instanceof Map<?, ?> map) {
      Map<Object, Object> withHost = new LinkedHashMap<>(map);
      withHost.put("servedBy", self.host() + ":" + self.port());
      body = withHost;
    }
    return new Answer(200, body);
  }

  /**
   * This instance's items, plus every other instance's (asked with {@code local=true}) when the
   * request is not itself local. A peer that does not answer fails the whole request (502): a top-N
   * without one instance's keys would be silently wrong.
   */
  private List<JsonNode> gather(
      String store, String path, Map<String, String> p, LocalAnswer local) {
    KafkaStreams app = app();
    List<JsonNode> parts = new ArrayList<>();
    parts.add(Json.mapper().valueToTree(local.answer(reader(app))));
    if ("true".equals(p.get("local"))) {
      return parts;
    }
    String query =
        p.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    for (StreamsMetadata m : app.streamsMetadataForStore(store)) {
      if (!m.hostInfo().equals(self)) {
        URI target =
            URI.create(
                "http://"
                    + m.hostInfo().host()
                    + ":"
                    + m.hostInfo().port()
                    + path
                    + "?"
                    + (query.isEmpty() ? "" : query + "&")
                    + "local=true");
        parts.add(ask(target).get("items"));
      }
    }
    return parts;
  }

  /** A peer that did not answer: 502. */
  static final class PeerUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PeerUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private JsonNode ask(URI target) {
    try {
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = Json.mapper().readTree(response.body());
      if (response.statusCode() == 503) {
        throw new InvalidStateStoreException("peer " + target.getAuthority() + " is not ready");
      }
      if (response.statusCode() != 200) {
        throw new PeerUnavailable(
            "instance " + target.getAuthority() + " answered " + response.statusCode(), null);
      }
      return body;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerUnavailable("interrupted while asking " + target.getAuthority(), e);
    } catch (IOException e) {
      throw new PeerUnavailable("instance " + target.getAuthority() + " did not answer", e);
    }
  }

  private Answer forward(HostInfo owner, HttpExchange exchange) {
    String raw = exchange.getRawQuery();
    String query = raw == null ? "local=true" : raw + "&local=true";
    URI target =
        URI.create(
            "http://"
                + owner.host()
                + ":"
                + owner.port()
                + exchange.getRequestURI().getRawPath()
                + "?"
                + query);
    return new Answer(200, ask(target));
  }

  private KafkaStreams app() {
    KafkaStreams app = streams.get();
    if (app == null || !app.state().isRunningOrRebalancing()) {
      throw new InvalidStateStoreException("app not running");
    }
    return app;
  }

  private static CountsReader reader(KafkaStreams app) {
    return new CountsReader(
        new CountsReader.StoreAccess() {
          @Override
          public <T> T store(
              String name, org.apache.kafka.streams.state.QueryableStoreType<T> type) {
            return app.store(StoreQueryParameters.fromNameAndType(name, type));
          }
        });
  }

  private static Map<String, String> params(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = decode(rawName, rawName);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
      if (params.putIfAbsent(name, value) != null) {
        throw new BadRequest(name, "parameter '" + name + "' is given more than once");
      }
    }
    return params;
  }

  private static String decode(String raw, String parameter) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(
          parameter,
          "parameter '"
              + parameter
              + "' is not valid percent-encoding ("
              + e.getMessage()
              + "): write '%' as %25");
    }
  }

  /** Refuses a parameter the endpoint does not take, rather than answering as if it were absent. */
  private static void known(String path, Map<String, String> p, Set<String> accepted) {
    for (String name : p.keySet()) {
      if (name.equals(LOCAL) || accepted.contains(name)) {
        continue;
      }
      if (name.equals("window") && path.equals("/api/counts")) {
        throw new BadRequest(
            "window",
            "/api/counts answers all-time counts and takes no window: for hour or day windows ask"
                + " /api/series?facet=&key=&window=1h|1d (or /api/top?window=1h|1d&at=)");
      }
      throw new BadRequest(
          name,
          "unknown parameter '"
              + name
              + "' for "
              + path
              + (accepted.isEmpty() ? ": it takes none" : ": expected " + new TreeSet<>(accepted)));
    }
  }

  /**
   * What to say when a key has no counts: actors and places are keyed by the canonical names enrich
   * links entities to; an alias the knowledge base knows (Moskow) was already resolved to one.
   */
  private static String unmatched(String facet) {
    String values =
        "/api/top?facet=" + facet + "&n=1000 lists the values counted (most mentioned first)";
    if (facet.equals(Facet.ACTOR.id()) || facet.equals(Facet.LOCATION.id())) {
      return "no "
          + facet
          + " with this name has been counted. Actors and locations are counted under the"
          + " canonical name enrich links every alias to (Moscow for Moskow or Moskva); a name the"
          + " knowledge base does not know is looked up as written. "
          + values;
    }
    return "no " + facet + " with this key has been counted; " + values;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String required(Map<String, String> p, String name) {
    String v = p.get(name);
    if (v == null || v.isBlank()) {
      throw new BadRequest(name, "missing parameter '" + name + "'");
    }
    return v;
  }

  private static String facet(Map<String, String> p) {
    String facet = required(p, "facet");
    if (!FACETS.contains(facet)) {
      throw new BadRequest("facet", "unknown facet '" + facet + "': expected one of " + FACETS);
    }
    return facet;
  }

  private static Window window(Map<String, String> p, Window fallback, Window... accepted) {
    String v = p.get("window");
    if (v == null || v.isBlank()) {
      return fallback;
    }
    List<String> ids = Arrays.stream(accepted).map(Window::id).toList();
    String expected =
        "expected "
            + String.join(", ", ids.subList(0, ids.size() - 1))
            + " or "
            + ids.get(ids.size() - 1);
    Window w;
    try {
      w = Window.of(v.trim());
    } catch (IllegalArgumentException e) {
      throw new BadRequest("window", "unknown window '" + v + "': " + expected);
    }
    if (!Arrays.asList(accepted).contains(w)) {
      throw new BadRequest("window", "window '" + v + "' is not answered here: " + expected);
    }
    return w;
  }

  private static int intParam(Map<String, String> p, String name, int fallback, int min, int max) {
    String v = p.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new BadRequest(
            name, "'" + name + "' must be between " + min + " and " + max + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequest(name, "'" + name + "' must be a whole number, was '" + v + "'");
    }
  }

  private static Instant instant(Map<String, String> p, String name, Instant fallback) {
    String v = p.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    Instant at;
    try {
      at = Instant.parse(v.trim());
    } catch (DateTimeParseException e) {
      throw new BadRequest(
          name,
          "'"
              + name
              + "' must be an ISO-8601 instant such as 2024-10-21T08:00:00Z, was '"
              + v
              + "'");
    }
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new BadRequest(
          name, "'" + name + "' must be between " + EARLIEST + " and " + LATEST + ", was " + at);
    }
    return at;
  }
}
