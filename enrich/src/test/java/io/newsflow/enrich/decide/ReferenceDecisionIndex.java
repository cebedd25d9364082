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
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link DecisionIndex} as it was before it was made faster (commit cbad342, with the content-hash
 * fix of d006a8b), with its band map a plain {@code HashMap<Long, List>}: the specification {@code
 * DecisionIndexEquivalenceTest} holds the index to, decision by decision.
 */
final class ReferenceDecisionIndex {
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
  // earlier versions kept among their text only, by id (a late version at one's time replaces it)
  private final Map<String, List<Entry>> replaced = new HashMap<>();
  private final Map<String, Entry[]> byHash = new HashMap<>();
  private final Map<Long, List<Entry>> byBand = new HashMap<>();
  private final Map<String, ArrayDeque<Posting>> postings = new HashMap<>();
  // every entry, first in the order (record time, id) first, late ones in their place
  private final java.util.TreeSet<Entry> inOrder =
      new java.util.TreeSet<>(
          Comparator.comparingLong((Entry x) -> x.decided.time())
              .thenComparing(x -> x.decided.id())
              .thenComparingLong(x -> x.sequence));
  private long sequence;
  private long newest = Long.MIN_VALUE;

  /** An indexed article. */
  static final class Entry {
    final Decided decided;
    final long[] bandKeys;
    final float normIndependent;
    final float normLexical;

    Entry(Decided decided, long[] bandKeys) {
      this.decided = decided;
      this.bandKeys = bandKeys;
      StoryTerms t = decided.terms();
      this.normIndependent = t == null ? 0 : (float) t.normIndependent();
      this.normLexical = t == null ? 0 : (float) t.normLexical();
    }

    boolean firstOfText;
    long sequence;

    boolean before(long time, String id) {
      return Order.compare(decided.time(), decided.id(), time, id) < 0;
    }

    boolean before(Entry other) {
      return before(other.decided.time(), other.decided.id());
    }
  }

  private record Posting(Entry entry, float weight) {}

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

