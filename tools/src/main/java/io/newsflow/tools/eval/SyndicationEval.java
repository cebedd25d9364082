package io.newsflow.tools.eval;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.newsflow.analysis.near.NearConfig;
import io.newsflow.analysis.story.StoryConfig;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Text;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.Validation;
import io.newsflow.enrich.decide.DecisionIndex;
import io.newsflow.ingest.NewsPageParser;
import io.newsflow.testkit.Edit;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The syndication evaluation harness: generates republished copies of real article text with graded
 * edits ({@link Edit}), streams originals then copies through the near-duplicate decision ({@link
 * DecisionIndex}, the decide step's own code), and measures precision, recall and F1 per edit kind.
 *
 * <p>Originals: the seeds (five reports of one event from five agencies: same story, different
 * text, so none may be flagged) plus, when {@code ../shared/eval} is present, the article texts of
 * the SemEval-2022 Task 8 sample (space-separated languages, at least 100 words; texts that share
 * more than a fifth of their 5-word shingles with earlier ones (republished copies already in the
 * data) are left out, so the originals are distinct texts). The training file is for tuning, the
 * testing file for reporting.
 */
public final class SyndicationEval {
  public static final double[] STRENGTHS = {0.05, 0.10, 0.20};
  private static final int MIN_WORDS = 100;

  /** A distinct original text; {@code group} marks texts of the same story (pairs to not flag). */
  public record Original(String id, String text, String group) {}

  /** Counts for one edit kind. */
  public record Score(long copies, long linked, long wrong) {
    public double recall() {
      return copies == 0 ? 1 : (double) linked / copies;
    }

    public double precision(long falseFromOriginals) {
      long flagged = linked + wrong + falseFromOriginals;
      return flagged == 0 ? 1 : (double) linked / flagged;
    }

    public double f1(long falseFromOriginals) {
      double p = precision(falseFromOriginals);
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  /**
   * The outcome of one run.
   *
   * @param byEdit copies linked to their original, per edit kind and strength bucket
   * @param originals how many originals were streamed
   * @param originalsFlagged originals wrongly judged copies of another original
   * @param seedPairsFlagged of the seed pairs (same story, different text), how many were linked
   */
  public record Report(
      Map<String, Score> byEdit, long originals, long originalsFlagged, long seedPairsFlagged) {
    public Score total() {
      long c = 0;
      long l = 0;
      long w = 0;
      for (Score s : byEdit.values()) {
        c += s.copies();
        l += s.linked();
        w += s.wrong();
      }
      return new Score(c, l, w);
    }

    public void print(PrintStream out, NearConfig config) {
      out.printf(
          Locale.ROOT,
          "syndication eval: shingle=%d permutations=%d bands=%d threshold=%.2f; %d originals, %d"
              + " copies%n",
          config.shingleSize(),
          config.permutations(),
          config.bands(),
          config.threshold(),
          originals,
          total().copies());
      out.printf(
          Locale.ROOT,
          "  %-22s %7s %9s %7s %7s%n",
          "edit (words edited)",
          "copies",
          "precision",
          "recall",
          "F1");
      byEdit.forEach(
          (edit, s) ->
              out.printf(
                  Locale.ROOT,
                  "  %-22s %7d %9.4f %7.4f %7.4f%n",
                  edit,
                  s.copies(),
                  s.precision(0),
                  s.recall(),
                  s.f1(0)));
      Score t = total();
      out.printf(
          Locale.ROOT,
          "  %-22s %7d %9.4f %7.4f %7.4f%n",
          "all (incl. originals)",
          t.copies(),
          t.precision(originalsFlagged),
          t.recall(),
          t.f1(originalsFlagged));
      out.printf(
          Locale.ROOT,
          "  originals flagged as copies: %d of %d; seed pairs flagged: %d of 10%n",
          originalsFlagged,
          originals,
          seedPairsFlagged);
    }
  }

  private SyndicationEval() {}

  /** The product's decision ({@link DecisionIndex}, as the decide step runs it), copies only. */
  private static final class Decide {
    private final DecisionIndex index;

    Decide(NearConfig config) {
      index = new DecisionIndex(EnrichConfig.DEFAULT_DEDUP_HORIZON, config, StoryConfig.DEFAULTS);
    }

    /** Decides an article against those before it, adds it; the original it copies, if any. */
    Optional<String> add(String id, long time, String text) {
      String hash = Text.sha256Hex(Text.normalize(text), Validation.CONTENT_HASH_HEX_CHARS);
      int[] signature = index.signature(text);
      DecisionIndex.Decision d = index.decide(id, time, hash, signature, null);
      index.add(d.entry(id, time, hash, signature, null));
      return d.dedup().isCopy() ? Optional.of(d.dedup().canonicalId()) : Optional.empty();
    }
  }

  /** Runs the harness: originals first (in a shuffled order), then every copy (shuffled). */
  public static Report run(NearConfig config, List<Original> originals, long seed) {
    Random random = new Random(seed);
    Decide index = new Decide(config);
    List<Original> order = new ArrayList<>(originals);
    Collections.shuffle(order, random);
    long time = 0;
    long flagged = 0;
    Map<String, String> linkedTo = new HashMap<>();
    for (Original o : order) {
      Optional<String> c = index.add(o.id(), time++, o.text());
      if (c.isPresent()) {
        flagged++;
        linkedTo.put(o.id(), c.get());
      }
    }
    record Copy(String id, String sourceId, String bucket, String text) {}
    List<Copy> copies = new ArrayList<>();
    for (Original o : originals) {
      for (Edit edit : Edit.values()) {
        for (double strength : STRENGTHS) {
          Original donor = originals.get(random.nextInt(originals.size()));
          String text = edit.apply(o.text(), strength, donor.text(), random);
          String bucket =
              edit.id() + String.format(Locale.ROOT, " (%d%%)", Math.round(strength * 100));
          copies.add(new Copy(o.id() + "/" + bucket, o.id(), bucket, text));
        }
      }
    }
    Collections.shuffle(copies, random);
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (Edit edit : Edit.values()) {
      for (double strength : STRENGTHS) {
        counts.put(
            edit.id() + String.format(Locale.ROOT, " (%d%%)", Math.round(strength * 100)),
            new long[3]);
      }
    }
    for (Copy copy : copies) {
      Optional<String> c = index.add(copy.id(), time++, copy.text());
      long[] n = counts.get(copy.bucket());
      n[0]++;
      if (c.isPresent()) {
        String expected = linkedTo.getOrDefault(copy.sourceId(), copy.sourceId());
        if (c.get().equals(expected)) {
          n[1]++;
        } else {
          n[2]++;
        }
      }
    }
    Map<String, Score> byEdit = new LinkedHashMap<>();
    counts.forEach((k, n) -> byEdit.put(k, new Score(n[0], n[1], n[2])));
    long seedPairs =
        linkedTo.keySet().stream()
            .filter(id -> id.startsWith("seed:") && linkedTo.get(id).startsWith("seed:"))
            .count();
    return new Report(byEdit, originals.size(), flagged, seedPairs);
  }

  /**
   * The originals of one split: the seeds, plus the SemEval file of that split ({@code train}:
   * training_set.csv, {@code test}: testing_set.csv) when {@code evalDir} holds it.
   */
  public static List<Original> originals(Path seedsDir, Path evalDir, String split, int limit)
      throws IOException {
    List<Original> out = new ArrayList<>(seeds(seedsDir));
    Path csv =
        evalDir
            .resolve("semeval2022-task8-sample")
            .resolve(split.equals("train") ? "training_set.csv" : "testing_set.csv");
    if (Files.isRegularFile(csv)) {
      out.addAll(semeval(csv, limit));
    }
    return out;
  }

  /** The five seeds, as parsed by ingest: body text only, as enrich compares it. */
  public static List<Original> seeds(Path seedsDir) throws IOException {
    NewsPageParser parser = new NewsPageParser();
    List<Original> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(seedsDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        Article a =
            parser.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString(), "unknown");
        out.add(new Original("seed:" + f.getFileName(), a.body(), "seeds"));
      }
    }
    return out;
  }

  /**
   * Distinct article texts of one SemEval file ({@code training_set.csv} or {@code
   * testing_set.csv}), at most {@code limit}, in file order.
   */
  public static List<Original> semeval(Path csv, int limit) throws IOException {
    CsvMapper mapper = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<Original> out = new ArrayList<>();
    Set<Long> shingles = new HashSet<>();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        MappingIterator<Map<String, String>> rows =
            mapper.readerFor(Map.class).with(schema).readValues(reader)) {
      while (rows.hasNext() && out.size() < limit) {
        Map<String, String> row = rows.next();
        // The sample repeats some pair ids with slightly different texts: ids carry the row too.
        String pair = rows.getCurrentLocation().getLineNr() + ":" + row.get("pair_id");
        addIfDistinct(out, shingles, pair + "/1", row.get("lang1"), row.get("text1"));
        addIfDistinct(out, shingles, pair + "/2", row.get("lang2"), row.get("text2"));
      }
    }
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  private static void addIfDistinct(
      List<Original> out, Set<Long> seen, String id, String lang, String text) {
    if (text == null || "zh".equals(lang) || "ja".equals(lang)) {
      return;
    }
    String[] words = Text.normalize(text).split(" ");
    if (words.length < MIN_WORDS) {
      return;
    }
    List<Long> mine = new ArrayList<>();
    for (int i = 0; i + 5 <= words.length; i++) {
      mine.add(fnv64(String.join(" ", Arrays.copyOfRange(words, i, i + 5))));
    }
    long overlap = mine.stream().filter(seen::contains).count();
    if (overlap * 5 > mine.size()) {
      return;
    }
    seen.addAll(mine);
    out.add(new Original("semeval:" + id, text, "semeval:" + id.substring(0, id.indexOf('/'))));
  }

  private static long fnv64(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
