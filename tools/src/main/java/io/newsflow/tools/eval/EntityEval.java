package io.newsflow.tools.eval;

import io.newsflow.analysis.entity.EntityTagger;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import io.newsflow.contracts.Mention;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures the entity tagger on NER evaluation sets (CoNLL-style token-per-line files, IOB2 tags):
 * exact-span precision, recall and F1 per type (PER, ORG, LOC; MISC and other types ignored), as
 * conlleval counts them. Documents ({@code -DOCSTART-}) are tagged as one text so that partial-name
 * links work; files without document marks are tagged sentence by sentence. The data is read from
 * {@code ../shared/eval} and never committed.
 */
public final class EntityEval {
  /** One evaluation set: where it is, its language, its tag column. */
  public record Dataset(String name, String language, Path file) {}

  /** The three sets of the issue, under {@code evalDir}, for a split (train, dev, test). */
  public static List<Dataset> datasets(Path evalDir, String split) {
    String idner = split.equals("dev") ? "dev" : split;
    String nergrit = split.equals("dev") ? "valid" : split;
    String conll = split.equals("dev") ? "valid" : split;
    return List.of(
        new Dataset(
            "idner-news-2k",
            "id",
            evalDir.resolve("indonesian-ner/idner-news-2k/" + idner + ".txt")),
        new Dataset(
            "nergrit",
            "id",
            evalDir.resolve("indonesian-ner/indonlu-nergrit/" + nergrit + "_preprocess.txt")),
        new Dataset("conll2003", "en", evalDir.resolve("conll2003-en/" + conll + ".txt")));
  }

  /** Counts of one type. */
  public static final class Score {
    int tp;
    int fp;
    int fn;

    public double precision() {
      return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public int gold() {
      return tp + fn;
    }
  }

  /**
   * Scores per type and overall ({@code total}), plus how long tagging alone took.
   *
   * @param dataset what was measured
   * @param byType per entity type
   * @param total all of PER, ORG and LOC (micro-averaged)
   * @param texts texts tagged
   * @param taggingNanos time spent in the tagger only
   */
  public record Report(
      Dataset dataset, Map<EntityType, Score> byType, Score total, int texts, long taggingNanos) {
    public void print(PrintStream out) {
      out.printf(
          Locale.ROOT,
          "%s (%s, %s): %d texts, tagging %.0f texts/s%n",
          dataset.name(),
          dataset.language(),
          dataset.file().getFileName(),
          texts,
          texts / (taggingNanos / 1e9));
      out.printf(
          Locale.ROOT, "  %-13s %6s %9s %7s %6s%n", "type", "gold", "precision", "recall", "F1");
      for (Map.Entry<EntityType, Score> e : byType.entrySet()) {
        line(out, e.getKey().name(), e.getValue());
      }
      line(out, "PER+ORG+LOC", total);
    }

    private static void line(PrintStream out, String name, Score s) {
      out.printf(
          Locale.ROOT,
          "  %-13s %6d %9.4f %7.4f %6.4f%n",
          name,
          s.gold(),
          s.precision(),
          s.recall(),
          s.f1());
    }
  }

  private record Span(int text, int start, int end, EntityType type) {}

  private record Doc(String text, List<int[]> tokenOffsets, Set<Span> gold) {}

  private EntityEval() {}

  /**
   * Tagging speed on one thread: {@code perCpuSecond} counts the articles per second of CPU time of
   * the tagging thread (what one core does, whatever else runs on the machine), {@code perSecond}
   * per second of wall-clock time (lower on a busy machine).
   */
  public record Speed(double perCpuSecond, double perSecond, long articles) {}

