package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.Bounds;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.DeadLetters;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.Json;
import io.newsflow.kit.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Issue 19, the property: articles anywhere inside the documented contract (sizes up to {@link
 * Article#MAX_BYTES} and a little over, 70,000-character tokens, dense names, every script, control
 * characters, dates as strings, numbers and out of range) through the real enrich topology. No
 * exception escapes, every article is enriched or dead-lettered with a reason, and every output
 * record is under Kafka's default 1 MB record limit.
 */
class AnyValidArticleTopologyTest {
  private static final Instant START = Instant.parse("2024-10-22T08:00:00Z");
  private static final int KAFKA_DEFAULT_MAX_BYTES = 1024 * 1024;

  private static Path stateDir;
  private static TopologyTestDriver driver;
  private static TestInputTopic<String, byte[]> raw;
  private static TestOutputTopic<byte[], byte[]> enriched;
  private static TestOutputTopic<byte[], byte[]> dlq;
  private static final AtomicLong SEQ = new AtomicLong();
  private static final AtomicLong ENRICHED = new AtomicLong();
  private static final AtomicLong DEAD = new AtomicLong();
  private static final AtomicLong LARGEST_IN = new AtomicLong();
  private static final AtomicLong LARGEST_OUT = new AtomicLong();

  @BeforeContainer
  static void start() throws IOException {
    stateDir = Files.createTempDirectory("any-valid-article");
    driver =
        new TopologyTestDriver(
            EnrichTopology.build(EnrichConfig.defaults()),
            StreamsSettings.of("enrich-property", "dummy:1234", stateDir, Map.of()),
            START);
    raw =
        driver.createInputTopic(
            ArticleTopics.RAW.name(), new StringSerializer(), new ByteArraySerializer());
    enriched =
        driver.createOutputTopic(
            EnrichTopics.ENRICHED.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    dlq =
        driver.createOutputTopic(
            EnrichTopics.DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @AfterContainer
  static void stop() throws IOException {
    System.out.printf(
        "AnyValidArticleTopologyTest: %d articles, %d enriched, %d dead-lettered; largest input %d"
            + " bytes, largest enriched record %d bytes%n",
        SEQ.get(), ENRICHED.get(), DEAD.get(), LARGEST_IN.get(), LARGEST_OUT.get());
    if (driver != null) {
      driver.close();
    }
  }

  @Property(tries = 2000)
  void shouldEnrichOrDeadLetterWithReasonAndStayUnderTheLimitWhenArticleIsAnywhereInContract(
      @ForAll("articles") Map<String, Object> article) {
    long n = SEQ.incrementAndGet();
    String id = "p" + n;
    article.put("id", id);
    byte[] value;
    try {
      value = Json.mapper().writeValueAsBytes(article);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    raw.pipeInput(id, value, START.plusMillis(n));

    List<TestRecord<byte[], byte[]>> out = enriched.readRecordsToList();
    List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
    assertThat(out.size() + dead.size())
        .as("one outcome for an article of %d bytes", value.length)
        .isEqualTo(1);
    LARGEST_IN.accumulateAndGet(value.length, Math::max);
    ENRICHED.addAndGet(out.size());
    DEAD.addAndGet(dead.size());
    for (TestRecord<byte[], byte[]> r : out) {
      LARGEST_OUT.accumulateAndGet(r.value().length, Math::max);
      assertThat(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(id);
      assertThat(r.value().length).isLessThanOrEqualTo(Bounds.MAX_ENRICHED_BYTES);
      assertThat(size(r)).isLessThan(KAFKA_DEFAULT_MAX_BYTES);
    }
    for (TestRecord<byte[], byte[]> r : dead) {
      assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isNotBlank();
      assertThat(DeadLetters.header(r.headers(), DeadLetters.STAGE)).isNotBlank();
      assertThat(size(r)).isLessThan(KAFKA_DEFAULT_MAX_BYTES);
    }
  }

  private static int size(TestRecord<byte[], byte[]> r) {
    int size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
    for (Header h : r.headers()) {
      size += h.key().length() + (h.value() == null ? 0 : h.value().length);
    }
    return size;
  }

  @Provide
  Arbitrary<Map<String, Object>> articles() {
    Arbitrary<String> body =
        chunk().list().ofMinSize(1).ofMaxSize(8).map(cs -> String.join(" ", cs));
    Arbitrary<Integer> cap =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(1, 4_000)),
            net.jqwik.api.Tuple.of(
                2, Arbitraries.integers().between(4_000, Article.MAX_BYTES + 8_000)));
    Arbitrary<Object> publishedAt =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.just(null)),
            net.jqwik.api.Tuple.of(8, Arbitraries.just("2024-10-22T07:00:00Z")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("1799-12-31T23:59:59Z")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("+999999999-12-31T23:59:59Z")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(1e300)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(l -> (Object) l)),
            net.jqwik.api.Tuple.of(
                1,
                Arbitraries.strings()
                    .numeric()
                    .ofMinLength(1)
                    .ofMaxLength(20)
                    .map(x -> (Object) x)));
    Arbitrary<String> title =
        Arbitraries.oneOf(Arbitraries.just(null), words().map(s -> cut(s, 1_000)));
    Arbitrary<String> language =
        Arbitraries.of("id", "en", "de", "ar", "zh", "ru", "hi", "th", "ko", "ja").injectNull(0.5);
    return Combinators.combine(body, cap, publishedAt, title, language)
        .as(
            (b, c, p, t, l) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("outlet", "kontan.co.id");
              m.put("title", t);
              m.put("body", cut(b, c));
              m.put("language", l);
              m.put("publishedAt", p);
              m.put("ingestedAt", "2024-10-22T07:30:00Z");
              return m;
            });
  }

  /** The first {@code max} UTF-8 bytes' worth of characters, never half a surrogate pair. */
  private static String cut(String s, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int b = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + b > maxBytes) {
        break;
      }
      bytes += b;
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }

  private static final int[][] SCRIPTS = {
    {'a', 'z'},
    {0xC0, 0x24F},
    {0x370, 0x3FF},
    {0x400, 0x4FF},
    {0x590, 0x5FF},
    {0x600, 0x6FF},
    {0x900, 0x97F},
    {0xE00, 0xE7F},
    {0x3040, 0x30FF},
    {0x4E00, 0x9FFF},
    {0xAC00, 0xD7A3},
    {0x1F300, 0x1FAFF},
    {0x20000, 0x2A6DF}
  };

  private static Arbitrary<String> word() {
    return Arbitraries.of(SCRIPTS)
        .flatMap(
            r ->
                Arbitraries.integers()
                    .between(r[0], r[1])
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(14)
                    .map(
                        cps -> {
                          StringBuilder sb = new StringBuilder();
                          cps.forEach(sb::appendCodePoint);
                          return sb.toString();
                        }));
  }

  private static Arbitrary<String> words() {
    return Arbitraries.oneOf(word(), word().map(AnyValidArticleTopologyTest::capitalize))
        .list()
        .ofMinSize(1)
        .ofMaxSize(60)
        .map(ws -> String.join(" ", ws) + ".");
  }

  private static String capitalize(String w) {
    return w.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + w.substring(1);
  }

  /** Any code point at all: controls, marks, private use, unassigned; no lone surrogates. */
  private static Arbitrary<String> anyCodePoints() {
    return Arbitraries.integers()
        .between(0, 0x10FFFF)
        .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
        .list()
        .ofMaxSize(200)
        .map(
            cps -> {
              StringBuilder sb = new StringBuilder();
              cps.forEach(sb::appendCodePoint);
              return sb.toString();
            });
  }

  private static Arbitrary<String> chunk() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, words()),
        net.jqwik.api.Tuple.of(1, anyCodePoints()),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                .ofMinLength(1_000)
                .ofMaxLength(70_000)
                .map(s -> "data:image/png;base64," + s)),
        net.jqwik.api.Tuple.of(
            1, Arbitraries.integers().between(1, 3_300).map(BoundsTopologyTest.NAMES::repeat)),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.integers()
                .between(0, 99_999_999)
                .list()
                .ofMaxSize(3_000)
                .map(ns -> ns.stream().map(i -> i + " juta, " + (i % 28 + 1) + " Oktober").toList())
                .map(l -> String.join("; ", l))),
        net.jqwik.api.Tuple.of(2, Arbitraries.of("\t", "\r\n", "\n\n")),
        // Refused by the contract (dead-lettered, stage validate): C0 and C1 controls.
        net.jqwik.api.Tuple.of(
            1, Arbitraries.of("\u0000", "\u0007", "\u007F", "\u0085", "\u009F")));
  }
}
