package io.newsflow.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.ingest.IngestMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeedPollerTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-03T02:00:00Z"), ZoneOffset.UTC);

  private final FeedServer server = new FeedServer();
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final List<FeedPoller.Outcome> reported = new CopyOnWriteArrayList<>();
  private MockProducer<byte[], byte[]> producer;
  private FeedPoller poller;

  @AfterEach
  void stop() {
    if (poller != null) {
      poller.close();
    }
    server.close();
  }

  @Test
  void shouldPublishNewItemsAndFeedStateInOneTransactionWhenFeedIsPolledFirst() throws Exception {
    FeedServer.Resource rss = server.serve("/rss", FeedServer.fixture("rss2.xml"));
    rss.etag = "\"v1\"";
    FeedSpec feed = spec("/rss");
    poller = poller(List.of(feed), Map.of());

    List<FeedPoller.Outcome> outcomes = poller.pollAllNow();

    assertThat(outcomes)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(FeedPoller.Outcome.OK);
              assertThat(o.published()).isEqualTo(3);
              assertThat(o.message()).isEqualTo("rss_2.0");
            });
    assertThat(producer.commitCount()).isEqualTo(1);
    assertThat(raw()).hasSize(3);
    FeedState state = states().get(feed.key());
    assertThat(state.etag()).isEqualTo("\"v1\"");
    assertThat(state.publishedIds()).hasSize(3).containsAll(rawKeys());
    assertThat(state.publishedTotal()).isEqualTo(3);
    assertThat(state.lastSuccessAt()).isEqualTo(CLOCK.instant());
    assertThat(poller.states()).containsEntry(feed.key(), state);
    assertThat(reported).containsExactlyElementsOf(outcomes);
    assertThat(count(feed, "fetched")).isEqualTo(3);
    assertThat(count(feed, "published")).isEqualTo(3);
    assertThat(
            registry
                .get(IngestMetrics.LAST_SUCCESS)
                .tags("source", "feed", "feed", feed.key())
                .gauge()
                .value())
        .isEqualTo(CLOCK.instant().getEpochSecond());
  }

  @Test
  void shouldAnswerNotModifiedAndPublishNothingWhenFeedIsUnchanged() throws Exception {
    server.serve("/rss", FeedServer.fixture("rss2.xml")).etag = "\"v1\"";
    FeedSpec feed = spec("/rss");
    poller = poller(List.of(feed), Map.of());
    poller.pollAllNow();

    List<FeedPoller.Outcome> second = poller.pollAllNow();

    assertThat(second)
        .singleElement()
        .satisfies(o -> assertThat(o.status()).isEqualTo("not_modified"));
    assertThat(server.requests("/rss").get(1).ifNoneMatch()).isEqualTo("\"v1\"");
    assertThat(raw()).hasSize(3);
  }

  @Test
  void shouldPublishOnlyNewItemsWhenRestartedFromCommittedState() throws Exception {
    FeedServer.Resource rss = server.serve("/rss", FeedServer.fixture("rss2.xml"));
    FeedSpec feed = spec("/rss");
    poller = poller(List.of(feed), Map.of());
    poller.pollAllNow();
    Map<String, FeedState> committed = states();
    poller.close();
    rss.body(FeedServer.fixture("rss2.xml").replaceFirst("<item>", NEW_ITEM + "<item>"));

    poller = poller(List.of(feed), committed);
    List<FeedPoller.Outcome> outcomes = poller.pollAllNow();

    assertThat(outcomes)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.published()).isEqualTo(1);
              assertThat(o.skipped()).isEqualTo(3);
            });
    assertThat(raw())
        .singleElement()
        .satisfies(
            r ->
                assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .contains("Gempa magnitudo 5,1"));
    assertThat(states().get(feed.key()).publishedIds()).hasSize(4);
  }

  @Test
  void shouldReportEachFailedFeedAndPublishTheOthersWhenFeedsAreMalformedMissingOrSlow()
      throws Exception {
    server.serve("/rss", FeedServer.fixture("rss2.xml"));
    server.serve("/broken", FeedServer.fixture("malformed.xml"));
    server.serve("/slow", FeedServer.fixture("atom.xml")).hang = true;
    FeedSpec ok = spec("/rss");
    FeedSpec broken = spec("/broken");
    FeedSpec missing = spec("/missing");
    FeedSpec slow = spec("/slow").withTimeout(Duration.ofMillis(300));
    poller = poller(List.of(ok, broken, missing, slow), Map.of());

    List<FeedPoller.Outcome> outcomes = poller.pollAllNow();

    assertThat(outcomes)
        .extracting(FeedPoller.Outcome::status)
        .containsExactly("ok", "malformed", "http_error", "timeout");
    assertThat(outcomes.get(1).toString())
        .contains("FAILED malformed: not a valid RSS or Atom feed");
    assertThat(outcomes.get(2).message()).contains("HTTP 404");
    assertThat(raw()).hasSize(3);
    Map<String, FeedState> states = states();
    assertThat(states.get(broken.key()).lastError()).contains("not a valid RSS or Atom feed");
    assertThat(states.get(missing.key()).lastFailureAt()).isEqualTo(CLOCK.instant());
    assertThat(states.get(slow.key()).lastError()).contains("no complete answer within 300 ms");
    assertThat(states.get(ok.key()).lastError()).isNull();
    assertThat(
            registry
                .get(FeedPoller.POLLS)
                .tags("feed", broken.key(), "outcome", "malformed")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldReportInvalidItemOnceWhenItemHasNoText() throws Exception {
    server.serve("/one", FeedServer.fixture("rss-one-item.xml")).etag = null;
    FeedSpec feed = spec("/one");
    poller = poller(List.of(feed), Map.of());

    FeedPoller.Outcome first = poller.pollAllNow().get(0);
    FeedPoller.Outcome second = poller.pollAllNow().get(0);

    assertThat(first.published()).isEqualTo(1);
    assertThat(first.invalid()).isEqualTo(1);
    assertThat(first.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("field 'body'"));
    assertThat(second.invalid()).isZero();
    assertThat(second.skipped()).isEqualTo(2);
    assertThat(count(feed, "failed")).isEqualTo(1);
  }

  @Test
  void shouldPublishNothingAndRetryNextPollWhenTransactionFails() throws Exception {
    server.serve("/rss", FeedServer.fixture("rss2.xml"));
    FeedSpec feed = spec("/rss");
    poller = poller(List.of(feed), Map.of());
    producer.commitTransactionException = new KafkaException("broker went away");

    FeedPoller.Outcome failed = poller.pollAllNow().get(0);

    assertThat(failed.status()).isEqualTo(FeedPoller.Outcome.PUBLISH_FAILED);
    assertThat(producer.transactionAborted()).isTrue();
    assertThat(raw()).isEmpty();
    assertThat(poller.states()).doesNotContainKey(feed.key());
    assertThat(poller.fatalError()).isEmpty();

    producer.commitTransactionException = null;
    FeedPoller.Outcome retried = poller.pollAllNow().get(0);

    assertThat(retried.published()).isEqualTo(3);
    assertThat(raw()).hasSize(3);
  }

  @Test
  void shouldStopPollingWhenAnotherPollerFencedTheProducer() throws Exception {
    server.serve("/rss", FeedServer.fixture("rss2.xml"));
    poller = poller(List.of(spec("/rss")), Map.of());
    poller.open();
    producer.fenceProducer();

    FeedPoller.Outcome outcome = poller.pollAllNow().get(0);

    assertThat(outcome.status()).isEqualTo(FeedPoller.Outcome.PUBLISH_FAILED);
    assertThat(poller.awaitFatal(Duration.ofSeconds(5))).isTrue();
    assertThat(poller.fatalError()).isPresent();
  }

  private static final String NEW_ITEM =
      """
      <item>
        <title>Gempa magnitudo 5,1 guncang Garut</title>
        <link>https://www.warta-contoh.id/nasional/gempa-garut</link>
        <pubDate>Mon, 03 Mar 2025 09:05:00 +0700</pubDate>
        <description>Gempa magnitudo 5,1 mengguncang Garut, Jawa Barat, tanpa potensi tsunami.</description>
      </item>
      """;

  private FeedSpec spec(String path) {
    return FeedSpec.of(server.uri(path).toString());
  }

  private FeedPoller poller(List<FeedSpec> feeds, Map<String, FeedState> restored) {
    producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    FeedFetcher fetcher =
        new FeedFetcher(
            FeedFetcher.defaultClient(),
            new FeedFetcher.Retry(1, Duration.ZERO, Duration.ZERO),
            1024 * 1024,
            "newsflow-test",
            d -> {});
    return new FeedPoller(
        feeds,
        producer,
        () -> new HashMap<>(restored),
        fetcher,
        FeedPoller.Options.DEFAULT,
        registry,
        CLOCK,
        reported::add);
  }

  private List<ProducerRecord<byte[], byte[]>> raw() {
    return producer.history().stream()
        .filter(r -> r.topic().equals(ArticleTopics.RAW.name()))
        .toList();
  }

  private List<String> rawKeys() {
    return raw().stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
  }

  private Map<String, FeedState> states() {
    Map<String, FeedState> states = new HashMap<>();
    for (ProducerRecord<byte[], byte[]> r : producer.history()) {
      if (r.topic().equals(FeedTopics.STATE.name())) {
        states.put(
            new String(r.key(), StandardCharsets.UTF_8),
            FeedTopics.STATE.valueSerde().deserializer().deserialize(null, r.value()));
      }
    }
    return states;
  }

  private double count(FeedSpec feed, String outcome) {
    return registry
        .get(IngestMetrics.ITEMS)
        .tags("source", "feed", "feed", feed.key(), "outcome", outcome)
        .counter()
        .count();
  }
}
