package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.story.StoryTopology;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Pins every processor, store and internal topic name of the enrich topology: a renamed store or
 * repartition topic silently starts from empty state after a deployment.
 */
class EnrichTopologyDescribeTest {
  private static final Pattern GENERATED_NAME =
      Pattern.compile("KSTREAM-|KTABLE-|-\\d{10}|-0000000");

  private final TopologyDescription description =
      EnrichTopology.build(EnrichConfig.defaults()).describe();

  @Test
  void shouldNameEveryNodeWithConstantsWhenBuilt() {
    String text = description.toString();

    assertThat(text)
        .contains("Source: " + EnrichTopology.SOURCE + " (topics: [news.articles.raw])")
        .contains("Processor: " + EnrichTopology.VALIDATE + " ")
        .contains("Processor: " + EnrichTopology.ROUTE + " ")
        .contains("Processor: " + EnrichTopology.ROUTE + EnrichTopology.VALID + " ")
        .contains("Processor: " + EnrichTopology.ROUTE + EnrichTopology.INVALID + " ")
        .contains("Processor: " + EnrichTopology.KEY_BY_CONTENT_HASH + " ")
        .contains("Processor: " + EnrichTopology.TO_DEAD_LETTER + " ")
        .contains("Processor: " + EnrichTopology.EXACT_DEDUP + " ")
        .contains("Sink: " + EnrichTopology.DLQ_SINK + " (topic: " + EnrichTopics.DLQ.name() + ")")
        .contains(
            "Sink: "
                + EnrichTopology.ENRICHED_SINK
                + " (topic: "
                + EnrichTopics.ENRICHED.name()
                + ")")
        .contains("(topic: " + EnrichTopology.BY_CONTENT_HASH + "-repartition)")
        .contains("(topics: [" + EnrichTopology.BY_CONTENT_HASH + "-repartition])")
        .contains(EnrichTopology.CANONICAL_STORE)
        .contains(EnrichTopology.SEEN_STORE);
  }

  @Test
  void shouldContainNoGeneratedNamesWhenBuilt() {
    assertThat(GENERATED_NAME.matcher(description.toString()).find())
        .as("auto-generated name in%n%s", description)
        .isFalse();
  }

  @Test
  void shouldHaveExactlyTheseNodesPerSubtopologyWhenBuilt() {
    Map<Integer, Set<String>> nodes = new TreeMap<>();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      Set<String> names = new HashSet<>();
      sub.nodes().forEach(n -> names.add(n.name()));
      nodes.put(sub.id(), names);
    }
    String repartition = EnrichTopology.BY_CONTENT_HASH + "-repartition";

    String queries = EnrichTopology.BAND_QUERIES + "-repartition";
    String answers = EnrichTopology.BAND_ANSWERS + "-repartition";
    String updates = EnrichTopology.VERDICT_UPDATES + "-repartition";
    String storyArticles = StoryTopology.ARTICLES + "-repartition";
    String storyQueries = StoryTopology.QUERIES + "-repartition";
    String storyAnswers = StoryTopology.ANSWERS + "-repartition";
    String storyUpdates = StoryTopology.UPDATES + "-repartition";

