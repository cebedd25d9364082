package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.aggregate.AggregateConfig;
import io.newsflow.aggregate.AggregateTopology;
import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.contracts.AggregateTopics;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.CountRecord;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.JsonSerde;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.EnrichTopology;
import io.newsflow.enrich.decide.RawLogEnds;
import io.newsflow.ingest.ArticlePublisher;
import io.newsflow.kit.StreamsSettings;
import io.newsflow.testkit.Corpus;
import io.newsflow.testkit.TestBrokers;
import io.newsflow.testkit.TestTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions are a function of the input log: the same raw records (3,000 generated articles with
 * copies, produced as one burst, shuffled so that copies often come before their originals, many in
 * the same millisecond) give every article the same verdict, original and story, and the aggregate
 * the same counts, whether they go through
 *
 * <ol>
 *   <li>one sequential {@code TopologyTestDriver} run in the order (record time, id),
 *   <li>a real broker with 3 raw partitions and 2 enrich instances,
 *   <li>the same with the instance that holds the decide task killed with SIGKILL mid-stream (two
 *       enrich processes, as {@code ./newsflow enrich} runs them).
 * </ol>
 */
class DeterminismIT {
  private static final int ARTICLES = 3000;
  private static final int PARTITIONS = 3;
  private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
  private static final Duration DEADLINE = Duration.ofMinutes(6);
  private static final JsonSerde<EnrichedArticle> ENRICHED = new JsonSerde<>(EnrichedArticle.class);
  private static final String DECIDE_TOPIC = Pipeline.ENRICH_APP_ID + "-decide-input-repartition";

  /** One raw record of the burst. */
  record Raw(String id, Article article, long time) {}

  /** What the decide step decided for one article. */
  record Outcome(String verdict, String canonicalId, String storyId) {
    static Outcome of(EnrichedArticle a) {
      return new Outcome(a.dedup().verdict().json(), a.dedup().canonicalId(), a.storyId());
    }
  }

  @Test
  void shouldDecideAlikeWhateverThePartitionsInstancesAndCrashes(@TempDir Path dir)
      throws Exception {
    List<Raw> burst = burst();

    Map<String, EnrichedArticle> sequential = sequential(burst, dir.resolve("ttd"));
    Map<String, EnrichedArticle> twoInstances = twoInstances(burst, dir.resolve("two"));
    Map<String, EnrichedArticle> killed = withSigkill(burst, dir.resolve("kill"));

    Map<String, Outcome> reference = outcomes(sequential);
    long copies = reference.values().stream().filter(o -> !o.verdict().equals("original")).count();
    long stories = reference.values().stream().map(Outcome::storyId).distinct().count();
    System.out.printf(
        "DeterminismIT: %d articles, %d copies, %d stories in the sequential run%n",
        reference.size(), copies, stories);
    assertThat(reference).hasSize(ARTICLES);
    assertThat(copies).isGreaterThan(ARTICLES / 10);
    assertThat(stories).isBetween(2L, (long) ARTICLES - copies - 1);
    assertThat(diff(reference, outcomes(twoInstances))).as("2 instances vs sequential").isEmpty();
    assertThat(diff(reference, outcomes(killed))).as("SIGKILL vs sequential").isEmpty();
    // Every copy in its original's story, and the original is the earlier article.
    Map<String, Raw> byId = new HashMap<>();
    burst.forEach(r -> byId.put(r.id(), r));
    reference.forEach(
        (id, o) -> {
          if (!o.verdict().equals("original")) {
            assertThat(o.storyId()).isEqualTo(reference.get(o.canonicalId()).storyId());
            Raw copy = byId.get(id);
            Raw original = byId.get(o.canonicalId());
            assertThat(
                    Comparator.comparingLong(Raw::time)
                        .thenComparing(Raw::id)
                        .compare(original, copy))
                .isNegative();
          }
        });

    Map<String, CountRecord> counts = counts(sequential, dir.resolve("agg-0"));
    assertThat(counts(twoInstances, dir.resolve("agg-1"))).isEqualTo(counts);
    assertThat(counts(killed, dir.resolve("agg-2"))).isEqualTo(counts);
    assertThat(counts.values()).anyMatch(c -> c.distinctStories() > 1);
  }

