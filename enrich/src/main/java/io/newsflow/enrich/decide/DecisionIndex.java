package io.newsflow.enrich.decide;

import io.newsflow.analysis.near.LshBands;
import io.newsflow.analysis.near.MinHasher;
import io.newsflow.analysis.near.NearConfig;
import io.newsflow.analysis.story.StoryConfig;
import io.newsflow.analysis.story.StoryScore;
import io.newsflow.analysis.story.StoryTerms;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.Verdict;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The decisions of the decide step, in memory: exact copy, near copy and story of each article
 * against every article decided before it. Plain Java, no Kafka: the decide processor feeds it in
 * the canonical order and rebuilds it from {@link Decided} entries on restore; the benchmarks drive
 * it alone.
 *
 * <p>It holds, for the articles of the last {@code max(dedup horizon, story window)}:
 *
 * <ul>
 *   <li>by id: the latest {@link Decided} entry of each article (a re-send is recognised here);
 *   <li>by content hash: the articles with that text, in the order, each marked whether it is the
 *       first of its text (the first in the order, or the first more than a horizon after the
 *       previous first): an article copies the last first before it, when within the horizon. The
 *       marks follow the order, not the arrival: a late article recomputes those after it, so the
 *       index a rebuild makes from the entries in the order answers alike;
 *   <li>LSH bands ({@link LongMultiMap}): the originals, by each of their band keys;
 *   <li>story postings ({@link Postings}): per term, the last {@code 2 * postings-per-term}
 *       originals with it in the order (record time, id), a late one in its place.
 * </ul>
 *
 * <p>Copies are never near-copy candidates or postings: a copy stands for its original, which is
 * indexed itself (the rule of {@link Canonical}). A lookup only considers entries earlier than the
 * article in the order (record time, then id), so an article never becomes a copy of, or joins the
 * story of, a later one, even when it arrives late.
 *
 * <p>Laid out for a million articles, where nearly every look-up misses the CPU caches: band keys
 * and postings hold an entry's <em>handle</em> (its number in a table of the indexed entries) in
 * primitive arrays, postings its record time too, and what scoring a story match needs is kept by
 * handle, so a look-up reads an entry only when it is a near-copy candidate or the story found. An
 * entry keeps its {@link Decided} without the story terms (most of an original's heap). Not
 * thread-safe: the decide step has one thread. {@code DecisionIndexEquivalenceTest} holds it to the
 * decisions of the plain index it replaced.
 */
public final class DecisionIndex {
  /** Matches scored per article, best dot products first (as the earlier index answered). */
  static final int MAX_MATCHES = 100;

  private final long horizonMs;
  private final long windowMs;
  private final long keepMs;
  private final double threshold;
  private final MinHasher hasher;
  private final LshBands bands;
  private final StoryConfig story;
  private final int postingsCap;

  private final Map<String, Entry> byId = new HashMap<>();
  // The earlier versions of an article kept among the articles of their text only (replaced by a
  // later version, or come late), by id, until they expire: a late version with the record time
  // of one of them replaces it, as in decide-log (one entry per id and record time).
  private final Map<String, List<Entry>> replaced = new HashMap<>();
  private final Map<String, Entry[]> byHash = new HashMap<>();
  private final LongMultiMap byBand = new LongMultiMap();
  private final Map<String, Postings> postings = new HashMap<>();
  private final Map<String, Integer> languages = new HashMap<>();
  // Entries in the order (record time, id) as they were decided; late ones (decided after an
  // entry that comes after them in the order) apart, in the order too: expiry takes the first of
  // both, so that a late entry goes when a rebuilt index (which adds in the order) forgets it.
  private final ArrayDeque<Entry> inOrder = new ArrayDeque<>();
  private static final Comparator<Entry> LATE_ORDER =
      Comparator.comparingLong((Entry x) -> x.time)
          .thenComparing(x -> x.decided.id())
          .thenComparingLong(x -> x.sequence);
  private final PriorityQueue<Entry> late = new PriorityQueue<>(LATE_ORDER);
  private long sequence;
  private long newest = Long.MIN_VALUE;

  // Entries in the bands and postings, by handle; freed handles are reused. What scoring a story
  // match needs of an entry, by handle too: a look-up scores a hundred, and reads no entry for it.
  private Entry[] byHandle = new Entry[1024];
  private float[] normIndependentBy = new float[1024];
  private float[] normLexicalBy = new float[1024];
  private int[] languageBy = new int[1024];
  private int handles;
  private int[] freeHandles = new int[64];
  private int freeCount;

  // Scratch of one look-up. Near copies: the look-up's number marks the entries met. Stories: the
  // entries met, by handle, in a small open-addressing table, their dot products side by side.
  private long lookups;
  // What the prefetching reads sum to: kept, so that they are not optimised away.
  private long prefetched;
  private int[] metHandles = new int[256];
  private int[] metPositions = new int[256];
  private int[] tiedSlots = new int[256];
  private Postings[] termLists = new Postings[64];
  private double[] dotIndependent = new double[256];
  private double[] dotLexical = new double[256];
  private long[] metTimes = new long[256];
  private double[] rankKeys = new double[256];
  private double normsIndependent;
  private double normsLexical;
  private int[] slotKeys = new int[1024]; // handle + 1; 0: free
  private int[] slotValues = new int[1024];

  // The band keys of the signature decided last: add() needs them again.
  private int[] lastSignature;
  private long[] lastBandKeys;

  /**
   * An indexed article: {@link #decided} without its story terms, which are most of an original's
   * heap (the postings hold them; language and norms are kept by handle).
   */
  static final class Entry {
    final Decided decided;
    final long time;
    final long[] bandKeys;

    /** Its number in the bands and postings. */
    int handle;

    /** The posting list of each of its terms, as it was when the entry was added. */
    Postings[] lists;

    /** The near-copy look-up that last met this entry ({@link #lookups}). */
    long mark;

    /** Whether it begins a horizon of its text (see {@link DecisionIndex}); set by the index. */
    boolean firstOfText;

    /** The number of its addition, telling apart two entries of one id and time. */
    long sequence;

    Entry(Decided decided, long[] bandKeys) {
      this.decided =
          decided.terms() == null
              ? decided
              : new Decided(
                  decided.id(),
                  decided.time(),
                  decided.contentHash(),
                  decided.verdict(),
                  decided.canonicalId(),
                  decided.similarity(),
                  decided.storyId(),
                  decided.signature(),
                  null);
      this.time = decided.time();
      this.bandKeys = bandKeys;
    }

    boolean before(long time, String id) {
      return Order.compare(this.time, decided.id(), time, id) < 0;
    }

    boolean before(Entry other) {
      return before(other.time, other.decided.id());
    }
  }

  /**
   * What the index decided for one article.
   *
   * @param dedup its verdict, null for a re-send (same id and text as an article already decided)
   * @param storyId its story, null for a re-send
   * @param storyKind how the story was found
   */
  public record Decision(Dedup dedup, String storyId, StoryKind storyKind) {
    public boolean resend() {
      return dedup == null;
    }

    /**
     * The durable entry of the article this decides (not for a re-send): originals keep their
     * signature and story terms (when they have any), copies neither.
     */
    public Decided entry(
        String id, long time, String contentHash, int[] signature, StoryTerms terms) {
      boolean original = !dedup.isCopy();
      return new Decided(
          id,
          time,
          contentHash,
          dedup.verdict(),
          dedup.canonicalId(),
          dedup.similarity(),
          storyId,
          original ? signature : null,
          original && terms != null && !terms.isEmpty() ? terms : null);
    }
  }

  /** How an article got its story. */
  public enum StoryKind {
    /** A copy: its original's. */
    COPY,
    /** The story of the best-scoring earlier original at or above the threshold. */
    JOINED,
    /** None close enough: a new story, named by the article's id. */
    OPENED,
    /** Not decided (a re-send). */
    NONE
  }

  public DecisionIndex(Duration horizon, NearConfig near, StoryConfig story) {
    this.horizonMs = horizon.toMillis();
    this.windowMs = story.window().toMillis();
    this.keepMs = Math.max(horizonMs, windowMs);
    this.threshold = near.threshold();
    this.hasher = new MinHasher(near.shingleSize(), near.permutations());
    this.bands = new LshBands(near.permutations(), near.bands());
    this.story = story;
    this.postingsCap = 2 * story.postingsPerTerm();
  }

  /** The MinHash signature the index compares (computed by the prepare step). */
  public int[] signature(String body) {
    return hasher.signature(body);
  }

  /** Articles indexed. */
  public int size() {
    return byId.size();
  }

  /** Texts (content hashes) indexed, old versions of updated articles included. */
  int texts() {
    return byHash.size();
  }

  /** How long an entry is kept after the newest one: the longer of horizon and story window. */
  public long keepMs() {
    return keepMs;
  }

  /** Decides an article against the entries before it; does not add it (see {@link #add}). */
  public Decision decide(
      String id, long time, String contentHash, int[] signature, StoryTerms terms) {
    Entry same = byId.get(id);
    if (same != null
        && same.decided.contentHash().equals(contentHash)
        && Math.abs(time - same.decided.time()) <= horizonMs) {
      return new Decision(null, null, StoryKind.NONE);
    }
    if (same != null && keptVersion(id, time, contentHash)) {
      // an earlier version kept among its text, sent again as it was (decide-log holds it)
      return new Decision(null, null, StoryKind.NONE);
    }
    Entry first = firstOfTextBefore(contentHash, time, id);
    if (first != null
        && time - first.decided.time() <= horizonMs
        && !first.decided.id().equals(id)) {
      Decided f = first.decided;
      // The first article with this text; when it is a copy itself, this one copies its original.
      Dedup dedup =
          f.isOriginal() || f.verdict() == Verdict.EXACT
              ? Dedup.exactCopyOf(f.canonicalId())
              : Dedup.nearCopyOf(f.canonicalId(), f.similarity());
      return new Decision(dedup, f.storyId(), StoryKind.COPY);
    }
    // Band and posting entries are all current (in byId): the one with this id, if any, is same.
    Optional<Candidate> near = nearest(id, time, signature, same);
    if (near.isPresent()) {
      Candidate c = near.get();
      return new Decision(
          Dedup.nearCopyOf(c.id(), c.similarity()),
          byId.get(c.id()).decided.storyId(),
          StoryKind.COPY);
    }
    Entry best = terms == null || terms.isEmpty() ? null : bestStory(id, time, terms, same);
    return best == null
        ? new Decision(Dedup.original(id), id, StoryKind.OPENED)
        : new Decision(Dedup.original(id), best.decided.storyId(), StoryKind.JOINED);
  }

  /** Whether an earlier version of {@code id} with this record time and text is kept. */
  private boolean keptVersion(String id, long time, String contentHash) {
    List<Entry> kept = replaced.get(id);
    if (kept != null) {
      for (Entry k : kept) {
        if (k.time == time && k.decided.contentHash().equals(contentHash)) {
          return true;
        }
      }
    }
    return false;
  }

  private Optional<Candidate> nearest(String id, long time, int[] signature, Entry self) {
    if (signature == null) {
      return Optional.empty();
    }
    long lookup = ++lookups;
    List<Candidate> verified = null;
    long[] keys = bandKeys(signature);
    prefetched += byBand.prefetch(keys);
    for (long key : keys) {
      for (int k = 0, n = byBand.candidates(key); k < n; k++) {
        Entry e = byHandle[byBand.found(k)];
        // A slot holds a fingerprint of the key: the entry must have the key itself.
        if (e.mark == lookup || !contains(e.bandKeys, key)) {
          continue;
        }
        e.mark = lookup;
        if (e != self && time - e.time <= horizonMs && e.before(time, id)) {
          double s = MinHasher.similarity(signature, e.decided.signature());
          if (s >= threshold) {
            if (verified == null) {
              verified = new ArrayList<>();
            }
            verified.add(new Candidate(e.decided.id(), e.decided.time(), s, null));
          }
        }
      }
    }
    return verified == null ? Optional.empty() : Canonical.choose(verified);
  }

  private static boolean contains(long[] keys, long key) {
    for (long k : keys) {
      if (k == key) {
        return true;
      }
    }
    return false;
  }

  /** The band keys of a signature; the last ones are kept for {@link #add} of the same article. */
  private long[] bandKeys(int[] signature) {
    if (lastSignature == null || !Arrays.equals(lastSignature, signature)) {
      lastBandKeys = bands.longKeys(signature);
      lastSignature = signature.clone();
    }
    return lastBandKeys;
  }

  /** The earlier original whose story this one joins, or null (see {@link StoryKind#JOINED}). */
  private Entry bestStory(String id, long time, StoryTerms terms, Entry self) {
    int selfHandle = self == null ? -1 : self.handle;
    int perTerm = story.postingsPerTerm();
    String[] ts = terms.terms();
    float[] ws = terms.weights();
    if (termLists.length < ts.length) {
      termLists = new Postings[Math.max(ts.length, 2 * termLists.length)];
    }
    // The lists first, then their newest postings, then the work: the misses overlap.
    for (int i = 0; i < ts.length; i++) {
      termLists[i] = postings.get(ts[i]);
    }
    for (int i = 0; i < ts.length; i++) {
      if (termLists[i] != null) {
        prefetched += termLists[i].time(termLists[i].newest(0));
      }
    }
    int n = 0;
    try {
      for (int i = 0; i < ts.length; i++) {
        Postings list = termLists[i];
        if (list == null) {
          continue;
        }
        boolean lexical = StoryTerms.lexical(ts[i]);
        int read = 0;
        for (int r = 0, size = list.size(); r < size && read < perTerm; r++) {
          int at = list.newest(r);
          long t = list.time(at);
          // Earlier in the order (time, then id) and within the window, as Entry.before.
          if (time - t > windowMs
              || t > time
              || (t == time && byHandle[list.handle(at)].decided.id().compareTo(id) >= 0)) {
            continue;
          }
          read++;
          int handle = list.handle(at);
          if (handle == selfHandle) {
            continue;
          }
          int k = slot(handle, n);
          if (k == n) {
            n++;
            dotIndependent[k] = 0;
            dotLexical[k] = 0;
            metTimes[k] = t;
          }
          double product = (double) ws[i] * list.weight(at);
          if (lexical) {
            dotLexical[k] += product;
          } else {
            dotIndependent[k] += product;
          }
        }
      }
      return best(n, time, terms);
    } finally {
      for (int k = 0; k < n; k++) {
        slotKeys[metPositions[k]] = 0;
      }
      Arrays.fill(termLists, 0, ts.length, null);
    }
  }

  /**
   * The slot of {@code handle} among the {@code n} entries met by this look-up; {@code n} when it
   * is new (then it is entered).
   */
  private int slot(int handle, int n) {
    if (n == metHandles.length) {
      growMet();
    }
    if (2 * (n + 1) > slotKeys.length) {
      growSlots(n);
    }
    int mask = slotKeys.length - 1;
    int i = (handle * 0x9E3779B9) >>> 7 & mask;
    while (slotKeys[i] != 0) {
      if (slotKeys[i] == handle + 1) {
        return slotValues[i];
      }
      i = (i + 1) & mask;
    }
    slotKeys[i] = handle + 1;
    slotValues[i] = n;
    metHandles[n] = handle;
    metPositions[n] = i;
    return n;
  }

  private void growMet() {
    int size = metHandles.length * 2;
    metHandles = Arrays.copyOf(metHandles, size);
    metPositions = Arrays.copyOf(metPositions, size);
    tiedSlots = new int[size];
    dotIndependent = Arrays.copyOf(dotIndependent, size);
    dotLexical = Arrays.copyOf(dotLexical, size);
    metTimes = Arrays.copyOf(metTimes, size);
    rankKeys = new double[size];
  }

  private void growSlots(int n) {
    slotKeys = new int[slotKeys.length * 2];
    slotValues = new int[slotKeys.length];
    int mask = slotKeys.length - 1;
    for (int k = 0; k < n; k++) {
      int i = (metHandles[k] * 0x9E3779B9) >>> 7 & mask;
      while (slotKeys[i] != 0) {
        i = (i + 1) & mask;
      }
      slotKeys[i] = metHandles[k] + 1;
      slotValues[i] = k;
      metPositions[k] = i;
    }
  }

  /**
   * Of the {@code n} entries met, the best-scoring one at or above the threshold among the {@link
   * #MAX_MATCHES} with the highest dot products (ties: smaller id first). The winner does not
   * depend on the order they are scored in: highest score, then smallest id.
   */
  private Entry best(int n, long time, StoryTerms terms) {
    norms(terms);
    double normInd = normsIndependent;
    double normLex = normsLexical;
    int language = languages.getOrDefault(terms.language(), -1);
    double cut = n <= MAX_MATCHES ? 0 : cutOff(n);
    int tied = 0;
    int taken = 0;
    int best = -1;
    double bestScore = -1;
    for (int k = 0; k < n; k++) {
      if (n > MAX_MATCHES) {
        int c = Double.compare(-(dotIndependent[k] + dotLexical[k]), cut);
        if (c > 0) {
          continue;
        }
        if (c == 0) {
          tiedSlots[tied++] = k;
          continue;
        }
        taken++;
      }
      double s = score(k, normInd, normLex, language, time);
      if (s >= story.threshold() && (s > bestScore || (s == bestScore && idBefore(k, best)))) {
        bestScore = s;
        best = k;
      }
    }
    // Of the entries tied at the cut, those with the smallest ids fill the places left.
    String last = null;
    int room = MAX_MATCHES - taken;
    if (tied > room) {
      String[] ids = new String[tied];
      for (int j = 0; j < tied; j++) {
        ids[j] = byHandle[metHandles[tiedSlots[j]]].decided.id();
      }
      last = select(ids, room - 1);
    }
    for (int j = 0; j < tied; j++) {
      int k = tiedSlots[j];
      if (last != null && byHandle[metHandles[k]].decided.id().compareTo(last) > 0) {
        continue;
      }
      double s = score(k, normInd, normLex, language, time);
      if (s >= story.threshold() && (s > bestScore || (s == bestScore && idBefore(k, best)))) {
        bestScore = s;
        best = k;
      }
    }
    return best < 0 ? null : byHandle[metHandles[best]];
  }

  /** Whether match {@code k}'s id comes before match {@code other}'s. */
  private boolean idBefore(int k, int other) {
    return byHandle[metHandles[k]].decided.id().compareTo(byHandle[metHandles[other]].decided.id())
        < 0;
  }

  private double score(int k, double normInd, double normLex, int language, long time) {
    int h = metHandles[k];
    return StoryScore.of(
        story,
        windowMs,
        dotIndependent[k],
        dotLexical[k],
        normInd,
        normIndependentBy[h],
        normLex,
        normLexicalBy[h],
        language == languageBy[h],
        time - metTimes[k]);
  }

  /**
   * {@link StoryTerms#normIndependent()} and {@link StoryTerms#normLexical()} (the same sums in the
   * same order) in one pass, into {@link #normsIndependent} and {@link #normsLexical}.
   */
  private void norms(StoryTerms terms) {
    String[] ts = terms.terms();
    float[] ws = terms.weights();
    double independent = 0;
    double lexical = 0;
    for (int i = 0; i < ts.length; i++) {
      if (StoryTerms.lexical(ts[i])) {
        lexical += (double) ws[i] * ws[i];
      } else {
        independent += (double) ws[i] * ws[i];
      }
    }
    normsIndependent = independent;
    normsLexical = lexical;
  }

  /** The element of rank {@code k} (0-based) of distinct strings, by quickselect; reorders them. */
  private static String select(String[] a, int k) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo < hi) {
      String pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i].compareTo(pivot) < 0) {
          i++;
        }
        while (a[j].compareTo(pivot) > 0) {
          j--;
        }
        if (i <= j) {
          String t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        break;
      }
    }
    return a[k];
  }

  /**
   * The rank key ({@code -dot}, ordered by {@link Double#compare}, as the matches were sorted) of
   * the {@link #MAX_MATCHES}-th best of the {@code n > MAX_MATCHES} entries met: those below it are
   * in, those equal to it are in by id.
   */
  private double cutOff(int n) {
    double[] a = rankKeys;
    for (int k = 0; k < n; k++) {
      a[k] = -(dotIndependent[k] + dotLexical[k]);
    }
    // Quickselect (Hoare partition) of the element of rank MAX_MATCHES - 1 in a[0, n).
    int target = MAX_MATCHES - 1;
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (Double.compare(a[i], pivot) < 0) {
          i++;
        }
        while (Double.compare(a[j], pivot) > 0) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      // Now a[lo..j] <= pivot <= a[i..hi], and a[j+1..i-1] == pivot.
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        break;
      }
    }
    return a[target];
  }

  /**
   * Adds a decided article, then forgets the entries older than the newest record time minus {@link
   * #keepMs()}.
   */
  public void add(Decided d) {
    Entry old = byId.get(d.id());
    if (old != null && d.time() < old.time) {
      // A late earlier version of an article: in the order it comes before the version already
      // here, which replaces it. So it joins the articles of its text only, as in an index rebuilt
      // in the order (where it is added first, then replaced); the later version stays.
      // An earlier version kept with this record time leaves: decide-log holds this one instead.
      List<Entry> kept = replaced.get(d.id());
      if (kept != null) {
        for (int k = 0; k < kept.size(); k++) {
          if (kept.get(k).time == d.time()) {
            removeByText(kept.remove(k), true);
            break;
          }
        }
      }
      Entry e = new Entry(d, null);
      e.sequence = sequence++;
      addByText(e);
      replaced.computeIfAbsent(d.id(), k -> new ArrayList<>(2)).add(e);
      Entry last = inOrder.peekLast();
      if (last != null && e.before(last)) {
        late.add(e);
      } else {
        inOrder.addLast(e);
      }
      expire();
      return;
    }
    if (old != null) {
      // A new version of an article: the old one leaves the band keys and postings, but stays
      // among the articles of its text until it expires, as it stays in the order: a later copy
      // of the old text still copies the first article in the order with that text. Unless the
      // new version has the old one's record time: decide-log (one entry per id and record time)
      // then holds the new one only, and so does the index rebuilt from it at a start.
      unindex(old, false, old.time == d.time());
      if (old.time != d.time()) {
        replaced.computeIfAbsent(d.id(), k -> new ArrayList<>(2)).add(old);
      }
    }
    Entry e = new Entry(d, d.signature() == null ? null : bandKeys(d.signature()).clone());
    e.sequence = sequence++;
    e.handle = newHandle(e);
    if (d.terms() != null) {
      norms(d.terms());
      normIndependentBy[e.handle] = (float) normsIndependent;
      normLexicalBy[e.handle] = (float) normsLexical;
      // Languages by number: equal numbers for equal strings, as equals compared them.
      languageBy[e.handle] = languages.computeIfAbsent(d.terms().language(), l -> languages.size());
    }
    byId.put(d.id(), e);
    addByText(e);
    if (e.bandKeys != null) {
      prefetched += byBand.prefetch(e.bandKeys);
      for (long key : e.bandKeys) {
        byBand.add(key, e.handle);
      }
    }
    if (d.terms() != null) {
      String[] ts = d.terms().terms();
      e.lists = new Postings[ts.length];
      for (int i = 0; i < ts.length; i++) {
        e.lists[i] = postings.computeIfAbsent(ts[i], Postings::new);
        e.lists[i].add(
            e.time, d.id(), e.handle, d.terms().weights()[i], postingsCap, this::idOfHandle);
      }
    }
    Entry last = inOrder.peekLast();
    if (last != null && e.before(last)) {
      late.add(e); // a late article: expired in its place in the order, as a rebuilt index would
    } else {
      inOrder.addLast(e);
    }
    newest = Math.max(newest, d.time());
    expire();
  }

  private int newHandle(Entry e) {
    int h;
    if (freeCount > 0) {
      h = freeHandles[--freeCount];
    } else {
      if (handles == byHandle.length) {
        byHandle = Arrays.copyOf(byHandle, handles * 2);
        normIndependentBy = Arrays.copyOf(normIndependentBy, handles * 2);
        normLexicalBy = Arrays.copyOf(normLexicalBy, handles * 2);
        languageBy = Arrays.copyOf(languageBy, handles * 2);
      }
      h = handles++;
    }
    byHandle[h] = e;
    return h;
  }

  private void freeHandle(int h) {
    byHandle[h] = null;
    if (freeCount == freeHandles.length) {
      freeHandles = Arrays.copyOf(freeHandles, freeCount * 2);
    }
    freeHandles[freeCount++] = h;
  }

  private String idOfHandle(int handle) {
    return byHandle[handle].decided.id();
  }

  /**
   * Forgets entries older than the newest time minus {@link #keepMs()}, first in the order first.
   */
  private void expire() {
    while (true) {
      Entry a = inOrder.peekFirst();
      Entry b = late.peek();
      Entry e = a == null ? b : b == null ? a : LATE_ORDER.compare(b, a) < 0 ? b : a;
      if (e == null || e.decided.time() >= newest - keepMs) {
        return;
      }
      if (e == a) {
        inOrder.pollFirst();
      } else {
        late.poll();
      }
      if (byId.get(e.decided.id()) == e) {
        byId.remove(e.decided.id());
        unindex(e, true, true);
      } else {
        removeByText(e, false); // replaced by a newer version: only its text kept it
        List<Entry> kept = replaced.get(e.decided.id());
        if (kept != null && kept.remove(e) && kept.isEmpty()) {
          replaced.remove(e.decided.id());
        }
      }
    }
  }

  /**
   * Removes an entry from the look-up structures and frees its handle. {@code oldest}: it is the
   * first still indexed in the order (record time, id; expiry takes the first of the entries
   * decided in the order and of the late ones), so its postings, if any are left, are the first of
   * their lists: a list is in the order, a late posting in its place, and every entry before this
   * one in the order has been unindexed. Otherwise (an entry replaced by a new one with its id)
   * they are looked for in the whole list. {@code byText}: it also leaves the articles of its text
   * (not when it is replaced by a new version: it leaves them when it expires).
   *
   * <p>The lists are those the entry was added to, not looked up by term again: a list that has
   * left the map since (emptied) holds none of its postings, and the term's list now, if any, was
   * made after the entry and holds none either.
   */
  private void unindex(Entry e, boolean oldest, boolean byText) {
    if (byText) {
      removeByText(e, !oldest);
    }
    if (e.bandKeys != null) {
      prefetched += byBand.prefetch(e.bandKeys);
      for (long key : e.bandKeys) {
        byBand.remove(key, e.handle);
      }
    }
    if (e.lists != null) {
      for (Postings list : e.lists) {
        prefetched += list.size();
      }
      for (Postings list : e.lists) {
        if (oldest) {
          while (!list.isEmpty() && list.oldestHandle() == e.handle) {
            list.removeOldest();
          }
        } else {
          list.removeAll(e.handle);
        }
        if (list.isEmpty()) {
          postings.remove(list.term(), list);
        }
      }
      e.lists = null;
    }
    freeHandle(e.handle);
  }

  /** The last entry marked first of its text before (time, id) in the order, or null. */
  private Entry firstOfTextBefore(String contentHash, long time, String id) {
    Entry[] same = byHash.get(contentHash);
    if (same == null) {
      return null;
    }
    for (int k = same.length - 1; k >= 0; k--) {
      if (same[k].firstOfText && same[k].before(time, id)) {
        return same[k];
      }
    }
    return null;
  }

  /**
   * Puts the entry among the others of its text, in the order, and marks it and every one after it
   * (a late entry can change theirs) as first of its text or not.
   */
  private void addByText(Entry e) {
    Entry[] same = byHash.get(e.decided.contentHash());
    if (same == null) {
      e.firstOfText = true;
      byHash.put(e.decided.contentHash(), new Entry[] {e});
      return;
    }
    int at = same.length;
    while (at > 0 && e.before(same[at - 1])) {
      at--;
    }
    Entry[] more = new Entry[same.length + 1];
    System.arraycopy(same, 0, more, 0, at);
    more[at] = e;
    System.arraycopy(same, at, more, at + 1, same.length - at);
    markFrom(more, at);
    byHash.put(e.decided.contentHash(), more);
  }

  /**
   * Marks the entries of one text from index {@code at} on (in the order) first of their text or
   * not: the first in the order, or the first more than a horizon after the previous first.
   */
  private void markFrom(Entry[] same, int at) {
    Entry first = null;
    for (int k = at - 1; k >= 0 && first == null; k--) {
      first = same[k].firstOfText ? same[k] : null;
    }
    for (int k = at; k < same.length; k++) {
      Entry s = same[k];
      s.firstOfText = first == null || s.time - first.time > horizonMs;
      if (s.firstOfText) {
        first = s;
      }
    }
  }

  /**
   * Takes the entry from those of its text. {@code mark}: it leaves as if it had never come (a
   * version replaced at its record time, which decide-log no longer holds), so the entries after it
   * are marked first of their text or not again, as an index rebuilt without it marks them;
   * otherwise (expiry) the marks of the others stay as they are.
   */
  private void removeByText(Entry e, boolean mark) {
    Entry[] same = byHash.get(e.decided.contentHash());
    if (same == null) {
      return;
    }
    int at = -1;
    for (int k = 0; k < same.length && at < 0; k++) {
      at = same[k] == e ? k : -1;
    }
    if (at < 0) {
      return;
    }
    if (same.length == 1) {
      byHash.remove(e.decided.contentHash());
      return;
    }
    Entry[] fewer = new Entry[same.length - 1];
    System.arraycopy(same, 0, fewer, 0, at);
    System.arraycopy(same, at + 1, fewer, at, same.length - at - 1);
    if (mark && e.firstOfText) {
      markFrom(fewer, at);
    }
    byHash.put(e.decided.contentHash(), fewer);
  }
}