    assertThat(nodes)
        .containsOnlyKeys(0, 1, 2, 3, 4)
        .containsEntry(
            0,
            Set.of(
                EnrichTopology.SOURCE,
                EnrichTopology.VALIDATE,
                EnrichTopology.ROUTE,
                EnrichTopology.ROUTE + EnrichTopology.VALID,
                EnrichTopology.ROUTE + EnrichTopology.INVALID,
                EnrichTopology.KEY_BY_CONTENT_HASH,
                EnrichTopology.TO_DEAD_LETTER,
                EnrichTopology.DLQ_SINK,
                repartition + "-filter",
                repartition + "-sink"))
        // exact-dedup, near-fanout and near-decide share a task: near-pending joins them.
        .containsEntry(
            1,
            Set.of(
                repartition + "-source",
                EnrichTopology.EXACT_DEDUP,
                EnrichTopology.ROUTE_EXACT,
                EnrichTopology.ROUTE_EXACT + EnrichTopology.COPY,
                EnrichTopology.ROUTE_EXACT + EnrichTopology.ORIGINAL,
                EnrichTopology.NEAR_FANOUT,
                queries + "-filter",
                queries + "-sink",
                answers + "-source",
                EnrichTopology.NEAR_DECIDE,
                EnrichTopology.DECIDED,
                EnrichTopology.COPIES_TO_UPDATE,
                EnrichTopology.VERDICT_UPDATES + "-fanout",
                updates + "-filter",
                updates + "-sink",
                EnrichTopology.MERGE_VERDICTS,
                storyArticles + "-filter",
                storyArticles + "-sink"))
        .containsEntry(
            2,
            Set.of(
                queries + "-source",
                EnrichTopology.BAND_LOOKUP,
                answers + "-filter",
                answers + "-sink",
                updates + "-source",
                EnrichTopology.APPLY_VERDICT))
        // story-fanout and story-decide share a task: story-pending and story-of-article join them.
        .containsEntry(
            3,
            Set.of(
                storyArticles + "-source",
                StoryTopology.FANOUT,
                StoryTopology.FANOUT_ROUTE,
                StoryTopology.FANOUT_ROUTE + StoryTopology.ASSIGNED,
                StoryTopology.FANOUT_ROUTE + StoryTopology.QUERY,
                StoryTopology.UNWRAP_QUERY,
                StoryTopology.UNWRAP_FANOUT_ASSIGNED,
                storyQueries + "-filter",
                storyQueries + "-sink",
                storyAnswers + "-source",
                StoryTopology.DECIDE,
                StoryTopology.DECIDE_ROUTE,
                StoryTopology.DECIDE_ROUTE + StoryTopology.ASSIGNED,
                StoryTopology.DECIDE_ROUTE + StoryTopology.UPDATE,
                StoryTopology.UNWRAP_UPDATE,
                StoryTopology.UNWRAP_DECIDE_ASSIGNED,
                storyUpdates + "-filter",
                storyUpdates + "-sink",
                StoryTopology.MERGE_ASSIGNED,
                EnrichTopology.MEASURE_ENRICHED,
                EnrichTopology.ENRICHED_SINK,
                EnrichTopology.ONLY_COPIES,
                EnrichTopology.TO_DUPLICATE_LINK,
                EnrichTopology.DUPLICATES_SINK))
        .containsEntry(
            4,
            Set.of(
                storyQueries + "-source",
                StoryTopology.LOOKUP,
                storyAnswers + "-filter",
                storyAnswers + "-sink",
                storyUpdates + "-source",
                StoryTopology.APPLY_UPDATE));
    assertThat(description.globalStores()).isEmpty();
  }

  @Test
  void shouldConnectEachStoreToTheProcessorsThatUseItWhenBuilt() {
    Map<String, Set<String>> stores = new TreeMap<>();
    description.subtopologies().stream()
        .flatMap(s -> s.nodes().stream())
        .filter(TopologyDescription.Processor.class::isInstance)
        .map(TopologyDescription.Processor.class::cast)
        .filter(p -> !p.stores().isEmpty())
        .forEach(p -> stores.put(p.name(), p.stores()));

    assertThat(stores)
        .containsOnly(
            Map.entry(
                EnrichTopology.EXACT_DEDUP,
                Set.of(EnrichTopology.CANONICAL_STORE, EnrichTopology.SEEN_STORE)),
            Map.entry(
                EnrichTopology.NEAR_FANOUT,
                Set.of(EnrichTopology.PENDING_STORE, EnrichTopology.WAITING_STORE)),
            Map.entry(
                EnrichTopology.NEAR_DECIDE,
                Set.of(EnrichTopology.PENDING_STORE, EnrichTopology.WAITING_STORE)),
            Map.entry(
                EnrichTopology.BAND_LOOKUP,
                Set.of(EnrichTopology.BAND_STORE, EnrichTopology.SIGNATURE_STORE)),
            Map.entry(EnrichTopology.APPLY_VERDICT, Set.of(EnrichTopology.SIGNATURE_STORE)),
            Map.entry(
                StoryTopology.FANOUT,
                Set.of(
                    StoryTopology.PENDING_STORE,
                    StoryTopology.PARKED_STORE,
                    StoryTopology.ASSIGNED_STORE)),
            Map.entry(
                StoryTopology.DECIDE,
                Set.of(
                    StoryTopology.PENDING_STORE,
                    StoryTopology.PARKED_STORE,
                    StoryTopology.ASSIGNED_STORE)),
            Map.entry(
                StoryTopology.LOOKUP,
                Set.of(StoryTopology.INDEX_STORE, StoryTopology.ASSIGNMENTS_STORE)),
            Map.entry(StoryTopology.APPLY_UPDATE, Set.of(StoryTopology.ASSIGNMENTS_STORE)));
  }

  @Test
  void shouldConnectBothDedupStoresToDedupProcessorWhenBuilt() {
    TopologyDescription.Processor dedup =
        description.subtopologies().stream()
            .flatMap(s -> s.nodes().stream())
            .filter(n -> n.name().equals(EnrichTopology.EXACT_DEDUP))
            .map(TopologyDescription.Processor.class::cast)
            .findFirst()
            .orElseThrow();

    assertThat(dedup.stores())
        .containsExactlyInAnyOrder(EnrichTopology.CANONICAL_STORE, EnrichTopology.SEEN_STORE);
  }
}
