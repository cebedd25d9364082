package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

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

    assertThat(nodes)
        .containsOnlyKeys(0, 1)
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
        .containsEntry(
            1,
            Set.of(
                repartition + "-source", EnrichTopology.EXACT_DEDUP, EnrichTopology.ENRICHED_SINK));
    assertThat(description.globalStores()).isEmpty();
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