  ReferenceDecisionIndex(Duration horizon, NearConfig near, StoryConfig story) {
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
    for (Entry k : replaced.getOrDefault(id, List.of())) {
      // an earlier version kept among its text, sent again as it was (decide-log holds it)
      if (k.decided.time() == time && k.decided.contentHash().equals(contentHash)) {
        return new Decision(null, null, StoryKind.NONE);
      }
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
    Optional<Candidate> near = nearest(id, time, signature);
    if (near.isPresent()) {
      Candidate c = near.get();
      return new Decision(
          Dedup.nearCopyOf(c.id(), c.similarity()),
          byId.get(c.id()).decided.storyId(),
          StoryKind.COPY);
    }
    Entry best = terms == null || terms.isEmpty() ? null : bestStory(id, time, terms);
    return best == null
        ? new Decision(Dedup.original(id), id, StoryKind.OPENED)
        : new Decision(Dedup.original(id), best.decided.storyId(), StoryKind.JOINED);
  }

  private Optional<Candidate> nearest(String id, long time, int[] signature) {
    if (signature == null) {
      return Optional.empty();
    }
    Map<Entry, Boolean> seen = new IdentityHashMap<>();
    List<Candidate> verified = new ArrayList<>();
    for (long key : bands.longKeys(signature)) {
      byBand
          .getOrDefault(key, List.of())
          .forEach(
              e -> {
                if (seen.put(e, Boolean.TRUE) == null
                    && e.before(time, id)
                    && time - e.decided.time() <= horizonMs
                    && !e.decided.id().equals(id)) {
                  double s = MinHasher.similarity(signature, e.decided.signature());
                  if (s >= threshold) {
                    verified.add(new Candidate(e.decided.id(), e.decided.time(), s, null));
                  }
                }
              });
    }
    return Canonical.choose(verified);
  }

  private static final class Acc {
    final Entry entry;
    double dotIndependent;
    double dotLexical;

    Acc(Entry entry) {
      this.entry = entry;
    }

    double dot() {
      return dotIndependent + dotLexical;
    }
  }

  /** The earlier original whose story this one joins, or null (see {@link StoryKind#JOINED}). */
  private Entry bestStory(String id, long time, StoryTerms terms) {
    Map<Entry, Acc> found = new IdentityHashMap<>();
    for (int i = 0; i < terms.terms().length; i++) {
      ArrayDeque<Posting> list = postings.get(terms.terms()[i]);
      if (list == null) {
        continue;
      }
      boolean lexical = StoryTerms.lexical(terms.terms()[i]);
      int read = 0;
      for (Iterator<Posting> it = list.descendingIterator();
          it.hasNext() && read < story.postingsPerTerm(); ) {
        Posting p = it.next();
        Entry e = p.entry();
        if (!e.before(time, id) || time - e.decided.time() > windowMs) {
          continue;
        }
        read++;
        if (e.decided.id().equals(id)) {
          continue;
        }
        Acc acc = found.computeIfAbsent(e, Acc::new);
        double product = (double) terms.weights()[i] * p.weight();
        if (lexical) {
          acc.dotLexical += product;
        } else {
          acc.dotIndependent += product;
        }
      }
    }
    List<Acc> ranked = new ArrayList<>(found.values());
    ranked.sort(
        Comparator.comparingDouble((Acc a) -> -a.dot()).thenComparing(a -> a.entry.decided.id()));
    double normInd = terms.normIndependent();
    double normLex = terms.normLexical();
    Entry best = null;
    double bestScore = -1;
    for (Acc a : ranked.subList(0, Math.min(MAX_MATCHES, ranked.size()))) {
      Decided d = a.entry.decided;
      double s =
          StoryScore.of(
              story,
              a.dotIndependent,
              a.dotLexical,
              normInd,
              a.entry.normIndependent,
              normLex,
              a.entry.normLexical,
              terms.language().equals(d.terms().language()),
              time - d.time());
      if (s < story.threshold()) {
        continue;
      }
      if (s > bestScore || (s == bestScore && d.id().compareTo(best.decided.id()) < 0)) {
        bestScore = s;
        best = a.entry;
      }
    }
    return best;
  }

  /**
   * Adds a decided article, then forgets the entries older than the newest record time minus {@link
   * #keepMs()}.
   */
  public void add(Decided d) {
    Entry old = byId.get(d.id());
    if (old != null && d.time() < old.decided.time()) {
      // a late earlier version: among the articles of its text only, the later version stays; it
      // replaces a kept version with its record time (decide-log keeps one entry per id and time)
      List<Entry> kept = replaced.getOrDefault(d.id(), new ArrayList<>());
      for (Entry k : new ArrayList<>(kept)) {
        if (k.decided.time() == d.time()) {
          kept.remove(k);
          removeByText(k, true);
        }
      }
      Entry e = new Entry(d, null);
      e.sequence = sequence++;
      addByText(e);
      replaced.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(e);
      inOrder.add(e);
      expire();
      return;
    }
    if (old != null) {
      // the old version stays among the articles of its text until it expires, unless the new
      // one has its record time (decide-log keeps one entry per id and time: the new one)
      unindex(old, old.decided.time() == d.time());
      if (old.decided.time() != d.time()) {
        replaced.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(old);
      }
    }
    Entry e = new Entry(d, d.signature() == null ? null : bands.longKeys(d.signature()));
    e.sequence = sequence++;
    byId.put(d.id(), e);
    addByText(e);
    if (e.bandKeys != null) {
      for (long key : e.bandKeys) {
        byBand.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
      }
    }
    if (d.terms() != null) {
      for (int i = 0; i < d.terms().terms().length; i++) {
        ArrayDeque<Posting> list =
            postings.computeIfAbsent(d.terms().terms()[i], t -> new ArrayDeque<>());
        // in the order, the first in the order going when there are too many (a late entry
        // takes its place, as in an index rebuilt in the order)
        List<Posting> sorted = new ArrayList<>(list);
        int at = sorted.size();
        while (at > 0 && e.before(sorted.get(at - 1).entry())) {
          at--;
        }
        sorted.add(at, new Posting(e, d.terms().weights()[i]));
        while (sorted.size() > postingsCap) {
          sorted.remove(0);
        }
        list.clear();
        list.addAll(sorted);
      }
    }
    inOrder.add(e);
    newest = Math.max(newest, d.time());
    expire();
  }

  private void expire() {
    while (!inOrder.isEmpty() && inOrder.first().decided.time() < newest - keepMs) {
      Entry e = inOrder.pollFirst();
      if (byId.get(e.decided.id()) == e) {
        byId.remove(e.decided.id());
        byText(e);
        unindex(e, false);
      } else {
        byText(e);
        List<Entry> kept = replaced.get(e.decided.id());
        if (kept != null && kept.remove(e) && kept.isEmpty()) {
          replaced.remove(e.decided.id());
        }
      }
    }
  }

  private void unindex(Entry e, boolean byText) {
    Decided d = e.decided;
    if (byText) {
      removeByText(e, true); // replaced at its record time: as if it had never come
    }
    if (e.bandKeys != null) {
      for (long key : e.bandKeys) {
        List<Entry> list = byBand.get(key);
        if (list != null) {
          for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == e) {
              list.remove(i);
              break;
            }
          }
          if (list.isEmpty()) {
            byBand.remove(key);
          }
        }
      }
    }
    if (d.terms() != null) {
      for (String term : d.terms().terms()) {
        ArrayDeque<Posting> list = postings.get(term);
        if (list != null) {
          list.removeIf(p -> p.entry() == e);
          if (list.isEmpty()) {
            postings.remove(term);
          }
        }
      }
    }
  }

  // The content-hash map as DecisionIndex holds it (the fix of d006a8b, kept alike here).

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
      s.firstOfText = first == null || s.decided.time() - first.decided.time() > horizonMs;
      if (s.firstOfText) {
        first = s;
      }
    }
  }

  /** Expiry: the marks of the others stay as they are. */
  private void byText(Entry e) {
    removeByText(e, false);
  }

  /** {@code mark}: the entries after it are marked again, as if it had never come. */
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