  /**
   * Tagging speed: {@code articles} tagged round after round for about {@code millis} after a
   * warm-up of the same length.
   */
  public static Speed speed(
      EntityTagger tagger,
      List<io.newsflow.contracts.Article> articles,
      String language,
      long millis) {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long sink = 0;
    Speed result = null;
    for (int pass = 0; pass < 2; pass++) {
      long n = 0;
      long t0 = System.nanoTime();
      long cpu0 = threads.getCurrentThreadCpuTime();
      long deadline = t0 + millis * 1_000_000L;
      while (System.nanoTime() < deadline) {
        for (io.newsflow.contracts.Article a : articles) {
          sink += tagger.tag(a, language).size();
          n++;
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      result = new Speed(n / cpuSeconds, n / seconds, n);
    }
    return sink < 0 ? null : result;
  }

  /**
   * Trains a name finder on {@code trainFile} (CoNLL format) at evaluation time, as {@code newsflow
   * train-ner} does, and measures the tagger with it on {@code dataset}. Used for CoNLL-2003, whose
   * text may be used for research only: the model stays in memory and is never written.
   */
  public static Report runTrained(EntityTagger tagger, Path trainFile, Dataset dataset)
      throws IOException {
    io.newsflow.analysis.entity.NerModel model =
        io.newsflow.analysis.entity.NerTrainer.train(
            List.of(trainFile),
            tagger,
            dataset.language(),
            io.newsflow.analysis.entity.NerTrainer.DEFAULT_EPOCHS,
            io.newsflow.analysis.entity.NerTrainer.DEFAULT_PRUNE,
            trainFile.toString());
    return run(tagger.withModel(dataset.language(), model), dataset);
  }

  /** The training file of a set (its train split), for {@link #runTrained}. */
  public static Path trainFile(Dataset dataset) {
    Path f = dataset.file();
    String name = f.getFileName().toString();
    String train = name.replaceFirst("^(test|valid|dev)", "train");
    return f.resolveSibling(train);
  }

  /** Tags every text of the set and compares with the gold spans. */
  public static Report run(EntityTagger tagger, Dataset dataset) throws IOException {
    List<Doc> docs = read(dataset.file());
    Map<EntityType, Score> byType = new EnumMap<>(EntityType.class);
    for (EntityType t : EntityType.values()) {
      byType.put(t, new Score());
    }
    long nanos = 0;
    for (int d = 0; d < docs.size(); d++) {
      Doc doc = docs.get(d);
      long t0 = System.nanoTime();
      List<Entity> entities = tagger.tagText(doc.text(), dataset.language());
      nanos += System.nanoTime() - t0;
      Set<Span> predicted = new HashSet<>();
      for (Entity e : entities) {
        for (Mention m : e.mentions()) {
          int first = -1;
          int last = -1;
          for (int k = 0; k < doc.tokenOffsets().size(); k++) {
            int[] o = doc.tokenOffsets().get(k);
            if (o[0] < m.end() && o[1] > m.start()) {
              if (first < 0) {
                first = k;
              }
              last = k;
            }
          }
          if (first >= 0) {
            predicted.add(new Span(d, first, last, e.type()));
          }
        }
      }
      for (Span p : predicted) {
        if (doc.gold().contains(p)) {
          byType.get(p.type()).tp++;
        } else {
          byType.get(p.type()).fp++;
        }
      }
      for (Span g : doc.gold()) {
        if (!predicted.contains(g)) {
          byType.get(g.type()).fn++;
        }
      }
    }
    Score total = new Score();
    for (Score s : byType.values()) {
      total.tp += s.tp;
      total.fp += s.fp;
      total.fn += s.fn;
    }
    return new Report(dataset, byType, total, docs.size(), nanos);
  }

  private static EntityType typeOf(String tag) {
    return switch (tag) {
      case "PER", "PERSON", "PPL" -> EntityType.PERSON;
      case "ORG", "ORGANISATION", "ORGANIZATION", "IND" -> EntityType.ORGANIZATION;
      case "LOC", "PLACE", "PLC" -> EntityType.LOCATION;
      default -> null;
    };
  }

  /** Documents (or sentences, without document marks) with token offsets and gold spans. */
  static List<Doc> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    boolean documents = lines.stream().anyMatch(l -> l.startsWith("-DOCSTART-"));
    List<Doc> docs = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    List<int[]> offsets = new ArrayList<>();
    Set<Span> gold = new HashSet<>();
    int[] open = null; // start token, type ordinal
    EntityType openType = null;
    for (String raw : lines) {
      String line = raw.strip();
      boolean docStart = line.startsWith("-DOCSTART-");
      boolean blank = line.isEmpty();
      if (docStart || blank) {
        if (open != null) {
          gold.add(new Span(docs.size(), open[0], offsets.size() - 1, openType));
          open = null;
        }
        if ((docStart || !documents) && !offsets.isEmpty()) {
          docs.add(new Doc(text.toString(), offsets, gold));
          text = new StringBuilder();
          offsets = new ArrayList<>();
          gold = new HashSet<>();
        } else if (blank && documents && text.length() > 0) {
          text.append('\n');
        }
        continue;
      }
      String[] cols = line.split("\\s+");
      String token = cols[0];
      String tag = cols[cols.length - 1];
      if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
        text.append(' ');
      }
      int start = text.length();
      text.append(token);
      EntityType type = tag.length() > 2 ? typeOf(tag.substring(2)) : null;
      boolean begins =
          tag.startsWith("B-") || tag.startsWith("I-") && (open == null || type != openType);
      if (open != null && (!tag.startsWith("I-") || type != openType)) {
        gold.add(new Span(docs.size(), open[0], offsets.size() - 1, openType));
        open = null;
      }
      offsets.add(new int[] {start, text.length()});
      if (type != null && begins) {
        open = new int[] {offsets.size() - 1};
        openType = type;
      }
    }
    if (open != null) {
      gold.add(new Span(docs.size(), open[0], offsets.size() - 1, openType));
    }
    if (!offsets.isEmpty()) {
      docs.add(new Doc(text.toString(), offsets, gold));
    }
    return docs;
  }
}
