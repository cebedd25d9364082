package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Json;
import io.newsflow.ingest.InputFormat;
import io.newsflow.kit.HttpService;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} and {@code /health} of a running pipeline: the scrape passes {@code promtool
 * check metrics} (skipped with a message where promtool is not installed; .ci/run installs it), and
 * newsflow's own meters move when the seeds flow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityIT {
  private PipelineFixture pipeline;
  private Observability observability;
  private HttpService http;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  void start(@TempDir Path dir) {
    observability = new Observability();
    pipeline = new PipelineFixture(dir, observability.registry());
    observability.bind("enrich", pipeline.enrich.streams());
    observability.bind("aggregate", pipeline.aggregate.streams());
    http = observability.routes(HttpService.builder("127.0.0.1", 0)).start();
  }

  @AfterAll
  void stop() {
    if (http != null) {
      http.close();
    }
    if (observability != null) {
      observability.close();
    }
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void shouldExposeValidPrometheusMetricsThatMoveWhenArticlesFlow() throws Exception {
    double before = sum(scrape(), "kafka_stream_newsflow_enrich_original_total");
    IngestRun.Result result =
        IngestRun.run(
            pipeline.bootstrap(),
            Map.of(),
            List.of(PipelineIT.SEEDS.toString()),
            InputFormat.AUTO,
            Article.UNKNOWN_OUTLET,
            null,
            InputStream.nullInputStream(),
            new PrintStream(System.err, true, StandardCharsets.UTF_8),
            false);
    pipeline.awaitOutput(
        "seeds enriched and counted",
        () ->
            result.sentIds().stream().allMatch(pipeline.summary::enriched)
                && pipeline.summary.countsCaughtUp());

    String metrics = scrape();
    assertThat(sum(metrics, "kafka_stream_newsflow_enrich_original_total") - before).isEqualTo(5.0);
    assertThat(sum(metrics, "newsflow_enrich_articles_total")).isEqualTo(5.0);
    assertThat(sum(metrics, "newsflow_enrich_latency_seconds_count")).isEqualTo(5.0);
    assertThat(sum(metrics, "newsflow_aggregate_latency_seconds_count")).isEqualTo(5.0);
    assertThat(sum(metrics, "newsflow_enrich_entities_total")).isGreaterThan(20.0);
    assertThat(metrics)
        .containsPattern("newsflow_enrich_latency_seconds_bucket\\{[^}]*le=\"0\\.5[0-9]*\"")
        .containsPattern("newsflow_aggregate_latency_seconds_bucket\\{[^}]*le=\"\\+Inf\"\\} 5");
    assertThat(metrics)
        .contains("jvm_memory_used_bytes")
        .contains("process_cpu_usage")
        .containsPattern("kafka_stream_[a-z_]+\\{[^}]*stage=\"aggregate\"");
    // One dead-letter count per app, every stage shown (at 0) before the first dead letter: the
    // kit's handlers get the meter through the Streams properties.
    for (String app : new String[] {"enrich", "aggregate"}) {
      for (String stage : new String[] {"deserialize", "validate", "process", "produce"}) {
        assertThat(metrics)
            .containsPattern(
                "newsflow_" + app + "_dead_letters_total\\{[^}]*stage=\"" + stage + "\"");
      }
    }
    promtoolCheck(metrics);
    assertThat(dashboardMetrics())
        .as("metrics the Grafana dashboard queries")
        .isNotEmpty()
        .allSatisfy(name -> assertThat(metrics).as(name).containsPattern("(?m)^" + name + "[{ ]"));

    HttpResponse<String> ready = get("/health/ready");
    HttpResponse<String> live = get("/health/live");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body())
        .contains("\"enrich\":\"RUNNING\"")
        .contains("\"aggregate\":\"RUNNING\"");
    assertThat(live.statusCode()).isEqualTo(200);
  }

  /** The metric names in every panel query of deploy/grafana/newsflow-dashboard.json. */
  private static Set<String> dashboardMetrics() throws Exception {
    JsonNode dashboard =
        Json.mapper()
            .readTree(Path.of("..", "deploy", "grafana", "newsflow-dashboard.json").toFile());
    Set<String> names = new TreeSet<>();
    Pattern token = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String expr =
            target
                .get("expr")
                .asText()
                .replaceAll("\\{[^}]*\\}", "")
                .replaceAll("\\[[^\\]]*\\]", "")
                .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "");
        Matcher m = token.matcher(expr);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  private String scrape() throws Exception {
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    return r.body();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(http.baseUri() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Sum of every sample of a metric (all tags). */
  private static double sum(String scrape, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(2));
    }
    return total;
  }

  private static void promtoolCheck(String metrics) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      System.out.println(
          "ObservabilityIT: promtool is not installed (Debian package prometheus; .ci/run installs it): skipping the promtool check");
      return;
    }
    try (var in = p.getOutputStream()) {
      in.write(metrics.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // Exit 0: clean; 3: lint problems only; 1: the text does not parse. The JVM and Kafka
    // binders' standard names draw lint remarks (system_cpu_count, *_time_ns_total) that we do
    // not rename, so that they stay the names every dashboard knows; newsflow's own must be clean.
    assertThat(p.exitValue()).as(output).isIn(0, 3);
    for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
      assertThat(line)
          .as("lint remark on a name that is not a third-party binder's")
          .matches("(kafka_(?!stream_newsflow_)|process_|system_|jvm_)\\S+ .*");
    }
  }
}