  /**
   * The corpus, shuffled, with the timestamps one producer would give a burst: non-decreasing in
   * sending order, three articles per millisecond.
   */
  static List<Raw> burst() throws IOException {
    List<Article> corpus =
        Corpus.fromSeeds(PipelineIT.SEEDS)
            .articles(ARTICLES, 0.3, 18, START, Corpus.Options.news());
    List<Article> shuffled = new ArrayList<>(corpus);
    Collections.shuffle(shuffled, new Random(18));
    List<Raw> burst = new ArrayList<>();
    for (int i = 0; i < shuffled.size(); i++) {
      burst.add(new Raw(shuffled.get(i).id(), shuffled.get(i), START.toEpochMilli() + i / 3));
    }
    return burst;
  }

  private static Map<String, Outcome> outcomes(Map<String, EnrichedArticle> enriched) {
    Map<String, Outcome> out = new TreeMap<>();
    enriched.forEach((id, a) -> out.put(id, Outcome.of(a)));
    return out;
  }

  private static List<String> diff(Map<String, Outcome> a, Map<String, Outcome> b) {
    List<String> differ = new ArrayList<>();
    a.forEach(
        (id, o) -> {
          if (!o.equals(b.get(id))) {
            differ.add(id + ": " + o + " vs " + b.get(id));
          }
        });
    b.keySet().stream().filter(id -> !a.containsKey(id)).forEach(id -> differ.add(id + " extra"));
    return differ;
  }

