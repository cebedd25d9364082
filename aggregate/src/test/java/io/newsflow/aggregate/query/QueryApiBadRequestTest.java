package io.newsflow.aggregate.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.contracts.Json;
import io.newsflow.kit.HttpService;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The table of bad queries, sent over real HTTP to the API's routes: each answers a JSON 400 that
 * names the parameter, never 500 and never HTML. No Kafka Streams app is attached: parameters are
 * checked before any store is read (a good query would answer 503 here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiBadRequestTest {
  private HttpService http;

  @BeforeAll
  void start() {
    QueryApi api = new QueryApi(new HostInfo("127.0.0.1", 0));
    http = api.routes(HttpService.builder("127.0.0.1", 0)).start();
  }

  @AfterAll
  void stop() {
    http.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ' ',
      value = {
        // from later than to: refused, not a store error
        "/api/series?facet=location&key=Moscow&from=2024-10-22T00:00:00Z&to=2024-10-21T00:00:00Z"
            + " from",
        // instants outside what a window store can hold
        "/api/series?facet=location&key=Moscow&from=-999999999-01-01T00:00:00Z from",
        "/api/series?facet=location&key=Moscow&to=+999999999-12-31T23:59:59Z to",
        "/api/series?facet=location&key=Moscow&from=1969-12-31T23:00:00Z from",
        "/api/top?facet=outlet&window=1h&at=-999999999-01-01T00:00:00Z at",
        "/api/trending?facet=outlet&at=+999999999-12-31T23:59:59Z at",
        "/api/series?facet=location&key=Moscow&from=yesterday from",
        // a range wider than the stores keep
        "/api/series?facet=location&key=Moscow&window=1d&from=1970-01-01T00:00:00Z"
            + "&to=2024-10-21T00:00:00Z from",
        // bad percent-encoding
        "/api/top?facet=%ZZ facet",
        "/api/counts?facet=outlet&key=a%2 key",
        // windows: unknown, or not one the endpoint answers
        "/api/counts?facet=outlet&key=kompas.tv&window=1h window",
        "/api/counts?facet=outlet&key=kompas.tv&window=hour window",
        "/api/top?facet=outlet&window=hour window",
        "/api/series?facet=outlet&key=kompas.tv&window=all window",
        "/api/trending?facet=outlet&window=all window",
        // unknown parameters are refused, not ignored
        "/api/top?facet=outlet&windw=1h windw",
        "/api/stories?limit=5 limit",
        // missing, blank or unknown values
        "/api/counts?facet=outlet key",
        "/api/counts?facet=&key=x facet",
        "/api/counts?facet=city&key=x facet",
        "/api/top?facet=outlet&n=0 n",
        "/api/top?facet=outlet&n=99999999999 n",
        "/api/trending?facet=outlet&baseline=-1 baseline",
        "/api/syndication id",
        "/api/story?id= id",
        // latest articles: how many
        "/api/latest?n=0 n",
        "/api/latest?n=101 n",
        "/api/latest?n=ten n",
        "/api/latest?limit=5 limit",
        // volume: windows and ranges as a series'
        "/api/volume?window=all window",
        "/api/volume?window=2h window",
        "/api/volume?from=2024-10-22T00:00:00Z&to=2024-10-21T00:00:00Z from",
        "/api/volume?window=1h&from=1970-01-01T00:00:00Z&to=2024-10-21T00:00:00Z from",
        "/api/volume?to=tomorrow to",
        "/api/volume?facet=outlet facet",
        // an entity's stories: a facet value needs both, and a known facet
        "/api/stories?key=NATO facet",
        "/api/stories?facet=actor key",
        "/api/stories?facet=actor&key= key",
        "/api/stories?facet=person&key=NATO facet",
        "/api/stories?facet=actor&key=NATO&n=0 n",
      })
  void shouldAnswerJsonBadRequestNamingTheParameterWhenAQueryIsWrong(String path, String parameter)
      throws Exception {
    Raw r = get(path);

    assertThat(r.status()).as(r.text()).isEqualTo(400);
    assertThat(r.head().toLowerCase(Locale.ROOT))
        .as(r.text())
        .contains("content-type: application/json");
    JsonNode body = Json.mapper().readTree(r.body());
    assertThat(body.get("parameter").asText()).isEqualTo(parameter);
    assertThat(body.get("error").asText()).isNotBlank();
  }

  /** A response as read off the socket: status line and headers, then the body. */
  private record Raw(int status, String head, String body) {
    String text() {
      return head + "\r\n\r\n" + body;
    }
  }

  /**
   * Sends the request target as written, byte for byte: {@link java.net.URI} (and so {@code
   * HttpClient}) refuses a malformed escape such as {@code %ZZ} before it is sent.
   */
  private Raw get(String target) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", http.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String head = response.substring(0, end);
      int status = Integer.parseInt(head.split(" ", 3)[1]);
      return new Raw(status, head, response.substring(end + 4));
    }
  }
}
