package io.newsflow.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.testkit.GoldenFile;
import io.newsflow.testkit.TopologyNames;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pins the aggregate topology: every processor, store and internal topic name, and the wiring,
 * against a committed snapshot ({@code src/test/resources/golden/aggregate-topology.txt}). A
 * renamed store or repartition topic silently starts from empty state (counts restart from zero)
 * after a deployment, so a change here must be deliberate: run {@code ./mvnw -pl aggregate -am test
 * -Dtest=AggregateTopologyDescribeTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dnewsflow.golden.update=true} to rewrite the snapshot, and write the upgrade note
 * (aggregate/README.md).
 */
class AggregateTopologyDescribeTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/aggregate-topology.txt");
  private final String description =
      AggregateTopology.build(AggregateConfig.defaults()).describe().toString();

  @Test
  void shouldMatchTheCommittedSnapshotWhenBuilt() {
    GoldenFile.assertMatches(GOLDEN, description);
  }

  @Test
  void shouldNameTheCountStoresAndTopicsLiterallyWhenBuilt() {
    // Literal strings, not the constants: changing a constant must fail here.
    assertThat(description)
        .contains("Source: enriched-articles (topics: [news.articles.enriched])")
        .contains("facet-counts-all-time")
        .contains("facet-counts-hourly")
        .contains("facet-counts-daily")
        .contains("syndication-counts")
        .contains("story-summaries")
        .contains("story-facets")
        .contains("by-facet-repartition")
        .containsPattern("Processor: combine-facet-deltas \\(stores: \\[facet-deltas\\]\\)")
        .contains("Sink: counts-sink (topic: news.counts)");
  }

  @Test
  void shouldContainNoGeneratedNamesWhenBuilt() {
    TopologyNames.assertNoneGenerated(description);
  }
}
