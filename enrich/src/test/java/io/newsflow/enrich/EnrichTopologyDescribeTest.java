package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.testkit.GoldenFile;
import io.newsflow.testkit.TopologyNames;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pins the enrich topology: every processor, store and internal topic name, and the wiring, against
 * a committed snapshot ({@code src/test/resources/golden/enrich-topology.txt}). A renamed store or
 * repartition topic silently starts from empty state after a deployment, so a change here must be
 * deliberate: run {@code ./mvnw -pl enrich -am test -Dtest=EnrichTopologyDescribeTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dnewsflow.golden.update=true} to rewrite the snapshot,
 * and list what disappears in the upgrade note (enrich/README.md).
 */
class EnrichTopologyDescribeTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/enrich-topology.txt");
  private final String description =
      EnrichTopology.build(EnrichConfig.defaults()).describe().toString();

  @Test
  void shouldMatchTheCommittedSnapshotWhenBuilt() {
    GoldenFile.assertMatches(GOLDEN, description);
  }

  @Test
  void shouldNameTheDecideStoresAndTopicLiterallyWhenBuilt() {
    // Literal strings, not the constants: changing a constant must fail here.
    assertThat(description)
        .contains("Source: raw-articles (topics: [news.articles.raw])")
        .containsPattern("Processor: decide \\(stores: \\[[^]]*decide-buffer")
        .containsPattern("Processor: decide \\(stores: \\[[^]]*decide-progress")
        .containsPattern("Processor: decide \\(stores: \\[[^]]*decide-log")
        .contains("(topic: decide-input-repartition)")
        .contains("(topics: [decide-input-repartition])")
        .contains("Sink: enriched-sink (topic: news.articles.enriched)")
        .contains("Sink: duplicates-sink (topic: news.articles.duplicates)")
        .contains("Sink: dlq-sink (topic: news.articles.dlq)");
  }

  @Test
  void shouldContainNoGeneratedNamesWhenBuilt() {
    TopologyNames.assertNoneGenerated(description);
  }
}
