package io.newsflow.tools.eval;

import io.newsflow.aggregate.Facet;
import io.newsflow.analysis.Annotator;
import io.newsflow.analysis.theme.ThemeTagger;
import io.newsflow.analysis.wire.WireDetector;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.ingest.NewsPageParser;
import io.newsflow.testkit.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The top actors and locations a bench run would show: the seeds plus {@code n} articles of the
 * bench's corpus generator (seed, English share and copies as {@code ./newsflow bench} by default)
 * through the production annotator (bundled tables and models), counted as the aggregate counts
 * them ({@link Facet#keysOf}: canonical name, only entities at or above {@link
 * Facet#MIN_ENTITY_CONFIDENCE}, one count per article). No broker.
 *
 * <p>Run: {@code ./mvnw -o -q -pl tools -am test -Dtest=TopNamesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dnewsflow.topnames.articles=5000} (prints the top 30 of
 * each facet and the names among the top 200 that fail {@link #looksLikeName}).
 */
public final class TopNames {
  /** Counts by facet key ({@code actor|Name}, {@code location|Name}). */
  private final Map<String, Integer> counts;

  private TopNames(Map<String, Integer> counts) {
    this.counts = counts;
  }

  /** Seeds in {@code seedsDir} plus {@code n} generated articles (seed 42, as the bench). */
  public static TopNames of(Path seedsDir, int n, long seed) throws IOException {
    List<Article> articles = new ArrayList<>(seeds(seedsDir));
    Corpus generator = Corpus.fromSeeds(seedsDir);
    articles.addAll(generator.articles(n, 0.3, seed, Instant.EPOCH, new Corpus.Options(0.2, true)));
    Annotator annotator = new Annotator(WireDetector.defaults(), ThemeTagger.defaults());
    Map<String, Integer> counts = new HashMap<>();
    for (Article a : articles) {
      EnrichedArticle e = annotator.annotate(a, a.id(), Dedup.original(a.id()), Instant.EPOCH);
      for (String key : new java.util.LinkedHashSet<>(Facet.keysOf(e))) {
        if (key.startsWith(Facet.ACTOR.id() + "|") || key.startsWith(Facet.LOCATION.id() + "|")) {
          counts.merge(key, 1, Integer::sum);
        }
      }
    }
    return new TopNames(counts);
  }

  /** The {@code limit} most counted names of {@code facet}, most first (ties by name). */
  public List<Map.Entry<String, Integer>> top(Facet facet, int limit) {
    String prefix = facet.id() + "|";
    return counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(e -> Map.entry(e.getKey().substring(prefix.length()), e.getValue()))
        .sorted(
            Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(limit)
        .toList();
  }

  /** Printable table of the top {@code limit} of both facets. */
  public String report(int limit) {
    StringBuilder sb = new StringBuilder();
    for (Facet f : List.of(Facet.ACTOR, Facet.LOCATION)) {
      sb.append("top ").append(limit).append(' ').append(f.id()).append("s\n");
      int rank = 1;
      for (Map.Entry<String, Integer> e : top(f, limit)) {
        sb.append(
            String.format(
                java.util.Locale.ROOT, "%3d %6d  %s%n", rank++, e.getValue(), e.getKey()));
      }
    }
    return sb.toString();
  }

  /** The articles of the seed pages ({@code *.txt}) in {@code dir}, by file name. */
  static List<Article> seeds(Path dir) throws IOException {
    NewsPageParser parser = new NewsPageParser();
    List<Article> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        out.add(
            parser.parse(
                Files.readString(f, StandardCharsets.UTF_8), f.getFileName().toString(), "seed"));
      }
    }
    return out;
  }
}
