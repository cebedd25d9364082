package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.ingest.Article;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExactDuplicateProcessorTest {
  private static final Duration HORIZON = Duration.ofHours(1);
  private static final long T0 = Instant.parse("2024-10-22T08:00:00Z").toEpochMilli();
  private static final long WALL_CLOCK = Instant.parse("2024-10-22T09:30:00Z").toEpochMilli();
  private static final String BODY = "Tentara Korea Utara telah dikirim ke Rusia.";
  private static final String OTHER_BODY = "Harga beras naik lagi di Jakarta.";

  private MockProcessorContext<String, EnrichedArticle> context;
  private WindowStore<String, String> canonical;
  private WindowStore<String, Long> seen;

  @BeforeEach
  void setUp() {
    context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(WALL_CLOCK);
    canonical =
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(EnrichTopology.CANONICAL_STORE, HORIZON, HORIZON, false),
                Serdes.String(),
                Serdes.String())
            .withLoggingDisabled()
            .build();
    seen =
        Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore(EnrichTopology.SEEN_STORE, HORIZON, HORIZON, false),
                Serdes.String(),
                Serdes.Long())
            .withLoggingDisabled()
            .build();
    canonical.init(context.getStateStoreContext(), canonical);
    seen.init(context.getStateStoreContext(), seen);
    context.addStateStore(canonical);
    context.addStateStore(seen);
  }

  @AfterEach
  void closeStores() {
    canonical.close();
    seen.close();
  }

  private ExactDuplicateProcessor processor() {
    ExactDuplicateProcessor processor =
        new ExactDuplicateProcessor(
            EnrichConfig.defaults().withDedupHorizon(HORIZON),
            Annotator.of(EnrichConfig.defaults()));
    processor.init(context);
    return processor;
  }

  @Test
  void shouldForwardOriginalKeyedByIdWhenHashIsNew() {
    ExactDuplicateProcessor processor = processor();
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", "t-1".getBytes(StandardCharsets.UTF_8));

    processor.process(prepared("a", BODY, T0).withHeaders(headers));

    Record<String, EnrichedArticle> out = singleForward();
    assertThat(out.key()).isEqualTo("a");
    assertThat(out.timestamp()).isEqualTo(T0);
    assertThat(out.headers().lastHeader("trace").value())
        .isEqualTo("t-1".getBytes(StandardCharsets.UTF_8));
    EnrichedArticle value = out.value();
    assertThat(value.dedup()).isEqualTo(Dedup.original("a"));
    assertThat(value.contentHash()).isEqualTo(hash(BODY));
    assertThat(value.article().id()).isEqualTo("a");
    assertThat(value.schemaVersion()).isEqualTo(EnrichedArticle.CURRENT_SCHEMA_VERSION);
    assertThat(value.enrichedAt()).isEqualTo(Instant.ofEpochMilli(WALL_CLOCK));
  }

  @Test
  void shouldStoreCanonicalIdAndSeenPairWhenArticleIsOriginal() {
    processor().process(prepared("a", BODY, T0));

    assertThat(entries(canonical)).containsExactly(KeyValue.pair(hash(BODY) + "@" + T0, "a"));
    assertThat(entries(seen)).containsExactly(KeyValue.pair(hash(BODY) + "|a@" + T0, T0));
  }

  @Test
  void shouldDropArticleWhenSameIdAndTextAreSeenAgainWithinHorizon() {
    ExactDuplicateProcessor processor = processor();
    processor.process(prepared("a", BODY, T0));
    context.resetForwards();

    processor.process(prepared("a", BODY, T0 + Duration.ofMinutes(59).toMillis()));

    assertThat(context.forwarded()).isEmpty();
    assertThat(entries(seen)).containsExactly(KeyValue.pair(hash(BODY) + "|a@" + T0, T0));
  }

  @Test
  void shouldForwardExactCopyOfFirstWhenOtherIdsShareTheHash() {
    ExactDuplicateProcessor processor = processor();

    processor.process(prepared("a", BODY, T0));
    processor.process(prepared("b", BODY, T0 + 1_000));
    processor.process(prepared("c", BODY, T0 + 2_000));

    assertThat(forwards())
        .extracting(r -> KeyValue.pair(r.key(), r.value().dedup()))
        .containsExactly(
            KeyValue.pair("a", Dedup.original("a")),
            KeyValue.pair("b", Dedup.exactCopyOf("a")),
            KeyValue.pair("c", Dedup.exactCopyOf("a")));
    assertThat(entries(canonical)).containsExactly(KeyValue.pair(hash(BODY) + "@" + T0, "a"));
  }

  @Test
  void shouldForwardOriginalWhenSameIdComesWithNewText() {
    ExactDuplicateProcessor processor = processor();

    processor.process(prepared("a", BODY, T0));
    processor.process(prepared("a", OTHER_BODY, T0 + 1_000));

    assertThat(forwards())
        .extracting(r -> r.value().dedup())
        .containsExactly(Dedup.original("a"), Dedup.original("a"));
  }

  @Test
  void shouldForwardOriginalAgainWhenCopyArrivesAfterHorizon() {
    ExactDuplicateProcessor processor = processor();

    processor.process(prepared("a", BODY, T0));
    processor.process(prepared("b", BODY, T0 + HORIZON.toMillis() + 1));
    processor.process(prepared("c", BODY, T0 + HORIZON.toMillis() + 2));

    assertThat(forwards())
        .extracting(r -> r.value().dedup())
        .containsExactly(Dedup.original("a"), Dedup.original("b"), Dedup.exactCopyOf("b"));
  }

  @Test
  void shouldCallFirstSeenCanonicalWhenEarlierArticleArrivesLate() {
    ExactDuplicateProcessor processor = processor();

    processor.process(prepared("late-twin", BODY, T0 + Duration.ofMinutes(30).toMillis()));
    processor.process(prepared("first-published", BODY, T0));

    // "First" is first seen by enrich, not earliest record time.
    assertThat(forwards())
        .extracting(r -> r.value().dedup())
        .containsExactly(Dedup.original("late-twin"), Dedup.exactCopyOf("late-twin"));
  }

  @Test
  void shouldCountOriginalsCopiesAndResendsWhenProcessing() {
    ExactDuplicateProcessor processor = processor();

    processor.process(prepared("a", BODY, T0));
    processor.process(prepared("a", BODY, T0 + 1));
    processor.process(prepared("b", BODY, T0 + 2));
    processor.process(prepared("x", OTHER_BODY, T0 + 3));

    assertThat(total("original")).isEqualTo(2.0);
    assertThat(total("exact-copy")).isEqualTo(1.0);
    assertThat(total("resend-dropped")).isEqualTo(1.0);
  }

  @Test
  void shouldDropLateResendWhenAnotherHashsCopyAdvancedStreamTime() {
    ExactDuplicateProcessor processor = processor();
    processor.process(prepared("a", BODY, T0));
    processor.process(prepared("y", OTHER_BODY, T0 + Duration.ofMinutes(1).toMillis()));
    processor.process(prepared("z", OTHER_BODY, T0 + Duration.ofMinutes(61).toMillis()));
    context.resetForwards();

    // a re-send of "a", 30 minutes after it was first seen, arriving late
    processor.process(prepared("a", BODY, T0 + Duration.ofMinutes(30).toMillis()));

    assertThat(forwards())
        .allSatisfy(
            r ->
                assertThat(r.value().dedup())
                    .as("an article is never a copy of itself")
                    .isNotEqualTo(Dedup.exactCopyOf(r.key())));
    assertThat(forwards()).as("a re-send within the horizon is dropped").isEmpty();
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static String hash(String body) {
    return Validation.contentHash(body);
  }

  private static Record<String, PreparedArticle> prepared(String id, String body, long time) {
    Article article =
        new Article(
            Article.CURRENT_SCHEMA_VERSION,
            id,
            null,
            "kontan.co.id",
            "Judul",
            body,
            "id",
            null,
            Instant.ofEpochMilli(time),
            null,
            null,
            "test");
    return new Record<>(hash(body), new PreparedArticle(article, hash(body)), time);
  }

  private List<Record<String, EnrichedArticle>> forwards() {
    List<Record<String, EnrichedArticle>> records = new ArrayList<>();
    for (MockProcessorContext.CapturedForward<? extends String, ? extends EnrichedArticle> f :
        context.forwarded()) {
      assertThat(f.childName()).as("forwarded to all children").isEmpty();
      records.add(
          new Record<>(
              f.record().key(), f.record().value(), f.record().timestamp(), f.record().headers()));
    }
    return records;
  }

  private Record<String, EnrichedArticle> singleForward() {
    List<Record<String, EnrichedArticle>> records = forwards();
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  private double total(String operation) {
    Map<MetricName, ? extends Metric> metrics = context.metrics().metrics();
    return metrics.entrySet().stream()
        .filter(e -> e.getKey().name().equals(operation + "-total"))
        .filter(e -> e.getKey().group().contains(EnrichTopology.METRICS_SCOPE))
        .map(e -> (Double) e.getValue().metricValue())
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no metric " + operation + "-total in " + metrics.keySet()));
  }

  /** Every entry as "key@windowStart" -> value, in store order. */
  private static <V> List<KeyValue<String, V>> entries(WindowStore<String, V> store) {
    List<KeyValue<String, V>> entries = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, V> it = store.all()) {
      it.forEachRemaining(
          kv -> entries.add(KeyValue.pair(kv.key.key() + "@" + kv.key.window().start(), kv.value)));
    }
    return entries;
  }
}
