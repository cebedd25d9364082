package io.newsflow.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.Dedup;
import io.newsflow.enrich.EnrichTopics;
import io.newsflow.enrich.EnrichedArticle;
import io.newsflow.enrich.wire.WireCredit;
import io.newsflow.ingest.Article;
import io.newsflow.streams.StreamsSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateTopologyTest {
  private static final Instant START = Instant.parse("2024-10-21T08:00:00Z");

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, EnrichedArticle> enriched;
  private TestOutputTopic<String, CountRecord> counts;

  @BeforeEach
  void setUp() {
    Properties props = StreamsSettings.of("aggregate-test", "unused:9092", stateDir, Map.of());
    driver =
        new TopologyTestDriver(AggregateTopology.build(AggregateConfig.defaults()), props, START);
    enriched =
        driver.createInputTopic(
            EnrichTopics.ENRICHED.name(),
            EnrichTopics.ENRICHED.keySerde().serializer(),
            EnrichTopics.ENRICHED.valueSerde().serializer(),
            START,
            java.time.Duration.ofSeconds(1));
    counts =
        driver.createOutputTopic(
            AggregateTopics.COUNTS.name(),
            AggregateTopics.COUNTS.keySerde().deserializer(),
            AggregateTopics.COUNTS.valueSerde().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldCountMentionsAndStoriesPerOutletWhenOriginalsArrive() {
    enriched.pipeInput("a", original("a", "kompas.tv", null));
    enriched.pipeInput("b", original("b", "kompas.tv", null));
    enriched.pipeInput("c", original("c", "detik.com", null));

    Map<String, CountRecord> latest = counts.readKeyValuesToMap();

    assertThat(latest)
        .containsEntry(
            "outlet|kompas.tv|all", new CountRecord(1, "outlet", "kompas.tv", "all", 2, 2))
        .containsEntry(
            "outlet|detik.com|all", new CountRecord(1, "outlet", "detik.com", "all", 1, 1))
        .hasSize(2);
  }

  @Test
  void shouldAddMentionButNoStoryWhenArticleIsACopy() {
    enriched.pipeInput("a", original("a", "kompas.tv", null));
    enriched.pipeInput("b", copy("b", "kompas.tv", "a"));

    assertThat(counts.readKeyValuesToMap())
        .containsEntry(
            "outlet|kompas.tv|all", new CountRecord(1, "outlet", "kompas.tv", "all", 2, 1));
  }

  @Test
  void shouldCountLanguageFacetOnlyWhenArticleStatesALanguage() {
    enriched.pipeInput("a", original("a", "bbc.com", "EN"));
    enriched.pipeInput("b", original("b", "bbc.com", null));

    Map<String, CountRecord> latest = counts.readKeyValuesToMap();

    assertThat(latest.get("language|en|all"))
        .isEqualTo(new CountRecord(1, "language", "en", "all", 1, 1));
    assertThat(latest).containsOnlyKeys("outlet|bbc.com|all", "language|en|all");
  }

  @Test
  void shouldCountEachCreditedAgencyAndThemeWhenArticleCarriesThem() {
    Article article =
        new Article(
            1, "w", null, "kontan.co.id", "Judul", "Isi", null, null, START, null, null, null);
    List<WireCredit> wire =
        List.of(
            new WireCredit(
                "reuters",
                "Reuters",
                List.of(new WireCredit.Evidence("Sumber: Reuters", "credits", 0, 0))),
            new WireCredit(
                "dpa", "DPA", List.of(new WireCredit.Evidence("Melansir DPA", "body", 0, 10))));

    enriched.pipeInput(
        "w",
        new EnrichedArticle(
            1, article, "hash-w", Dedup.original("w"), wire, List.of("military"), START));

    assertThat(counts.readKeyValuesToMap())
        .containsEntry("agency|reuters|all", new CountRecord(1, "agency", "reuters", "all", 1, 1))
        .containsEntry("agency|dpa|all", new CountRecord(1, "agency", "dpa", "all", 1, 1))
        .containsEntry("theme|military|all", new CountRecord(1, "theme", "military", "all", 1, 1));
  }

  @Test
  void shouldEmitEveryChangeWithNewTotalsAndKeepThemInTheStore() {
    enriched.pipeInput("a", original("a", "kompas.tv", null));
    enriched.pipeInput("b", original("b", "kompas.tv", null));

    List<KeyValue<String, CountRecord>> changes = counts.readKeyValuesToList();
    KeyValueStore<String, FacetCount> store =
        driver.getKeyValueStore(AggregateTopology.COUNTS_STORE);

    assertThat(changes).extracting(kv -> kv.value.mentions()).containsExactly(1L, 2L);
    assertThat(store.get("outlet|kompas.tv")).isEqualTo(new FacetCount(2, 2));
  }

  @Test
  void shouldNameEveryProcessorStoreAndInternalTopicWhenTopologyIsBuilt() {
    String description = AggregateTopology.build(AggregateConfig.defaults()).describe().toString();

    assertThat(description)
        .contains(
            AggregateTopology.SOURCE,
            AggregateTopology.EXPLODE_FACETS,
            AggregateTopology.BY_FACET + "-repartition",
            AggregateTopology.COUNT,
            AggregateTopology.COUNTS_STORE,
            AggregateTopology.CHANGES,
            AggregateTopology.TO_COUNT_RECORD,
            AggregateTopology.COUNTS_SINK)
        .doesNotContainPattern("KSTREAM-|KTABLE-|-\\d{10}");
  }

  private static EnrichedArticle original(String id, String outlet, String language) {
    return enriched(id, outlet, language, Dedup.original(id));
  }

  private static EnrichedArticle copy(String id, String outlet, String canonicalId) {
    return enriched(id, outlet, null, Dedup.exactCopyOf(canonicalId));
  }

  private static EnrichedArticle enriched(String id, String outlet, String language, Dedup dedup) {
    Article article =
        new Article(
            1,
            id,
            null,
            outlet,
            "Judul " + id,
            "Isi " + id,
            language,
            null,
            START,
            null,
            null,
            null);
    return new EnrichedArticle(
        EnrichedArticle.CURRENT_SCHEMA_VERSION,
        article,
        "hash-" + id,
        dedup,
        List.of(),
        List.of(),
        START);
  }
}
