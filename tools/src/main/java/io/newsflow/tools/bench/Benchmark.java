package io.newsflow.tools.bench;

import io.newsflow.app.Pipeline;
import io.newsflow.app.PipelineSummary;
import io.newsflow.app.PipelineTopics;
import io.newsflow.app.Settings;
import io.newsflow.app.StreamsService;
import io.newsflow.app.TopicTail;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.JsonSerde;
import io.newsflow.contracts.RawRecords;
import io.newsflow.ingest.ArticlePublisher;
import io.newsflow.kit.StreamsSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Measures, on one broker and one corpus: (1) the broker's own limit, a pass-through Kafka Streams
 * app (same records, same exactly-once guarantee) in articles/s; (2) the full pipeline (enrich and
 * aggregate) on the same articles, from the first article in until every one is enriched and
 * counted. Reports both, their ratio and the peak heap of this process.
 *
 * <p>Both clocks start once the apps run (startup is not counted) and include producing the
 * records, which a producer does far faster than either app consumes them.
 */
public final class Benchmark {
  static final String PASS_IN = "bench.passthrough.in";
  static final String PASS_OUT = "bench.passthrough.out";
  static final int PASS_MIN_RECORDS = 20_000;

  /** Warm-up goes in chunks of this many articles, the JIT's share measured over each. */
  static final int WARMUP_CHUNK = 500;

  /**
   * Warm-up ends after the minimum once the JIT compiler used less than this many cores over a
   * chunk (it takes about one core for the first minute or two of a run on two cores).
   */
  static final double WARMUP_JIT_CORES = 0.15;

  /** Application ids of the pipeline's apps in a bench run (also their state folders). */
  static final String ENRICH_APP = "bench-enrich";

  static final String AGGREGATE_APP = "bench-aggregate";

  /** Figures of one run. */
  public record Result(
      int articles,
      double copyShare,
      double englishShare,
      int warmupArticles,
      double warmupSeconds,
      double jitCoresTimed,
      CpuFigures cpu,
      RecordTraffic.Figures traffic,
      DecideCounts.Figures decisions,
      int partitions,
      double meanArticleBytes,
      double passThroughPerSecond,
      double pipelinePerSecond,
      double ratio,
      LatencyFigures latency,
      long peakHeapBytes,
      long stateBytes,
      double stateBytesPer1000Articles) {}

  /**
   * CPU time per article of the timed phase: where the budget goes. It varies between runs of the
   * same code about as much as the throughput does here (+-10%: the two cores are shared by
   * everything in the JVM, and by whatever else the machine runs).
   *
   * @param processMsPerArticle every thread of the JVM: broker, both apps, clients, JIT, GC
   * @param enrichThreadsMsPerArticle the enrich app's stream threads (the bottleneck)
   * @param aggregateThreadsMsPerArticle the aggregate app's stream threads
   */
  public record CpuFigures(
      double processMsPerArticle,
      double enrichThreadsMsPerArticle,
      double aggregateThreadsMsPerArticle) {}

  /**
   * End-to-end latency at a fixed offered rate: from the send of an article (its ingest time) until
   * its enriched record is visible to a read_committed consumer.
   */
  public record LatencyFigures(
      double offeredPerSecond,
      int sent,
      int received,
      double achievedPerSecond,
      double p50Ms,
      double p95Ms,
      double p99Ms,
      double maxMs) {}

  /** The fixed-rate phase: {@code perSecond} articles/s for {@code seconds} (0: skipped). */
  public record LatencyPlan(List<Article> articles, double perSecond) {
    public static LatencyPlan none() {
      return new LatencyPlan(List.of(), 0);
    }
  }

  private Benchmark() {}

  public static Result run(
      String bootstrap,
      Path stateDir,
      List<Article> corpus,
      double copyShare,
      int partitions,
      LatencyPlan latency)
      throws Exception {
    return run(bootstrap, stateDir, corpus, copyShare, partitions, latency, Settings.empty());
  }

  /** {@link #run} with {@code settings} (newsflow and Kafka keys) for the pipeline's apps. */
  public static Result run(
      String bootstrap,
      Path stateDir,
      List<Article> corpus,
      double copyShare,
      int partitions,
      LatencyPlan latency,
      Settings settings)
      throws Exception {
    return run(
        bootstrap, stateDir, corpus, List.of(), 0, copyShare, 0, partitions, latency, settings);
  }

