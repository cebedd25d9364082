package io.newsflow.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.Json;
import io.newsflow.ingest.IngestMetrics;
import io.newsflow.kit.HttpService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArticleEndpointTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-03T02:00:00Z"), ZoneOffset.UTC);
  private static final String ONE =
      "{\"outlet\":\"kompas.tv\",\"title\":\"Satu\",\"body\":\"Artikel pertama tentang pemilu.\"}";
  private static final String TWO =
      "{\"url\":\"https://www.detik.com/berita/dua\",\"body\":\"Artikel kedua tentang ekonomi.\"}";

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private MockProducer<String, Article> producer;
  private HttpService http;

  @AfterEach
  void stop() {
    if (http != null) {
      http.close();
    }
  }

  @Test
  void shouldPublishAndAnswer200WithIdWhenBodyIsOneArticle() throws Exception {
    start(true, ArticleEndpoint.Limits.DEFAULT);

    HttpResponse<String> response = post("application/json", ONE);

    assertThat(response.statusCode()).isEqualTo(200);
    String id = Article.idOf(null, "Satu", "Artikel pertama tentang pemilu.");
    JsonNode answer = Json.mapper().readTree(response.body());
    assertThat(answer.get("accepted").asInt()).isEqualTo(1);
    assertThat(answer.get("ids").get(0).asText()).isEqualTo(id);
    assertThat(producer.history())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.topic()).isEqualTo(ArticleTopics.RAW.name());
              assertThat(r.key()).isEqualTo(id);
              assertThat(r.value().outlet()).isEqualTo("kompas.tv");
              assertThat(r.value().ingestedAt()).isEqualTo(CLOCK.instant());
              assertThat(r.value().source()).isEqualTo("http/articles");
              assertThat(r.timestamp()).isEqualTo(CLOCK.millis());
            });
    assertThat(items("published")).isEqualTo(1);
  }

  @Test
  void shouldPublishEveryLineWhenBodyIsJsonLines() throws Exception {
    start(true, ArticleEndpoint.Limits.DEFAULT);

    HttpResponse<String> lines = post("application/x-ndjson", ONE + "\n\n" + TWO + "\n");
    HttpResponse<String> sniffed = post("application/json", ONE + "\n" + TWO);

    assertThat(lines.statusCode()).isEqualTo(200);
    assertThat(Json.mapper().readTree(lines.body()).get("accepted").asInt()).isEqualTo(2);
    assertThat(sniffed.statusCode()).isEqualTo(200);
    assertThat(producer.history()).hasSize(4);
    assertThat(producer.history().get(1).value().outlet()).isEqualTo("detik.com");
  }

  @Test
  void shouldAcceptPrettyPrintedObjectWhenItSpansLines() throws Exception {
    start(true, ArticleEndpoint.Limits.DEFAULT);

    HttpResponse<String> response =
        post("application/json", "{\n  \"outlet\": \"kompas.tv\",\n  \"body\": \"Isi.\"\n}\n");

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswer400WithLineAndPublishNothingWhenALineIsMalformed() throws Exception {
    start(true, ArticleEndpoint.Limits.DEFAULT);

    HttpResponse<String> response =
        post("application/x-ndjson", ONE + "\n{\"outlet\":\"x\",\"body\": oops}\n" + TWO);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode answer = Json.mapper().readTree(response.body());
    assertThat(answer.get("error").asText())
        .contains("malformed JSON")
        .contains("nothing was published");
    assertThat(answer.get("problems")).hasSize(1);
    assertThat(answer.get("problems").get(0).get("line").asInt()).isEqualTo(2);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldAnswer422NamingTheFieldWhenArticleBreaksTheContract() throws Exception {
    start(true, ArticleEndpoint.Limits.DEFAULT);

    HttpResponse<String> noBody =
        post("application/json", "{\"outlet\":\"kompas.tv\",\"title\":\"Tanpa isi\"}");
    HttpResponse<String> badDate =
        post(
            "application/json",
            "{\"outlet\":\"kompas.tv\",\"body\":\"Isi.\",\"publishedAt\":\"kemarin\"}");

    assertThat(noBody.statusCode()).isEqualTo(422);
    JsonNode problem = Json.mapper().readTree(noBody.body()).get("problems").get(0);
    assertThat(problem.get("field").asText()).isEqualTo("body");
    assertThat(problem.get("message").asText()).contains("field 'body' is missing or blank");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(Json.mapper().readTree(badDate.body()).get("problems").get(0).get("field").asText())
        .isEqualTo("publishedAt");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldAnswer400WhenADateIsANumber() throws Exception {
    start(true, ArticleEndpoint.Limits.DEFAULT);

    // Read as 1970-01-01 before the strict date rule; a number is not a date.
    HttpResponse<String> huge =
        post(
            "application/json",
            "{\"outlet\":\"kompas.tv\",\"body\":\"Isi.\",\"publishedAt\":1e300}");
    HttpResponse<String> epoch =
        post(
            "application/json",
            "{\"outlet\":\"kompas.tv\",\"body\":\"Isi.\",\"publishedAt\":1730000000}");

    for (HttpResponse<String> r : java.util.List.of(huge, epoch)) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      JsonNode problem = Json.mapper().readTree(r.body()).get("problems").get(0);
      assertThat(problem.get("field").asText()).isEqualTo("publishedAt");
      assertThat(problem.get("message").asText()).contains("not a date");
    }
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldAnswer413WhenBodyIsOverTheLimit() throws Exception {
    start(true, new ArticleEndpoint.Limits(1024, 4096, Duration.ofSeconds(5)));
    String big = "{\"outlet\":\"kompas.tv\",\"body\":\"" + "a".repeat(2000) + "\"}";

    HttpResponse<String> response = post("application/json", big);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("larger than 1024 bytes");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldAnswer413ReadablyWhenBodyIsTenMegabytes() throws Exception {
    start(true, ArticleEndpoint.Limits.DEFAULT);
    String big = "{\"outlet\":\"kompas.tv\",\"body\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}";

    // Unread request bytes at close would make TCP reset the connection before the client reads
    // the answer: the endpoint reads the rest of the body first.
    HttpResponse<String> response = post("application/json", big);
    HttpResponse<String> next = post("application/json", ONE);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("larger than 1048576 bytes");
    assertThat(next.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswer405And415And400WhenRequestIsNotAnArticlePost() throws Exception {
    start(true, ArticleEndpoint.Limits.DEFAULT);

    HttpResponse<String> get =
        client.send(
            HttpRequest.newBuilder(uri()).GET().build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> xml = post("application/xml", "<article/>");
    HttpResponse<String> empty = post("application/json", "  \n");
    HttpResponse<String> notUtf8 =
        client.send(
            HttpRequest.newBuilder(uri())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xC3, '}'}))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
    assertThat(xml.statusCode()).isEqualTo(415);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("empty body");
    assertThat(notUtf8.statusCode()).isEqualTo(400);
    assertThat(notUtf8.body()).contains("not UTF-8");
    assertThat(
            client
                .send(
                    HttpRequest.newBuilder(URI.create(http.baseUri() + "/articles/x"))
                        .GET()
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void shouldAnswer415WhenContentTypeDeclaresACharsetOtherThanUtf8() throws Exception {
    start(true, ArticleEndpoint.Limits.DEFAULT);

    HttpResponse<String> latin1 = post("application/json; charset=ISO-8859-1", ONE);
    HttpResponse<String> utf8 = post("application/json; charset=\"UTF-8\"", ONE);

    assertThat(latin1.statusCode()).isEqualTo(415);
    assertThat(latin1.body()).contains("charset ISO-8859-1 is not accepted");
    assertThat(utf8.statusCode()).isEqualTo(200);
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void shouldAnswer422WithLineWhenOneArticleIsLargerThanTheArticleLimit() throws Exception {
    start(true, ArticleEndpoint.Limits.DEFAULT);
    String big =
        "{\"outlet\":\"kompas.tv\",\"title\":\"Besar\",\"body\":\""
            + "kata ".repeat(Article.MAX_BYTES / 5)
            + "\"}";

    HttpResponse<String> response = post("application/x-ndjson", ONE + "\n" + big + "\n");

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode problem = Json.mapper().readTree(response.body()).get("problems").get(0);
    assertThat(problem.get("line").asInt()).isEqualTo(2);
    assertThat(problem.get("message").asText()).contains("over the limit of one article");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldAnswer422WhenArticleHasControlCharactersOrANewerSchemaVersion() throws Exception {
    start(true, ArticleEndpoint.Limits.DEFAULT);

    HttpResponse<String> control =
        post("application/json", "{\"outlet\":\"o\",\"body\":\"nul \\u0000 inside\"}");
    HttpResponse<String> future =
        post("application/json", "{\"schemaVersion\":7,\"outlet\":\"o\",\"body\":\"b\"}");

    assertThat(control.statusCode()).isEqualTo(422);
    assertThat(control.body()).contains("U+0000");
    assertThat(future.statusCode()).isEqualTo(422);
    assertThat(future.body()).contains("schemaVersion");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldAnswer429WhenRequestsWaitingForKafkaFillTheBuffer() throws Exception {
    start(false, new ArticleEndpoint.Limits(1024, 1024, Duration.ofSeconds(30)));
    // The first request holds 1000 of the 1024 bytes until Kafka acknowledges it.
    String large = "{\"outlet\":\"kompas.tv\",\"body\":\"" + "a".repeat(1000 - 32) + "\"}";
    assertThat(large).hasSize(1000);
    CompletableFuture<HttpResponse<String>> waiting =
        client.sendAsync(request("application/json", large), HttpResponse.BodyHandlers.ofString());
    awaitPendingSends(1);

    HttpResponse<String> rejected = post("application/json", TWO);

    assertThat(rejected.statusCode()).isEqualTo(429);
    assertThat(rejected.headers().firstValue("Retry-After")).contains("1");
    assertThat(waiting).isNotDone();

    producer.completeNext();

    assertThat(waiting.get().statusCode()).as("answered once Kafka acknowledged").isEqualTo(200);
    CompletableFuture<HttpResponse<String>> next =
        client.sendAsync(request("application/json", TWO), HttpResponse.BodyHandlers.ofString());
    awaitPendingSends(2);
    producer.completeNext();
    assertThat(next.get().statusCode()).as("the budget is free again").isEqualTo(200);
  }

  @Test
  void shouldAnswer503WithFailedIdsWhenKafkaDoesNotAcknowledge() throws Exception {
    start(false, ArticleEndpoint.Limits.DEFAULT);
    CompletableFuture<HttpResponse<String>> response =
        client.sendAsync(
            request("application/x-ndjson", ONE + "\n" + TWO),
            HttpResponse.BodyHandlers.ofString());
    awaitPendingSends(2);

    producer.completeNext();
    producer.errorNext(new TimeoutException("expired"));

    assertThat(response.get().statusCode()).isEqualTo(503);
    JsonNode answer = Json.mapper().readTree(response.get().body());
    assertThat(answer.get("accepted").asInt()).isEqualTo(1);
    assertThat(answer.get("failedIds")).hasSize(1);
    assertThat(response.get().headers().firstValue("Retry-After")).isPresent();
    assertThat(items("failed")).isEqualTo(1);
  }

  private void start(boolean autoComplete, ArticleEndpoint.Limits limits) {
    producer =
        new MockProducer<>(
            autoComplete,
            null,
            new StringSerializer(),
            ArticleTopics.RAW.valueSerde().serializer());
    http =
        HttpService.builder("127.0.0.1", 0)
            .route(ArticleEndpoint.PATH, new ArticleEndpoint(producer, limits, CLOCK, registry))
            .start();
  }

  /** 429 only makes sense once the first request holds its budget: wait for its send. */
  private void awaitPendingSends(int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (producer.history().size() < n) {
      assertThat(System.nanoTime()).as("%d sends pending in time", n).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private URI uri() {
    return URI.create(http.baseUri() + ArticleEndpoint.PATH);
  }

  private HttpRequest request(String contentType, String body) {
    return HttpRequest.newBuilder(uri())
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpResponse<String> post(String contentType, String body) throws Exception {
    return client.send(request(contentType, body), HttpResponse.BodyHandlers.ofString());
  }

  private double items(String outcome) {
    return registry
        .get(IngestMetrics.ITEMS)
        .tags("source", "http", "outcome", outcome)
        .counter()
        .count();
  }
}
