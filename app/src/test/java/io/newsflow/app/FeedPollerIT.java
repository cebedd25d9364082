package io.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.ingest.feed.FeedFetcher;
import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.feed.FeedServer;
import io.newsflow.ingest.feed.FeedSpec;
import io.newsflow.ingest.feed.FeedState;
import io.newsflow.ingest.feed.FeedStateStore;
import io.newsflow.testkit.TestBrokers;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed poller against a real broker and a local feed server: RSS, Atom, one malformed feed, one
 * that answers 304, one that times out, one that is missing. Each item reaches {@code
 * news.articles.raw} exactly once across a restart of the poller, and across a crash in the middle
 * of a transaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedPollerIT {
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
  private static final FeedFetcher.Retry FAST_RETRY =
      new FeedFetcher.Retry(2, Duration.ofMillis(20), Duration.ofMillis(50));

  private EmbeddedKafkaBroker broker;
  private FeedServer server;

  @BeforeAll
  void start(@TempDir Path dir) {
    broker = TestBrokers.builder(dir.resolve("broker")).build();
    broker.start();
    PipelineTopics.ensure(broker.bootstrapServers(), 3, Optional.empty());
    server = new FeedServer();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldPublishEachItemExactlyOnceWhenThePollerRestartsAndFeedsChange() throws Exception {
    // Given: six feeds, each with its own failure or validator.
    FeedServer.Resource rss = server.serve("/restart/rss", FeedServer.fixture("rss2.xml"));
    rss.etag = "\"rss-v1\"";
    FeedServer.Resource atom = server.serve("/restart/atom", FeedServer.fixture("atom.xml"));
    atom.contentType = "application/atom+xml";
    atom.lastModified = "Mon, 03 Mar 2025 01:00:00 GMT";
    server.serve("/restart/etag", FeedServer.fixture("rss-one-item.xml")).etag = "\"one-v1\"";
    server.serve("/restart/broken", FeedServer.fixture("malformed.xml"));
    server.serve("/restart/slow", FeedServer.fixture("rss2.xml")).hang = true;
    List<FeedSpec> feeds =
        List.of(
            spec("/restart/rss"),
            spec("/restart/atom"),
            spec("/restart/etag"),
            spec("/restart/broken"),
            spec("/restart/missing"),
            spec("/restart/slow").withTimeout(SHORT_TIMEOUT));
    String transactionalId = "feeds-it-" + UUID.randomUUID();

    // When: a first poller polls every feed once and stops...
    List<FeedPoller.Outcome> first;
    try (FeedPoller poller = poller(feeds, transactionalId)) {
      first = poller.pollAllNow();
    }
    // ...a new item appears, and a new poller (same transactional id) polls again.
    rss.body(FeedServer.fixture("rss2.xml").replaceFirst("<item>", NEW_ITEM + "<item>"));
    rss.etag = "\"rss-v2\"";
    List<FeedPoller.Outcome> second;
    try (FeedPoller poller = poller(feeds, transactionalId)) {
      second = poller.pollAllNow();
    }

    // Then: the failures stay with their feeds...
    assertThat(first)
        .extracting(FeedPoller.Outcome::status)
        .containsExactly("ok", "ok", "ok", "malformed", "http_error", "timeout");
    assertThat(first).extracting(FeedPoller.Outcome::published).containsExactly(3, 2, 1, 0, 0, 0);
    assertThat(first.get(2).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("field 'body'"));
    assertThat(second)
        .extracting(FeedPoller.Outcome::status)
        .containsExactly(
            "ok", "not_modified", "not_modified", "malformed", "http_error", "timeout");
    assertThat(second.get(0).published()).isEqualTo(1);
    assertThat(second.get(0).skipped()).isEqualTo(3);
    assertThat(server.requests("/restart/atom").get(1).ifModifiedSince())
        .isEqualTo("Mon, 03 Mar 2025 01:00:00 GMT");
    assertThat(server.requests("/restart/etag").get(1).ifNoneMatch()).isEqualTo("\"one-v1\"");
    assertThat(server.requests("/restart/slow")).as("retried, then given up").hasSize(4);

    // ...and every item is on news.articles.raw exactly once.
    Map<String, Long> perId = countById(read("read_committed"), "/restart/");
    assertThat(perId).hasSize(7).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    assertThat(perId)
        .containsKey(Article.idOf("https://www.warta-contoh.id/nasional/gempa-garut", null, null));

    Map<String, FeedState> states =
        FeedStateStore.restore(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            Duration.ofSeconds(30));
    FeedState rssState = states.get(feeds.get(0).key());
    assertThat(rssState.etag()).isEqualTo("\"rss-v2\"");
    assertThat(rssState.publishedIds()).hasSize(4);
    assertThat(rssState.publishedTotal()).isEqualTo(4);
    assertThat(states.get(feeds.get(3).key()).lastError()).contains("not a valid RSS or Atom feed");
    assertThat(states.get(feeds.get(4).key()).lastError()).contains("HTTP 404");
  }

  @Test
  void shouldNeitherLoseNorDuplicateItemsWhenThePollerCrashesBeforeCommitting() throws Exception {
    server.serve(
        "/crash/rss",
        FeedServer.fixture("rss2.xml").replace("warta-contoh.id", "crash-test.example"));
    List<FeedSpec> feeds = List.of(spec("/crash/rss"));
    String transactionalId = "feeds-it-" + UUID.randomUUID();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    // Given: a poller that dies between sending the articles and committing them: its producer
    // is never committed, aborted or closed, as after a kill -9.
    KafkaProducer<byte[], byte[]> crashing = realProducer(transactionalId);
    FeedPoller doomed =
        new FeedPoller(
            feeds,
            dyingAtCommit(crashing),
            this::restore,
            fetcher(),
            options(transactionalId),
            registry,
            Clock.systemUTC(),
            o -> {});
    List<FeedPoller.Outcome> crashed = doomed.pollAllNow();
    assertThat(crashed.get(0).status()).isEqualTo("error");

    // When: a new poller with the same transactional id starts.
    List<FeedPoller.Outcome> recovered;
    try (FeedPoller poller = poller(feeds, transactionalId)) {
      recovered = poller.pollAllNow();
    } finally {
      crashing.close(Duration.ZERO);
      doomed.close();
    }

    // Then: the crashed transaction was aborted, the restart published every item once.
    assertThat(recovered.get(0).published()).isEqualTo(3);
    Map<String, Long> committed = countById(read("read_committed"), "/crash/");
    assertThat(committed).hasSize(3).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    Map<String, Long> everything = countById(read("read_uncommitted"), "/crash/");
    assertThat(everything)
        .as("the aborted copies are in the log, but no read_committed reader sees them")
        .allSatisfy((id, n) -> assertThat(n).isEqualTo(2));
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

  private FeedPoller poller(List<FeedSpec> feeds, String transactionalId) {
    return FeedPoller.create(
        feeds,
        broker.bootstrapServers(),
        Map.of(),
        options(transactionalId),
        new SimpleMeterRegistry(),
        o -> {});
  }

  private static FeedPoller.Options options(String transactionalId) {
    return FeedPoller.Options.DEFAULT.withTransactionalId(transactionalId).withRetry(FAST_RETRY);
  }

  private static FeedFetcher fetcher() {
    return new FeedFetcher(FAST_RETRY, 1024 * 1024, "newsflow-it");
  }

  private Map<String, FeedState> restore() {
    return FeedStateStore.restore(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        Duration.ofSeconds(30));
  }

  private KafkaProducer<byte[], byte[]> realProducer(String transactionalId) {
    return new KafkaProducer<>(
        FeedPoller.producerConfig(broker.bootstrapServers(), Map.of(), transactionalId),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** A producer that sends for real but "crashes" at commit: no commit, no abort, no close. */
  @SuppressWarnings("unchecked")
  private static Producer<byte[], byte[]> dyingAtCommit(Producer<byte[], byte[]> real) {
    return (Producer<byte[], byte[]>)
        Proxy.newProxyInstance(
            Producer.class.getClassLoader(),
            new Class<?>[] {Producer.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "commitTransaction":
                  real.flush();
                  throw new IllegalStateException("simulated crash before commit");
                case "abortTransaction":
                case "close":
                  return null;
                default:
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
              }
            });
  }

  /** Every record of news.articles.raw, keys and values as text. */
  private List<ConsumerRecord<String, String>> read(String isolation) {
    List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(ArticleTopics.RAW.name())
          .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + PipelineFixture.DEADLINE.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        assertThat(System.nanoTime()).as("read to the end in time").isLessThan(deadline);
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private Map<String, Long> countById(List<ConsumerRecord<String, String>> records, String path) {
    String source = "\"source\":\"" + server.uri(path);
    return records.stream()
        .filter(r -> r.value().contains(source))
        .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
  }
}
