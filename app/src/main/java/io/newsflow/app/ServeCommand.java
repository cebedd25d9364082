package io.newsflow.app;

import io.newsflow.contracts.Article;
import io.newsflow.ingest.feed.FeedList;
import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.feed.FeedSpec;
import io.newsflow.ingest.http.ArticleEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code newsflow serve}: the long-running ingest sources, any combination of a feed list, the HTTP
 * endpoint and a watched folder, until Ctrl-C.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Ingests from RSS/Atom feeds, HTTP and a watched folder.",
      "Long-running ingest into news.articles.raw, until Ctrl-C, from any combination of:",
      "  --feeds FILE     RSS/Atom feeds, one per line: URL [interval=PT5M] [outlet=NAME]"
          + " [timeout=PT10S]; # comments. Each new item is published once, also across restarts"
          + " (state in news.feeds.state, written in the same Kafka transaction).",
      "  --http-port N    POST /articles: one Article JSON object, or JSON Lines"
          + " (application/x-ndjson). 200 once Kafka acknowledged; 400/422 name the line and"
          + " field; 413 over --http-max-body; 429 (Retry-After) when --http-max-in-flight bytes"
          + " wait for Kafka.",
      "  --watch DIR      files dropped into DIR (.txt pages, .jsonl/.ndjson/.json) are ingested"
          + " once complete, then moved to DIR/done/, or DIR/failed/ with NAME.error.txt.",
      "Stops cleanly on Ctrl-C. Exit code 1 when the feed poller had to stop (e.g. another"
          + " poller with the same --transactional-id took over)."
    })
final class ServeCommand implements Callable<Integer> {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", Pattern.CASE_INSENSITIVE);

  @Mixin KafkaOptions kafka;

  @Option(names = "--feeds", paramLabel = "FILE", description = "Feed list to poll.")
  Path feeds;

  @Option(
      names = "--transactional-id",
      paramLabel = "ID",
      description =
          "transactional.id of the feed poller; one running poller per id (default:"
              + " newsflow.ingest.feeds.transactional.id, else newsflow-ingest-feeds).")
  String transactionalId;

  @Option(
      names = "--http-port",
      paramLabel = "N",
      description = "Serve POST /articles on this port (0: any free port, printed).")
  Integer httpPort;

  @Option(
      names = {"--http-bind", "--http-host"},
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String httpHost;

  @Option(
      names = "--http-max-body",
      paramLabel = "SIZE",
      defaultValue = "1MiB",
      description = "Largest request body (default: ${DEFAULT-VALUE}); larger ones get 413.")
  String httpMaxBody;

  @Option(
      names = "--http-max-in-flight",
      paramLabel = "SIZE",
      defaultValue = "16MiB",
      description =
          "Request bytes waiting for Kafka at once before new requests get 429 (default:"
              + " ${DEFAULT-VALUE}; keep it under the producer's buffer.memory, 32MiB).")
  String httpMaxInFlight;

  @Option(names = "--watch", paramLabel = "DIR", description = "Directory to watch for files.")
  Path watchDir;

  @Option(
      names = "--watch-interval",
      defaultValue = "PT2S",
      description = "Time between scans of --watch DIR (default: ${DEFAULT-VALUE}).")
  Duration watchInterval;

  @Option(
      names = "--outlet",
      defaultValue = Article.UNKNOWN_OUTLET,
      description = "Outlet of watched files that name none (default: ${DEFAULT-VALUE}).")
  String outlet;

  @Option(names = "--language", description = "Language of watched files that state none.")
  String language;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (feeds == null && httpPort == null && watchDir == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give at least one source: --feeds FILE, --http-port N, --watch DIR");
    }
    List<FeedSpec> feedSpecs = feeds == null ? List.of() : FeedList.read(feeds);
    Settings settings = kafka.settings();
    FeedPoller.Options feedOptions = FeedPoller.Options.from(settings.newsflow());
    if (transactionalId != null) {
      feedOptions = feedOptions.withTransactionalId(transactionalId);
    }
    int maxBody = Math.toIntExact(parseSize("--http-max-body", httpMaxBody));
    ArticleEndpoint.Limits limits =
        new ArticleEndpoint.Limits(
            maxBody,
            parseSize("--http-max-in-flight", httpMaxInFlight),
            ArticleEndpoint.Limits.DEFAULT.ackTimeout());
    IngestServer.Config config =
        new IngestServer.Config(
            feedSpecs,
            feedOptions,
            httpPort,
            httpHost,
            limits,
            watchDir,
            watchInterval,
            outlet,
            language);
    kafka.ensureTopics();
    try (Shutdown shutdown = new Shutdown()) {
      // Served on the HTTP endpoint's port (/metrics, /health/*) when --http-port is given.
      Observability observability = shutdown.register(new Observability());
      IngestServer server =
          shutdown.register(
              IngestServer.start(
                  kafka.bootstrapServers,
                  new HashMap<>(settings.kafka()),
                  config,
                  observability,
                  System.out));
      System.out.println("serve: publishing to news.articles.raw on " + kafka.describe());
      if (server.feeds() != null) {
        System.out.println(
            "  feeds: " + feedSpecs.size() + " from " + feeds + " (state in news.feeds.state)");
      }
      if (server.http() != null) {
        System.out.println("  http:  POST " + server.http().baseUri() + ArticleEndpoint.PATH);
        System.out.println("  metrics: " + server.http().baseUri() + "/metrics");
      }
      if (server.watcher() != null) {
        System.out.println(
            "  watch: "
                + server.watcher().dir()
                + " (then done/ or failed/), every "
                + watchInterval);
      }
      System.out.println("Ctrl-C to stop.");
      while (!shutdown.signalled()) {
        if (server.feeds() != null && server.feeds().awaitFatal(Duration.ofMillis(500))) {
          System.err.println(
              "error: the feed poller stopped: " + server.feeds().fatalError().orElseThrow());
          return 1;
        }
        if (server.feeds() == null) {
          Thread.sleep(500);
        }
      }
      return 0;
    }
  }

  /** {@code 1048576}, {@code 512KiB}, {@code 1MiB}, {@code 2MB}: binary multiples. */
  static long parseSize(String option, String value) {
    Matcher m = SIZE.matcher(value.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          option + " " + value + " is not a size (e.g. 1048576, 512KiB, 1MiB)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long size =
        switch (unit.charAt(0)) {
          case 'k' -> n * 1024;
          case 'm' -> n * 1024 * 1024;
          case 'g' -> n * 1024 * 1024 * 1024;
          default -> n;
        };
    if (size < 1) {
      throw new IllegalArgumentException(option + " must be positive, was " + value);
    }
    return size;
  }
}
