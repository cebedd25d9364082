package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.contracts.Json;
import io.newsflow.testkit.TestBrokers;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Two aggregate instances on a real broker, queried through either: the same answers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregateApiIT {
  private static final int ARTICLES = 120;
  private static final Instant AT = Instant.parse("2024-10-21T08:30:00Z");
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private EmbeddedKafkaBroker broker;
  private AggregateService first;
  private AggregateService second;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start(@TempDir Path dir) {
    broker = TestBrokers.builder(dir.resolve("broker")).build();
    broker.start();
    PipelineTopics.ensure(broker.bootstrapServers(), 6, Optional.empty());
    first = instance(dir.resolve("a"));
    second = instance(dir.resolve("b"));
    first.start(DEADLINE);
    second.start(DEADLINE);
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {second, first, broker}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // closing the rest matters more
      }
    }
  }

  private AggregateService instance(Path state) {
    return new AggregateService(
        broker.bootstrapServers(),
        state,
        Settings.empty(),
        "api-it-aggregate",
        "127.0.0.1",
        0,
        "127.0.0.1",
        null);
  }

  @Test
  void shouldAnswerAlikeThroughEitherInstanceWhenKeysAreSpreadOverBoth() throws Exception {
    AggregateTestData.produce(broker.bootstrapServers(), "a", 0, ARTICLES, AT);
    Map<String, Long> expected = AggregateTestData.expectedOutletMentions(ARTICLES);

    awaitTotal(first, expected.values().stream().mapToLong(Long::longValue).sum());

    Set<String> servedBy = new HashSet<>();
    List<List<String>> latestIds = new ArrayList<>();
    for (AggregateService via : new AggregateService[] {first, second}) {
      JsonNode status = get(via, "/api/status");
      assertThat(status.get("instances")).hasSize(2);
      JsonNode top = get(via, "/api/top?facet=outlet&n=10");
      assertThat(top.get("items")).hasSize(expected.size());
      for (JsonNode item : top.get("items")) {
        assertThat(item.get("mentions").asLong()).isEqualTo(expected.get(item.get("key").asText()));
      }
      for (Map.Entry<String, Long> e : expected.entrySet()) {
        JsonNode count = get(via, "/api/counts?facet=outlet&key=" + e.getKey());
        assertThat(count.get("mentions").asLong()).as(e.getKey()).isEqualTo(e.getValue());
        servedBy.add(count.get("servedBy").asText());
      }
      JsonNode hourly = get(via, "/api/top?facet=theme&window=1h&at=" + AT);
      assertThat(hourly.get("items")).hasSize(3);
      // The hour's articles and originals, summed over both instances' outlets.
      Instant hour = Instant.parse("2024-10-21T08:00:00Z");
      JsonNode volume = get(via, "/api/volume?window=1h&from=" + hour + "&to=" + AT);
      assertThat(volume.get("items")).hasSize(1);
      assertThat(volume.get("items").get(0).get("windowStart").asText()).isEqualTo(hour.toString());
      assertThat(volume.get("items").get(0).get("mentions").asLong()).isEqualTo(ARTICLES);
      assertThat(volume.get("items").get(0).get("stories").asLong())
          .as("every fifth article is a copy")
          .isEqualTo(ARTICLES - ARTICLES / 5);
      // The latest articles, read off the enriched topic by each instance alone.
      JsonNode latest = get(via, "/api/latest?n=100");
      assertThat(latest.get("complete").asBoolean()).isTrue();
      assertThat(latest.get("items")).hasSize(100);
      List<String> ids = new ArrayList<>();
      for (JsonNode item : latest.get("items")) {
        ids.add(item.get("id").asText());
        int i = Integer.parseInt(item.get("id").asText().substring(1));
        assertThat(item.get("outlet").asText())
            .isEqualTo(AggregateTestData.OUTLETS.get(i % AggregateTestData.OUTLETS.size()));
        assertThat(item.get("verdict").asText()).isEqualTo(i % 5 == 4 ? "exact" : "original");
        assertThat(item.path("originalId").asText(null))
            .isEqualTo(i % 5 == 4 ? "a" + (i - 1) : null);
      }
      assertThat(ids).doesNotHaveDuplicates();
      latestIds.add(ids);
    }
    assertThat(servedBy).as("keys owned by both instances").hasSize(2);
    assertThat(latestIds.get(1))
        .as("the same latest articles through either")
        .isEqualTo(latestIds.get(0));
  }

  @Test
  void shouldAnswerBadRequestNamingTheParameterWhenParametersAreWrong() throws Exception {
    HttpResponse<String> noFacet = raw(first, "/api/top");
    HttpResponse<String> badWindow = raw(first, "/api/top?facet=outlet&window=2h");
    HttpResponse<String> badN = raw(first, "/api/top?facet=outlet&n=abc");

    assertThat(noFacet.statusCode()).isEqualTo(400);
    assertThat(Json.mapper().readTree(noFacet.body()).get("parameter").asText()).isEqualTo("facet");
    assertThat(badWindow.statusCode()).isEqualTo(400);
    assertThat(badWindow.body()).contains("expected all, 1h or 1d");
    assertThat(badN.statusCode()).isEqualTo(400);
    assertThat(Json.mapper().readTree(badN.body()).get("parameter").asText()).isEqualTo("n");
  }

  @Test
  void shouldRefuseWhatTheStoresCannotAnswerWhenRunningOnABroker() throws Exception {
    // Answered 500 before ("segment interval has changed", an overflow): now 400 naming the
    // parameter, through either instance (the check precedes routing to the key's owner).
    for (AggregateService via : new AggregateService[] {first, second}) {
      for (String[] bad :
          new String[][] {
            {
              "/api/series?facet=outlet&key=kompas.tv&from=2024-10-22T00:00:00Z"
                  + "&to=2024-10-21T00:00:00Z",
              "from"
            },
            {"/api/series?facet=outlet&key=kompas.tv&from=-999999999-01-01T00:00:00Z", "from"},
            {"/api/counts?facet=outlet&key=kompas.tv&window=1h", "window"},
            {"/api/top?facet=%ZZ", "facet"},
          }) {
        Raw r = rawTarget(via, bad[0]);
        assertThat(r.status()).as(bad[0] + " -> " + r.body()).isEqualTo(400);
        assertThat(r.head()).contains("content-type: application/json");
        assertThat(Json.mapper().readTree(r.body()).get("parameter").asText()).isEqualTo(bad[1]);
      }
    }
  }

  @Test
  void shouldResolveAnAliasToTheCanonicalNameItIsCountedUnder() throws Exception {
    // Moskow is Moscow in the knowledge base: asked through either instance, the key answered is
    // Moscow's (routed to the instance owning "location|Moscow"), and the answer says so.
    JsonNode alias = get(first, "/api/counts?facet=location&key=Moskow");
    JsonNode series = get(second, "/api/series?facet=location&key=Moskva&window=1d");
    JsonNode actor = get(second, "/api/counts?facet=actor&key=Yoon%20Seok%20Yeol");
    JsonNode stories = get(first, "/api/stories?facet=location&key=Moskow");

    assertThat(alias.get("key").asText()).isEqualTo("Moscow");
    assertThat(alias.get("asked").asText()).isEqualTo("Moskow");
    assertThat(alias.get("candidates").get(0).asText()).isEqualTo("Moscow");
    assertThat(series.get("key").asText()).isEqualTo("Moscow");
    assertThat(series.get("asked").asText()).isEqualTo("Moskva");
    assertThat(actor.get("key").asText()).isEqualTo("Yoon Suk Yeol");
    assertThat(stories.get("key").asText()).isEqualTo("Moscow");
    assertThat(stories.get("asked").asText()).isEqualTo("Moskow");
    // This test's articles name no places: Moscow has no counts, and the answer says why.
    assertThat(alias.get("matched").asBoolean()).isFalse();
    assertThat(alias.get("hint").asText()).contains("canonical name").contains("/api/top");
    assertThat(series.get("points")).isEmpty();
  }

  @Test
  void shouldLookUpANameTheKnowledgeBaseDoesNotKnowAsWritten() throws Exception {
    JsonNode unknown = get(first, "/api/counts?facet=location&key=Qwzxv%20Nowhere");
    JsonNode outlet = get(second, "/api/counts?facet=outlet&key=kompas.tv");

    assertThat(unknown.get("key").asText()).isEqualTo("Qwzxv Nowhere");
    assertThat(unknown.has("asked")).isFalse();
    assertThat(unknown.get("matched").asBoolean()).isFalse();
    assertThat(outlet.get("key").asText()).isEqualTo("kompas.tv");
    assertThat(outlet.has("asked")).isFalse();
    assertThat(outlet.get("matched").asBoolean()).isTrue();
  }

  private void awaitTotal(AggregateService via, long total) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    long seen = -1;
    while (seen != total) {
      assertThat(System.nanoTime())
          .as("counted %d of %d in time", seen, total)
          .isLessThan(deadline);
      HttpResponse<String> r = raw(via, "/api/top?facet=outlet&n=100");
      if (r.statusCode() == 200) {
        seen = 0;
        for (JsonNode item : Json.mapper().readTree(r.body()).get("items")) {
          seen += item.get("mentions").asLong();
        }
      }
      if (seen != total) {
        // Poll the API again after a short wait for the next commit.
        via.streams().awaitStop(Duration.ofMillis(200));
      }
    }
  }

  private JsonNode get(AggregateService via, String path) throws Exception {
    HttpResponse<String> r = raw(via, path);
    assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  /** A response read off the socket. */
  private record Raw(int status, String head, String body) {}

  /** {@code path} sent as written: java.net.URI (so HttpClient) refuses a stray '%'. */
  private static Raw rawTarget(AggregateService via, String path) throws Exception {
    URI api = URI.create(via.apiUri());
    try (Socket socket = new Socket(api.getHost(), api.getPort())) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String head = response.substring(0, end);
      return new Raw(
          Integer.parseInt(head.split(" ", 3)[1]),
          head.toLowerCase(Locale.ROOT),
          response.substring(end + 4));
    }
  }

  private HttpResponse<String> raw(AggregateService via, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(via.apiUri() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
