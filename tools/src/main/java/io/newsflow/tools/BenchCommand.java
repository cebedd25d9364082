package io.newsflow.tools;

import io.newsflow.app.Settings;
import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Json;
import io.newsflow.testkit.Corpus;
import io.newsflow.testkit.TestBrokers;
import io.newsflow.tools.bench.Benchmark;
import io.newsflow.tools.bench.DecideCounts;
import io.newsflow.tools.bench.HotPaths;
import io.newsflow.tools.bench.RecordTraffic;
import io.newsflow.tools.bench.TopologyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow bench}: throughput of the pipeline against the broker's own limit. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a synthetic corpus (2-6 KB Indonesian and English articles of new text from a"
          + " word model of the seeds and english.txt, reporting events with a cast from the"
          + " knowledge base; a share of syndicated copies with 5-20%% edits; deterministic from"
          + " --seed), warms the pipeline up on --warmup other articles, then measures on"
          + " one broker: a pass-through Kafka Streams app (exactly-once, same records) and the"
          + " full pipeline (enrich + aggregate) on the same articles, then the end-to-end latency"
          + " (ingest -> enriched) of the pipeline at a fixed offered rate (--rate).",
      "Prints articles/s of both, their ratio, latency percentiles, the peak heap and the state"
          + " stores' bytes per 1,000 articles; writes them to --out as JSON."
    })
