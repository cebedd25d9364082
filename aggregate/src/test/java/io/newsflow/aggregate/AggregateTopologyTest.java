package io.newsflow.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.aggregate.query.CountsReader;
import io.newsflow.contracts.AggregateTopics;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.CountRecord;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import io.newsflow.contracts.Verdict;
import io.newsflow.contracts.WireCredit;
import io.newsflow.kit.StreamsSettings;
import io.newsflow.testkit.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreType;
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
  private CountsReader reader;

  @BeforeEach
  void setUp() {
    Properties props = StreamsSettings.of("aggregate-test", "unused:9092", stateDir, Map.of());
    driver =
        new TopologyTestDriver(AggregateTopology.build(AggregateConfig.defaults()), props, START);
    enriched = TestTopics.input(driver, EnrichTopics.ENRICHED);
    counts = TestTopics.output(driver, AggregateTopics.COUNTS);
    reader =
        new CountsReader(
            new CountsReader.StoreAccess() {
              @Override
              @SuppressWarnings("unchecked")
              public <T> T store(String name, QueryableStoreType<T> type) {
                return (T)
                    (name.equals(AggregateTopology.HOURLY_STORE)
                            || name.equals(AggregateTopology.DAILY_STORE)
                        ? driver.getWindowStore(name)
                        : driver.getKeyValueStore(name));
              }
            });
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldCountMentionsAndStoriesPerOutletWhenOriginalsArrive() {
    pipe(original("a", "kompas.tv", START));
    pipe(original("b", "kompas.tv", START));
    pipe(original("c", "detik.com", START));

    assertThat(allTime())
        .containsEntry("outlet|kompas.tv|all", all("outlet", "kompas.tv", 2, 2))
        .containsEntry("outlet|detik.com|all", all("outlet", "detik.com", 1, 1));
  }

  @Test
  void shouldAddMentionButNoStoryAndCountSyndicationWhenArticleIsACopy() {
    pipe(original("a", "kompas.tv", START));
    pipe(copy("b", "detik.com", "a", START));
    pipe(copy("c", "detik.com", "a", START));

    Map<String, CountRecord> latest = allTime();
    assertThat(latest).containsEntry("outlet|detik.com|all", all("outlet", "detik.com", 2, 0));
    assertThat(latest).containsEntry("syndication|a|all", all("syndication", "a", 2, 0));
    assertThat(reader.syndication("a")).isEqualTo(2);
  }

  @Test
  void shouldCountPerHourAndDayOfPublicationWhenArticlesCarryPublishedAt() {
    pipe(original("a", "kompas.tv", START.plus(Duration.ofMinutes(5))));
    pipe(original("b", "kompas.tv", START.plus(Duration.ofMinutes(55))));
    pipe(original("c", "kompas.tv", START.plus(Duration.ofMinutes(65))));

    assertThat(
            reader.series(
                "outlet", "kompas.tv", Window.HOUR, START, START.plus(Duration.ofHours(2))))
        .containsExactly(
            new CountsReader.Point(START, 2, 2),
            new CountsReader.Point(START.plus(Duration.ofHours(1)), 1, 1));
    Instant day = Instant.parse("2024-10-21T00:00:00Z");
    assertThat(reader.series("outlet", "kompas.tv", Window.DAY, day, day))
        .containsExactly(new CountsReader.Point(day, 3, 3));
    assertThat(counts.readKeyValuesToMap())
        .containsKey("outlet|kompas.tv|1h@2024-10-21T09:00:00Z")
        .containsKey("outlet|kompas.tv|1d@2024-10-21T00:00:00Z");
  }

  @Test
  void shouldCountLateArticleInItsWindowWithinGraceAndOnlyAllTimeAfter() {
    pipe(original("now", "bbc.com", START.plus(Duration.ofHours(3))));
    // 30 minutes late for the 10:00 window, which closed at 11:00 + 1 h grace: still counted.
    pipe(original("late", "bbc.com", START.plus(Duration.ofMinutes(150))));
    // The 08:00 window closed at 09:00 + 1 h grace, before stream time 11:00: too late.
    pipe(original("too-late", "bbc.com", START.plus(Duration.ofMinutes(10))));

    assertThat(
            reader.series("outlet", "bbc.com", Window.HOUR, START, START.plus(Duration.ofHours(4))))
        .containsExactly(
            new CountsReader.Point(START.plus(Duration.ofHours(2)), 1, 1),
            new CountsReader.Point(START.plus(Duration.ofHours(3)), 1, 1));
    assertThat(reader.count("outlet", "bbc.com")).isEqualTo(new FacetCount(3, 3));
  }

  @Test
  void shouldRankTopValuesByMentionsWhenAskedForTopN() {
    for (int i = 0; i < 3; i++) {
      pipe(original("k" + i, "kompas.tv", START));
    }
    pipe(original("d0", "detik.com", START));
    pipe(original("d1", "detik.com", START));
    pipe(original("t0", "tempo.co", START));

    assertThat(reader.top("outlet", Window.ALL, null, 2))
        .containsExactly(
            new CountsReader.Item("kompas.tv", 3, 3), new CountsReader.Item("detik.com", 2, 2));
    assertThat(reader.top("outlet", Window.HOUR, START, 10)).hasSize(3);
    assertThat(reader.top("language", Window.ALL, null, 10)).isEmpty();
  }

  @Test
  void shouldRankRisingValuesFirstWhenAskedForTrending() {
    // detik.com: 1 per hour for 6 hours, then 1; kompas.tv: nothing, then 4.
    for (int h = 0; h < 7; h++) {
      pipe(original("d" + h, "detik.com", START.plus(Duration.ofHours(h))));
    }
    for (int i = 0; i < 4; i++) {
      pipe(original("k" + i, "kompas.tv", START.plus(Duration.ofHours(6))));
    }

    List<CountsReader.Trend> trends =
        reader.trending("outlet", Window.HOUR, START.plus(Duration.ofHours(6)), 6, 1, 10);

    assertThat(trends)
        .extracting(CountsReader.Trend::key)
        .containsExactly("kompas.tv", "detik.com");
    assertThat(trends.get(0).score()).isEqualTo(5.0);
    assertThat(trends.get(1).baseline()).isEqualTo(1.0);
    assertThat(trends.get(1).score()).isEqualTo(1.0);
  }

  @Test
  void shouldCountLanguageAgencyAndThemeFacetsOnlyWhenPresent() {
    Article article =
        new Article(
            1, "w", null, "kontan.co.id", "Judul", "Isi", "EN", START, START, null, null, null);
    List<WireCredit> wire =
        List.of(
            new WireCredit(
                "reuters",
                "Reuters",
                List.of(new WireCredit.Evidence("Sumber: Reuters", "credits", 0, 0))));
    pipe(
        new EnrichedArticle(
            1, article, "hash-w", Dedup.original("w"), wire, List.of("military"), START));
    pipe(original("x", "kontan.co.id", START));

    assertThat(allTime().keySet())
        .containsExactlyInAnyOrder(
            "outlet|kontan.co.id|all",
            "language|en|all",
            "agency|reuters|all",
            "theme|military|all");
  }

  @Test
  void shouldCountActorsAndLocationsByCanonicalNameWhenArticleNamesThem() {
    List<Entity> entities =
        List.of(
            new Entity(
                "wd:Q57792", EntityType.PERSON, null, "Mark Rutte", Map.of(), List.of(), 1.0),
            new Entity("kb:nato", EntityType.ORGANIZATION, null, "NATO", Map.of(), List.of(), 1.0),
            new Entity(
                "geo:1835848", EntityType.LOCATION, "city", "Seoul", Map.of(), List.of(), 1.0));
    pipe(naming("e", "id", entities));

    assertThat(reader.top("actor", Window.ALL, null, 10))
        .extracting(CountsReader.Item::key)
        .containsExactly("Mark Rutte", "NATO");
    assertThat(reader.count("location", "Seoul")).isEqualTo(new FacetCount(1, 1));
  }

  @Test
  void shouldNotCountAnEntityBelowTheConfidenceThreshold() {
    List<Entity> entities =
        List.of(
            new Entity(
                "wd:Q57792", EntityType.PERSON, null, "Mark Rutte", Map.of(), List.of(), 0.9),
            // A capitalised phrase the English rules found without a cue word (0.5).
            new Entity(
                "local:0123456789abcdef",
                EntityType.ORGANIZATION,
                null,
                "Breaking News Tonight",
                Map.of(),
                List.of(),
                0.5),
            new Entity(
                "local:fedcba9876543210",
                EntityType.LOCATION,
                null,
                "Qwzxv",
                Map.of(),
                List.of(),
                Facet.MIN_ENTITY_CONFIDENCE));
    pipe(naming("f", "en", entities));

    assertThat(reader.top("actor", Window.ALL, null, 10))
        .extracting(CountsReader.Item::key)
        .containsExactly("Mark Rutte");
    assertThat(reader.count("location", "Qwzxv")).isEqualTo(new FacetCount(1, 1));
  }

  /** An original of kompas.tv in {@code language} that names {@code entities}. */
  private static EnrichedArticle naming(String id, String language, List<Entity> entities) {
    Article article =
        new Article(
            1, id, null, "kompas.tv", "Judul", "Isi", language, START, START, null, null, null);
    return new EnrichedArticle(
        1, article, "hash-" + id, Dedup.original(id), List.of(), List.of(), START, entities, false);
  }

  @Test
  void shouldEmitEveryChangeWithNewTotalsAndKeepThemInTheStore() {
    pipe(original("a", "kompas.tv", START));
    pipe(original("b", "kompas.tv", START));

    List<KeyValue<String, CountRecord>> changes =
        counts.readKeyValuesToList().stream().filter(kv -> kv.key.endsWith("|all")).toList();
    KeyValueStore<String, FacetCount> store =
        driver.getKeyValueStore(AggregateTopology.COUNTS_STORE);

    assertThat(changes).extracting(kv -> kv.value.mentions()).containsExactly(1L, 2L);
    assertThat(store.get("outlet|kompas.tv")).isEqualTo(new FacetCount(2, 2));
  }

  @Test
  void shouldCountEachStoryOncePerFacetValueWhenSeveralOfItsArticlesShareTheValue() {
    pipe(inStory(original("a", "kompas.tv", START), "s1", "id"));
    pipe(inStory(original("b", "kompas.tv", START), "s1", "id"));
    pipe(inStory(copy("c", "kompas.tv", "a", START), "s1", "id"));
    pipe(inStory(original("d", "kompas.tv", START), "s2", "en"));

    Map<String, CountRecord> latest = allTime();

    assertThat(latest.get("outlet|kompas.tv|all").mentions()).isEqualTo(4);
    assertThat(latest.get("outlet|kompas.tv|all").distinctStories()).isEqualTo(2);
    assertThat(latest.get("language|id|all").distinctStories()).isEqualTo(1);
    assertThat(latest.get("language|en|all").distinctStories()).isEqualTo(1);
    assertThat(reader.count("outlet", "kompas.tv")).isEqualTo(new FacetCount(4, 3, 2));
  }

  @Test
  void shouldCountEachArticleOfAByStoryBatchAsIfItHadComeAlone() {
    // A running app sends one by-story record per partition and commit (StoryBatchBuffer); the
    // driver commits after every record, so such a batch is piped here onto the hop itself.
    org.apache.kafka.streams.TestInputTopic<String, StoryArticles> byStory =
        driver.createInputTopic(
            "aggregate-test-" + AggregateTopology.BY_STORY + "-repartition",
            new org.apache.kafka.common.serialization.StringSerializer(),
            StoryArticles.SERDE.serializer());
    long t = START.toEpochMilli();
    byStory.pipeInput(
        "s1",
        new StoryArticles(
            List.of(
                storyEntry("s1", "a", "kompas.tv", t),
                storyEntry("s2", "b", "detik.com", t + 60_000),
                storyEntry("s1", "c", "detik.com", t + 120_000))),
        t + 120_000);

    assertThat(reader.count("outlet", "kompas.tv").distinctStories()).isEqualTo(1);
    assertThat(reader.count("outlet", "detik.com").distinctStories()).isEqualTo(2);
    assertThat(reader.story("s1").articleIds()).containsExactly("a", "c");
    assertThat(reader.story("s2").articleIds()).containsExactly("b");
  }

  @Test
  void shouldJudgeAnEarlyArticleOfAByStoryBatchInTimeAsIfItHadComeAlone() {
    // One reading task's commit holds a story's article of 08:10, then another's of 10:30. Alone,
    // the first crossed the hop (and moved stream time) before the second: its story counted in
    // the 08:00 hour (closes at 09:00 + 1 h grace). The batch StoryBatchBuffer makes of them must
    // not move stream time past 10:00 before its first article is counted.
    StoryBatchBuffer buffer = new StoryBatchBuffer(AggregateTopology.STORY_BATCH_STORE);
    buffer.partitionsFrom(() -> 1);
    Instant early = START.plus(Duration.ofMinutes(10));
    Instant later = START.plus(Duration.ofMinutes(150));
    buffer.add("s1", storyEntry("s1", "a", "kompas.tv", 0).article(), early.toEpochMilli());
    buffer.add("s2", storyEntry("s2", "b", "detik.com", 0).article(), later.toEpochMilli());
    List<org.apache.kafka.streams.processor.api.Record<String, StoryArticles>> batches =
        new java.util.ArrayList<>();
    buffer.drain((origin, record) -> batches.add(record));
    assertThat(batches).hasSize(1);
    org.apache.kafka.streams.TestInputTopic<String, StoryArticles> byStory =
        driver.createInputTopic(
            "aggregate-test-" + AggregateTopology.BY_STORY + "-repartition",
            new org.apache.kafka.common.serialization.StringSerializer(),
            StoryArticles.SERDE.serializer());

    for (org.apache.kafka.streams.processor.api.Record<String, StoryArticles> r : batches) {
      byStory.pipeInput(r.key(), r.value(), r.timestamp());
    }

    Map<String, CountRecord> latest = counts.readKeyValuesToMap();
    assertThat(latest.get("outlet|kompas.tv|all").distinctStories()).isEqualTo(1);
    assertThat(latest.get("outlet|kompas.tv|1d@2024-10-21T00:00:00Z").distinctStories())
        .isEqualTo(1);
    assertThat(latest.get("outlet|kompas.tv|1h@" + START))
        .as("the story of 08:10 in its hour")
        .isNotNull()
        .extracting(CountRecord::distinctStories)
        .isEqualTo(1L);
  }

  private static StoryArticles.Entry storyEntry(String story, String id, String outlet, long t) {
    return new StoryArticles.Entry(
        story,
        t,
        new StoryArticle(id, "Judul " + id, Verdict.ORIGINAL, null, List.of("outlet|" + outlet)));
  }

  @Test
  void shouldCountAStoryInTheHourOfItsEarliestArticleWhateverTheArrivalOrder() {
    Instant nine = START.plus(Duration.ofHours(1));
    // The later article arrives first: the story first counts in 09:00, then moves to 08:00.
    pipe(inStory(original("late", "kompas.tv", nine.plusSeconds(60)), "s1", "id"));
    pipe(inStory(original("early", "kompas.tv", START.plusSeconds(60)), "s1", "id"));

    Map<String, CountRecord> latest = counts.readKeyValuesToMap();

    CountRecord eight = latest.get("outlet|kompas.tv|1h@" + START);
    CountRecord nineHour = latest.get("outlet|kompas.tv|1h@" + nine);
    assertThat(eight.mentions()).isEqualTo(1);
    assertThat(eight.distinctStories()).isEqualTo(1);
    assertThat(nineHour.mentions()).isEqualTo(1);
    assertThat(nineHour.distinctStories()).isZero();
    assertThat(latest.get("outlet|kompas.tv|all").distinctStories()).isEqualTo(1);
  }

  @Test
  void shouldListCurrentStoriesWithTheirArticlesAndLanguagesWhenAsked() {
    pipe(inStory(original("a", "kompas.tv", START), "s1", "id"));
    pipe(inStory(original("b", "reuters.com", START.plusSeconds(60)), "s1", "en"));
    pipe(inStory(original("c", "detik.com", START), "s2", "id"));

    List<CountsReader.StoryItem> stories = reader.stories(10);

    assertThat(stories).extracting(CountsReader.StoryItem::storyId).containsExactly("s1", "s2");
    CountsReader.StoryItem s1 = stories.get(0);
    assertThat(s1.articles()).isEqualTo(2);
    assertThat(s1.articleIds()).containsExactly("a", "b");
    assertThat(s1.languages()).containsOnly(Map.entry("id", 1L), Map.entry("en", 1L));
    assertThat(s1.outlets()).containsOnlyKeys("kompas.tv", "reuters.com");
    assertThat(s1.title()).isEqualTo("Judul a");
    assertThat(s1.lastSeen()).isEqualTo(START.plusSeconds(60));
    assertThat(reader.story("s2").articleIds()).containsExactly("c");
  }

  @Test
  void shouldListAStorysArticlesWithOutletLanguageVerdictAndOriginalWhenAsked() {
    pipe(inStory(original("a", "kompas.tv", START), "s1", "id"));
    pipe(inStory(copy("c", "detik.com", "a", START.plusSeconds(120)), "s1", "id"));
    pipe(
        inStory(
            enriched("n", "reuters.com", START.plusSeconds(60), Dedup.nearCopyOf("a", 0.9)),
            "s1",
            "en"));

    CountsReader.StoryItem s1 = reader.story("s1");

    assertThat(s1.articleIds()).containsExactly("a", "c", "n");
    assertThat(s1.timeline())
        .containsExactly(
            new CountsReader.StoryEntry("a", START, "kompas.tv", "id", "original", null),
            new CountsReader.StoryEntry(
                "c", START.plusSeconds(120), "detik.com", "id", "exact", "a"),
            new CountsReader.StoryEntry(
                "n", START.plusSeconds(60), "reuters.com", "en", "near", "a"));
    // Lists of stories leave the articles out.
    assertThat(reader.stories(10).get(0).timeline()).isNull();
  }

  @Test
  void shouldListOnlyTheStoriesWithAValueWhenAskedForAFacetValue() {
    Entity nato =
        new Entity("wd:Q7184", EntityType.ORGANIZATION, null, "NATO", Map.of(), List.of(), 1.0);
    pipe(inStory(naming("a", List.of(nato)), "s1", "id"));
    pipe(inStory(original("b", "kompas.tv", START), "s2", "id"));
    pipe(inStory(naming("c", List.of(nato)), "s3", "id"));
    pipe(inStory(original("d", "kompas.tv", START), "s3", "id"));

    assertThat(reader.stories(10, "actor|NATO"))
        .extracting(CountsReader.StoryItem::storyId)
        .containsExactly("s3", "s1");
    assertThat(reader.stories(10, "actor|Nobody")).isEmpty();
    assertThat(reader.stories(10, "outlet|kompas.tv")).hasSize(3);
  }

  @Test
  void shouldAnswerWindowedQueriesWithTheAskedFacetsValuesOnlyWhenNeighbouringFacetsShareTheHour() {
    // "language|" and "location|" are neighbours in key order; the windowed queries read a key
    // range per facet, so each must hold exactly its own values, whatever characters follow.
    Entity yoshida =
        new Entity(
            "kb:yoshida", EntityType.PERSON, null, "\uD842\uDFB7田 Taro", Map.of(), List.of(), 1.0);
    Entity nato =
        new Entity("wd:Q7184", EntityType.ORGANIZATION, null, "NATO", Map.of(), List.of(), 1.0);
    Entity jakarta =
        new Entity("wd:Q3630", EntityType.LOCATION, null, "Jakarta", Map.of(), List.of(), 1.0);
    Entity tilde =
        new Entity("kb:tilde", EntityType.LOCATION, null, "~Tilde", Map.of(), List.of(), 1.0);
    pipe(naming("a", "id", List.of(yoshida, jakarta)));
    pipe(naming("b", "en", List.of(nato, tilde)));
    pipe(naming("c", "en", List.of(nato, jakarta)));

    assertThat(reader.top("actor", Window.HOUR, START, 10))
        .containsExactly(
            new CountsReader.Item("NATO", 2, 2), new CountsReader.Item("\uD842\uDFB7田 Taro", 1, 1));
    assertThat(reader.top("location", Window.HOUR, START, 10))
        .containsExactly(
            new CountsReader.Item("Jakarta", 2, 2), new CountsReader.Item("~Tilde", 1, 1));
    assertThat(reader.top("language", Window.HOUR, START, 10))
        .containsExactly(new CountsReader.Item("en", 2, 2), new CountsReader.Item("id", 1, 1));
    assertThat(reader.volume("language", Window.HOUR, START, START))
        .containsExactly(new CountsReader.Point(START, 3, 3));
    assertThat(reader.volume("location", Window.HOUR, START, START))
        .containsExactly(new CountsReader.Point(START, 3, 3));
    assertThat(
            reader.trending("location", Window.HOUR, START, 6, 1, 10).stream()
                .map(CountsReader.Trend::key))
        .containsExactlyInAnyOrder("Jakarta", "~Tilde");
    assertThat(reader.top("agency", Window.HOUR, START, 10)).isEmpty();
  }

  @Test
  void shouldSumArticlesAndOriginalsOverOutletsPerHourWhenAskedForTheVolume() {
    Instant nine = START.plus(Duration.ofHours(1));
    pipe(original("a", "kompas.tv", START));
    pipe(copy("b", "detik.com", "a", START.plusSeconds(60)));
    pipe(original("c", "detik.com", nine));

    assertThat(reader.volume("outlet", Window.HOUR, START, nine))
        .containsExactly(new CountsReader.Point(START, 2, 1), new CountsReader.Point(nine, 1, 1));
    assertThat(reader.volume("outlet", Window.HOUR, nine, nine))
        .containsExactly(new CountsReader.Point(nine, 1, 1));
    assertThat(
            CountsReader.sumPoints(
                List.of(
                    new CountsReader.Point(nine, 1, 1),
                    new CountsReader.Point(START, 2, 1),
                    new CountsReader.Point(nine, 3, 0))))
        .containsExactly(new CountsReader.Point(START, 2, 1), new CountsReader.Point(nine, 4, 1));
  }

  @Test
  void shouldDropAStoryFromTheListWhenItsLatestArticleIsOlderThanTheWindow() {
    pipe(inStory(original("a", "kompas.tv", START), "s1", "id"));
    pipe(inStory(original("b", "detik.com", START.plus(Duration.ofDays(8))), "s2", "id"));

    assertThat(reader.stories(10))
        .extracting(CountsReader.StoryItem::storyId)
        .containsExactly("s2");
    assertThat(reader.story("s1")).isNull();
    KeyValueStore<String, StoryFacet> facets =
        driver.getKeyValueStore(AggregateTopology.STORY_FACETS_STORE);
    List<String> left = new java.util.ArrayList<>();
    try (KeyValueIterator<String, StoryFacet> it = facets.all()) {
      it.forEachRemaining(kv -> left.add(kv.key));
    }
    assertThat(left)
        .isNotEmpty()
        .allSatisfy(k -> assertThat(k).startsWith(AggregateTopology.storyFacetPrefix("s2")));
  }

  @Test
  void shouldCountAStoryOnceWhenItsNextArticleArrivesAfterStreamTimePassedItsWindow() {
    // review10's case. "b" joined story s1 in enrich: it is within the story window (7 days) of
    // "a". Another story's article, "x", from another enriched partition, reached this task first
    // and moved stream time more than a window past "a": s1 was swept and counted again when "b"
    // came. It is kept now: its ingest time is not a window plus the grace behind x's.
    pipe(inStory(original("a", "kompas.tv", START), "s1", "id"));
    pipe(
        inStory(
            original("x", "detik.com", START.plus(Duration.ofDays(7).plusMinutes(2))), "s2", "en"));
    pipe(inStory(original("b", "kompas.tv", START.plus(Duration.ofDays(6))), "s1", "id"));

    assertThat(allTime().get("outlet|kompas.tv|all").mentions()).isEqualTo(2);
    assertThat(reader.count("outlet", "kompas.tv").distinctStories()).isEqualTo(1);
    assertThat(reader.count("language", "id").distinctStories()).isEqualTo(1);
  }

  @Test
  void shouldCountABackfilledStoryOnceAndForgetItAWindowAfterItsLastIngest() {
    // A backfill: articles published 90 days ago, ingested now beside current ones. Stream time
    // (event time) is far past their story's window the moment a current article comes; enrich
    // joins them by ingest time, so their story must not be forgotten between two of them.
    Instant then = START.minus(Duration.ofDays(90));
    pipe(inStory(ingestedAt(original("a", "kompas.tv", then), START), "s1", "id"));
    pipe(inStory(original("x", "detik.com", START), "s2", "en"));
    pipe(inStory(original("y", "detik.com", START.plusSeconds(180)), "s2", "en"));
    pipe(
        inStory(
            ingestedAt(original("b", "kompas.tv", then.plusSeconds(3600)), START.plusSeconds(240)),
            "s1",
            "id"));

    assertThat(allTime().get("outlet|kompas.tv|all").mentions()).isEqualTo(2);
    assertThat(reader.count("outlet", "kompas.tv").distinctStories()).isEqualTo(1);
    assertThat(reader.story("s1")).isNotNull();

    // more than the window plus the grace (1 hour) of ingest time later, s1 is forgotten
    pipe(
        inStory(
            original("z", "detik.com", START.plus(Duration.ofDays(7)).plus(Duration.ofHours(2))),
            "s3",
            "en"));
    assertThat(reader.story("s1")).isNull();
    assertThat(reader.story("s3")).isNotNull();
  }

  @Test
  void shouldCountAnArticlePublishedBefore1970() {
    // review12: a negative event time made Kafka Streams drop the record: it was not counted at
    // all. An archive's article (publishedAt may be as early as 1800) counts at the epoch (rev12b:
    // not at its ingest time, see below); here the first record, its windows are open.
    pipe(
        inStory(
            ingestedAt(original("old", "kompas.tv", Instant.parse("1965-09-30T12:00:00Z")), START),
            "s1",
            "id"));

    Map<String, CountRecord> latest = counts.readKeyValuesToMap();
    assertThat(latest.get("outlet|kompas.tv|all").mentions()).isEqualTo(1);
    assertThat(latest.get("outlet|kompas.tv|1h@1970-01-01T00:00:00Z").mentions()).isEqualTo(1);
    assertThat(latest).doesNotContainKey("outlet|kompas.tv|1h@" + START);
    assertThat(latest.get("outlet|kompas.tv|all").distinctStories()).isEqualTo(1);
    assertThat(reader.story("s1")).isNotNull();
  }

  @Test
  void shouldCountAnArticlePublishedBefore1970AsAnyArchiveArticleNotInTheCurrentWindows() {
    // rev12b: an archive article published in 1969 counted in the current hour and day (its ingest
    // time), one published in 1971 all-time only (its windows closed long ago): a backfill of an
    // archive from before 1970 showed as a spike of the current hour. Both are archive articles.
    pipe(inStory(ingestedAt(original("now", "detik.com", START), START), "s0", "id"));
    pipe(
        inStory(
            ingestedAt(original("o69", "arsip.id", Instant.parse("1969-12-31T23:00:00Z")), START),
            "s1",
            "id"));
    pipe(
        inStory(
            ingestedAt(original("o71", "arsip.id", Instant.parse("1971-01-01T01:00:00Z")), START),
            "s2",
            "id"));

    Map<String, CountRecord> latest = counts.readKeyValuesToMap();
    assertThat(latest.get("outlet|arsip.id|all").mentions()).isEqualTo(2);
    assertThat(latest.get("outlet|arsip.id|all").distinctStories()).isEqualTo(2);
    assertThat(latest).doesNotContainKey("outlet|arsip.id|1h@" + START);
    assertThat(latest).doesNotContainKey("outlet|arsip.id|1d@2024-10-21T00:00:00Z");
    assertThat(reader.story("s1")).isNotNull();
  }

  private static EnrichedArticle ingestedAt(EnrichedArticle a, Instant ingested) {
    return withArticle(a, a.article().withIngestedAt(ingested));
  }

  @Test
  void shouldListAStorysMostNamedEntitiesWhenItsArticlesNameThem() {
    Entity rutte =
        new Entity("wd:Q57792", EntityType.PERSON, null, "Mark Rutte", Map.of(), List.of(), 1.0);
    Entity nato =
        new Entity("kb:nato", EntityType.ORGANIZATION, null, "NATO", Map.of(), List.of(), 1.0);
    Entity seoul =
        new Entity("geo:1835848", EntityType.LOCATION, "city", "Seoul", Map.of(), List.of(), 1.0);
    pipe(inStory(naming("a", List.of(rutte, nato, seoul)), "s1", "id"));
    pipe(inStory(naming("b", List.of(nato, seoul, seoul)), "s1", "id"));
    pipe(inStory(naming("c", List.of(seoul)), "s1", "id"));

    assertThat(reader.story("s1").topEntities())
        .containsExactly(
            Map.of("name", "Seoul", "articles", 3L, "facet", "location"),
            Map.of("name", "NATO", "articles", 2L, "facet", "actor"),
            Map.of("name", "Mark Rutte", "articles", 1L, "facet", "actor"));
    assertThat(reader.count("location", "Seoul").distinctStories()).isEqualTo(1);
  }

  @Test
  void shouldSendOneSummedChangePerFacetValueAcrossTheHopWhenAnArticleNamesAValueTwice() {
    Entity seoul =
        new Entity("geo:1835848", EntityType.LOCATION, "city", "Seoul", Map.of(), List.of(), 1.0);
    TestOutputTopic<String, FacetDeltas> byFacet =
        driver.createOutputTopic(
            "aggregate-test-" + AggregateTopology.BY_FACET + "-repartition",
            new org.apache.kafka.common.serialization.StringDeserializer(),
            FacetDeltas.SERDE.deserializer());
    TestOutputTopic<String, StoryArticles> byStory =
        driver.createOutputTopic(
            "aggregate-test-" + AggregateTopology.BY_STORY + "-repartition",
            new org.apache.kafka.common.serialization.StringDeserializer(),
            StoryArticles.SERDE.deserializer());

    pipe(inStory(naming("a", List.of(seoul, seoul)), "s1", "id"));

    List<KeyValue<String, FacetDeltas>> records = byFacet.readKeyValuesToList();
    // The first commit after a start sends a record per key (the partition count is learnt from
    // it), later ones one per partition: here the story's three distinct-story changes in one.
    assertThat(records).hasSize(4);
    assertThat(records.get(3).value.entries())
        .extracting(FacetDeltas.Entry::facetKey)
        .containsExactly("outlet|kompas.tv", "language|id", "location|Seoul");
    assertThat(records)
        .flatExtracting(kv -> kv.value.entries())
        .filteredOn(e -> e.facetKey().equals("location|Seoul"))
        .extracting(FacetDeltas.Entry::delta)
        .containsExactly(
            new FacetDelta(new FacetCount(2, 2), FacetDelta.EVERY),
            new FacetDelta(FacetCount.oneStory(), FacetDelta.EVERY));
    List<KeyValue<String, StoryArticles>> stories = byStory.readKeyValuesToList();
    assertThat(stories).extracting(kv -> kv.key).containsExactly("s1");
    assertThat(stories.get(0).value.entries())
        .extracting(StoryArticles.Entry::storyId, StoryArticles.Entry::article)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "s1",
                new StoryArticle(
                    "a",
                    "Judul a",
                    Verdict.ORIGINAL,
                    null,
                    List.of("outlet|kompas.tv", "language|id", "location|Seoul"))));
    assertThat(reader.count("location", "Seoul")).isEqualTo(new FacetCount(2, 2, 1));
  }

  /**
   * The deserialization handler dead-letters a record the aggregate cannot read and counting goes
   * on. TopologyTestDriver does not deliver the handler's dead letters to the DLQ topic, so the
   * handler is observed through the dead-letter meter it counts with; the reason is the serde's
   * (EnrichedForCountingTest), the record on the broker's DLQ AggregateDeadLetterIT's.
   */
  @Test
  void shouldDeadLetterAndCountOnWhenAnEnrichedRecordIsNotValid() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        restartCountingDeadLetters();
    TestInputTopic<String, byte[]> rawEnriched =
        driver.createInputTopic(
            EnrichTopics.ENRICHED.name(),
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer());
    String json =
        new String(
            EnrichTopics.ENRICHED
                .valueSerde()
                .serializer()
                .serialize("t", original("x", "kompas.tv", START)),
            java.nio.charset.StandardCharsets.UTF_8);

    // malformed inside the body, which the aggregate skips; a verdict it reads that is no verdict
    rawEnriched.pipeInput("bad-body", bytes(json, json.replace("\"body\":\"", "\"body\":\"\\q")));
    rawEnriched.pipeInput("bad-verdict", bytes(json, json.replace("\"original\"", "\"maybe\"")));
    pipe(original("a", "kompas.tv", START));

    assertThat(deadLetters(registry, io.newsflow.contracts.DeadLetters.STAGE_DESERIALIZE))
        .isEqualTo(2.0);
    assertThat(allTime()).containsEntry("outlet|kompas.tv|all", all("outlet", "kompas.tv", 1, 1));
  }

  /**
   * A tombstone on the enriched topic (a null value) is no article: it is dead-lettered (the first
   * step that reads it throws) and stops nothing.
   */
  @Test
  void shouldCountOnWhenAnEnrichedRecordHasNoValue() {
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        restartCountingDeadLetters();
    TestInputTopic<String, byte[]> rawEnriched =
        driver.createInputTopic(
            EnrichTopics.ENRICHED.name(),
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer());

    rawEnriched.pipeInput("gone", (byte[]) null);
    pipe(original("a", "kompas.tv", START));

    // dead-lettered by the processing exception handler (stage process), and counting goes on
    assertThat(deadLetters(registry, io.newsflow.contracts.DeadLetters.STAGE_PROCESS))
        .isEqualTo(1.0);
    assertThat(allTime()).containsEntry("outlet|kompas.tv|all", all("outlet", "kompas.tv", 1, 1));
  }

  /** A new driver on the same state whose dead-letter handlers count into the registry returned. */
  private io.micrometer.core.instrument.simple.SimpleMeterRegistry restartCountingDeadLetters() {
    driver.close();
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    Properties props = StreamsSettings.of("aggregate-test", "unused:9092", stateDir, Map.of());
    io.newsflow.kit.DeadLetterMeter.attach(
        props, io.newsflow.kit.DeadLetterMeter.of(registry, "newsflow.test.dead.letters"));
    driver =
        new TopologyTestDriver(AggregateTopology.build(AggregateConfig.defaults()), props, START);
    enriched = TestTopics.input(driver, EnrichTopics.ENRICHED);
    counts = TestTopics.output(driver, AggregateTopics.COUNTS);
    return registry;
  }

  private static double deadLetters(
      io.micrometer.core.instrument.simple.SimpleMeterRegistry registry, String stage) {
    return registry.find("newsflow.test.dead.letters").tag("stage", stage).counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count)
        .sum();
  }

  private static byte[] bytes(String good, String s) {
    assertThat(s).isNotEqualTo(good);
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static EnrichedArticle naming(String id, List<Entity> entities) {
    EnrichedArticle a = original(id, "kompas.tv", START);
    return new EnrichedArticle(
        a.schemaVersion(),
        a.article(),
        a.contentHash(),
        a.dedup(),
        a.wire(),
        a.themes(),
        a.enrichedAt(),
        entities,
        false);
  }

  private void pipe(EnrichedArticle article) {
    enriched.pipeInput(article.id(), article, START);
  }

  private Map<String, CountRecord> allTime() {
    return counts.readKeyValuesToMap().entrySet().stream()
        .filter(e -> e.getKey().endsWith("|all"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static CountRecord all(String facet, String key, long mentions, long stories) {
    return new CountRecord(1, facet, key, "all", mentions, stories, null);
  }

  private static EnrichedArticle inStory(EnrichedArticle a, String storyId, String language) {
    return withArticle(a, a.article().withLanguage(language)).withStoryId(storyId);
  }

  /** {@code a} with another article (no story id: the constructor's). */
  private static EnrichedArticle withArticle(EnrichedArticle a, Article article) {
    return new EnrichedArticle(
        a.schemaVersion(),
        article,
        a.contentHash(),
        a.dedup(),
        a.wire(),
        a.themes(),
        a.enrichedAt(),
        a.entities(),
        false);
  }

  private static EnrichedArticle original(String id, String outlet, Instant publishedAt) {
    return enriched(id, outlet, publishedAt, Dedup.original(id));
  }

  private static EnrichedArticle copy(
      String id, String outlet, String canonicalId, Instant publishedAt) {
    return enriched(id, outlet, publishedAt, Dedup.exactCopyOf(canonicalId));
  }

  private static EnrichedArticle enriched(
      String id, String outlet, Instant publishedAt, Dedup dedup) {
    Article article =
        new Article(
            1,
            id,
            null,
            outlet,
            "Judul " + id,
            "Isi " + id,
            null,
            publishedAt,
            publishedAt == null ? START : publishedAt, // ingested when published, unless told
            null,
            null,
            null);
    return new EnrichedArticle(1, article, "hash-" + id, dedup, List.of(), List.of(), START);
  }
}
