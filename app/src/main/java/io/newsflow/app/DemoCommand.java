package io.newsflow.app;

import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.contracts.Article;
import io.newsflow.ingest.InputFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code newsflow demo}: the whole pipeline in one process. Broker (embedded unless {@code
 * --bootstrap-servers}), enrich and aggregate; ingests the seeds, waits until every article is
 * enriched and counted, and prints a summary read back from the output topics.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole pipeline in one process on the seed articles.",
      "Broker + enrich + aggregate; ingests the seed articles and prints a summary read back from"
          + " the output topics.",
      "Without --bootstrap-servers a real single-node Kafka broker runs in this process.",
      "With --once it exits (0) when all seeds are counted; otherwise it keeps running so you can"
          + " feed more articles with any Kafka client, until Ctrl-C."
    })
final class DemoCommand implements Callable<Integer> {
  static final String DATA_MARKER = ".newsflow-data";

  @Option(
      names = {"-b", "--bootstrap-servers"},
      description = "Use this Kafka cluster instead of the embedded broker.")
  String bootstrapServers;

  @Option(
      names = "--data-dir",
      description = "Broker log and Streams state (default: ${DEFAULT-VALUE}).",
      defaultValue = "newsflow-data")
  Path dataDir;

  @Option(
      names = "--broker-port",
      description =
          "Port of the embedded broker; 0 or a taken port picks a free one (default: ${DEFAULT-VALUE}).",
      defaultValue = "9092")
  int brokerPort;

  @Option(
      names = "--seeds",
      paramLabel = "PATH",
      description = "Articles to ingest: file or directory (default: the project's seeds/).")
  List<String> seeds;

  @Option(
      names = "--feeds",
      paramLabel = "FILE",
      description =
          "Also poll the RSS/Atom feeds of this list (one URL per line, see `serve --help`): one"
              + " round before the seeds, then at each feed's interval unless --once.")
  Path feeds;

  @Option(names = "--once", description = "Exit when all seeds are counted.")
  boolean once;

  @Option(
      names = "--dump",
      paramLabel = "DIR",
      description = "After the summary, write each topic to DIR/<topic>.jsonl.")
  Path dumpDir;

  @Option(
      names = "--fresh",
      description = "Delete --data-dir first (only a directory newsflow created).")
  boolean fresh;

  @Option(
      names = "--timeout",
      description =
          "How long to wait for the seeds to be counted, e.g. PT2M (default: ${DEFAULT-VALUE}).",
      defaultValue = "PT2M")
  Duration timeout;

  @Option(
      names = "--partitions",
      defaultValue = "3",
      description = "Partitions of new topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--api-port",
      description =
          "Port of the aggregate query API; 0 or a taken port picks a free one (default: ${DEFAULT-VALUE}).",
      defaultValue = "8081")
  int apiPort;

  @Option(names = "--config", paramLabel = "FILE", description = "Settings file (properties).")
  Path configFile;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties for every client (security.protocol, ssl.*, sasl.*: TLS,"
              + " SASL/SCRAM), as Kafka's own tools take them; with --bootstrap-servers only.")
  Path commandConfig;

