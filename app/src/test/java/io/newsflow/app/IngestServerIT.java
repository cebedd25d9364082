package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.Json;
import io.newsflow.ingest.IngestMetrics;
import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.feed.FeedServer;
import io.newsflow.ingest.feed.FeedSpec;
import io.newsflow.ingest.http.ArticleEndpoint;
import io.newsflow.testkit.TestBrokers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newsflow serve}'s sources together against a real broker: a feed, the HTTP endpoint driven
 * by a real HTTP client, and a watched folder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestServerIT {
  private EmbeddedKafkaBroker broker;
  private FeedServer feeds;
  private IngestServer server;
  private TopicTail raw;
  private Path watched;
  private final Observability observability = new Observability();
  private final MeterRegistry registry = observability.registry();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final Set<String> rawKeys = new HashSet<>();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  void start(@TempDir Path dir) {
    broker = TestBrokers.builder(dir.resolve("broker")).build();
    broker.start();
    PipelineTopics.ensure(broker.bootstrapServers(), 3, Optional.empty());
    feeds = new FeedServer();
    feeds.serve("/atom", FeedServer.fixture("atom.xml"));
    watched = dir.resolve("inbox");
    server =
        IngestServer.start(
            broker.bootstrapServers(),
            Map.of(),
            new IngestServer.Config(
                List.of(FeedSpec.of(feeds.uri("/atom").toString())),
                FeedPoller.Options.DEFAULT.withTransactionalId("serve-it"),
                0,
                "127.0.0.1",
                new ArticleEndpoint.Limits(4096, 64 * 1024, Duration.ofSeconds(30)),
                watched,
                Duration.ofMillis(100),
                Article.UNKNOWN_OUTLET,
                null),
            observability,
            new PrintStream(printed, true, StandardCharsets.UTF_8));
    raw = new TopicTail(broker.bootstrapServers(), List.of(ArticleTopics.RAW.name()));
  }

  @AfterAll
  void stop() {
    if (raw != null) {
      raw.close();
    }
    if (server != null) {
      server.close();
    }
    observability.close();
    if (feeds != null) {
      feeds.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldPublishFeedItemsWhenServerStartsWithAFeedList() {
    String id =
        Article.idOf("https://news.example-wire.com/world/ceasefire-talks-resume", null, null);

    String line = "feed " + feeds.uri("/atom") + ": 2 new, 0 already published";

    // The poller reports a poll once it is committed: wait for the report too.
    awaitRaw(
        "the feed's items on news.articles.raw, reported",
        () -> rawKeys.contains(id) && printed().contains(line));
  }

  @Test
  void shouldAnswer200AfterKafkaAckWhenAnArticleIsPosted() throws Exception {
    String body =
        "{\"outlet\":\"kompas.tv\",\"title\":\"Lewat HTTP\",\"body\":\"Dikirim lewat POST.\"}";

    HttpResponse<String> response = post("application/json", body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String id = Json.mapper().readTree(response.body()).get("ids").get(0).asText();
    assertThat(id).isEqualTo(Article.idOf(null, "Lewat HTTP", "Dikirim lewat POST."));
    // Acknowledged means committed to the log: the very next read finds it.
    raw.catchUp(
        Duration.ofSeconds(10), r -> rawKeys.add(new String(r.key(), StandardCharsets.UTF_8)));
    assertThat(rawKeys).contains(id);
    assertThat(
            registry
                .get(IngestMetrics.ITEMS)
                .tags("source", "http", "outcome", "published")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(1);
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.http().baseUri() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .containsPattern("newsflow_ingest_items_total\\{[^}]*source=\"http\"")
        .containsPattern("kafka_producer_record_send_total\\{[^}]*stage=\"ingest\"");
  }

  @Test
  void shouldRejectWithClearErrorsWhenBodiesAreOversizedOrMalformed() throws Exception {
    HttpResponse<String> oversized =
        post(
            "application/json", "{\"outlet\":\"kompas.tv\",\"body\":\"" + "x".repeat(5000) + "\"}");
    HttpResponse<String> malformed =
        post("application/x-ndjson", "{\"outlet\":\"a.example\",\"body\":\"ok\"}\n{\"body\":");
    HttpResponse<String> invalid = post("application/json", "{\"title\":\"Tanpa outlet\"}");

    assertThat(oversized.statusCode()).isEqualTo(413);
    assertThat(oversized.body()).contains("larger than 4096 bytes");
    assertThat(malformed.statusCode()).isEqualTo(400);
    JsonNode problem = Json.mapper().readTree(malformed.body()).get("problems").get(0);
    assertThat(problem.get("line").asInt()).isEqualTo(2);
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(invalid.body()).contains("\"field\":\"outlet\"").contains("\"field\":\"body\"");
  }

  @Test
  void shouldIngestAFileOnceAndMoveItToDoneWhenItIsDroppedIntoTheWatchedFolder() throws Exception {
    Path staged = watched.resolve(".drop.jsonl.part");
    Files.writeString(
        staged,
        "{\"outlet\":\"folder.example\",\"title\":\"Dari folder\",\"body\":\"Isi dari folder.\"}\n");
    Files.move(staged, watched.resolve("drop.jsonl"));
    String id = Article.idOf(null, "Dari folder", "Isi dari folder.");

    // The watcher reports a file once it is moved: wait for the report, not the move.
    awaitRaw(
        "the dropped file published, moved and reported",
        () -> rawKeys.contains(id) && printed().contains("drop.jsonl: 1 published -> "));

    assertThat(watched.resolve("done/drop.jsonl")).exists();
    assertThat(watched.resolve("drop.jsonl")).doesNotExist();
  }

  private void awaitRaw(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PipelineFixture.DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("in time: %s", what).isLessThan(deadline);
      raw.catchUp(
          Duration.ofSeconds(5), r -> rawKeys.add(new String(r.key(), StandardCharsets.UTF_8)));
    }
  }

  private HttpResponse<String> post(String contentType, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(server.http().baseUri() + ArticleEndpoint.PATH))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }
}
