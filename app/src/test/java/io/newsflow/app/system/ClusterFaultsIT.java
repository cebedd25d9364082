package io.newsflow.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.app.Pipeline;
import io.newsflow.app.PipelineTopics;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.CountRecord;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.Json;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.testkit.Corpus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.ToStringConsumer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;

/**
 * The fault-injection system test: the container images on a 3-node KRaft cluster (RF 3,
 * min.insync.replicas 2), 2 enrich and 2 aggregate instances with the production settings ({@code
 * deploy/config/production.properties}), a stream of generated articles with known copies ({@link
 * Corpus}). While it flows: the node leading the KRaft quorum is stopped and later restarted, one
 * enrich instance is SIGKILLed and restarted, a third aggregate instance joins. At the end every
 * article is enriched exactly once and every enriched record, duplicate link and count equals a
 * clean run's: the same stream through the same apps on an in-process broker, without faults.
 * Nothing is in the DLQ. Then the README's demo runs from the app image against the cluster.
 *
 * <p>Skipped without Docker or the images (deploy/docker/build.sh); in CI their absence fails.
 */
class ClusterFaultsIT {
  private static final int ARTICLES = Integer.getInteger("newsflow.system.articles", 2000);
  private static final double COPY_SHARE = 0.3;
  private static final long SEED = 8;
  private static final int PARTITIONS = 6;
  private static final Path PRODUCTION = Path.of("..", "deploy", "config", "production.properties");
  private static final Path LOGS = Path.of("target", "system-test");
  private static final Duration LEVEL_TIMEOUT = Duration.ofMinutes(4);

  /**
   * On top of the production settings, for both runs: a dead instance is noticed after 10 s instead
   * of 45 s (a shorter test, the same failover).
   */
  private static final Map<String, String> TEST_SETTINGS =
      Map.of("session.timeout.ms", "10000", "heartbeat.interval.ms", "3000");

  private final List<String> timeline = new ArrayList<>();
  private final long started = System.nanoTime();

  @Test
  void shouldEnrichAndCountLikeACleanRunWhenBrokersAndInstancesFailMidStream(@TempDir Path dir)
      throws Exception {
    DockerImages.require(DockerImages.APP, DockerImages.KAFKA);
    Files.createDirectories(LOGS);

    // Ingest times from 4 minutes before the hour, 250 ms apart: two hourly windows to count, and
    // recent enough that no broker deletes the records by time-based retention.
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(4));
    StreamPlan plan =
        StreamPlan.of(
            Corpus.fromSeeds(Path.of("..", "seeds")).articles(ARTICLES, COPY_SHARE, SEED, start),
            EnrichConfig.DEFAULT_NEAR,
            start,
            Duration.ofMillis(250));
    String production = Files.readString(PRODUCTION, StandardCharsets.UTF_8);
    note(
        "plan: "
            + plan.articles()
            + " articles in "
            + plan.levels().size()
            + " levels (largest "
            + plan.levels().stream().mapToInt(List::size).max().orElse(0)
            + ")");

    PipelineOutcome clean = cleanRun(plan, production, dir);
    note(
        "clean run: "
            + clean.enriched().size()
            + " enriched, "
            + clean.counts().size()
            + " count keys");

    PipelineOutcome faulty;
    String demoOutput;
    try (Network network = Network.newNetwork()) {
      KafkaCluster cluster = new KafkaCluster(network, DockerImages.KAFKA);
      List<GenericContainer<?>> apps = new ArrayList<>();
      try {
        cluster.start();
        note("cluster: 3 KRaft nodes up, external " + cluster.externalBootstrap());
        PipelineTopics.ensure(cluster.externalBootstrap(), PARTITIONS, Optional.of((short) 3));
        String settings = production + "\n" + properties(TEST_SETTINGS);
        GenericContainer<?> enrich1 = enrich(network, cluster, "enrich-1", settings);
        GenericContainer<?> enrich2 = enrich(network, cluster, "enrich-2", settings);
        GenericContainer<?> aggregate1 = aggregate(network, cluster, "aggregate-1", settings);
        GenericContainer<?> aggregate2 = aggregate(network, cluster, "aggregate-2", settings);
        GenericContainer<?> aggregate3 = aggregate(network, cluster, "aggregate-3", settings);
        apps.addAll(List.of(enrich1, enrich2, aggregate1, aggregate2, aggregate3));
        Startables.deepStart(enrich1, enrich2, aggregate1, aggregate2).join();
        note("apps: enrich-1, enrich-2, aggregate-1, aggregate-2 RUNNING");

        faulty = faultyRun(plan, cluster, enrich1, aggregate3);
        for (GenericContainer<?> aggregate : List.of(aggregate1, aggregate2, aggregate3)) {
          assertApiAnswers(aggregate, clean);
        }
        note("query API: aggregate-1, -2 and -3 each answer every outlet's count as expected");

        // The demo runs the pipeline's apps itself (same application ids): stop these first, all
        // at once (SIGTERM: each closes and leaves its group).
        apps.parallelStream()
            .filter(GenericContainer::isRunning)
            .forEach(
                app ->
                    DockerClientFactory.instance()
                        .client()
                        .stopContainerCmd(app.getContainerId())
                        .withTimeout(60)
                        .exec());
        note("apps stopped");
        demoOutput = demo(network, cluster);
      } finally {
        saveLogs(cluster.nodes());
        saveLogs(apps);
        apps.forEach(GenericContainer::stop);
        cluster.nodes().forEach(GenericContainer::stop);
      }
    }