  /**
   * The whole benchmark. At least {@code minWarmup} of the {@code warmup} articles go through the
   * running pipeline before the clock starts, and more, chunk by chunk, while the JIT compiler
   * still takes more than {@value #WARMUP_JIT_CORES} of a core: it takes about one core for the
   * first minute or two of a run (broker, clients, Streams and enrich all in one JVM), which a
   * short run would otherwise count as pipeline cost. The pass-through app runs after the pipeline,
   * in the warm JVM. {@code englishShare} is only reported.
   */
  public static Result run(
      String bootstrap,
      Path stateDir,
      List<Article> corpus,
      List<Article> warmup,
      int minWarmup,
      double copyShare,
      double englishShare,
      int partitions,
      LatencyPlan latency,
      Settings settings)
      throws Exception {
    Map<String, String> own = new java.util.TreeMap<>(settings.newsflow());
    Settings effective = new Settings(own, settings.kafka());
    createTopics(bootstrap, partitions);
    PipelineTopics.ensure(bootstrap, partitions, Optional.empty());
    JsonSerde<Article> json = new JsonSerde<>(Article.class);
    double meanBytes = corpus.stream().mapToInt(a -> json.toBytes(a).length).average().orElse(0);
    HeapSampler heap = new HeapSampler();
    try (heap) {
      PipelineFigures pipeline =
          pipeline(bootstrap, stateDir, corpus, warmup, minWarmup, effective, latency);
      long stateBytes =
          directoryBytes(stateDir.resolve(ENRICH_APP))
              + directoryBytes(stateDir.resolve(AGGREGATE_APP));
      double pass = passThrough(bootstrap, stateDir, corpus);
      int processed = pipeline.warmupArticles() + corpus.size() + latency.articles().size();
      return new Result(
          corpus.size(),
          copyShare,
          englishShare,
          pipeline.warmupArticles(),
          pipeline.warmupSeconds(),
          pipeline.jitCoresTimed(),
          pipeline.cpu(),
          pipeline.traffic(),
          pipeline.decisions(),
          partitions,
          meanBytes,
          pass,
          pipeline.perSecond(),
          pipeline.perSecond() / pass,
          pipeline.latency(),
          heap.peak(),
          stateBytes,
          stateBytes * 1000.0 / processed);
    }
  }

  /**
   * The pass-through app's rate on the corpus, replayed to at least {@value #PASS_MIN_RECORDS}
   * records (the broker moves a few thousand articles in well under a second, too short to time).
   * The clock starts once the app runs, as for the pipeline, so startup is not counted.
   */
  private static double passThrough(String bootstrap, Path stateDir, List<Article> corpus)
      throws Exception {
    List<Article> records = new java.util.ArrayList<>(corpus);
    while (records.size() < PASS_MIN_RECORDS) {
      records.addAll(corpus.subList(0, Math.min(corpus.size(), PASS_MIN_RECORDS - records.size())));
    }
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(PASS_IN, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-in"))
        .to(PASS_OUT, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-out"));
    try (StreamsService app =
            new StreamsService(
                "passthrough",
                builder.build(),
                StreamsSettings.of(
                    "bench-passthrough", bootstrap, stateDir.resolve("passthrough"), Map.of()));
        TopicTail out = new TopicTail(bootstrap, List.of(PASS_OUT))) {
      app.start(Duration.ofMinutes(2));
      long start = System.nanoTime();
      produce(bootstrap, PASS_IN, records);
      awaitCount(out, records.size());
      return records.size() / ((System.nanoTime() - start) / 1e9);
    }
  }

  private record PipelineFigures(
      double perSecond,
      LatencyFigures latency,
      int warmupArticles,
      double warmupSeconds,
      double jitCoresTimed,
      CpuFigures cpu,
      RecordTraffic.Figures traffic,
      DecideCounts.Figures decisions) {}

  /** Cores the JIT compiler used since {@code jitMs} (its total at {@code sinceNanos}). */
  private static double jitCores(long jitMs, long sinceNanos) {
    long now = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    return (now - jitMs) / ((System.nanoTime() - sinceNanos) / 1e6);
  }

  private static PipelineFigures pipeline(
      String bootstrap,
      Path stateDir,
      List<Article> corpus,
      List<Article> warmup,
      int minWarmup,
      Settings settings,
      LatencyPlan plan)
      throws Exception {
    PipelineSummary summary = new PipelineSummary();
    double perSecond;
    LatencyFigures latency = null;
    int warmed = 0;
    double warmupSeconds;
    double jitCoresTimed;
    CpuFigures cpu;
    RecordTraffic.Figures traffic;
    DecideCounts.Figures decisions;
    try (StreamsService enrich = Pipeline.enrich(bootstrap, stateDir, settings, ENRICH_APP);
        StreamsService aggregate =
            Pipeline.aggregate(bootstrap, stateDir, settings, AGGREGATE_APP);
        TopicTail out =
            new TopicTail(
                bootstrap,
                List.of(
                    EnrichTopics.ENRICHED.name(),
                    io.newsflow.contracts.AggregateTopics.COUNTS.name()))) {
      enrich.start(Duration.ofMinutes(2));
      aggregate.start(Duration.ofMinutes(2));
      LagMonitor lag =
          Boolean.getBoolean("newsflow.bench.lag")
              ? new LagMonitor(bootstrap, List.of(ENRICH_APP, AGGREGATE_APP), 2000, System.err)
              : null;
      long warmupStart = System.nanoTime();
      while (warmed < warmup.size()) {
        int n = Math.min(WARMUP_CHUNK, warmup.size() - warmed);
        long jitMs = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long chunkStart = System.nanoTime();
        produce(bootstrap, ArticleTopics.RAW.name(), warmup.subList(warmed, warmed + n));
        awaitPipeline(out, summary, warmed + n);
        warmed += n;
        if (warmed >= minWarmup && jitCores(jitMs, chunkStart) < WARMUP_JIT_CORES) {
          break;
        }
      }
      warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
      long jitMs = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
      CpuClock enrichThreads = CpuClock.threads(ENRICH_APP + "-");
      CpuClock aggregateThreads = CpuClock.threads(AGGREGATE_APP + "-");
      long processCpu = CpuClock.process();
      RecordTraffic sent = RecordTraffic.start(List.of(enrich.streams(), aggregate.streams()));
      DecideCounts decided = DecideCounts.start(enrich.streams());
      long start = System.nanoTime();
      produce(bootstrap, ArticleTopics.RAW.name(), corpus);
      awaitPipeline(out, summary, warmed + corpus.size());
      perSecond = corpus.size() / ((System.nanoTime() - start) / 1e9);
      jitCoresTimed = jitCores(jitMs, start);
      cpu =
          new CpuFigures(
              (CpuClock.process() - processCpu) / 1e6 / corpus.size(),
              enrichThreads.elapsedNanos() / 1e6 / corpus.size(),
              aggregateThreads.elapsedNanos() / 1e6 / corpus.size());
      traffic = sent.perArticle(corpus.size());
      decisions = decided.since();
      if (!plan.articles().isEmpty()) {
        latency = FixedRate.measure(bootstrap, plan.articles(), plan.perSecond());
      }
      if (lag != null) {
        lag.close();
      }
    }
    return new PipelineFigures(
        perSecond, latency, warmed, warmupSeconds, jitCoresTimed, cpu, traffic, decisions);
  }

  /** Waits until {@code total} articles are enriched and every count is out. */
  private static void awaitPipeline(TopicTail out, PipelineSummary summary, int total) {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    while (summary.enrichedRecords() < total || !summary.countsCaughtUp()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "pipeline did not finish: " + summary.enrichedRecords() + " of " + total + " enriched");
      }
      out.catchUp(Duration.ofSeconds(5), summary::accept);
    }
  }