  @Option(
      names = {"--http-bind", "--http-host"},
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address the query API, live page and /metrics listen on (default: ${DEFAULT-VALUE};"
              + " 0.0.0.0 for every interface).")
  String httpBind;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (commandConfig != null && bootstrapServers == null) {
      throw new IllegalArgumentException(
          "--command-config needs --bootstrap-servers: the embedded broker speaks PLAINTEXT only");
    }
    checkFresh();
    Settings settings =
        ClientProperties.merge(Settings.load(configFile), ClientProperties.load(commandConfig));
    try (Shutdown shutdown = new Shutdown()) {
      // Before anything is written: a second demo on this directory stops here, the first
      // untouched.
      DataDirLock lock = shutdown.register(DataDirLock.acquire(dataDir));
      prepareDataDir(lock);
      String bootstrap = bootstrapServers;
      if (bootstrap == null) {
        EmbeddedKafkaBroker broker = shutdown.register(Brokers.start(dataDir, brokerPort, out));
        bootstrap = broker.bootstrapServers();
      } else {
        out.println(
            "broker: " + bootstrap + " over " + ClientProperties.describe(settings.kafka()));
      }
      ClientProperties.log("demo", bootstrap, settings.kafka());
      Map<String, Object> connection = ClientProperties.connection(bootstrap, settings.kafka());
      PipelineTopics.ensure(connection, partitions, Optional.empty());
      Path stateDir = dataDir.resolve("streams");
      Observability observability = shutdown.register(new Observability());
      StreamsService enrich =
          shutdown.register(
              Pipeline.enrich(
                  bootstrap, stateDir, settings, Pipeline.ENRICH_APP_ID, observability.registry()));
      observability.bind("enrich", enrich.streams());
      AggregateService aggregator =
          shutdown.register(
              new AggregateService(
                  bootstrap,
                  stateDir,
                  settings,
                  Pipeline.AGGREGATE_APP_ID,
                  httpBind,
                  Brokers.freeOr(apiPort),
                  AggregateCommand.advertised(httpBind, null),
                  observability));
      StreamsService aggregate = aggregator.streams();
      observability.bind("aggregate", aggregate.streams());
      enrich.start(Pipeline.START_TIMEOUT);
      aggregator.start(Pipeline.START_TIMEOUT);
      out.println("enrich, aggregate: running (exactly-once)");
      out.println("query API: " + aggregator.apiUri() + "/api/top?facet=theme (see README)");
      out.println("live page: " + aggregator.apiUri() + "/");
      out.println(
          "metrics: "
              + aggregator.apiUri()
              + "/metrics, health: "
              + aggregator.apiUri()
              + "/health/ready");
      if (feeds != null) {
        shutdown.register(IngestServer.demoFeeds(feeds, bootstrap, settings, once, out));
      }

      IngestRun.Result ingest =
          IngestRun.run(
              bootstrap,
              new HashMap<>(settings.kafka()),
              seedInputs(),
              InputFormat.AUTO,
              Article.UNKNOWN_OUTLET,
              null,
              System.in,
              System.err,
              false);
      out.println(ingest.summary());
      if (ingest.summary().failed() > 0) {
        System.err.println("error: " + ingest.summary().failed() + " articles were not sent");
        return 1;
      }

      PipelineSummary summary = new PipelineSummary();
      try (TopicTail tail =
          new TopicTail(
              connection,
              List.of(
                  io.newsflow.contracts.EnrichTopics.ENRICHED.name(),
                  io.newsflow.contracts.EnrichTopics.DLQ.name(),
                  io.newsflow.contracts.AggregateTopics.COUNTS.name()))) {
        if (!awaitCounted(tail, summary, ingest.sentIds(), List.of(enrich, aggregate))) {
          out.print(summary.render());
          System.err.println(
              "error: the seeds were not all enriched and counted within "
                  + timeout.toSeconds()
                  + " s");
          for (StreamsService app : List.of(enrich, aggregate)) {
            System.err.println("  " + app.describe());
          }
          return 1;
        }
        out.println(
            "summary (read back from news.articles.enriched, news.articles.dlq, news.counts):");
        out.println("  ingested:       " + ingest.summary().sent() + " articles this run");
        out.print(summary.render());
        if (dumpDir != null) {
          Map<String, Long> written = TopicDumper.dump(connection, PipelineTopics.ALL, dumpDir);
          PipelineTopics.ALL.forEach(
              t ->
                  out.println(
                      "dump: " + written.get(t) + " records -> " + dumpDir.resolve(t + ".jsonl")));
        }
        if (once) {
          return 0;
        }
        out.println();
        out.println("pipeline running. Feed more articles, e.g.:");
        out.println("  ./newsflow ingest --bootstrap-servers " + bootstrap + " my-articles.jsonl");
        out.println(
            "  kcat -b " + bootstrap + " -t news.articles.raw -P   (one Article JSON per line)");
        out.println("Ctrl-C to stop.");
        return watch(tail, summary, shutdown, List.of(enrich, aggregate));
      }
    }
  }

  private boolean awaitCounted(
      TopicTail tail, PipelineSummary summary, List<String> ids, List<StreamsService> apps) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      tail.catchUp(Duration.ofSeconds(5), summary::accept);
      if (ids.stream().allMatch(summary::enriched) && summary.countsCaughtUp()) {
        return true;
      }
      for (StreamsService app : apps) {
        if (!app.state().isRunningOrRebalancing()) {
          System.err.println("error: a Streams application stopped: state " + app.state());
          return false;
        }
      }
    }
    return false;
  }

  /** Prints a fresh summary whenever the counts move, until Ctrl-C or an app fails. */
  private int watch(
      TopicTail tail, PipelineSummary summary, Shutdown shutdown, List<StreamsService> apps) {
    long shown = summary.enrichedRecords() + summary.deadLetters();
    while (!shutdown.signalled()) {
      try {
        tail.catchUp(Duration.ofSeconds(5), summary::accept);
      } catch (RuntimeException e) {
        if (shutdown.signalled()) {
          return 0;
        }
        throw e;
      }
      long now = summary.enrichedRecords() + summary.deadLetters();
      if (now != shown && summary.countsCaughtUp()) {
        shown = now;
        out.print(summary.render());
      }
      for (StreamsService app : apps) {
        if (!shutdown.signalled() && !app.state().isRunningOrRebalancing()) {
          System.err.println("error: a Streams application stopped: state " + app.state());
          return 1;
        }
      }
    }
    return 0;
  }

  private List<String> seedInputs() {
    if (seeds != null && !seeds.isEmpty()) {
      return seeds;
    }
    String home = System.getProperty("newsflow.home");
    return List.of((home == null ? Path.of("seeds") : Path.of(home, "seeds")).toString());
  }

  /** Refuses {@code --fresh} on a directory newsflow did not create, before anything is written. */
  private void checkFresh() {
    if (fresh && Files.isDirectory(dataDir) && !Files.exists(dataDir.resolve(DATA_MARKER))) {
      throw new IllegalArgumentException(
          "--fresh: "
              + dataDir
              + " was not created by newsflow (no "
              + DATA_MARKER
              + "); not deleting it");
    }
  }

  /** Empties the directory on {@code --fresh} (all but the lock) and marks it as newsflow's. */
  private void prepareDataDir(DataDirLock lock) throws IOException {
    if (fresh) {
      try (Stream<Path> walk = Files.walk(dataDir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(dataDir) && !p.equals(lock.file())) {
            Files.delete(p);
          }
        }
      }
    }
    Path marker = dataDir.resolve(DATA_MARKER);
    if (!Files.exists(marker)) {
      Files.writeString(marker, "Created by newsflow: broker log and Streams state.\n");
    }
  }
}
