package io.newsflow.tools.bench;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.ArticleTopics;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.EnrichTopology;
import io.newsflow.kit.StreamsSettings;
import io.newsflow.testkit.TestTopics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole enrich topology (every processor, real RocksDB stores and their caches) on one thread
 * with {@link TopologyTestDriver} instead of a broker: the CPU time enrich's own code and its state
 * stores take per article, without the clients, the broker, the other app and the JIT's share of
 * the cores. Neighbouring runs agree more closely than the pipeline's figures, but the figure
 * drifts with the machine (by a fifth over ten minutes here), so compare versions in alternating
 * runs. Unlike a running app, the driver flushes the stores' caches after every record (a running
 * app flushes on each commit, every 100 ms), and every internal topic has one partition.
 */
public final class TopologyRun {
  /** Milliseconds between the record times of consecutive articles. */
  private static final long SPACING_MS = 10;

  private TopologyRun() {}

  /**
   * @param warmupArticles articles through the topology before the clock (JIT)
   * @param articles articles timed
   * @param cpuMsPerArticle this thread's CPU time per timed article
   * @param enriched enriched records out of the timed articles (each article gives one)
   */
  public record Figures(int warmupArticles, int articles, double cpuMsPerArticle, int enriched) {}

  public static Figures measure(List<Article> warmup, List<Article> corpus, Path stateDir) {
    Instant start = Instant.parse("2026-01-05T00:00:00Z");
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            EnrichTopology.build(EnrichConfig.defaults()),
            StreamsSettings.of("bench-topology", "unused:9092", stateDir, Map.of()),
            start)) {
      TestInputTopic<String, Article> raw =
          driver.createInputTopic(
              ArticleTopics.RAW.name(),
              ArticleTopics.RAW.keySerde().serializer(),
              ArticleTopics.RAW.valueSerde().serializer(),
              start,
              Duration.ofMillis(SPACING_MS));
      TestOutputTopic<String, EnrichedArticle> enriched =
          TestTopics.output(driver, EnrichTopics.ENRICHED);
      for (Article a : warmup) {
        raw.pipeInput(a.id(), a);
      }
      enriched.readRecordsToList();
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long before = cpu.getCurrentThreadCpuTime();
      for (Article a : corpus) {
        raw.pipeInput(a.id(), a);
      }
      double ms = (cpu.getCurrentThreadCpuTime() - before) / 1e6;
      int out = enriched.readRecordsToList().size();
      return new Figures(warmup.size(), corpus.size(), ms / corpus.size(), out);
    }
  }

  public static String render(Figures f) {
    return String.format(
        Locale.ROOT,
        "enrich topology alone (TopologyTestDriver, one thread, RocksDB stores, no broker;"
            + " %d articles after %d of warm-up):%n"
            + "  %.2f ms CPU per article (%.0f articles/s/core), %d enriched%n",
        f.articles(),
        f.warmupArticles(),
        f.cpuMsPerArticle(),
        1000 / f.cpuMsPerArticle(),
        f.enriched());
  }
}
