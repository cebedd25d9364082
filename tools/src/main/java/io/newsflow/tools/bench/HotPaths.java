package io.newsflow.tools.bench;

import io.newsflow.analysis.Annotator;
import io.newsflow.analysis.entity.EntityTagger;
import io.newsflow.analysis.entity.KnowledgeBase;
import io.newsflow.analysis.language.LanguageDetector;
import io.newsflow.analysis.near.LshBands;
import io.newsflow.analysis.near.MinHasher;
import io.newsflow.analysis.story.StoryFeatures;
import io.newsflow.analysis.theme.ThemeTagger;
import io.newsflow.analysis.wire.WireDetector;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.JsonSerde;
import io.newsflow.contracts.Text;
import io.newsflow.enrich.EnrichConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;

/**
 * The per-article hot paths of enrich, each timed alone on one thread over the corpus: parsing,
 * normalisation, language, wire credits, themes, entities, MinHash, LSH bands, story features and
 * the enriched record's serde. Times are this thread's CPU time (not wall time), so a busy machine
 * slows the run but hardly moves the figures; each path is warmed up on the corpus first.
 */
public final class HotPaths {
  private HotPaths() {}

  /** One path's cost. */
  public record Figure(String path, double microsPerArticle, double articlesPerSecondPerCore) {}

  public static List<Figure> measure(List<Article> corpus, int rounds) {
    JsonSerde<Article> articleJson = new JsonSerde<>(Article.class);
    Serde<EnrichedArticle> enrichedSerde = EnrichTopics.ENRICHED.valueSerde();
    List<byte[]> raw = corpus.stream().map(articleJson::toBytes).toList();
    Annotator annotator = EnrichConfig.from(Map.of()).annotator();
    WireDetector wire = WireDetector.defaults();
    ThemeTagger themes = ThemeTagger.defaults();
    EntityTagger entities = new EntityTagger(KnowledgeBase.defaults());
    EnrichConfig config = EnrichConfig.from(Map.of());
    MinHasher hasher = new MinHasher(config.near().shingleSize(), config.near().permutations());
    LshBands bands = new LshBands(config.near().permutations(), config.near().bands());
    List<EnrichedArticle> enriched = new ArrayList<>();
    for (Article a : corpus) {
      enriched.add(annotator.annotate(a, "h", Dedup.original(a.id()), Instant.EPOCH));
    }
    List<int[]> signatures = corpus.stream().map(a -> hasher.signature(a.body())).toList();
    List<byte[]> enrichedBytes =
        enriched.stream().map(e -> enrichedSerde.serializer().serialize("t", e)).toList();

    Map<String, Consumer<Integer>> paths = new LinkedHashMap<>();
    paths.put("parse Article JSON", i -> articleJson.fromBytes(raw.get(i)));
    paths.put("normalise body", i -> Text.normalize(corpus.get(i).body()));
    paths.put(
        "language", i -> LanguageDetector.detect(corpus.get(i).title(), corpus.get(i).body()));
    paths.put("wire credits", i -> wire.detect(corpus.get(i)));
    paths.put("themes", i -> themes.tag(corpus.get(i)));
    paths.put("entities", i -> entities.tag(corpus.get(i), "id"));
    paths.put("minhash signature", i -> hasher.signature(corpus.get(i).body()));
    paths.put("lsh band keys", i -> bands.keys(signatures.get(i)));
    paths.put("story features", i -> StoryFeatures.of(enriched.get(i)));
    paths.put(
        "annotate (all of the above but parsing)",
        i ->
            annotator.annotate(
                corpus.get(i), "h", Dedup.original(corpus.get(i).id()), Instant.EPOCH));
    paths.put(
        "EnrichedArticle JSON write",
        i -> enrichedSerde.serializer().serialize("t", enriched.get(i)));
    paths.put(
        "EnrichedArticle JSON read",
        i -> enrichedSerde.deserializer().deserialize("t", enrichedBytes.get(i)));

    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    List<Figure> out = new ArrayList<>();
    for (Map.Entry<String, Consumer<Integer>> path : paths.entrySet()) {
      for (int i = 0; i < corpus.size(); i++) {
        path.getValue().accept(i); // warm-up
      }
      long start = cpu.getCurrentThreadCpuTime();
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < corpus.size(); i++) {
          path.getValue().accept(i);
        }
      }
      double micros = (cpu.getCurrentThreadCpuTime() - start) / 1e3 / (rounds * corpus.size());
      out.add(new Figure(path.getKey(), micros, 1e6 / micros));
    }
    return out;
  }

  public static String render(List<Figure> figures, int articles) {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "hot paths: %d articles, one thread, CPU time per article%n",
                articles));
    for (Figure f : figures) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-42s %9.1f us  %9.0f articles/s/core%n",
              f.path(),
              f.microsPerArticle(),
              f.articlesPerSecondPerCore()));
    }
    return sb.toString();
  }
}
