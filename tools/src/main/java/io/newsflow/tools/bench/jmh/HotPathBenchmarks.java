package io.newsflow.tools.bench.jmh;

import io.newsflow.aggregate.EnrichedForCounting;
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
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.JsonSerde;
import io.newsflow.contracts.Text;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.EnrichedSizeBound;
import io.newsflow.kit.InternalSerde;
import io.newsflow.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH microbenchmarks of enrich's per-article hot paths (run with {@code newsflow jmh}). Each
 * invocation handles one article of a deterministic bench corpus (200 articles, 20% English),
 * cycling through it, so a figure is the mean cost per article. The corpus is learnt from the seeds
 * in {@code -Dnewsflow.home}/seeds (the launcher sets it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HotPathBenchmarks {
  static final int ARTICLES = 200;

  /** Inputs built once per trial. */
  @State(Scope.Thread)
  public static class Inputs {
    List<Article> articles;
    byte[][] articleJson;
    EnrichedArticle[] enriched;
    byte[][] enrichedJson;
    byte[][] enrichedSmile;
    int[][] signatures;
    JsonSerde<Article> articleSerde;
    JsonSerde<EnrichedArticle> enrichedSerde;
    InternalSerde<EnrichedArticle> internalSerde;
    Annotator annotator;
    WireDetector wire;
    ThemeTagger themes;
    EntityTagger entities;
    MinHasher hasher;
    LshBands bands;
    int next;

    @Setup(Level.Trial)
    public void build() throws IOException {
      Path seeds = Path.of(System.getProperty("newsflow.home", "."), "seeds");
      articles =
          Corpus.fromSeeds(seeds)
              .articles(
                  ARTICLES, 0.3, 42, Instant.parse("2024-10-29T08:00:00Z"), Corpus.Options.news());
      EnrichConfig config = EnrichConfig.from(Map.of());
      annotator = config.annotator();
      wire = WireDetector.defaults();
      themes = ThemeTagger.defaults();
      entities = new EntityTagger(KnowledgeBase.defaults());
      hasher = new MinHasher(config.near().shingleSize(), config.near().permutations());
      bands = new LshBands(config.near().permutations(), config.near().bands());
      articleSerde = new JsonSerde<>(Article.class);
      enrichedSerde = new JsonSerde<>(EnrichedArticle.class);
      internalSerde = new io.newsflow.kit.InternalSerde<>(EnrichedArticle.class);
      int n = articles.size();
      articleJson = new byte[n][];
      enriched = new EnrichedArticle[n];
      enrichedJson = new byte[n][];
      enrichedSmile = new byte[n][];
      signatures = new int[n][];
      for (int i = 0; i < n; i++) {
        Article a = articles.get(i);
        articleJson[i] = articleSerde.toBytes(a);
        enriched[i] = annotator.annotate(a, "h", Dedup.original(a.id()), Instant.EPOCH);
        enrichedJson[i] = enrichedSerde.toBytes(enriched[i]);
        enrichedSmile[i] = internalSerde.toBytes(enriched[i]);
        signatures[i] = hasher.signature(a.body());
      }
    }

    int next() {
      int i = next;
      next = i + 1 == articles.size() ? 0 : i + 1;
      return i;
    }

    Article article() {
      return articles.get(next());
    }
  }

  @Benchmark
  public Article parseArticleJson(Inputs in) {
    return in.articleSerde.fromBytes(in.articleJson[in.next()]);
  }

  @Benchmark
  public String normalise(Inputs in) {
    return Text.normalize(in.article().body());
  }

  @Benchmark
  public Object language(Inputs in) {
    Article a = in.article();
    return LanguageDetector.detect(a.title(), a.body());
  }

  @Benchmark
  public Object wireCredits(Inputs in) {
    return in.wire.detect(in.article());
  }

  @Benchmark
  public Object themes(Inputs in) {
    return in.themes.tag(in.article());
  }

  @Benchmark
  public Object entities(Inputs in) {
    Article a = in.article();
    return in.entities.tag(a, a.language());
  }

  @Benchmark
  public int[] minhashSignature(Inputs in) {
    return in.hasher.signature(in.article().body());
  }

  @Benchmark
  public Object lshBandKeys(Inputs in) {
    return in.bands.keys(in.signatures[in.next()]);
  }

  @Benchmark
  public EnrichedArticle annotate(Inputs in) {
    Article a = in.article();
    return in.annotator.annotate(a, "h", Dedup.original(a.id()), Instant.EPOCH);
  }

  @Benchmark
  public Object storyTerms(Inputs in) {
    return StoryFeatures.of(in.enriched[in.next()]);
  }

  @Benchmark
  public byte[] enrichedJsonWrite(Inputs in) {
    return in.enrichedSerde.toBytes(in.enriched[in.next()]);
  }

  @Benchmark
  public EnrichedArticle enrichedJsonRead(Inputs in) {
    return in.enrichedSerde.fromBytes(in.enrichedJson[in.next()]);
  }

  /** Prepare's 900 KiB check since issue 22: the bound, not a JSON write (enrichedJsonWrite). */
  @Benchmark
  public long enrichedSizeBound(Inputs in) {
    return EnrichedSizeBound.of(in.enriched[in.next()]);
  }

  /** The aggregate's read of an enriched record (EnrichedForCounting), vs enrichedJsonRead. */
  @Benchmark
  public EnrichedArticle enrichedJsonReadForCounting(Inputs in) {
    return EnrichedForCounting.SERDE.fromBytes(in.enrichedJson[in.next()]);
  }

  @Benchmark
  public byte[] enrichedSmileWrite(Inputs in) {
    return in.internalSerde.toBytes(in.enriched[in.next()]);
  }

  @Benchmark
  public EnrichedArticle enrichedSmileRead(Inputs in) {
    return in.internalSerde.fromBytes(in.enrichedSmile[in.next()]);
  }
}
