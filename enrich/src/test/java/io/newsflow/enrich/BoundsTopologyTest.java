package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.Bounds;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.DeadLetters;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.kit.StreamsSettings;
import io.newsflow.testkit.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's valid inputs that stopped enrich, through the real topology: a 70,000-character word,
 * an article dense in names, and {@code "publishedAt": 1e300}; each followed by a good article.
 */
class BoundsTopologyTest {
  private static final Instant START = Instant.parse("2024-10-22T08:00:00Z");

  /** Kafka's default largest record (broker {@code message.max.bytes}, producer request size). */
  static final int KAFKA_DEFAULT_MAX_BYTES = 1024 * 1024;

  /** 82 characters of names; 2,500 of them make a 205 KB body. */
  static final String NAMES =
      "Joko Widodo, Prabowo Subianto dan Sri Mulyani bertemu Vladimir Putin di Jakarta. ";

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> raw;
  private TestOutputTopic<String, byte[]> enrichedBytes;
  private TestOutputTopic<byte[], byte[]> dlq;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  private void start() {
    driver =
        new TopologyTestDriver(
            EnrichTopology.build(EnrichConfig.defaults()),
            StreamsSettings.of("enrich-test", "dummy:1234", stateDir, Map.of()),
            START);
    raw =
        driver.createInputTopic(
            ArticleTopics.RAW.name(), new StringSerializer(), new ByteArraySerializer());
    enrichedBytes =
        driver.createOutputTopic(
            EnrichTopics.ENRICHED.name(), new StringDeserializer(), new ByteArrayDeserializer());
    dlq = TestTopics.output(driver, EnrichTopics.DLQ);
  }

  static byte[] json(String id, String body, String extra) {
    return ("{\"id\":\""
            + id
            + "\",\"outlet\":\"kontan.co.id\",\"title\":\"Judul "
            + id
            + "\",\"body\":\""
            + body
            + "\""
            + extra
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static EnrichedArticle read(byte[] value) {
    return EnrichTopics.ENRICHED.valueSerde().deserializer().deserialize("t", value);
  }

  private void pipeGoodArticle(String id, int second) {
    raw.pipeInput(
        id,
        json(id, "Menteri Luar Negeri Retno Marsudi tiba di Tokyo, Jepang.", ""),
        START.plusSeconds(second));
  }

  @Test
  void shouldEnrichAndGoOnWhenBodyHoldsA70000CharacterWord() {
    start();
    byte[] poison =
        json("w", "Gambar: data:image/png;base64," + "A".repeat(70_000) + " selesai.", "");

    raw.pipeInput("w", poison, START.plusSeconds(1));
    pipeGoodArticle("good", 2);

    List<TestRecord<String, byte[]>> out = enrichedBytes.readRecordsToList();
    assertThat(out).extracting(TestRecord::key).containsExactly("w", "good");
    assertThat(out)
        .allSatisfy(r -> assertThat(r.value().length).isLessThan(KAFKA_DEFAULT_MAX_BYTES));
    assertThat(read(out.get(0).value()).entities())
        .allSatisfy(
            e ->
                assertThat(e.mentions())
                    .allSatisfy(
                        m ->
                            assertThat(m.text())
                                .hasSizeLessThanOrEqualTo(Bounds.MAX_MENTION_CHARS)));
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void shouldEnrichUnderOneMegabyteWhenArticleIsDenseInNames() {
    start();
    byte[] dense = json("n", NAMES.repeat(2_500), "");
    assertThat(dense.length).isBetween(200_000, Article.MAX_BYTES);

    raw.pipeInput("n", dense, START.plusSeconds(1));
    pipeGoodArticle("good", 2);

    List<TestRecord<String, byte[]>> out = enrichedBytes.readRecordsToList();
    assertThat(out).extracting(TestRecord::key).containsExactly("n", "good");
    int size = out.get(0).value().length;
    // Was 1,232,296 bytes before the bounds (issue 19: 1.31 MB with its sentence).
    System.out.printf("dense-names article: %d bytes in, %d bytes enriched%n", dense.length, size);
    assertThat(size).isLessThanOrEqualTo(Bounds.MAX_ENRICHED_BYTES);
    EnrichedArticle a = read(out.get(0).value());
    assertThat(a.entities()).isNotEmpty().hasSizeLessThanOrEqualTo(Bounds.MAX_ENTITIES);
    assertThat(a.entities())
        .allSatisfy(e -> assertThat(e.mentions()).hasSizeLessThanOrEqualTo(Bounds.MAX_MENTIONS));
    Entity widodo =
        a.entities().stream().filter(e -> e.name().contains("Widodo")).findFirst().orElseThrow();
    assertThat(widodo.mentionCount()).isGreaterThanOrEqualTo(2_500);
    assertThat(widodo.mentionTotal()).isEqualTo(widodo.mentionCount());
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void shouldListTheMostMentionedAndCountTheRestWhenArticleNamesTooManyEntities() {
    start();
    StringBuilder body = new StringBuilder("Rapat dihadiri Joko Widodo. Joko Widodo berbicara. ");
    String[] syllables = {"ka", "ri", "mo", "tu", "la", "ne", "si", "po", "da", "gu"};
    for (int i = 0; i < 400; i++) {
      String first = name(syllables, i);
      String last = name(syllables, i * 7 + 3);
      body.append("Menurut Dr. ").append(first).append(' ').append(last).append(" dari Surabaya. ");
    }
    raw.pipeInput("m", json("m", body.toString(), ""), START.plusSeconds(1));

    EnrichedArticle a = read(enrichedBytes.readRecord().value());
    System.out.printf(
        "many-names article: %d entities listed, %s omitted%n",
        a.entities().size(), a.entitiesOmitted());
    assertThat(a.entities()).hasSizeLessThanOrEqualTo(Bounds.MAX_ENTITIES);
    if (a.entitiesOmitted() != null) {
      assertThat(a.entities()).hasSize(Bounds.MAX_ENTITIES);
      assertThat(a.entities()).anyMatch(e -> e.name().contains("Widodo"));
    }
    assertThat(dlq.isEmpty()).isTrue();
  }

  private static String name(String[] syllables, int n) {
    String s = syllables[n % 10] + syllables[(n / 10) % 10] + syllables[(n / 100) % 10] + "wan";
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  @Test
  void shouldDeadLetterWithReasonAndGoOnWhenPublishedAtIsANumber() {
    start();
    byte[] poison = json("d", "Isi berita.", ",\"publishedAt\":1e300");

    raw.pipeInput("d", poison, START.plusSeconds(1));
    pipeGoodArticle("good", 2);

    assertThat(enrichedBytes.readRecordsToList())
        .extracting(TestRecord::key)
        .containsExactly("good");
    TestRecord<byte[], byte[]> dead = dlq.readRecord();
    assertThat(dead.value()).isEqualTo(poison);
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.STAGE))
        .isEqualTo(DeadLetters.STAGE_DESERIALIZE);
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON))
        .contains("field 'publishedAt': not a date");
    assertThat(dlq.isEmpty()).isTrue();
  }
}