  /** (a): one TopologyTestDriver, records piped in the order (record time, id). */
  private static Map<String, EnrichedArticle> sequential(List<Raw> burst, Path dir) {
    List<Raw> ordered = new ArrayList<>(burst);
    ordered.sort(Comparator.comparingLong(Raw::time).thenComparing(Raw::id));
    Map<String, EnrichedArticle> out = new HashMap<>();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            EnrichTopology.build(
                EnrichConfig.defaults(), new SimpleMeterRegistry(), RawLogEnds.synchronous()),
            StreamsSettings.of("determinism-ttd", "unused:9092", dir, Map.of()),
            START)) {
      TestInputTopic<String, Article> raw = TestTopics.input(driver, ArticleTopics.RAW);
      TestOutputTopic<String, EnrichedArticle> enriched =
          TestTopics.output(driver, EnrichTopics.ENRICHED);
      for (Raw r : ordered) {
        raw.pipeInput(r.id(), r.article(), r.time());
      }
      enriched.readKeyValuesToList().forEach(kv -> out.put(kv.key, kv.value));
    }
    return out;
  }

  /** (b): a real broker, 3 raw partitions, 2 in-process enrich instances. */
  private static Map<String, EnrichedArticle> twoInstances(List<Raw> burst, Path dir)
      throws Exception {
    try (EmbeddedKafkaBroker broker = TestBrokers.builder(dir.resolve("broker")).port(0).build()) {
      broker.start();
      String bootstrap = broker.bootstrapServers();
      PipelineTopics.ensure(bootstrap, PARTITIONS, Optional.empty());
      Settings settings = new Settings(Map.of(), Map.of());
      try (StreamsService one =
              Pipeline.enrich(bootstrap, dir.resolve("one"), settings, Pipeline.ENRICH_APP_ID);
          StreamsService two =
              Pipeline.enrich(bootstrap, dir.resolve("two"), settings, Pipeline.ENRICH_APP_ID)) {
        one.start(Pipeline.START_TIMEOUT);
        two.start(Pipeline.START_TIMEOUT);
        produce(bootstrap, burst);
        return collect(bootstrap, burst.size(), seen -> {});
      }
    }
  }

  /**
   * (c): two enrich processes; once a fifth of the articles are out, the one holding the decide
   * task is killed with SIGKILL and started again on its state directory.
   */
  private static Map<String, EnrichedArticle> withSigkill(List<Raw> burst, Path dir)
      throws Exception {
    try (EmbeddedKafkaBroker broker = TestBrokers.builder(dir.resolve("broker")).port(0).build()) {
      broker.start();
      String bootstrap = broker.bootstrapServers();
      PipelineTopics.ensure(bootstrap, PARTITIONS, Optional.empty());
      Map<String, Process> processes = new TreeMap<>();
      try {
        for (String name : List.of("det-a", "det-b")) {
          processes.put(name, enrichProcess(bootstrap, dir, name));
        }
        awaitMembers(bootstrap, 2);
        produce(bootstrap, burst);
        String[] killed = {null};
        Map<String, EnrichedArticle> out =
            collect(
                bootstrap,
                burst.size(),
                seen -> {
                  if (killed[0] == null && seen >= burst.size() / 5) {
                    try {
                      String holder = decideHolder(bootstrap);
                      Process p = processes.get(holder);
                      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
                      killed[0] = holder;
                      System.out.printf(
                          "DeterminismIT: SIGKILL %s (decide task) after %d articles out%n",
                          holder, seen);
                      processes.put(holder, enrichProcess(bootstrap, dir, holder));
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }
                });
        assertThat(killed[0]).as("an enrich process was killed mid-stream").isNotNull();
        return out;
      } finally {
        for (Process p : processes.values()) {
          p.destroy();
          if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
          }
        }
        // how the decide task took up the articles that waited when it was killed
        for (String name : processes.keySet()) {
          Path log = dir.resolve(name + ".log");
          if (java.nio.file.Files.exists(log)) {
            try (var lines = java.nio.file.Files.lines(log)) {
              lines
                  .filter(l -> l.contains("decide step started"))
                  .forEach(l -> System.out.println("DeterminismIT: " + name + ": " + l));
            }
          }
        }
      }
    }
  }

  /** {@code newsflow enrich} in its own JVM, output to {@code dir/NAME.log}. */
  private static Process enrichProcess(String bootstrap, Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path config = dir.resolve(name + ".properties");
    Files.writeString(
        config, "client.id=" + name + "\nsession.timeout.ms=10000\nheartbeat.interval.ms=2000\n");
    // the test's logging, and the decide step's start (what it read again) at INFO
    Path logging = dir.resolve("log4j2-determinism.xml");
    Files.writeString(
        logging,
        """
        <Configuration status="WARN">
          <Appenders><Console name="out" target="SYSTEM_OUT">
            <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level %c{1} - %msg%n"/>
          </Console></Appenders>
          <Loggers>
            <Logger name="io.newsflow.enrich.decide.DecideProcessor" level="INFO"/>
            <Logger name="kafka" level="ERROR"/>
            <Logger name="org.apache.kafka" level="ERROR"/>
            <Root level="WARN"><AppenderRef ref="out"/></Root>
          </Loggers>
        </Configuration>
        """);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx1g",
            "-Dlog4j2.configurationFile=" + logging.toAbsolutePath(),
            "-cp",
            System.getProperty("java.class.path"),
            Newsflow.class.getName(),
            "enrich",
            "--bootstrap-servers",
            bootstrap,
            "--state-dir",
            dir.resolve("state-" + name).toString(),
            "--config",
            config.toString(),
            "--http-port",
            "0")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()))
        .start();
  }

  private static Map<String, Object> admin(String bootstrap) {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
  }

  private static void awaitMembers(String bootstrap, int members) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    try (Admin admin = Admin.create(admin(bootstrap))) {
      while (System.nanoTime() < deadline) {
        ConsumerGroupDescription g;
        try {
          g =
              admin
                  .describeConsumerGroups(List.of(Pipeline.ENRICH_APP_ID))
                  .all()
                  .get()
                  .get(Pipeline.ENRICH_APP_ID);
        } catch (java.util.concurrent.ExecutionException e) {
          // Not formed yet.
          Thread.sleep(200);
          continue;
        }
        if (g.members().size() == members
            && g.members().stream()
                .anyMatch(
                    m ->
                        m.assignment().topicPartitions().stream()
                            .anyMatch(tp -> tp.topic().equals(DECIDE_TOPIC)))) {
          return;
        }
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("enrich group did not reach " + members + " members");
  }

  /** The client id of the process whose consumer holds the decide-input partition. */
  private static String decideHolder(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(admin(bootstrap))) {
      ConsumerGroupDescription g =
          admin
              .describeConsumerGroups(List.of(Pipeline.ENRICH_APP_ID))
              .all()
              .get()
              .get(Pipeline.ENRICH_APP_ID);
      for (MemberDescription m : g.members()) {
        if (m.assignment().topicPartitions().stream()
            .anyMatch(tp -> tp.topic().equals(DECIDE_TOPIC))) {
          return m.clientId().startsWith("det-a") ? "det-a" : "det-b";
        }
      }
    }
    throw new IllegalStateException("no member holds " + DECIDE_TOPIC);
  }

  private static void produce(String bootstrap, List<Raw> burst) {
    try (KafkaProducer<String, Article> producer =
        new KafkaProducer<>(
            ArticlePublisher.config(bootstrap, Map.of()),
            ArticleTopics.RAW.keySerde().serializer(),
            ArticleTopics.RAW.valueSerde().serializer())) {
      for (Raw r : burst) {
        producer.send(
            new ProducerRecord<>(ArticleTopics.RAW.name(), null, r.time(), r.id(), r.article()));
      }
      producer.flush();
    }
  }

  /** Reads enriched (read committed) until {@code n} ids; each id must come once. */
  private static Map<String, EnrichedArticle> collect(
      String bootstrap, int n, java.util.function.IntConsumer progress) throws Exception {
    Map<String, EnrichedArticle> out = new HashMap<>();
    Map<String, Integer> times = new HashMap<>();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    try (TopicTail tail = new TopicTail(bootstrap, List.of(EnrichTopics.ENRICHED.name()))) {
      while (out.size() < n) {
        assertThat(System.nanoTime())
            .as("%d of %d enriched in time", out.size(), n)
            .isLessThan(deadline);
        tail.catchUp(
            Duration.ofSeconds(1),
            r -> {
              EnrichedArticle a = ENRICHED.deserializer().deserialize(r.topic(), r.value());
              out.put(a.id(), a);
              times.merge(a.id(), 1, Integer::sum);
            });
        progress.accept(out.size());
      }
    }
    assertThat(times.values()).as("each article enriched exactly once").allMatch(t -> t == 1);
    return out;
  }

  /** The aggregate's counts of one run's enriched articles, fed in the order (record time, id). */
  private static Map<String, CountRecord> counts(Map<String, EnrichedArticle> run, Path dir) {
    List<EnrichedArticle> ordered = new ArrayList<>(run.values());
    ordered.sort(
        Comparator.comparing((EnrichedArticle a) -> a.article().ingestedAt())
            .thenComparing(EnrichedArticle::id));
    Map<String, CountRecord> counts = new TreeMap<>();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            AggregateTopology.build(AggregateConfig.from(Map.of())),
            StreamsSettings.of("determinism-agg", "unused:9092", dir, Map.of()),
            START)) {
      TestInputTopic<String, EnrichedArticle> in = TestTopics.input(driver, EnrichTopics.ENRICHED);
      TestOutputTopic<String, CountRecord> out = TestTopics.output(driver, AggregateTopics.COUNTS);
      for (EnrichedArticle a : ordered) {
        in.pipeInput(a.id(), a, a.article().ingestedAt());
      }
      out.readKeyValuesToList().forEach(kv -> counts.put(kv.key, kv.value));
    }
    return counts;
  }
}
