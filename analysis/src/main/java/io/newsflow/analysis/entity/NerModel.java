package io.newsflow.analysis.entity;

import io.newsflow.analysis.entity.NerText.Tok;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A statistical name finder: a left-to-right BIO tagger (greedy, or a beam search of {@link #beam}
 * hypotheses) with an averaged perceptron over hashed features (the word, its shape, prefixes and
 * suffixes, neighbouring words and shapes, word classes such as titles, speech verbs and locative
 * prepositions, the knowledge base's matches, whether the word is capitalised elsewhere in the
 * text, and the two previous decisions). It finds and types spans; the knowledge base links them
 * ({@link EntityTagger}).
 *
 * <p>A word that is neither capitalised nor a number after an {@code O} is {@code O} without being
 * scored: names start with a capital or a digit, and most words of a text are skipped so.
 *
 * <p>Trained by {@link #train} with the project's own code (see {@code newsflow train-ner}); saved
 * in a small gzip'd binary format (feature hash, one weight per label). Immutable and thread-safe.
 */
public final class NerModel {
  private static final int MAGIC = 0x4E464E52; // "NFNR"
  private static final int FORMAT = 2; // 1: greedy (no beam width stored)
  static final String OUTSIDE = "O";

  /**
   * Hypotheses kept per token by the search, at training and tagging, unless told otherwise: 1, the
   * greedy search, is the cheapest to tag with; 4 is about 0.01 F1 better on idner-news-2k dev and
   * twice as costly per token (docs/ENTITIES.md).
   */
  public static final int DEFAULT_BEAM = 1;

  private final String language;
  private final String trainedOn;
  private final String[] labels;
  private final String[] typeOf; // per label: null for O
  private final boolean[] inside; // per label: I-
  private final LongIntMap rows;
  private final float[] weights; // row * labels + label
  private final int beam;
  private final Search search;

  /**
   * A span the model found.
   *
   * @param from first token
   * @param to one past the last token
   * @param type the label's type as trained (PER, ORG, LOC, MISC, ...)
   */
  public record Span(int from, int to, String type) {}

  /**
   * One training document: its tokens, the knowledge base's hint per token (or null) and the gold
   * BIO labels (IOB2, types as in the file).
   */
  public record Example(List<Tok> tokens, String[] hints, String[] gold) {}

  private NerModel(
      String language,
      String trainedOn,
      String[] labels,
      LongIntMap rows,
      float[] weights,
      int beam) {
    this.beam = beam;
    this.language = language;
    this.trainedOn = trainedOn;
    this.labels = labels;
    this.rows = rows;
    this.weights = weights;
    this.typeOf = new String[labels.length];
    this.inside = new boolean[labels.length];
    for (int l = 0; l < labels.length; l++) {
      if (!labels[l].equals(OUTSIDE)) {
        typeOf[l] = labels[l].substring(2);
        inside[l] = labels[l].startsWith("I-");
      }
    }
    this.search = new Search(inside, typeOf);
  }

  /** The language the model was trained for ("id", "en"), as stated at training time. */
  public String language() {
    return language;
  }

  /** What the model was trained on, as stated at training time. */
  public String trainedOn() {
    return trainedOn;
  }

  /** Hypotheses kept per token when tagging (1: greedy). */
  public int beam() {
    return beam;
  }

  /** Features with weights (the model's size). */
  public int features() {
    return rows.size();
  }

  /** The spans of one text's tokens; {@code hints} per token may hold nulls. */
  public List<Span> predict(List<Tok> tokens, String[] hints) {
    int n = tokens.size();
    List<Span> out = new ArrayList<>();
    if (n == 0) {
      return out;
    }
    int[] pred = search.decode(new Features(tokens, hints), n, beam, this::score);
    for (int i = 0; i < n; ) {
      if (pred[i] == 0) {
        i++;
        continue;
      }
      String type = typeOf[pred[i]];
      int j = i + 1;
      while (j < n && inside[pred[j]] && typeOf[pred[j]].equals(type)) {
        j++;
      }
      out.add(new Span(i, j, type));
      i = j;
    }
    return out;
  }

  /** Adds the weights of {@code k} features to {@code scores} (one per label). */
  private void score(long[] feats, int k, float[] scores) {
    int nl = labels.length;
    for (int f = 0; f < k; f++) {
      int row = rows.get(feats[f]);
      if (row >= 0) {
        int base = row * nl;
        for (int l = 0; l < nl; l++) {
          scores[l] += weights[base + l];
        }
      }
    }
  }

  /** Adds the weights of features to per-label scores. */
  private interface Scorer {
    void add(long[] feats, int k, float[] scores);
  }

  /**
   * Beam search over label sequences with second-order label features (the two previous labels):
   * hypotheses with the same last two labels are merged (only the best can win, as their futures
   * score the same), and the best {@code beam} are kept per token; with a beam of 1 it is the
   * greedy left-to-right tagger, with {@code labels * labels} it is exact (Viterbi). The
   * label-independent features of a token are scored once, the label-dependent ones per hypothesis.
   * I-X only follows B-X or I-X; a word that is neither capitalised nor a number after an {@code O}
   * is {@code O} without being scored.
   */
  private static final class Search {
    private final int nl;
    private final boolean[][] allowed; // [previous][label]
    private final int[] last; // per key (label * labels + previous label): the label
    private final int[] beforeLast; // and the previous label

    Search(boolean[] inside, String[] typeOf) {
      nl = inside.length;
      last = new int[nl * nl];
      beforeLast = new int[nl * nl];
      for (int key = 0; key < nl * nl; key++) {
        last[key] = key / nl;
        beforeLast[key] = key % nl;
      }
      allowed = new boolean[nl][nl];
      for (int p = 0; p < nl; p++) {
        for (int l = 0; l < nl; l++) {
          allowed[p][l] = !inside[l] || (p != 0 && typeOf[p].equals(typeOf[l]));
        }
      }
    }

    /** Whether {@code label} may follow {@code previous}. */
    boolean allowed(int previous, int label) {
      return allowed[previous][label];
    }

    int[] decode(Features fx, int n, int beam, Scorer scorer) {
      if (beam == 1) {
        return greedy(fx, n, scorer);
      }
      int keys = nl * nl;
      // per token, the kept hypotheses (best first): their label and their parent's index
      int[] back = new int[n * beam];
      int[] label = new int[n * beam];
      // hypotheses before token i: last label, the one before, score (and the next token's)
      int[] p1 = new int[beam];
      int[] p2 = new int[beam];
      float[] score = new float[beam];
      int[] np1 = new int[beam];
      int[] np2 = new int[beam];
      float[] nscore = new float[beam];
      int size = 1;
      float[] best = new float[keys];
      int[] parent = new int[keys];
      float[] stat = new float[nl];
      float[] dyn = new float[nl];
      long[] buf = new long[Features.MAX];
      int[] order = new int[keys];
      float[] value = new float[keys];
      for (int i = 0; i < n; i++) {
        int at = i * beam;
        if (fx.skippable(i) && allOutside(p1, size)) {
          // every hypothesis ends in O and the word is not scored: they all become (O, O), and the
          // best (the first of equals, as offer keeps it) is the only one left
          int top = 0;
          for (int h = 1; h < size; h++) {
            if (score[h] > score[top]) {
              top = h;
            }
          }
          back[at] = top;
          label[at] = 0;
          p1[0] = 0;
          p2[0] = 0;
          score[0] = score[top];
          size = 1;
          continue;
        }
        Arrays.fill(best, Float.NEGATIVE_INFINITY);
        boolean scored = false;
        for (int h = 0; h < size; h++) {
          if (p1[h] == 0 && fx.skippable(i)) {
            offer(best, parent, p1[h], score[h], h); // key (O, O-before)
            continue;
          }
          if (!scored) {
            Arrays.fill(stat, 0f);
            scorer.add(buf, fx.staticFeatures(i, buf), stat);
            scored = true;
          }
          Arrays.fill(dyn, 0f);
          scorer.add(buf, fx.labelFeatures(i, p1[h], p2[h], buf), dyn);
          for (int l = 0; l < nl; l++) {
            if (allowed[p1[h]][l]) {
              offer(best, parent, l * nl + p1[h], score[h] + stat[l] + dyn[l], h);
            }
          }
        }
        int m = 0;
        for (int key = 0; key < keys; key++) {
          if (best[key] != Float.NEGATIVE_INFINITY) {
            order[m] = key;
            value[m++] = best[key];
          }
        }
        int keep = Math.min(beam, m);
        // partial selection sort: the best `keep` keys first, the first of equals in key order
        for (int a = 0; a < keep; a++) {
          int top = a;
          float topValue = value[a];
          for (int b = a + 1; b < m; b++) {
            if (value[b] > topValue) {
              top = b;
              topValue = value[b];
            }
          }
          int t = order[a];
          order[a] = order[top];
          order[top] = t;
          value[top] = value[a];
          value[a] = topValue;
        }
        for (int a = 0; a < keep; a++) {
          int key = order[a];
          np1[a] = last[key];
          np2[a] = beforeLast[key];
          nscore[a] = value[a];
          back[at + a] = parent[key];
          label[at + a] = last[key];
        }
        int[] ti = p1;
        p1 = np1;
        np1 = ti;
        ti = p2;
        p2 = np2;
        np2 = ti;
        float[] tf = score;
        score = nscore;
        nscore = tf;
        size = keep;
      }
      int[] out = new int[n];
      int h = 0; // hypotheses are sorted: the first is the best
      for (int i = n - 1; i >= 0; i--) {
        out[i] = label[i * beam + h];
        h = back[i * beam + h];
      }
      return out;
    }

    private static boolean allOutside(int[] p1, int size) {
      for (int h = 0; h < size; h++) {
        if (p1[h] != 0) {
          return false;
        }
      }
      return true;
    }

    /** The beam of 1 without its bookkeeping: the best allowed label, token after token. */
    private int[] greedy(Features fx, int n, Scorer scorer) {
      int[] out = new int[n];
      float[] scores = new float[nl];
      long[] buf = new long[Features.MAX];
      int p1 = 0;
      int p2 = 0;
      for (int i = 0; i < n; i++) {
        int best = 0;
        if (p1 != 0 || !fx.skippable(i)) {
          Arrays.fill(scores, 0f);
          scorer.add(buf, fx.staticFeatures(i, buf), scores);
          scorer.add(buf, fx.labelFeatures(i, p1, p2, buf), scores);
          float top = scores[0];
          for (int l = 1; l < nl; l++) {
            if (allowed[p1][l] && scores[l] > top) {
              top = scores[l];
              best = l;
            }
          }
        }
        out[i] = best;
        p2 = p1;
        p1 = best;
      }
      return out;
    }

    private static void offer(float[] best, int[] parent, int key, float s, int h) {
      if (s > best[key]) {
        best[key] = s;
        parent[key] = h;
      }
    }
  }

  // ---------------------------------------------------------------- training

  /**
   * Trains an averaged perceptron on {@code examples} for {@code epochs} passes (documents shuffled
   * with {@code seed}), pruning features whose averaged weights all stay under {@code prune}, with
   * the default beam ({@link #DEFAULT_BEAM}).
   */
  public static NerModel train(
      List<Example> examples,
      int epochs,
      long seed,
      double prune,
      String language,
      String trainedOn) {
    return train(examples, epochs, seed, prune, DEFAULT_BEAM, language, trainedOn);
  }

  /**
   * Trains a structured averaged perceptron (Collins 2002) on {@code examples} for {@code epochs}
   * passes (documents shuffled with {@code seed}): each document is decoded with the current
   * weights by the same beam search that tags ({@code beam} hypotheses), and where the best
   * sequence differs from the gold one the features of the gold labels gain and those of the
   * predicted labels lose. Features whose averaged weights all stay under {@code prune} are
   * dropped.
   */
  public static NerModel train(
      List<Example> examples,
      int epochs,
      long seed,
      double prune,
      int beam,
      String language,
      String trainedOn) {
    Set<String> types = new LinkedHashSet<>();
    for (Example e : examples) {
      for (String g : e.gold()) {
        if (!g.equals(OUTSIDE)) {
          types.add(g.substring(2));
        }
      }
    }
    List<String> labelList = new ArrayList<>();
    labelList.add(OUTSIDE);
    for (String t : types) {
      labelList.add("B-" + t);
      labelList.add("I-" + t);
    }
    String[] labels = labelList.toArray(String[]::new);
    Trainer t = new Trainer(labels, beam);
    List<Example> order = new ArrayList<>(examples);
    Random random = new Random(seed);
    for (int epoch = 0; epoch < epochs; epoch++) {
      java.util.Collections.shuffle(order, random);
      for (Example e : order) {
        t.learn(e);
      }
    }
    return t.averaged(prune, language, trainedOn);
  }

  /** Averaged perceptron state: current weights, and their sum over time kept lazily. */
  private static final class Trainer {
    final String[] labels;
    final int nl;
    final int beam;
    final Search search;
    final LongIntMap rows = new LongIntMap(1 << 16);
    float[] w;
    double[] u; // sum of c * delta, for the average
    long c = 1;

    Trainer(String[] labels, int beam) {
      this.labels = labels;
      this.nl = labels.length;
      this.beam = beam;
      String[] typeOf = new String[nl];
      boolean[] inside = new boolean[nl];
      for (int l = 1; l < nl; l++) {
        typeOf[l] = labels[l].substring(2);
        inside[l] = labels[l].startsWith("I-");
      }
      search = new Search(inside, typeOf);
      w = new float[(1 << 16) * nl];
      u = new double[(1 << 16) * nl];
    }

    private void score(long[] feats, int k, float[] scores) {
      for (int f = 0; f < k; f++) {
        int row = rows.get(feats[f]);
        if (row >= 0) {
          for (int l = 0; l < nl; l++) {
            scores[l] += w[row * nl + l];
          }
        }
      }
    }

    void learn(Example e) {
      int n = e.tokens().size();
      if (n == 0) {
        return;
      }
      Features fx = new Features(e.tokens(), e.hints());
      // the gold sequence as the search can produce it: a lower-case word after O is O, and I-X
      // after anything but X begins X
      List<String> labelList = Arrays.asList(labels);
      int[] gold = new int[n];
      int prev = 0;
      for (int i = 0; i < n; i++) {
        int g = labelList.indexOf(e.gold()[i]);
        if (prev == 0 && fx.skippable(i)) {
          g = 0;
        } else if (!search.allowed(prev, g)) {
          g = labelList.indexOf("B-" + e.gold()[i].substring(2));
        }
        gold[i] = g;
        prev = g;
      }
      int[] guess = search.decode(fx, n, beam, this::score);
      if (!Arrays.equals(guess, gold)) {
        long[] buf = new long[Features.MAX];
        for (int i = 0; i < n; i++) {
          int g1 = i > 0 ? gold[i - 1] : 0;
          int g2 = i > 1 ? gold[i - 2] : 0;
          int q1 = i > 0 ? guess[i - 1] : 0;
          int q2 = i > 1 ? guess[i - 2] : 0;
          if (gold[i] == guess[i] && g1 == q1 && g2 == q2) {
            continue;
          }
          push(fx, i, gold[i], g1, g2, 1, buf);
          push(fx, i, guess[i], q1, q2, -1, buf);
        }
      }
      c++;
    }

    /** Moves the weights of label {@code y}'s features at token {@code i} by {@code delta}. */
    private void push(Features fx, int i, int y, int p1, int p2, int delta, long[] buf) {
      if (p1 == 0 && fx.skippable(i)) {
        return; // not scored
      }
      int k = fx.staticFeatures(i, buf);
      for (int f = 0; f < k; f++) {
        update(row(buf[f]), y, delta);
      }
      k = fx.labelFeatures(i, p1, p2, buf);
      for (int f = 0; f < k; f++) {
        update(row(buf[f]), y, delta);
      }
    }

    private void update(int row, int label, int delta) {
      w[row * nl + label] += delta;
      u[row * nl + label] += (double) c * delta;
    }

    private int row(long feature) {
      int row = rows.get(feature);
      if (row < 0) {
        row = rows.size();
        rows.put(feature, row);
        if ((row + 1) * nl > w.length) {
          w = Arrays.copyOf(w, w.length * 2);
          u = Arrays.copyOf(u, u.length * 2);
        }
      }
      return row;
    }

    NerModel averaged(double prune, String language, String trainedOn) {
      LongIntMap kept = new LongIntMap(Math.max(16, rows.size()));
      float[] avg = new float[rows.size() * nl];
      int[] next = {0};
      rows.forEach(
          (feature, row) -> {
            float[] v = new float[nl];
            boolean keep = false;
            for (int l = 0; l < nl; l++) {
              v[l] = (float) (w[row * nl + l] - u[row * nl + l] / c);
              keep |= Math.abs(v[l]) >= prune;
            }
            if (keep) {
              int r = next[0]++;
              kept.put(feature, r);
              System.arraycopy(v, 0, avg, r * nl, nl);
            }
          });
      return new NerModel(
          language, trainedOn, labels, kept, Arrays.copyOf(avg, next[0] * nl), beam);
    }
  }

  // ---------------------------------------------------------------- features

  /** The features of one text, computed once per token; the label-dependent ones per decision. */
  static final class Features {
    static final int MAX = 48;
    private static final long NONE = 0x5bd1e9955bd1e995L;
    private static final long BOUNDARY = 0x27d4eb2f165667c5L;

    private final int n;
    private final List<Tok> tokens;
    private final String[] hints;
    private final boolean[] ready;
    private final long[] word;
    private final long[] lower;
    private final long[] shape;
    private final long[] shortShape;
    private final long[] hint;
    private final long[] wordClass;
    private final long[][] affixes;
    private final boolean[] skippable;
    private final boolean[] capsLine;
    private final long[] docCase;
    private final StringSet capitalisedInside;
    private final StringSet lowerCase;

    Features(List<Tok> tokens, String[] hints) {
      this.tokens = tokens;
      this.hints = hints;
      n = tokens.size();
      capitalisedInside = new StringSet(n);
      lowerCase = new StringSet(n);
      ready = new boolean[n];
      word = new long[n];
      lower = new long[n];
      shape = new long[n];
      shortShape = new long[n];
      hint = new long[n];
      wordClass = new long[n];
      affixes = new long[n][];
      skippable = new boolean[n];
      capsLine = new boolean[n];
      docCase = new long[n];
      for (int i = 0; i < n; i++) {
        Tok t = tokens.get(i);
        String s = t.text();
        char c0 = s.charAt(0);
        skippable[i] = !Character.isUpperCase(c0) && !Character.isDigit(c0);
        if (Character.isUpperCase(c0)) {
          if (!t.sentenceStart() && !(i > 0 && isQuote(tokens.get(i - 1).text()))) {
            capitalisedInside.add(s.toLowerCase(Locale.ROOT));
          }
        } else if (Character.isLowerCase(c0)) {
          lowerCase.add(s);
        }
      }
      int sentence = 0;
      for (int i = 0; i <= n; i++) {
        if (i == n || (i > 0 && tokens.get(i).sentenceStart())) {
          int letters = 0;
          int caps = 0;
          for (int k = sentence; k < i; k++) {
            String s = tokens.get(k).text();
            if (Character.isLetter(s.charAt(0))) {
              letters++;
              if (s.length() > 1 && upperCase(s)) {
                caps++;
              }
            }
          }
          boolean line = letters >= 2 && caps * 10 >= letters * 6;
          for (int k = sentence; k < i; k++) {
            capsLine[k] = line;
          }
          sentence = i;
        }
      }
    }

    /** A set of a text's words: open addressing, no node per word (built for every text). */
    private static final class StringSet {
      private final String[] slots;
      private final int mask;

      StringSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) * 2;
        slots = new String[cap];
        mask = cap - 1;
      }

      void add(String w) {
        int i = w.hashCode() & mask;
        while (slots[i] != null) {
          if (slots[i].equals(w)) {
            return;
          }
          i = (i + 1) & mask;
        }
        slots[i] = w;
      }

      boolean contains(String w) {
        int i = w.hashCode() & mask;
        while (slots[i] != null) {
          if (slots[i].equals(w)) {
            return true;
          }
          i = (i + 1) & mask;
        }
        return false;
      }
    }

    private static boolean upperCase(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (Character.isLowerCase(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    /** Computes token {@code i}'s parts on first use: most words of a text are never scored. */
    private void ensure(int i) {
      if (i < 0 || i >= n || ready[i]) {
        return;
      }
      ready[i] = true;
      String s = tokens.get(i).text();
      String lw = s.toLowerCase(Locale.ROOT);
      word[i] = hash(s);
      lower[i] = lw.equals(s) ? word[i] : hash(lw);
      shape[i] = shapeHash(s, 2);
      shortShape[i] = shapeHash(s, 1);
      hint[i] = hints == null || hints[i] == null ? NONE : hash(hints[i]);
      wordClass[i] = WORD_CLASS_HASHES.getOrDefault(lw, NO_CLASS);
      int len = lw.length();
      long[] a = new long[7];
      for (int k = 1; k <= 3; k++) {
        a[k - 1] = k < len ? hash(lw, 0, k) : NONE;
      }
      for (int k = 1; k <= 4; k++) {
        a[2 + k] = k < len ? hash(lw, len - k, len) : NONE;
      }
      affixes[i] = a;
      docCase[i] = (capitalisedInside.contains(lw) ? 1 : 0) + (lowerCase.contains(lw) ? 2 : 0);
    }

    boolean skippable(int i) {
      return skippable[i];
    }

    private long at(long[] a, int i) {
      return i < 0 || i >= n ? BOUNDARY : a[i];
    }

    /** The features of token {@code i} that do not depend on the labels before it. */
    int staticFeatures(int i, long[] out) {
      for (int d = -2; d <= 2; d++) {
        ensure(i + d);
      }
      int k = 0;
      out[k++] = f(1, 0);
      out[k++] = f(2, word[i]);
      out[k++] = f(3, lower[i]);
      out[k++] = f(4, shape[i]);
      for (int a = 0; a < 7; a++) {
        if (affixes[i][a] != NONE) {
          out[k++] = f(5 + a, affixes[i][a]);
        }
      }
      out[k++] = f(12, at(lower, i - 1));
      out[k++] = f(13, at(lower, i + 1));
      out[k++] = f(14, at(lower, i - 2));
      out[k++] = f(15, at(lower, i + 2));
      out[k++] = f(16, at(shape, i - 1));
      out[k++] = f(17, at(shape, i + 1));
      out[k++] = f(18, at(lower, i - 1), lower[i]);
      out[k++] = f(19, lower[i], at(lower, i + 1));
      out[k++] = f(20, hint[i]);
      out[k++] = f(21, at(hint, i - 1));
      out[k++] = f(22, at(hint, i + 1));
      out[k++] = f(23, hint[i], shortShape[i]);
      out[k++] = f(24, tokens.get(i).sentenceStart() ? 1 : 0, shortShape[i]);
      out[k++] = f(25, docCase[i], shortShape[i]);
      out[k++] = f(26, capsLine[i] ? 1 : 0, shortShape[i]);
      out[k++] = f(27, capsLine[i] ? 1 : 0, lower[i]);
      out[k++] = f(28, at(wordClass, i - 1));
      out[k++] = f(29, wordClass[i]);
      out[k++] = f(30, at(wordClass, i + 1));
      out[k++] = f(31, at(shortShape, i - 1), shortShape[i], at(shortShape, i + 1));
      out[k++] = f(32, at(lower, i - 1), shortShape[i]);
      out[k++] = f(33, at(wordClass, i - 1), shortShape[i]);
      return k;
    }

    /**
     * The features of token {@code i} after labels {@code p1} (previous) and {@code p2}; {@link
     * #staticFeatures} first.
     */
    int labelFeatures(int i, int p1, int p2, long[] out) {
      int k = 0;
      out[k++] = f(40, p1);
      out[k++] = f(41, p1 * 31L + p2);
      out[k++] = f(42, p1, lower[i]);
      out[k++] = f(43, p1, shortShape[i]);
      out[k++] = f(44, p1, hint[i]);
      return k;
    }

    private static boolean isQuote(String s) {
      return s.equals("\"") || s.equals("'") || s.equals("\u201C") || s.equals("(");
    }

    /** Titles, cues, speech verbs, organisation words, locative prepositions, common words. */
    private static final java.util.Map<String, String> WORD_CLASSES = wordClasses();

    private static java.util.Map<String, String> wordClasses() {
      java.util.Map<String, String> m = new java.util.HashMap<>();
      CommonWords.COMMON.forEach(w -> m.put(w, "common"));
      CommonWords.LOCATIVE.forEach(w -> m.put(w, "loc"));
      CommonWords.ORG_WORDS.forEach(w -> m.put(w, "org"));
      CommonWords.SPEECH.forEach(w -> m.put(w, "speech"));
      CommonWords.PERSON_CUES.forEach(w -> m.put(w, "cue"));
      CommonWords.PERSON_TITLES.forEach(w -> m.put(w, "title"));
      return java.util.Collections.unmodifiableMap(m);
    }

    /** The word classes' hashes, as {@code hash(WORD_CLASSES.get(word))}. */
    private static final java.util.Map<String, Long> WORD_CLASS_HASHES = wordClassHashes();

    /** The hash of no word class, {@code hash("")}. */
    private static final Long NO_CLASS = hash("");

    private static java.util.Map<String, Long> wordClassHashes() {
      java.util.Map<String, Long> m = new java.util.HashMap<>();
      WORD_CLASSES.forEach((w, c) -> m.put(w, hash(c)));
      return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The hash of a word's shape (Xxxx, XX, dd, X.X.: upper case X, lower case x, digits d, other
     * characters as they are, each run of one kind cut to {@code max} characters), fed to {@link
     * #hash} character by character without building the shape (a word's two shapes are hashed for
     * every word the model looks at).
     */
    static long shapeHash(String s, int max) {
      long h = 0xcbf29ce484222325L;
      char last = 0;
      int run = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        char k =
            Character.isUpperCase(c)
                ? 'X'
                : Character.isLowerCase(c) ? 'x' : Character.isDigit(c) ? 'd' : c;
        if (k == last) {
          if (++run > max) {
            continue;
          }
        } else {
          last = k;
          run = 1;
        }
        h ^= k;
        h *= 0x100000001b3L;
      }
      return mix(h);
    }

    static long f(int template, long a) {
      return mix(a * 0x9E3779B97F4A7C15L + template);
    }

    static long f(int template, long a, long b) {
      return mix((a * 0x9E3779B97F4A7C15L + b) * 0xC2B2AE3D27D4EB4FL + template);
    }

    static long f(int template, long a, long b, long c) {
      return f(template, mix(a * 0x9E3779B97F4A7C15L + b), c);
    }

    static long hash(String s) {
      return hash(s, 0, s.length());
    }

    static long hash(String s, int from, int to) {
      long h = 0xcbf29ce484222325L;
      for (int i = from; i < to; i++) {
        h ^= s.charAt(i);
        h *= 0x100000001b3L;
      }
      return mix(h);
    }

    static long mix(long z) {
      z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
      z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
      z = z ^ (z >>> 33);
      return z == 0 ? 1 : z;
    }
  }

  // ---------------------------------------------------------------- persistence

  /** Writes the model (gzip'd binary). */
  public void save(Path file) {
    try (OutputStream os = Files.newOutputStream(file)) {
      save(os);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model " + file, e);
    }
  }

  public void save(OutputStream os) throws IOException {
    DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(os), 1 << 16));
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeUTF(language);
    out.writeUTF(trainedOn);
    out.writeInt(beam);
    out.writeInt(labels.length);
    for (String l : labels) {
      out.writeUTF(l);
    }
    out.writeInt(rows.size());
    int nl = labels.length;
    IOException[] failed = {null};
    rows.forEach(
        (feature, row) -> {
          try {
            out.writeLong(feature);
            for (int l = 0; l < nl; l++) {
              out.writeFloat(weights[row * nl + l]);
            }
          } catch (IOException e) {
            failed[0] = e;
          }
        });
    if (failed[0] != null) {
      throw failed[0];
    }
    out.flush();
    out.close();
  }

  /** Reads a model written by {@link #save}; a file of another kind fails with its name. */
  public static NerModel load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read name-finder model " + file, e);
    }
  }

  /** A model bundled as a class-path resource next to this class. */
  public static NerModel resource(String name) {
    try (InputStream in = NerModel.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return load(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read name-finder model " + name, e);
    }
  }

  static NerModel load(InputStream is, String source) throws IOException {
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(new GZIPInputStream(is), 1 << 16));
    if (in.readInt() != MAGIC) {
      throw new IOException(source + " is not a newsflow name-finder model");
    }
    int format = in.readInt();
    if (format != FORMAT && format != 1) {
      throw new IOException(source + ": model format " + format + ", expected " + FORMAT);
    }
    String language = in.readUTF();
    String trainedOn = in.readUTF();
    int beam = format == 1 ? 1 : in.readInt();
    String[] labels = new String[in.readInt()];
    for (int l = 0; l < labels.length; l++) {
      labels[l] = in.readUTF();
    }
    int n = in.readInt();
    LongIntMap rows = new LongIntMap(Math.max(16, n));
    float[] weights = new float[n * labels.length];
    for (int r = 0; r < n; r++) {
      rows.put(in.readLong(), r);
      for (int l = 0; l < labels.length; l++) {
        weights[r * labels.length + l] = in.readFloat();
      }
    }
    return new NerModel(language, trainedOn, labels, rows, weights, beam);
  }

  /** Open-addressing map from a feature hash (never 0) to a row. */
  static final class LongIntMap {
    private long[] keys;
    private int[] values;
    private int size;
    private int mask;
    // one bit per 8 slots' worth of key bits, set for every key (by its high bits, the slots use
    // the
    // low ones): most features of a text are not in a model, and a clear bit says so from a small
    // array that stays in cache, without a probe into the large one
    private long[] present;
    private int presentShift;

    LongIntMap(int expected) {
      int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) * 2;
      keys = new long[cap];
      values = new int[cap];
      mask = cap - 1;
      present = new long[Math.max(1, cap / 8)];
      presentShift = 64 - Integer.numberOfTrailingZeros(cap * 8);
    }

    int size() {
      return size;
    }

    int get(long key) {
      if ((present[(int) (key >>> presentShift) >>> 6] & (1L << (key >>> presentShift))) == 0) {
        return -1;
      }
      int i = (int) key & mask;
      while (true) {
        long k = keys[i];
        if (k == key) {
          return values[i];
        }
        if (k == 0) {
          return -1;
        }
        i = (i + 1) & mask;
      }
    }

    void put(long key, int value) {
      if ((size + 1) * 2 > keys.length) {
        grow();
      }
      int i = (int) key & mask;
      while (keys[i] != 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      if (keys[i] == 0) {
        size++;
      }
      keys[i] = key;
      values[i] = value;
      present[(int) (key >>> presentShift) >>> 6] |= 1L << (key >>> presentShift);
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldValues = values;
      keys = new long[oldKeys.length * 2];
      values = new int[oldKeys.length * 2];
      mask = keys.length - 1;
      present = new long[Math.max(1, keys.length / 8)];
      presentShift = 64 - Integer.numberOfTrailingZeros(keys.length * 8);
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != 0) {
          put(oldKeys[i], oldValues[i]);
        }
      }
    }

    interface Visitor {
      void visit(long key, int value);
    }

    /** In row order, so that a saved model is the same bytes for the same training. */
    void forEach(Visitor v) {
      long[] byRow = new long[size];
      boolean[] seen = new boolean[size];
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != 0 && values[i] < size) {
          byRow[values[i]] = keys[i];
          seen[values[i]] = true;
        }
      }
      for (int r = 0; r < size; r++) {
        if (seen[r]) {
          v.visit(byRow[r], r);
        }
      }
    }
  }
}