    compare(plan, clean, faulty);
    assertThat(demoOutput)
        .contains("summary (read back from news.articles.enriched")
        .contains("dead-lettered:  0")
        .containsPattern("enriched: +" + (plan.articles() + 5) + " articles");
    note("demo: `newsflow demo --once` from the app image against the cluster: exit 0");
    System.out.println(String.join("\n", timeline));
  }

  /** The same plan through the same apps and settings on one in-process broker, no faults. */
  private PipelineOutcome cleanRun(StreamPlan plan, String production, Path dir) throws Exception {
    long start = System.nanoTime();
    PipelineOutcome outcome =
        InProcessRun.run(plan, production, TEST_SETTINGS, PARTITIONS, LEVEL_TIMEOUT, dir);
    note(
        String.format(
            Locale.ROOT,
            "clean run (in-process broker, no faults): %d articles in %.1f s",
            plan.articles(),
            (System.nanoTime() - start) / 1e9));
    return outcome;
  }

  private PipelineOutcome faultyRun(
      StreamPlan plan,
      KafkaCluster cluster,
      GenericContainer<?> enrichToKill,
      GenericContainer<?> aggregateToAdd)
      throws Exception {
    String bootstrap = cluster.externalBootstrap();
    Progress progress = new Progress();
    long n = plan.articles();
    ExecutorService faults = Executors.newSingleThreadExecutor();
    long start = System.nanoTime();
    try {
      CompletableFuture<Void> faultPlan =
          CompletableFuture.runAsync(
              () -> {
                try {
                  progress.awaitEnriched(n * 15 / 100, LEVEL_TIMEOUT);
                  int leader = cluster.quorumLeader();
                  cluster.stop(leader);
                  note("fault: stopped kafka-" + leader + " (KRaft quorum leader)", progress);
                  progress.awaitEnriched(n * 30 / 100, LEVEL_TIMEOUT);
                  kill(enrichToKill);
                  note("fault: SIGKILL enrich-1", progress);
                  progress.awaitEnriched(n * 45 / 100, LEVEL_TIMEOUT);
                  DockerClientFactory.instance()
                      .client()
                      .startContainerCmd(enrichToKill.getContainerId())
                      .exec();
                  note(
                      "fault: restarted enrich-1 (same container, its local state kept)", progress);
                  progress.awaitEnriched(n * 55 / 100, LEVEL_TIMEOUT);
                  cluster.restart(leader);
                  note(
                      "fault: restarted kafka-" + leader + " on its data, 3 brokers again",
                      progress);
                  progress.awaitEnriched(n * 65 / 100, LEVEL_TIMEOUT);
                  aggregateToAdd.start();
                  note("scale: aggregate-3 joined and is RUNNING", progress);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              faults);
      new Feeder(bootstrap, LEVEL_TIMEOUT).feed(plan, progress);
      note(
          String.format(
              Locale.ROOT,
              "stream: %d articles enriched in %.1f s, faults included",
              plan.articles(),
              (System.nanoTime() - start) / 1e9));
      faultPlan.get(LEVEL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(logs(enrichToKill)).containsPattern("(?s)running against.*running against");
      awaitQuiet(bootstrap);
      return PipelineOutcome.read(bootstrap);
    } finally {
      faults.shutdownNow();
    }
  }

  private void compare(StreamPlan plan, PipelineOutcome clean, PipelineOutcome faulty) {
    List<String> ids = plan.ids();
    assertThat(faulty.enriched().keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(faulty.enrichedTimes().values()).allMatch(times -> times == 1);
    assertThat(clean.enriched().keySet()).containsExactlyInAnyOrderElementsOf(ids);
    List<String> differ =
        ids.stream()
            .filter(id -> !clean.enriched().get(id).equals(faulty.enriched().get(id)))
            .toList();
    if (!differ.isEmpty()) {
      StringBuilder diff = new StringBuilder();
      for (String id : differ) {
        diff.append("clean:  ").append(clean.enriched().get(id)).append('\n');
        diff.append("faults: ").append(faulty.enriched().get(id)).append("\n\n");
      }
      write("differences", diff.toString());
    }
    assertThat(differ)
        .as("articles enriched differently from the clean run (target/system-test/differences.log)")
        .isEmpty();
    assertThat(faulty.duplicates()).isEqualTo(clean.duplicates());
    assertThat(faulty.deadLetters()).isZero();
    assertThat(clean.deadLetters()).isZero();
    List<String> countsDiffer =
        clean.counts().keySet().stream()
            .filter(k -> !clean.counts().get(k).equals(faulty.counts().get(k)))
            .map(
                k ->
                    k
                        + "\n  clean:  "
                        + clean.counts().get(k)
                        + "\n  faults: "
                        + faulty.counts().get(k))
            .collect(Collectors.toList());
    faulty.counts().keySet().stream()
        .filter(k -> !clean.counts().containsKey(k))
        .forEach(k -> countsDiffer.add(k + " only in the faulty run"));
    if (!countsDiffer.isEmpty()) {
      write("count-differences", String.join("\n", countsDiffer));
    }
    assertThat(countsDiffer)
        .as("counts that differ from the clean run (target/system-test/count-differences.log)")
        .isEmpty();
    // Stories are decided in the same order as verdicts: the same ids as the clean run, and a copy
    // always in its original's story.
    assertThat(faulty.storyIds()).isEqualTo(clean.storyIds());
    assertThat(faulty.storyIds().keySet()).containsExactlyInAnyOrderElementsOf(ids);
    List<String> apart =
        faulty.canonicalIds().entrySet().stream()
            .filter(
                e -> !faulty.storyIds().get(e.getKey()).equals(faulty.storyIds().get(e.getValue())))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(apart).as("copies in another story than their original").isEmpty();
    note(
        String.format(
            Locale.ROOT,
            "stories: every article has one, the same as the clean run; %d copies, each in its"
                + " original's story",
            faulty.canonicalIds().size()));
    long allTime =
        clean.counts().values().stream()
            .filter(c -> c.window().equals(CountRecord.ALL_TIME))
            .count();
    note(
        String.format(
            Locale.ROOT,
            "result: %d articles in, %d enriched out (each exactly once, read_committed), %d"
                + " originals, %d exact copies, %d near copies, %d duplicate links; %d counts"
                + " compared (%d all-time, %d hourly/daily), all equal to the clean run; DLQ 0",
            ids.size(),
            faulty.enriched().size(),
            faulty.verdicts("original"),
            faulty.verdicts("exact"),
            faulty.verdicts("near"),
            faulty.duplicates().size(),
            faulty.counts().size(),
            allTime,
            faulty.counts().size() - allTime));
  }

  /** Every outlet's all-time count, asked of one aggregate instance's query API. */
  private void assertApiAnswers(GenericContainer<?> aggregate, PipelineOutcome clean)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Map<String, CountRecord> outlets =
        clean.counts().values().stream()
            .filter(c -> c.facet().equals("outlet") && c.window().equals(CountRecord.ALL_TIME))
            .collect(Collectors.toMap(CountRecord::key, c -> c, (a, b) -> a, LinkedHashMap::new));
    assertThat(outlets).isNotEmpty();
    String base = "http://127.0.0.1:" + aggregate.getMappedPort(8081);
    for (CountRecord expected : outlets.values()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(base + "/api/counts?facet=outlet&key=" + expected.key()))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode body = Json.mapper().readTree(response.body());
      assertThat(body.get("mentions").asLong()).as(response.body()).isEqualTo(expected.mentions());
      assertThat(body.get("stories").asLong()).as(response.body()).isEqualTo(expected.stories());
    }
  }

  /** The README's first command, from the app image, against the cluster: its output. */
  private String demo(Network network, KafkaCluster cluster) {
    long start = System.nanoTime();
    ToStringConsumer output = new ToStringConsumer();
    try (GenericContainer<?> demo =
        new GenericContainer<>(DockerImages.APP)
            .withNetwork(network)
            .withLogConsumer(output)
            .withEnv("NEWSFLOW_JAVA_OPTS", "-Xmx768m")
            .withCommand(
                "demo",
                "--once",
                "--bootstrap-servers",
                cluster.internalBootstrap(),
                "--partitions",
                String.valueOf(PARTITIONS),
                "--timeout",
                "PT5M")
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(6)))) {
      try {
        demo.start();
      } finally {
        write("demo", output.toUtf8String());
      }
      note(
          String.format(
              Locale.ROOT, "demo: finished in %.1f s", (System.nanoTime() - start) / 1e9));
      return output.toUtf8String();
    }
  }

  static GenericContainer<?> enrich(
      Network network, KafkaCluster cluster, String name, String settings) {
    return app(network, cluster, name, settings, "-Xmx640m", "enrich", "--http-port", "8082")
        .withExposedPorts(8082);
  }

  static GenericContainer<?> aggregate(
      Network network, KafkaCluster cluster, String name, String settings) {
    return app(
            network,
            cluster,
            name,
            settings,
            "-Xmx384m",
            "aggregate",
            "--http-port",
            "8081",
            "--advertised-host",
            name)
        .withExposedPorts(8081);
  }

  private static GenericContainer<?> app(
      Network network,
      KafkaCluster cluster,
      String name,
      String settings,
      String heap,
      String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--bootstrap-servers",
            cluster.internalBootstrap(),
            "--partitions",
            String.valueOf(PARTITIONS),
            "--replication-factor",
            "3",
            "--http-host",
            "0.0.0.0",
            "--config",
            "/etc/newsflow/newsflow.properties"));
    return new GenericContainer<>(DockerImages.APP)
        .withNetwork(network)
        .withNetworkAliases(name)
        .withEnv("NEWSFLOW_JAVA_OPTS", heap)
        .withCopyToContainer(
            Transferable.of(settings.getBytes(StandardCharsets.UTF_8)),
            "/etc/newsflow/newsflow.properties")
        .withCommand(args.toArray(String[]::new))
        .waitingFor(
            Wait.forLogMessage(".*running against.*", 1).withStartupTimeout(Duration.ofMinutes(4)));
  }

  private static void kill(GenericContainer<?> container) {
    DockerClientFactory.instance()
        .client()
        .killContainerCmd(container.getContainerId())
        .withSignal("KILL")
        .exec();
  }

  /** Both apps have committed every input record: all output is in place. */
  static void awaitQuiet(String bootstrap) throws Exception {
    ConsumerGroups.awaitCaughtUp(
        bootstrap, Pipeline.ENRICH_APP_ID, ArticleTopics.RAW.name(), Duration.ofMinutes(3));
    ConsumerGroups.awaitCaughtUp(
        bootstrap, Pipeline.AGGREGATE_APP_ID, EnrichTopics.ENRICHED.name(), Duration.ofMinutes(3));
  }

  private static String logs(GenericContainer<?> container) {
    return container.getLogs();
  }

  static String properties(Map<String, String> settings) {
    return settings.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private void note(String line) {
    note(line, null);
  }

  private synchronized void note(String line, Progress progress) {
    String entry =
        String.format(
            Locale.ROOT,
            "system test [%6.1f s]%s %s",
            (System.nanoTime() - started) / 1e9,
            progress == null ? "" : " (" + progress.enriched() + " enriched)",
            line);
    timeline.add(entry);
    System.out.println(entry);
  }

  private static void saveLogs(List<GenericContainer<?>> containers) {
    for (GenericContainer<?> c : containers) {
      if (c.getContainerId() != null) {
        String name =
            c.getNetworkAliases().stream()
                .filter(a -> !a.startsWith("tc-"))
                .findFirst()
                .orElse(c.getContainerId());
        try {
          write(name, c.getLogs());
        } catch (RuntimeException e) {
          System.out.println("system test: no logs of " + name + ": " + e);
        }
      }
    }
  }

  private static void write(String name, String logs) {
    try {
      Files.writeString(LOGS.resolve(name + ".log"), logs, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.out.println("system test: cannot write " + name + ".log: " + e);
    }
  }
}