final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--articles",
      defaultValue = "20000",
      description = "Corpus size (default: ${DEFAULT-VALUE}).")
  int articles;

  @Option(
      names = "--copies",
      defaultValue = "0.3",
      description = "Share of syndicated copies (default: ${DEFAULT-VALUE}).")
  double copies;

  @Option(
      names = "--english-share",
      defaultValue = "0.2",
      description = "Share of English originals (default: ${DEFAULT-VALUE}).")
  double englishShare;

  @Option(
      names = "--warmup",
      defaultValue = "2000",
      description =
          "Articles through the pipeline before the clock starts, so JIT compilation is not"
              + " counted; up to five times as many while the JIT compiler still takes more"
              + " than 0.15 of a core (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Corpus seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--partitions",
      defaultValue = "3",
      description = "Partitions of the topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--data-dir",
      defaultValue = "newsflow-data/bench",
      description = "Broker log and state; a fresh subfolder per run (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--out",
      defaultValue = "bench.json",
      description = "JSON file for the figures (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--seeds",
      description = "Seed articles for the vocabulary (default: the project's seeds/).")
  Path seeds;

  @Option(
      names = "--rate",
      defaultValue = "1000",
      description = "Offered rate of the latency phase, articles/s (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--latency-seconds",
      defaultValue = "20",
      description = "Length of the latency phase; 0 skips it (default: ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(
      names = "--hot-paths",
      description = "Only time enrich's per-article hot paths on one thread (CPU time), no broker.")
  boolean hotPaths;

  @Option(
      names = "--topology",
      description =
          "Only time the whole enrich topology on one thread (CPU time), with Kafka Streams'"
              + " TopologyTestDriver and real state stores, no broker: --warmup articles, then"
              + " --articles.")
  boolean topology;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings file for the pipeline's apps (newsflow.* and Kafka keys).")
  Path configFile;

  @Override
  public Integer call() throws Exception {
    Path seedsDir =
        seeds != null ? seeds : Path.of(System.getProperty("newsflow.home", "."), "seeds");
    Corpus generator = Corpus.fromSeeds(seedsDir);
    Corpus.Options options = new Corpus.Options(englishShare, true);
    List<Article> corpus = generator.articles(articles, copies, seed, Instant.now(), options);
    if (hotPaths) {
      List<Article> sample = corpus.subList(0, Math.min(corpus.size(), 2000));
      System.out.print(HotPaths.render(HotPaths.measure(sample, 3), sample.size()));
      return 0;
    }
    if (topology) {
      Path dir = dataDir.resolve("topology-" + System.currentTimeMillis());
      System.out.print(
          TopologyRun.render(
              TopologyRun.measure(
                  generator.articles(warmup, copies, seed + 2, Instant.now(), options),
                  corpus,
                  dir)));
      return 0;
    }
    Benchmark.LatencyPlan latency =
        latencySeconds <= 0
            ? Benchmark.LatencyPlan.none()
            : new Benchmark.LatencyPlan(
                generator.articles(
                    (int) Math.round(rate * latencySeconds),
                    copies,
                    seed + 1,
                    Instant.now(),
                    options),
                rate);
    Path run = dataDir.resolve("run-" + System.currentTimeMillis());
    Files.createDirectories(run);
    Benchmark.Result result;
    try (EmbeddedKafkaBroker broker = TestBrokers.builder(run.resolve("broker")).build()) {
      broker.start();
      result =
          Benchmark.run(
              broker.bootstrapServers(),
              run.resolve("streams"),
              corpus,
              warmup <= 0
                  ? List.of()
                  : generator.articles(5 * warmup, copies, seed + 2, Instant.now(), options),
              warmup,
              copies,
              englishShare,
              partitions,
              latency,
              Settings.load(configFile));
    }
    System.out.println(render(result));
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
    System.out.println("bench: figures written to " + out);
    return 0;
  }

  static String render(Benchmark.Result r) {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "bench: %d articles (%.0f%% copies, %.0f%% English, %.1f KB mean; after %d"
                    + " warm-up in %.0f s), %d partitions, embedded broker, %d cores%n"
                    + "  pass-through (Streams, exactly-once): %8.0f articles/s%n"
                    + "  full pipeline (enrich + aggregate):   %8.0f articles/s  (%.1f%% of"
                    + " pass-through)%n"
                    + "  JIT compiler while timed:             %8.2f cores%n"
                    + "  CPU per article while timed:          %8.2f ms (whole JVM), enrich"
                    + " stream threads %.2f ms, aggregate %.2f ms%n",
                r.articles(),
                r.copyShare() * 100,
                r.englishShare() * 100,
                r.meanArticleBytes() / 1024,
                r.warmupArticles(),
                r.warmupSeconds(),
                r.partitions(),
                Runtime.getRuntime().availableProcessors(),
                r.passThroughPerSecond(),
                r.pipelinePerSecond(),
                r.ratio() * 100,
                r.jitCoresTimed(),
                r.cpu().processMsPerArticle(),
                r.cpu().enrichThreadsMsPerArticle(),
                r.cpu().aggregateThreadsMsPerArticle()));
    RecordTraffic.Figures t = r.traffic();
    out.append(
        String.format(
            Locale.ROOT,
            "  records sent per article while timed:  %8.1f (%.1f KB): changelogs %.1f,"
                + " repartitions %.1f, output %.1f; the pass-through sends 1%n",
            t.recordsPerArticle(),
            t.bytesPerArticle() / 1024,
            t.recordsPerArticle(RecordTraffic.Kind.CHANGELOG),
            t.recordsPerArticle(RecordTraffic.Kind.REPARTITION),
            t.recordsPerArticle(RecordTraffic.Kind.OUTPUT)));
    for (RecordTraffic.TopicFigures topic : t.topics()) {
      out.append(
          String.format(
              Locale.ROOT,
              "    %7.2f records %7.0f bytes  %s%n",
              topic.recordsPerArticle(),
              topic.bytesPerArticle(),
              topic.topic()));
    }
    DecideCounts.Figures d = r.decisions();
    out.append(
        String.format(
            Locale.ROOT,
            "  decided while timed:                  %8d originals opened a story, %d joined one;"
                + " %d articles late%n",
            d.storiesOpened(),
            d.storiesJoined(),
            d.late()));
    Benchmark.LatencyFigures l = r.latency();
    if (l != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "  latency at %.0f articles/s offered (%d sent, %d out, %.0f/s achieved):%n"
                  + "    ingest -> enriched p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
              l.offeredPerSecond(),
              l.sent(),
              l.received(),
              l.achievedPerSecond(),
              l.p50Ms(),
              l.p95Ms(),
              l.p99Ms(),
              l.maxMs()));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  peak heap:                            %8.0f MB%n"
                + "  state stores on disk:                 %8.1f MB (%.0f KB per 1,000 articles)",
            r.peakHeapBytes() / 1e6,
            r.stateBytes() / 1e6,
            r.stateBytesPer1000Articles() / 1e3));
    return out.toString();
  }
}
