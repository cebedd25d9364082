package io.newsflow.deploy.bench;

import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.EnrichTopics;
import io.newsflow.enrich.EnrichTopology;
import io.newsflow.enrich.EnrichedArticle;
import io.newsflow.ingest.Article;
import io.newsflow.ingest.ArticleTopics;
import io.newsflow.streams.StreamsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoryDumpTmpTest {
  @TempDir Path stateDir;

  @Test
  void dump() throws Exception {
    String outFile = System.getProperty("dump.out");
    if (outFile == null) return;
    Instant at = Instant.parse("2024-10-22T08:00:00Z");
    List<Article> articles =
        Corpus.fromSeeds(Path.of("..", "seeds")).articles(1500, 0.3, 42, at, Corpus.Options.news());
    long t0 = System.nanoTime();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            EnrichTopology.build(EnrichConfig.defaults().withPartitions(1)),
            StreamsSettings.of("dump", "dummy:1234", stateDir, Map.of()),
            at)) {
      var raw =
          driver.createInputTopic(
              ArticleTopics.RAW.name(),
              ArticleTopics.RAW.keySerde().serializer(),
              ArticleTopics.RAW.valueSerde().serializer());
      var out =
          driver.createOutputTopic(
              EnrichTopics.ENRICHED.name(),
              EnrichTopics.ENRICHED.keySerde().deserializer(),
              EnrichTopics.ENRICHED.valueSerde().deserializer());
      for (Article a : articles) {
        raw.pipeInput(a.id(), a, a.ingestedAt());
      }
      Map<String, EnrichedArticle> m = out.readKeyValuesToMap();
      StringBuilder sb = new StringBuilder();
      m.forEach((k, v) -> sb.append(k).append('\t').append(v.storyId()).append('\n'));
      Files.writeString(Path.of(outFile), sb);
    }
    System.out.println("DUMP seconds " + (System.nanoTime() - t0) / 1e9);
  }
}