  private static long directoryBytes(Path dir) throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(dir)) {
      return 0;
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
      return files
          .filter(java.nio.file.Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return java.nio.file.Files.size(f);
                } catch (java.io.IOException e) {
                  return 0; // a RocksDB file removed by compaction while walking
                }
              })
          .sum();
    }
  }

  private static void produce(String bootstrap, String topic, List<Article> corpus) {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            ArticlePublisher.config(bootstrap, Map.of()),
            Serdes.ByteArray().serializer(),
            Serdes.ByteArray().serializer())) {
      for (Article a : corpus) {
        // Stamped when sent, as a feed stamps what it reads: the record time is the ingest time,
        // and the order rule decides by it. A corpus sharing one ingest time (as generated) would
        // be decided by article id alone, whose order ("bench-1-10" before "bench-1-9") is not the
        // order of sending: most articles would come late, and late ones cannot see the earlier
        // articles the later ones crowded out of the story postings (docs/STORIES.md).
        // The raw record every entry point sends; the pass-through gets the same bytes.
        ProducerRecord<byte[], byte[]> raw = RawRecords.serialized(a.withIngestedAt(Instant.now()));
        producer.send(
            topic.equals(raw.topic())
                ? raw
                : new ProducerRecord<>(topic, null, raw.timestamp(), raw.key(), raw.value()));
      }
    }
  }

  private static void awaitCount(TopicTail tail, int n) {
    AtomicLong seen = new AtomicLong();
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (seen.get() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("pass-through did not finish: " + seen.get() + " of " + n);
      }
      tail.catchUp(Duration.ofSeconds(5), r -> seen.incrementAndGet());
    }
  }

  private static void createTopics(String bootstrap, int partitions) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(PASS_IN, Optional.of(partitions), Optional.empty()),
                  new NewTopic(PASS_OUT, Optional.of(partitions), Optional.empty())))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** Samples the heap in use every 100 ms; {@link #peak()} is the largest sample. */
  private static final class HeapSampler implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bench-heap");
              t.setDaemon(true);
              return t;
            });

    HeapSampler() {
      timer.scheduleAtFixedRate(
          () -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
          0,
          100,
          TimeUnit.MILLISECONDS);
    }

    long peak() {
      return peak.get();
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
