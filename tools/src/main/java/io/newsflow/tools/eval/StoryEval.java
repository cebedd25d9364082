package io.newsflow.tools.eval;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.newsflow.analysis.Annotator;
import io.newsflow.analysis.story.StoryConfig;
import io.newsflow.analysis.story.StoryFeatures;
import io.newsflow.analysis.story.StoryScore;
import io.newsflow.analysis.story.StoryTerms;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichedArticle;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures the story decision on the SemEval-2022 Task 8 sample: pairs of news articles (English,
 * other languages and cross-language) with a human "Overall" same-story score from 1 (very similar)
 * to 4 (very dissimilar).
 *
 * <p>Each text goes through the production {@link Annotator} (language as given by the file,
 * entities from the knowledge base) and {@link StoryFeatures}; each pair is scored by {@link
 * StoryScore#pair} with no time gap (the file has no publication times). Buckets: <b>very
 * similar</b> = Overall &le; {@value #SIMILAR_MAX}, <b>dissimilar</b> = Overall &ge; {@value
 * #DISSIMILAR_MIN}; the middle scores count in the correlation but not in precision and recall
 * (their join rate is printed apart). Precision = share of very-similar among the joined pairs of
 * the two buckets; recall = share of very-similar pairs joined. Pearson r is between the similarity
 * score and Overall, so a good score gives a negative r.
 */
public final class StoryEval {
  public static final double SIMILAR_MAX = 1.5;
  public static final double DISSIMILAR_MIN = 3.5;
  public static final double MIN_PRECISION = 0.85;
  public static final String DIR = "semeval2022-task8-sample";
  public static final String TRAIN = "training_set.csv";
  public static final String TEST = "testing_set.csv";

  /** One scored pair: the two articles' terms and the human Overall score. */
  public record Pair(String id, String languages, StoryTerms a, StoryTerms b, double overall) {}

  private StoryEval() {}

  /** The pair ids of a SemEval file. */
  public static Set<String> pairIds(Path csv) throws IOException {
    Set<String> ids = new HashSet<>();
    for (Map<String, String> row : rows(csv)) {
      ids.add(row.get("pair_id"));
    }
    return ids;
  }

  /**
   * The pairs of a SemEval file, annotated, without the pair ids in {@code exclude}; a pair id that
   * repeats within the file is kept once (its first row).
   */
  public static List<Pair> load(Path csv, Annotator annotator, Set<String> exclude)
      throws IOException {
    List<Pair> out = new ArrayList<>();
    Set<String> seen = new HashSet<>(exclude);
    for (Map<String, String> row : rows(csv)) {
      String id = row.get("pair_id");
      if (!seen.add(id)) {
        continue;
      }
      String l1 = row.get("lang1");
      String l2 = row.get("lang2");
      out.add(
          new Pair(
              id,
              l1 + "-" + l2,
              terms(annotator, id + "/1", l1, row.get("text1")),
              terms(annotator, id + "/2", l2, row.get("text2")),
              Double.parseDouble(row.get("Overall"))));
    }
    return out;
  }

  private static List<Map<String, String>> rows(Path csv) throws IOException {
    CsvMapper mapper = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<Map<String, String>> out = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        MappingIterator<Map<String, String>> it =
            mapper.readerFor(Map.class).with(schema).readValues(reader)) {
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }

  /** The scraped text is "title body": the title ends at the first double space. */
  static StoryTerms terms(Annotator annotator, String id, String language, String text) {
    String t = text == null ? "" : text.strip();
    int cut = t.indexOf("  ");
    String title = cut > 0 && cut < 300 ? t.substring(0, cut).strip() : "";
    String body = cut > 0 && cut < 300 ? t.substring(cut).strip() : t;
    Article article =
        new Article(
            Article.CURRENT_SCHEMA_VERSION,
            id,
            null,
            "semeval",
            title,
            body.isEmpty() ? title : body,
            language,
            null,
            null,
            null,
            null,
            null);
    EnrichedArticle enriched = annotator.annotate(article, id, Dedup.original(id), Instant.EPOCH);
    return StoryFeatures.of(enriched);
  }

  /** Precision, recall, correlation and counts of one group of pairs. */
  public record Score(
      int pairs,
      int similar,
      int dissimilar,
      int truePositives,
      int falsePositives,
      int middle,
      int middleJoined,
      double pearson) {
    public double precision() {
      int joined = truePositives + falsePositives;
      return joined == 0 ? Double.NaN : (double) truePositives / joined;
    }

    public double recall() {
      return similar == 0 ? Double.NaN : (double) truePositives / similar;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 || Double.isNaN(p) || Double.isNaN(r) ? 0 : 2 * p * r / (p + r);
    }
  }

  /** Figures over all pairs, per language pair, and for same- and cross-language pairs. */
  public record Report(
      Score all, Score sameLanguage, Score crossLanguage, Map<String, Score> byLanguages) {}

  public static Report evaluate(StoryConfig config, List<Pair> pairs) {
    Map<String, List<Pair>> groups = new TreeMap<>();
    List<Pair> same = new ArrayList<>();
    List<Pair> cross = new ArrayList<>();
    for (Pair p : pairs) {
      groups.computeIfAbsent(p.languages(), k -> new ArrayList<>()).add(p);
      (p.a().language().equals(p.b().language()) ? same : cross).add(p);
    }
    Map<String, Score> by = new LinkedHashMap<>();
    groups.forEach((k, v) -> by.put(k, score(config, v)));
    return new Report(score(config, pairs), score(config, same), score(config, cross), by);
  }

  public static Score score(StoryConfig config, List<Pair> pairs) {
    int similar = 0;
    int dissimilar = 0;
    int tp = 0;
    int fp = 0;
    int middle = 0;
    int middleJoined = 0;
    double[] x = new double[pairs.size()];
    double[] y = new double[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      Pair p = pairs.get(i);
      double s = StoryScore.pair(config, p.a(), p.b(), 0);
      boolean joined = s >= config.threshold();
      x[i] = s;
      y[i] = p.overall();
      if (p.overall() <= SIMILAR_MAX) {
        similar++;
        tp += joined ? 1 : 0;
      } else if (p.overall() >= DISSIMILAR_MIN) {
        dissimilar++;
        fp += joined ? 1 : 0;
      } else {
        middle++;
        middleJoined += joined ? 1 : 0;
      }
    }
    return new Score(
        pairs.size(), similar, dissimilar, tp, fp, middle, middleJoined, pearson(x, y));
  }

  static double pearson(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /**
   * The configuration with the best F1 on {@code train} among those with a precision of at least
   * {@value #MIN_PRECISION} there (a wrong join mixes two stories for every later reader; a missed
   * one only splits one), over a grid of thresholds, lexical shares and minimum evidence (ties: the
   * first found). Used to choose the defaults; never run on test.
   */
  public static StoryConfig tune(StoryConfig base, List<Pair> train, PrintStream out) {
    StoryConfig best = base;
    double bestF1 = -1;
    for (double share : new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}) {
      for (double evidence : new double[] {0, 2, 3, 4, 5, 6, 8}) {
        for (int t = 10; t <= 60; t += 2) {
          StoryConfig c =
              base.withLexicalShare(share).withMinEvidence(evidence).withThreshold(t / 100.0);
          Score s = score(c, train);
          if (s.precision() >= MIN_PRECISION && s.f1() > bestF1) {
            bestF1 = s.f1();
            best = c;
          }
        }
      }
    }
    Score s = score(best, train);
    out.printf(
        Locale.ROOT,
        "tuned on train: threshold %.2f, lexical share %.2f, min evidence %.1f:"
            + " P %.3f R %.3f F1 %.3f r %.3f%n",
        best.threshold(),
        best.lexicalShare(),
        best.minEvidence(),
        s.precision(),
        s.recall(),
        s.f1(),
        s.pearson());
    return best;
  }

  public static void print(PrintStream out, String title, StoryConfig config, Report report) {
    out.printf(
        Locale.ROOT,
        "%s (threshold %.2f, lexical share %.2f, min evidence %.1f; very similar: Overall <= %.1f,"
            + " dissimilar: Overall >= %.1f)%n",
        title,
        config.threshold(),
        config.lexicalShare(),
        config.minEvidence(),
        SIMILAR_MAX,
        DISSIMILAR_MIN);
    out.printf(
        Locale.ROOT,
        "  %-10s %5s %5s %5s %7s %7s %7s %9s %8s%n",
        "languages",
        "pairs",
        "sim",
        "dis",
        "P",
        "R",
        "F1",
        "pearson",
        "mid-join");
    report.byLanguages().forEach((k, s) -> line(out, k, s));
    line(out, "same-lang", report.sameLanguage());
    line(out, "cross-lang", report.crossLanguage());
    line(out, "all", report.all());
  }

  private static void line(PrintStream out, String name, Score s) {
    out.printf(
        Locale.ROOT,
        "  %-10s %5d %5d %5d %7.3f %7.3f %7.3f %9.3f %8s%n",
        name,
        s.pairs(),
        s.similar(),
        s.dissimilar(),
        s.precision(),
        s.recall(),
        s.f1(),
        s.pearson(),
        s.middle() == 0 ? "-" : s.middleJoined() + "/" + s.middle());
  }
}
