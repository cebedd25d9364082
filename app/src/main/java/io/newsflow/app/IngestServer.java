package io.newsflow.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.ingest.ArticlePublisher;
import io.newsflow.ingest.ArticleReader;
import io.newsflow.ingest.feed.FeedList;
import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.feed.FeedSpec;
import io.newsflow.ingest.folder.FolderWatcher;
import io.newsflow.ingest.http.ArticleEndpoint;
import io.newsflow.kit.HttpService;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running ingest sources of {@code newsflow serve}, in any combination: the feed poller,
 * the {@code POST /articles} endpoint and the watched folder, all publishing to {@code
 * news.articles.raw} and counting into one {@link MeterRegistry}. Closing stops them in reverse
 * order of start.
 */
public final class IngestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);

  /**
   * What to run; a null source is not started.
   *
   * @param feeds feeds to poll (null or empty: no poller)
   * @param httpPort port of the HTTP endpoint (0: any free port; null: no endpoint)
   * @param watchDir directory to watch (null: none)
   * @param defaultOutlet outlet of watched files that name none
   * @param defaultLanguage language of watched files that state none (may be null)
   */
  public record Config(
      List<FeedSpec> feeds,
      FeedPoller.Options feedOptions,
      Integer httpPort,
      String httpHost,
      ArticleEndpoint.Limits httpLimits,
      Path watchDir,
      Duration watchInterval,
      String defaultOutlet,
      String defaultLanguage) {
    public Config {
      Objects.requireNonNull(feedOptions, "feedOptions");
      Objects.requireNonNull(httpHost, "httpHost");
      Objects.requireNonNull(httpLimits, "httpLimits");
      Objects.requireNonNull(watchInterval, "watchInterval");
      Objects.requireNonNull(defaultOutlet, "defaultOutlet");
      if ((feeds == null || feeds.isEmpty()) && httpPort == null && watchDir == null) {
        throw new IllegalArgumentException(
            "nothing to serve: give a feed list, an HTTP port or a directory to watch");
      }
    }
  }

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private FeedPoller feeds;
  private HttpService http;
  private FolderWatcher watcher;

  private IngestServer() {}

  /**
   * Starts every configured source against {@code bootstrapServers}; one line per feed poll and per
   * watched file goes to {@code out}. The endpoint and the folder start first; then the poller
   * restores the feeds' state and polls every feed at once.
   */
  public static IngestServer start(
      String bootstrapServers,
      Map<String, Object> kafkaOverrides,
      Config config,
      Observability observability,
      PrintStream out) {
    MeterRegistry registry = observability.registry();
    IngestServer server = new IngestServer();
    try {
      if (config.httpPort() != null) {
        Producer<String, Article> producer =
            server.register(
                observability.bind(
                    "ingest", producer(bootstrapServers, kafkaOverrides, "newsflow-ingest-http")));
        server.http =
            server.register(
                observability
                    .routes(HttpService.builder(config.httpHost(), config.httpPort()))
                    .route(
                        ArticleEndpoint.PATH,
                        new ArticleEndpoint(
                            producer, config.httpLimits(), Clock.systemUTC(), registry))
                    .start());
      }
      if (config.watchDir() != null) {
        Producer<String, Article> producer =
            server.register(
                observability.bind(
                    "ingest", producer(bootstrapServers, kafkaOverrides, "newsflow-ingest-watch")));
        server.watcher =
            server.register(
                new FolderWatcher(
                    config.watchDir(),
                    config.watchInterval(),
                    new ArticleReader(
                        Clock.systemUTC(), config.defaultOutlet(), config.defaultLanguage()),
                    producer,
                    Duration.ofSeconds(60),
                    registry,
                    Clock.systemUTC(),
                    outcome -> print(out, outcome.toString(), outcome.problems())));
        server.watcher.start();
      }
      // Last: the poller's start waits for Kafka (transactions, state restore).
      if (config.feeds() != null && !config.feeds().isEmpty()) {
        server.feeds =
            server.register(
                FeedPoller.create(
                    config.feeds(),
                    bootstrapServers,
                    kafkaOverrides,
                    config.feedOptions(),
                    registry,
                    outcome -> print(out, outcome.toString(), outcome.problems())));
        server.feeds.start(true);
      }
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * The feed poller of {@code newsflow demo --feeds FILE}: polls every feed once before returning
   * (so the first round is in before the demo's summary), then, unless {@code once}, keeps polling
   * each feed at its interval until closed.
   */
  static FeedPoller demoFeeds(
      Path feedList, String bootstrapServers, Settings settings, boolean once, PrintStream out)
      throws InterruptedException {
    List<FeedSpec> specs = FeedList.read(feedList);
    out.println(
        "feeds: polling "
            + specs.size()
            + (specs.size() == 1 ? " feed" : " feeds")
            + " from "
            + feedList);
    FeedPoller poller =
        FeedPoller.create(
            specs,
            bootstrapServers,
            new HashMap<>(settings.kafka()),
            FeedPoller.Options.from(settings.newsflow()),
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
            outcome -> print(out, outcome.toString(), outcome.problems()));
    try {
      poller.pollAllNow();
      if (!once) {
        poller.start(false);
      }
      return poller;
    } catch (InterruptedException | RuntimeException e) {
      poller.close();
      throw e;
    }
  }

  /** The feed poller, or null when no feeds are served. */
  public FeedPoller feeds() {
    return feeds;
  }

  /** The HTTP endpoint's server, or null. */
  public HttpService http() {
    return http;
  }

  /** The folder watcher, or null. */
  public FolderWatcher watcher() {
    return watcher;
  }

  private <T extends AutoCloseable> T register(T resource) {
    started.push(resource);
    return resource;
  }

  private static Producer<String, Article> producer(
      String bootstrapServers, Map<String, Object> overrides, String clientId) {
    Map<String, Object> config =
        new HashMap<>(ArticlePublisher.config(bootstrapServers, overrides));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return new KafkaProducer<>(
        config,
        ArticleTopics.RAW.keySerde().serializer(),
        ArticleTopics.RAW.valueSerde().serializer());
  }

  private static void print(PrintStream out, String line, List<?> problems) {
    synchronized (out) {
      out.println(line);
      for (Object problem : problems) {
        out.println("  error: " + problem);
      }
    }
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable resource = started.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("error while closing {}: {}", resource, e.toString());
      }
    }
  }
}
