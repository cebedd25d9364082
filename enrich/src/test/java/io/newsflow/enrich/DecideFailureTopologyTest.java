package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.story.StoryTerms;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.DeadLetters;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.enrich.decide.DecideInput;
import io.newsflow.enrich.decide.Decided;
import io.newsflow.kit.StreamsSettings;
import io.newsflow.testkit.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record whose decision throws (here a prepared article with a one-value MinHash signature,
 * written straight to the decide step's input): the processing exception handler dead-letters that
 * article with its raw coordinates, the step goes on, and its state stays consistent.
 */
class DecideFailureTopologyTest {
  private static final Instant START = Instant.parse("2024-10-22T08:00:00Z");

  @TempDir Path stateDir;
  private TopologyTestDriver driver;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void shouldDeadLetterTheFailingArticleAndGoOnWhenItsDecisionThrows() {
    driver =
        new TopologyTestDriver(
            EnrichTopology.build(EnrichConfig.defaults()),
            StreamsSettings.of("enrich-test", "dummy:1234", stateDir, Map.of()),
            START);
    TestInputTopic<String, Article> raw = TestTopics.input(driver, ArticleTopics.RAW);
    TestInputTopic<String, DecideInput> decideInput =
        driver.createInputTopic(
            "enrich-test-" + EnrichTopology.DECIDE_INPUT + "-repartition",
            new StringSerializer(),
            DecideInput.SERDE.serializer());
    TestOutputTopic<String, EnrichedArticle> enriched =
        TestTopics.output(driver, EnrichTopics.ENRICHED);
    TestOutputTopic<byte[], byte[]> dlq = TestTopics.output(driver, EnrichTopics.DLQ);

    raw.pipeInput("a", article("a", "Presiden Joko Widodo tiba di Tokyo."), START.plusSeconds(1));
    Article broken = article("broken", "Isi yang tidak pernah diputuskan.");
    decideInput.pipeInput(
        "broken",
        new DecideInput.Prepared(
            0,
            1,
            START.plusSeconds(2).toEpochMilli(),
            new EnrichedArticle(
                EnrichedArticle.CURRENT_SCHEMA_VERSION,
                broken,
                "0123456789abcdef0123456789abcdef",
                Dedup.original("broken"),
                List.of(),
                List.of(),
                START),
            new int[] {1},
            new StoryTerms("id", new String[0], new float[0])),
        START.plusSeconds(2));
    raw.pipeInput("b", article("b", "Menteri Retno Marsudi di Jakarta."), START.plusSeconds(3));

    assertThat(enriched.readRecordsToList()).extracting(TestRecord::key).containsExactly("a", "b");
    TestRecord<byte[], byte[]> dead = dlq.readRecord();
    assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("broken");
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("\"id\":\"broken\"");
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.STAGE))
        .isEqualTo(DeadLetters.STAGE_PROCESS);
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.PROCESSOR))
        .isEqualTo(EnrichTopology.DECIDE);
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.TOPIC))
        .isEqualTo(ArticleTopics.RAW.name());
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.OFFSET)).isEqualTo("1");
    assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON))
        .startsWith("processing failed in decide: ");
    assertThat(dlq.isEmpty()).isTrue();

    // The failed article left the buffer and is not in the log; the others are.
    List<String> logged = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, Decided> it =
        driver.<String, Decided>getWindowStore(EnrichTopology.DECIDE_LOG_STORE).all()) {
      it.forEachRemaining(kv -> logged.add(kv.key.key()));
    }
    assertThat(logged).containsExactlyInAnyOrder("a", "b");
    List<KeyValue<String, DecideInput>> buffered = new ArrayList<>();
    try (KeyValueIterator<String, DecideInput> it =
        driver.<String, DecideInput>getKeyValueStore(EnrichTopology.DECIDE_BUFFER_STORE).all()) {
      it.forEachRemaining(buffered::add);
    }
    assertThat(buffered).isEmpty();
  }

  private static Article article(String id, String body) {
    return new Article(
        Article.CURRENT_SCHEMA_VERSION,
        id,
        null,
        "kontan.co.id",
        "Judul " + id,
        body,
        "id",
        null,
        null,
        null,
        null,
        "test");
  }
}
