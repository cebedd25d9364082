package io.newsflow.tools.bench.jmh;

import io.newsflow.analysis.Annotator;
import io.newsflow.analysis.story.StoryConfig;
import io.newsflow.analysis.story.StoryFeatures;
import io.newsflow.analysis.story.StoryTerms;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Text;
import io.newsflow.contracts.Verdict;
import io.newsflow.enrich.EnrichConfig;
import io.newsflow.enrich.decide.Decided;
import io.newsflow.enrich.decide.DecisionIndex;
import io.newsflow.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An endless, deterministic stream of prepared articles for the decide step, and the {@link
 * Decided} entries an index of any size holds, without annotating every article: a pool of {@code
 * pool} bench-corpus articles ({@link Corpus}, 30% syndicated copies) is annotated once, and
 * article {@code g} of the stream is pool article {@code g % pool} of <em>universe</em> {@code g /
 * pool}:
 *
 * <ul>
 *   <li>its id and content hash are fresh (24 and 32 hex characters, as the real ones), equal
 *       content hashes within the pool stay equal within a universe;
 *   <li>its MinHash signature is the pool article's with every slot value remapped by a bijection
 *       keyed on the universe: within a universe, slots (and so LSH bands and similarities) are
 *       equal exactly where they are in the pool, across universes they never are. The band index
 *       then holds the pool's real band sharing, repeated, rather than a million copies of one
 *       bucket;
 *   <li>its story terms are the pool article's entity, date and number terms, its lexical terms at
 *       even ranks and those at odd ranks of another pool article of the same language (universe 0:
 *       the pool article's own), as fresh strings: the vocabulary and the postings are the
 *       corpus's, the term sets do not repeat.
 * </ul>
 *
 * <p>The index entries ({@link #decided}) carry the verdicts and stories the decide step gave the
 * pool itself (decided once, in order, by a {@link DecisionIndex}), mapped to the universe's ids;
 * copies have no signature and no terms, as the decide step stores them.
 */
final class DecideCorpus {
  static final long START_MS = Instant.parse("2024-10-01T00:00:00Z").toEpochMilli();
  private static final HexFormat HEX = HexFormat.of();

  /** What the prepare step hands the decide step for one article. */
  record Input(String id, long time, String contentHash, int[] signature, StoryTerms terms) {}

  private final int pool;
  private final long keepMs;
  private final long perKeep;
  private final int[][] signatures;
  private final long[] hashes;
  private final StoryTerms[] terms;
  private final Map<String, int[]> partners;
  private final Verdict[] verdicts;
  private final int[] canonical;
  private final double[] similarity;
  private final int[] story;

  private DecideCorpus(
      int pool,
      long keepMs,
      long perKeep,
      int[][] signatures,
      long[] hashes,
      StoryTerms[] terms,
      Map<String, int[]> partners) {
    this.pool = pool;
    this.keepMs = keepMs;
    this.perKeep = perKeep;
    this.signatures = signatures;
    this.hashes = hashes;
    this.terms = terms;
    this.partners = partners;
    this.verdicts = new Verdict[pool];
    this.canonical = new int[pool];
    this.similarity = new double[pool];
    this.story = new int[pool];
  }

  /**
   * Annotates {@code pool} articles of the bench corpus learnt from {@code seeds} and decides them
   * once, in order, with {@code empty} (a new index with the settings of the one to fill).
   *
   * @param perKeep articles of the stream per {@link DecisionIndex#keepMs()} of record time: the
   *     size of an index that adds them
   */
  static DecideCorpus build(Path seeds, int pool, long perKeep, DecisionIndex empty)
      throws IOException {
    List<Article> articles =
        Corpus.fromSeeds(seeds)
            .articles(pool, 0.3, 42, Instant.ofEpochMilli(START_MS), Corpus.Options.news());
    Annotator annotator = EnrichConfig.from(Map.of()).annotator();
    int[][] signatures = new int[pool][];
    long[] hashes = new long[pool];
    StoryTerms[] terms = new StoryTerms[pool];
    Map<String, List<Integer>> byLanguage = new HashMap<>();
    for (int j = 0; j < pool; j++) {
      Article a = articles.get(j);
      String hash = Text.sha256Hex(Text.normalize(a.body()), 32);
      EnrichedArticle e = annotator.annotate(a, hash, Dedup.original(a.id()), Instant.EPOCH);
      signatures[j] = empty.signature(a.body());
      hashes[j] = Long.parseUnsignedLong(hash.substring(0, 16), 16);
      terms[j] = StoryFeatures.of(e);
      if (!terms[j].isEmpty()) {
        byLanguage.computeIfAbsent(terms[j].language(), l -> new ArrayList<>()).add(j);
      }
    }
    Map<String, int[]> partners = new HashMap<>();
    byLanguage.forEach(
        (l, js) -> partners.put(l, js.stream().mapToInt(Integer::intValue).toArray()));
    DecideCorpus c =
        new DecideCorpus(pool, empty.keepMs(), perKeep, signatures, hashes, terms, partners);
    Map<String, Integer> poolIndex = new HashMap<>();
    for (int j = 0; j < pool; j++) {
      Input in = c.input(j);
      poolIndex.put(in.id(), j);
      DecisionIndex.Decision d =
          empty.decide(in.id(), in.time(), in.contentHash(), in.signature(), in.terms());
      c.verdicts[j] = d.dedup().verdict();
      c.canonical[j] = poolIndex.get(d.dedup().canonicalId());
      c.similarity[j] = d.dedup().similarity();
      c.story[j] = poolIndex.get(d.storyId());
      empty.add(entry(in, d));
    }
    return c;
  }

  int pool() {
    return pool;
  }

  /** Verdict the pool article of stream article {@code g} got when the pool was decided. */
  Verdict poolVerdict(long g) {
    return verdicts[(int) (g % pool)];
  }

  /** Stream article {@code g}. */
  Input input(long g) {
    int k = (int) (g / pool);
    int j = (int) (g % pool);
    return new Input(id(g), time(g), contentHash(k, j), signature(k, j), terms(k, j));
  }

  /**
   * The index entry of stream article {@code g}: with the verdict and story its pool article got,
   * as the index holds it after a restore ({@link Decided#SERDE}: canonical and story ids are their
   * own strings unless the article's own id).
   */
  Decided decided(long g) {
    int k = (int) (g / pool);
    int j = (int) (g % pool);
    long base = (long) k * pool;
    String id = id(g);
    boolean original = verdicts[j] == Verdict.ORIGINAL;
    StoryTerms t = original ? terms(k, j) : null;
    return new Decided(
        id,
        time(g),
        contentHash(k, j),
        verdicts[j],
        canonical[j] == j ? id : id(base + canonical[j]),
        similarity[j],
        story[j] == j ? id : id(base + story[j]),
        original ? signature(k, j) : null,
        t == null || t.isEmpty() ? null : t);
  }

  /** The entry the decide step stores for an article and its decision (as DecideProcessor). */
  static Decided entry(Input in, DecisionIndex.Decision d) {
    boolean original = d.dedup().verdict() == Verdict.ORIGINAL;
    return new Decided(
        in.id(),
        in.time(),
        in.contentHash(),
        d.dedup().verdict(),
        d.dedup().canonicalId(),
        d.dedup().similarity(),
        d.storyId(),
        original ? in.signature() : null,
        original && in.terms() != null && !in.terms().isEmpty() ? in.terms() : null);
  }

  long time(long g) {
    return START_MS + g * keepMs / perKeep;
  }

  static String id(long g) {
    return HEX.toHexDigits(mix(g ^ 0x1d1d1d1dL)) + HEX.toHexDigits((int) mix(g + 0x5eed));
  }

  private String contentHash(int k, int j) {
    long h = hashes[j];
    return HEX.toHexDigits(mix(h ^ mix(k))) + HEX.toHexDigits(mix(h + 31L * k + 7));
  }

  private int[] signature(int k, int j) {
    int[] s = signatures[j];
    int[] out = new int[s.length];
    long salt = (long) k << 32;
    for (int i = 0; i < s.length; i++) {
      // mix is a bijection of longs: equal slot values stay equal within the universe.
      out[i] = (int) (mix(salt | (s[i] & 0xffffffffL)) >>> 32);
    }
    return out;
  }

  private StoryTerms terms(int k, int j) {
    StoryTerms own = terms[j];
    StoryTerms other = own;
    if (k > 0 && !own.isEmpty()) {
      int[] same = partners.get(own.language());
      other = terms[same[(int) Math.floorMod(mix((long) k * pool + j), (long) same.length)]];
    }
    Map<String, Float> mixed = new LinkedHashMap<>();
    int rank = 0;
    for (int i = 0; i < own.terms().length; i++) {
      String t = own.terms()[i];
      if (!StoryTerms.lexical(t) || rank++ % 2 == 0) {
        mixed.put(t, own.weights()[i]);
      }
    }
    rank = 0;
    for (int i = 0; i < other.terms().length; i++) {
      String t = other.terms()[i];
      if (StoryTerms.lexical(t) && rank++ % 2 == 1) {
        mixed.putIfAbsent(t, other.weights()[i]);
      }
    }
    String[] ts = new String[mixed.size()];
    float[] ws = new float[mixed.size()];
    int i = 0;
    for (Map.Entry<String, Float> e : mixed.entrySet()) {
      ts[i] = String.valueOf(e.getKey().toCharArray()); // its own string, as a decoded one
      ws[i++] = e.getValue();
    }
    return new StoryTerms(own.language(), ts, ws);
  }

  /** SplitMix64's finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Settings of the index the decide step runs with by default. */
  static DecisionIndex newIndex() {
    return new DecisionIndex(
        EnrichConfig.DEFAULT_DEDUP_HORIZON, EnrichConfig.DEFAULT_NEAR, StoryConfig.DEFAULTS);
  }
}
