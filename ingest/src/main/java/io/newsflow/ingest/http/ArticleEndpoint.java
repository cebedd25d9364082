package io.newsflow.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.Json;
import io.newsflow.contracts.RawRecords;
import io.newsflow.ingest.IngestMetrics;
import io.newsflow.kit.HttpExchange;
import io.newsflow.kit.HttpHandler;
import io.newsflow.kit.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /articles}: one {@link Article} JSON object, or JSON Lines (one object per line),
 * published to {@link ArticleTopics#RAW}. Answers only once Kafka has acknowledged every article.
 *
 * <ul>
 *   <li><b>200</b> {@code {"accepted":N,"ids":[...]}}: every article acknowledged by Kafka ({@code
 *       acks=all}).
 *   <li><b>400</b> malformed JSON, not UTF-8, or an empty body; <b>422</b> well-formed but not a
 *       valid article. Both list every problem with its line and field, e.g. {@code
 *       {"line":2,"field":"body","message":"field 'body' is missing or blank"}}, and publish
 *       nothing: a request is validated whole before anything is sent.
 *   <li><b>413</b> body over the limit (the rest of the body is read and discarded first, so that
 *       the client sees the answer); <b>415</b> a content type that is not JSON, or a charset other
 *       than UTF-8; <b>405</b> a method other than POST.
 *   <li><b>429</b> with {@code Retry-After}: the bytes of requests waiting for Kafka are at the
 *       in-flight limit (the producer's buffer would fill up). The endpoint answers at once rather
 *       than block a client on a full buffer; retry later.
 *   <li><b>503</b> with {@code Retry-After}: Kafka did not acknowledge within the ack timeout (or
 *       refused). The body lists the ids acknowledged and not; re-sending the whole request is
 *       safe, enrich drops the re-sent copies (same id, same text).
 * </ul>
 *
 * Meters: {@link IngestMetrics} with {@code source=http}, and {@value #REQUESTS} (counter) tagged
 * {@code status}.
 */
public final class ArticleEndpoint implements HttpHandler {
  public static final String PATH = "/articles";
  public static final String REQUESTS = "newsflow.ingest.http.requests";

  /**
   * The most bytes of an oversized body read and discarded before answering 413; beyond it the
   * connection is closed, and the client may see it reset before the answer.
   */
  static final long MAX_DISCARD_BYTES = 64L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ArticleEndpoint.class);
  private static final ObjectReader ARTICLE_JSON = Json.strictMapper().readerFor(Article.class);
  private static final Pattern FIELD = Pattern.compile("field '([A-Za-z]+)'");

  /**
   * @param maxBodyBytes the largest request body accepted
   * @param maxInFlightBytes the most request bytes waiting for Kafka at once; keep it under the
   *     producer's {@code buffer.memory} (32 MiB by default)
   * @param ackTimeout how long a request waits for Kafka's acknowledgements
   */
  public record Limits(int maxBodyBytes, long maxInFlightBytes, Duration ackTimeout) {
    public static final Limits DEFAULT =
        new Limits(1024 * 1024, 16L * 1024 * 1024, Duration.ofSeconds(30));

    public Limits {
      if (maxBodyBytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
      }
      if (maxInFlightBytes < maxBodyBytes) {
        throw new IllegalArgumentException(
            "the in-flight limit ("
                + maxInFlightBytes
                + " bytes) must hold at least one request of the largest size ("
                + maxBodyBytes
                + " bytes)");
      }
      Objects.requireNonNull(ackTimeout, "ackTimeout");
    }
  }

  /** One problem of a request: where (line, from 1), which field (may be null), what. */
  public record Problem(int line, String field, String message) {}

  private record Parsed(List<Article> articles, List<Problem> malformed, List<Problem> invalid) {}

  private final Producer<String, Article> producer;
  private final Limits limits;
  private final Clock clock;
  private final Semaphore inFlight;
  private final IngestMetrics metrics;
  private final MeterRegistry registry;
  private final Map<Integer, Counter> requests = new ConcurrentHashMap<>();

  /**
   * @param producer a producer for {@link ArticleTopics#RAW} ({@code acks=all}), shared and closed
   *     by the caller
   */
  public ArticleEndpoint(
      Producer<String, Article> producer, Limits limits, Clock clock, MeterRegistry registry) {
    this.producer = producer;
    this.limits = limits;
    this.clock = clock;
    this.registry = registry;
    this.inFlight = new Semaphore((int) Math.min(limits.maxInFlightBytes(), Integer.MAX_VALUE));
    this.metrics = IngestMetrics.of(registry, IngestMetrics.Source.HTTP);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    int status;
    try {
      status = serve(exchange);
    } catch (IOException | RuntimeException e) {
      count(exchange.getResponseCode() == -1 ? 500 : exchange.getResponseCode());
      throw e;
    }
    count(status);
  }

  private int serve(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return error(exchange, 405, "use POST to send articles to " + PATH);
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (!isJson(contentType)) {
      return error(
          exchange,
          415,
          "Content-Type "
              + contentType
              + " is not accepted: send application/json (one article) or application/x-ndjson"
              + " (JSON Lines)");
    }
    String charset = charset(contentType);
    if (charset != null && !isUtf8(charset)) {
      return error(
          exchange,
          415,
          "charset "
              + charset
              + " is not accepted: send the body as UTF-8 (charset=utf-8, or no charset)");
    }
    long declared = contentLength(exchange);
    if (declared > limits.maxBodyBytes()) {
      return tooLarge(exchange);
    }
    // Reserve the worst case before reading: the budget bounds memory held by requests too.
    int reserved = declared >= 0 ? (int) Math.max(declared, 1) : limits.maxBodyBytes();
    if (!inFlight.tryAcquire(reserved)) {
      exchange.getResponseHeaders().set("Retry-After", "1");
      return error(
          exchange,
          429,
          "too many articles waiting for Kafka; retry after a second (in-flight limit "
              + limits.maxInFlightBytes()
              + " bytes)");
    }
    try {
      byte[] body = readAtMost(exchange.getRequestBody(), limits.maxBodyBytes());
      if (body == null) {
        return tooLarge(exchange);
      }
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
      } catch (CharacterCodingException e) {
        return error(exchange, 400, "the body is not UTF-8 text");
      }
      Parsed parsed = parse(text, isJsonLines(contentType));
      if (!parsed.malformed().isEmpty()) {
        metrics.failed(parsed.malformed().size() + parsed.invalid().size());
        return problems(exchange, 400, "malformed JSON", parsed.malformed(), parsed.invalid());
      }
      metrics.fetched(parsed.articles().size() + parsed.invalid().size());
      if (!parsed.invalid().isEmpty()) {
        metrics.failed(parsed.invalid().size());
        return problems(exchange, 422, "invalid article", List.of(), parsed.invalid());
      }
      if (parsed.articles().isEmpty()) {
        return error(
            exchange, 400, "empty body: send one Article JSON object, or JSON Lines of them");
      }
      return publish(exchange, parsed.articles());
    } finally {
      inFlight.release(reserved);
    }
  }

  private int publish(HttpExchange exchange, List<Article> articles) throws IOException {
    Map<String, Future<RecordMetadata>> pending = new LinkedHashMap<>();
    List<String> failed = new ArrayList<>();
    String failure = null;
    for (Article article : articles) {
      try {
        pending.put(article.id(), producer.send(RawRecords.of(article)));
      } catch (KafkaException e) {
        failed.add(article.id());
        failure = e.toString();
      }
    }
    long deadline = System.nanoTime() + limits.ackTimeout().toNanos();
    List<String> acked = new ArrayList<>();
    for (Map.Entry<String, Future<RecordMetadata>> e : pending.entrySet()) {
      try {
        e.getValue().get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
        acked.add(e.getKey());
      } catch (ExecutionException ex) {
        failed.add(e.getKey());
        failure = ex.getCause().toString();
      } catch (TimeoutException ex) {
        failed.add(e.getKey());
        failure = "no acknowledgement from Kafka within " + limits.ackTimeout().toSeconds() + " s";
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        failed.add(e.getKey());
        failure = "interrupted";
      }
    }
    metrics.published(acked.size());
    if (failed.isEmpty()) {
      metrics.succeeded(clock.instant());
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("accepted", acked.size());
      answer.put("ids", acked);
      HttpService.respondJson(exchange, 200, answer);
      return 200;
    }
    metrics.failed(failed.size());
    LOG.warn(
        "POST {}: {} of {} articles not acknowledged: {}",
        PATH,
        failed.size(),
        articles.size(),
        failure);
    exchange.getResponseHeaders().set("Retry-After", "5");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("error", "Kafka did not acknowledge every article: " + failure);
    answer.put("accepted", acked.size());
    answer.put("ids", acked);
    answer.put("failedIds", failed);
    HttpService.respondJson(exchange, 503, answer);
    return 503;
  }

  /**
   * One object, or JSON Lines. With a JSON Lines content type every non-blank line is an article.
   * Otherwise the body is one article, possibly spread over lines, unless it does not parse as one
   * and its first line is a whole object of its own: then it is JSON Lines too.
   */
  private Parsed parse(String text, boolean jsonLines) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (body.isBlank()) {
      return new Parsed(List.of(), List.of(), List.of());
    }
    if (!jsonLines) {
      try {
        Article one = ARTICLE_JSON.readValue(body);
        return collect(List.of(new Line(1, one, null, utf8Length(body))));
      } catch (JsonProcessingException e) {
        String first = body.strip().lines().findFirst().orElse("");
        if (!parsesAlone(first) || body.strip().lines().count() < 2) {
          return collect(List.of(new Line(lineOf(e), null, e, 0)));
        }
      }
    }
    List<Line> lines = new ArrayList<>();
    List<String> all = body.lines().toList();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).isBlank()) {
        continue;
      }
      int bytes = utf8Length(all.get(i));
      if (bytes > Article.MAX_BYTES) {
        lines.add(new Line(i + 1, null, null, bytes));
        continue;
      }
      try {
        lines.add(new Line(i + 1, ARTICLE_JSON.readValue(all.get(i)), null, bytes));
      } catch (JsonProcessingException e) {
        lines.add(new Line(i + 1, null, e, bytes));
      }
    }
    return collect(lines);
  }

  private record Line(int number, Article article, JsonProcessingException error, int bytes) {}

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private Parsed collect(List<Line> lines) {
    List<Article> articles = new ArrayList<>();
    List<Problem> malformed = new ArrayList<>();
    List<Problem> invalid = new ArrayList<>();
    for (Line line : lines) {
      if (line.bytes() > Article.MAX_BYTES) {
        invalid.add(
            new Problem(
                line.number(),
                null,
                "article is "
                    + line.bytes()
                    + " bytes, over the limit of one article ("
                    + Article.MAX_BYTES
                    + " bytes)"));
        continue;
      }
      if (line.error() != null) {
        malformed.add(problem(line.number(), line.error()));
        continue;
      }
      if (line.article() == null) {
        malformed.add(new Problem(line.number(), null, "expected a JSON object, found null"));
        continue;
      }
      Article raw = line.article();
      java.time.Instant now = clock.instant();
      Article complete =
          (raw.source() == null ? raw.withSource("http" + PATH) : raw).withDefaults(now);
      List<String> issues = complete.problems(now);
      if (issues.isEmpty()) {
        articles.add(complete);
      }
      for (String issue : issues) {
        Matcher m = FIELD.matcher(issue);
        invalid.add(new Problem(line.number(), m.find() ? m.group(1) : null, issue));
      }
    }
    return new Parsed(articles, malformed, invalid);
  }

  private static boolean parsesAlone(String line) {
    try {
      Json.mapper().readTree(line);
      return line.strip().startsWith("{");
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static Problem problem(int line, JsonProcessingException e) {
    String field = null;
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
    }
    String message = e.getOriginalMessage();
    // Jackson's messages name Java types and go on for lines; the first sentence is enough.
    int cut = message.indexOf('\n');
    message = cut < 0 ? message : message.substring(0, cut);
    if (field != null) {
      message = "field '" + field + "': " + message;
    } else if (e.getLocation() != null && e.getLocation().getColumnNr() > 0) {
      message = message + " (column " + e.getLocation().getColumnNr() + ")";
    }
    return new Problem(line, field, message);
  }

  private static int lineOf(JsonProcessingException e) {
    return e.getLocation() == null ? 1 : Math.max(e.getLocation().getLineNr(), 1);
  }

  private int problems(
      HttpExchange exchange,
      int status,
      String error,
      List<Problem> malformed,
      List<Problem> invalid)
      throws IOException {
    List<Problem> all = new ArrayList<>(malformed);
    all.addAll(invalid);
    all.sort((a, b) -> Integer.compare(a.line(), b.line()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("error", error + ": nothing was published");
    answer.put("problems", all);
    HttpService.respondJson(exchange, status, answer);
    return status;
  }

  /**
   * 413. The rest of the body is read and thrown away first (up to {@link #MAX_DISCARD_BYTES}):
   * closing a connection with unread request bytes makes TCP reset it, and the client would see a
   * broken connection instead of this answer.
   */
  private int tooLarge(HttpExchange exchange) throws IOException {
    discard(exchange.getRequestBody(), MAX_DISCARD_BYTES);
    return error(
        exchange, 413, "body larger than " + limits.maxBodyBytes() + " bytes: split the articles");
  }

  private static int error(HttpExchange exchange, int status, String message) throws IOException {
    HttpService.respondJson(exchange, status, Map.of("error", message));
    return status;
  }

  private void count(int status) {
    requests
        .computeIfAbsent(
            status,
            s ->
                Counter.builder(REQUESTS)
                    .tag("status", Integer.toString(s))
                    .description("POST /articles requests, by response status")
                    .register(registry))
        .increment();
  }

  private static long contentLength(HttpExchange exchange) {
    String value = exchange.getRequestHeaders().getFirst("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void discard(InputStream in, long max) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total < max && (n = in.read(buf)) >= 0) {
      total += n;
    }
  }

  /** The body, or null when it holds more than {@code max} bytes. */
  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    byte[] body = in.readNBytes(max + 1);
    return body.length > max ? null : body;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = mediaType(contentType);
    return type.equals("application/json")
        || type.endsWith("+json")
        || isJsonLinesType(type)
        || type.equals("text/plain");
  }

  private static boolean isJsonLines(String contentType) {
    return contentType != null && isJsonLinesType(mediaType(contentType));
  }

  private static boolean isJsonLinesType(String type) {
    return type.equals("application/x-ndjson")
        || type.equals("application/ndjson")
        || type.equals("application/jsonl")
        || type.equals("application/x-jsonlines")
        || type.equals("application/jsonlines");
  }

  /** The {@code charset} parameter of a content type, unquoted, or null. */
  private static String charset(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String param : contentType.split(";")) {
      String p = param.strip();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        return p.substring(8).replace("\"", "").strip();
      }
    }
    return null;
  }

  private static boolean isUtf8(String charset) {
    String c = charset.toLowerCase(Locale.ROOT);
    return c.equals("utf-8") || c.equals("utf8") || c.equals("us-ascii");
  }

  private static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .strip()
        .toLowerCase(Locale.ROOT);
  }
}
