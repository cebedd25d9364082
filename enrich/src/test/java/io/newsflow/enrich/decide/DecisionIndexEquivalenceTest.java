package io.newsflow.enrich.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.near.NearConfig;
import io.newsflow.analysis.story.StoryConfig;
import io.newsflow.analysis.story.StoryTerms;
import io.newsflow.contracts.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DecisionIndex} decides every article as {@link ReferenceDecisionIndex} (the index before
 * it was made faster) does: same verdict, original, similarity, story and story kind, on random
 * streams dense in what the look-ups must get exactly right: near-copy families around the
 * threshold, exact copies of copies, re-sends and re-used ids, equal times, late articles, expiry,
 * capped posting lists, more than {@link DecisionIndex#MAX_MATCHES} story matches with tied dot
 * products.
 */
class DecisionIndexEquivalenceTest {
  private static final int PERMUTATIONS = 24;
  private static final NearConfig NEAR = new NearConfig(2, PERMUTATIONS, 8, 0.4);
  private static final Duration HORIZON = Duration.ofMinutes(10);
  private static final StoryConfig STORY =
      new StoryConfig(Duration.ofMinutes(20), 0.3, 0.8, 3.0, 8);
  private static final float[] WEIGHTS = {1f, 1.5f, 2f, 3f};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void shouldDecideEveryArticleAsTheReferenceIndex(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Both both = new Both(STORY);
    List<Article> seen = new ArrayList<>();
    List<int[]> families = new ArrayList<>();
    Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    Map<DecisionIndex.StoryKind, Integer> kinds = new EnumMap<>(DecisionIndex.StoryKind.class);
    long time = 1_700_000_000_000L;
    for (int n = 0; n < 12_000; n++) {
      double r = random.nextDouble();
      // Mostly forward in time, sometimes the same time, sometimes late.
      long t = r < 0.1 ? time : r < 0.15 ? time - random.nextLong(1, 15 * 60_000) : time + 1_000;
      time = Math.max(time, t);
      Article a = article(random, n, t, seen, families);
      seen.add(a);
      DecisionIndex.Decision got = both.decideAndAdd(a);
      kinds.merge(got.storyKind(), 1, Integer::sum);
      if (!got.resend()) {
        verdicts.merge(got.dedup().verdict(), 1, Integer::sum);
      }
    }
    // The stream reached every kind of decision.
    assertThat(verdicts).containsOnlyKeys(Verdict.values());
    assertThat(verdicts.values()).allSatisfy(c -> assertThat(c).isGreaterThan(100));
    assertThat(kinds).containsOnlyKeys(DecisionIndex.StoryKind.values());
    assertThat(kinds.values()).allSatisfy(c -> assertThat(c).isGreaterThan(50));
  }

  /**
   * The index rebuilt from the decided entries in the order (what the decide task does at every
   * start, from {@code decide-log}) decides the next articles as the live index that took them as
   * they came, late ones included: a restart changes no decision.
   */
  @ParameterizedTest
  @ValueSource(longs = {5, 6, 7, 8})
  void shouldDecideAsTheLiveIndexWhenRebuiltFromTheLogInTheOrder(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    DecisionIndex live = new DecisionIndex(HORIZON, NEAR, STORY);
    Map<String, Decided> log = new LinkedHashMap<>(); // by id and time, as decide-log keys them
    java.util.Set<String> ids = new java.util.HashSet<>();
    List<Article> seen = new ArrayList<>();
    List<int[]> families = new ArrayList<>();
    long time = 1_700_000_000_000L;
    int lates = 0;
    int updates = 0;
    int lateVersions = 0;
    int compared = 0;
    DecisionIndex rebuilt = null;
    for (int n = 0; n < 6_000; n++) {
      if (n % 600 == 300) {
        rebuilt = new DecisionIndex(HORIZON, NEAR, STORY);
        log.values().stream()
            .sorted(Comparator.comparingLong(Decided::time).thenComparing(Decided::id))
            .forEach(rebuilt::add);
      } else if (n % 600 == 340) {
        rebuilt = null;
      }
      double r = random.nextDouble();
      long t = r < 0.1 ? time : r < 0.15 ? time - random.nextLong(1, 15 * 60_000) : time + 1_000;
      lates += t < time ? 1 : 0;
      time = Math.max(time, t);
      Article a = article(random, n, t, seen, families);
      Article previous = seen.isEmpty() ? null : seen.get(seen.size() - 1);
      if (previous != null && previous.time == t && random.nextDouble() < 0.5) {
        // An update of the previous article with its record time: decide-log keeps the update
        // only (one entry per id and time); later copies of the old text come now and then
        a = new Article(previous.id, t, "u" + n, a.signature, a.terms);
        updates++;
      } else if (t < time && ids.contains(a.id)) {
        // A late new version of an article already decided: the live index keeps the version
        // latest in the order as the rebuild does (applying the versions in the order)
        lateVersions++;
      }
      ids.add(a.id);
      seen.add(a);
      DecisionIndex.Decision got = live.decide(a.id, a.time, a.hash, a.signature, a.terms);
      if (rebuilt != null) {
        DecisionIndex.Decision again = rebuilt.decide(a.id, a.time, a.hash, a.signature, a.terms);
        assertThat(again).as("article %d after a rebuild", n).isEqualTo(got);
        compared++;
      }
      if (got.resend()) {
        continue;
      }
      Decided entry = entry(a, got);
      live.add(entry);
      log.put(a.id + "@" + a.time, entry);
      if (rebuilt != null) {
        rebuilt.add(entry);
      }
    }
    assertThat(lates).isGreaterThan(200);
    assertThat(updates).isGreaterThan(100);
    assertThat(lateVersions).isGreaterThan(10);
    assertThat(compared).isEqualTo(10 * 40);
  }

  /**
   * rev12b: as above, with many versions of few ids, on a minute grid (equal record times are
   * common: a late version often has the time of an older version, or of an entry of its text), and
   * texts reused: the rebuilt index still decides as the live one, and holds the same texts.
   */
  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24, 25, 26})
  void shouldDecideAsTheLiveIndexWhenRebuiltWithManyVersionsAtEqualTimes(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Both both = new Both(STORY); // the live index, held to the reference index too
    DecisionIndex live = both.index;
    Map<String, Decided> log = new LinkedHashMap<>(); // by id and time, as decide-log keys them
    List<Article> seen = new ArrayList<>();
    List<int[]> families = new ArrayList<>();
    long minute = 60_000;
    long time = 1_700_000_000_000L;
    int sameTimeVersions = 0;
    int resends = 0;
    int compared = 0;
    DecisionIndex rebuilt = null;
    for (int n = 0; n < 6_000; n++) {
      if (n % 300 == 150) {
        rebuilt = new DecisionIndex(HORIZON, NEAR, STORY);
        log.values().stream()
            .sorted(Comparator.comparingLong(Decided::time).thenComparing(Decided::id))
            .forEach(rebuilt::add);
        assertThat(rebuilt.texts()).as("texts at %d", n).isEqualTo(live.texts());
        assertThat(rebuilt.size()).as("articles at %d", n).isEqualTo(live.size());
      } else if (n % 300 == 190) {
        rebuilt = null;
      }
      double r = random.nextDouble();
      long t = r < 0.4 ? time : r < 0.7 ? time - random.nextLong(1, 10) * minute : time + minute;
      time = Math.max(time, t);
      Article a = article(random, n, t, seen, families);
      String id = random.nextDouble() < 0.5 ? "p" + random.nextInt(12) : a.id;
      String hash = random.nextDouble() < 0.3 ? "t" + random.nextInt(60) : a.hash;
      a = new Article(id, t, hash, a.signature, a.terms);
      if (log.containsKey(id + "@" + t)) {
        sameTimeVersions++;
      }
      seen.add(a);
      DecisionIndex.Decision again =
          rebuilt == null ? null : rebuilt.decide(a.id, a.time, a.hash, a.signature, a.terms);
      DecisionIndex.Decision got = both.decideAndAdd(a);
      if (rebuilt != null) {
        assertThat(again).as("article %d after a rebuild", n).isEqualTo(got);
        compared++;
      }
      if (got.resend()) {
        resends++;
        continue;
      }
      Decided entry = entry(a, got);
      log.put(a.id + "@" + a.time, entry);
      if (rebuilt != null) {
        rebuilt.add(entry);
      }
    }
    assertThat(sameTimeVersions).isGreaterThan(100);
    assertThat(resends).isGreaterThan(50);
    assertThat(compared).isEqualTo(20 * 40);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void rev2StressLateAndSmallCaps(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Both both = new Both(new StoryConfig(Duration.ofMinutes(20), 0.3, 0.8, 3.0, 1));
    List<Article> seen = new ArrayList<>();
    List<int[]> families = new ArrayList<>();
    long time = 1_700_000_000_000L;
    for (int n = 0; n < 30_000; n++) {
      double r = random.nextDouble();
      long t = r < 0.1 ? time : r < 0.4 ? time - random.nextLong(1, 25 * 60_000) : time + 1_000;
      time = Math.max(time, t);
      Article a = article(random, n, t, seen, families);
      seen.add(a);
      both.decideAndAdd(a);
    }
  }

  /**
   * A term's posting list empties (its first article's posting pushed out by the cap, the others'
   * articles replaced under their ids) and is made anew while that first article is still indexed;
   * when it expires, the new list must stay.
   */
  @Test
  void shouldKeepATermsNewListWhenAnArticleOfItsEmptiedListExpires() {
    Both both = new Both(new StoryConfig(Duration.ofMinutes(20), 0.3, 0.8, 3.0, 1));
    long t0 = 1_700_000_000_000L;
    long min = 60_000;
    both.decideAndAdd(new Article("e", t0, "he", null, term("e:T")));
    both.decideAndAdd(new Article("a", t0 + min, "ha", null, term("e:T")));
    both.decideAndAdd(new Article("b", t0 + 2 * min, "hb", null, term("e:T")));
    both.decideAndAdd(new Article("a", t0 + 3 * min, "ha2", null, term("e:U")));
    both.decideAndAdd(new Article("b", t0 + 4 * min, "hb2", null, term("e:U")));
    both.decideAndAdd(new Article("c", t0 + 5 * min, "hc", null, term("e:T")));
    both.decideAndAdd(new Article("f", t0 + 21 * min, "hf", null, term("e:V"))); // e expires

    DecisionIndex.Decision d =
        both.decideAndAdd(new Article("d", t0 + 22 * min, "hd", null, term("e:T")));

    assertThat(d.storyKind()).isEqualTo(DecisionIndex.StoryKind.JOINED);
    assertThat(d.storyId()).isEqualTo("c");
  }

  private static StoryTerms term(String term) {
    return new StoryTerms("en", new String[] {term}, new float[] {3f});
  }

  /** The index and the reference, fed alike; every decision compared. */
  private static final class Both {
    final DecisionIndex index;
    final ReferenceDecisionIndex reference;
    int n;

    Both(StoryConfig story) {
      index = new DecisionIndex(HORIZON, NEAR, story);
      reference = new ReferenceDecisionIndex(HORIZON, NEAR, story);
    }

    /** Decides an article with both, asserts they agree, adds it to both as the processor does. */
    DecisionIndex.Decision decideAndAdd(Article a) {
      n++;
      DecisionIndex.Decision got = index.decide(a.id, a.time, a.hash, a.signature, a.terms);
      ReferenceDecisionIndex.Decision want =
          reference.decide(a.id, a.time, a.hash, a.signature, a.terms);
      assertThat(got.dedup()).as("dedup of article %d", n).isEqualTo(want.dedup());
      assertThat(got.storyId()).as("story of article %d", n).isEqualTo(want.storyId());
      assertThat(got.storyKind().name())
          .as("kind of article %d", n)
          .isEqualTo(want.storyKind().name());
      if (got.resend()) {
        return got;
      }
      Decided entry = entry(a, got);
      index.add(entry);
      reference.add(entry);
      assertThat(index.size()).isEqualTo(reference.size());
      return got;
    }
  }

  /** The entry the decide step logs for {@code a} decided as {@code got} (not a re-send). */
  private static Decided entry(Article a, DecisionIndex.Decision got) {
    boolean original = got.dedup().verdict() == Verdict.ORIGINAL;
    return new Decided(
        a.id,
        a.time,
        a.hash,
        got.dedup().verdict(),
        got.dedup().canonicalId(),
        got.dedup().similarity(),
        got.storyId(),
        original ? a.signature : null,
        original && a.terms != null && !a.terms.isEmpty() ? a.terms : null);
  }

  private record Article(String id, long time, String hash, int[] signature, StoryTerms terms) {}

  private static Article article(
      SplittableRandom random, int n, long time, List<Article> seen, List<int[]> families) {
    double r = random.nextDouble();
    if (!seen.isEmpty() && r < 0.06) {
      // A re-send (same id and text), sometimes with another time.
      Article earlier = seen.get(seen.size() - 1 - random.nextInt(Math.min(seen.size(), 50)));
      return new Article(earlier.id, time, earlier.hash, earlier.signature, earlier.terms);
    }
    // Ids: fresh, or now and then one used before (a changed article under its old id).
    String id =
        !seen.isEmpty() && r < 0.09
            ? seen.get(random.nextInt(seen.size())).id
            : "a" + Integer.toString(n, 36);
    String hash;
    if (!seen.isEmpty() && r < 0.2) {
      // An exact copy of a recent article (an original or a copy).
      hash = seen.get(seen.size() - 1 - random.nextInt(Math.min(seen.size(), 200))).hash;
    } else {
      hash = "h" + n;
    }
    int[] signature;
    if (random.nextDouble() < 0.03) {
      signature = null;
    } else if (families.isEmpty() || random.nextDouble() < 0.4) {
      signature = randomSignature(random);
      families.add(signature);
    } else {
      // A member of a recent family: some slots changed, so similarity straddles the threshold.
      int[] base =
          families.get(families.size() - 1 - random.nextInt(Math.min(families.size(), 80)));
      signature = base.clone();
      int changed = random.nextInt(PERMUTATIONS + 1);
      for (int i = 0; i < changed; i++) {
        signature[random.nextInt(PERMUTATIONS)] = random.nextInt(6);
      }
    }
    return new Article(id, time, hash, signature, terms(random));
  }

  private static int[] randomSignature(SplittableRandom random) {
    int[] s = new int[PERMUTATIONS];
    for (int i = 0; i < s.length; i++) {
      // Small values now and then: bands of unrelated articles meet.
      s[i] = random.nextDouble() < 0.2 ? random.nextInt(4) : random.nextInt();
    }
    return s;
  }

  /** 0 to 45 terms of a small vocabulary, weights of a few values: many ties. */
  private static StoryTerms terms(SplittableRandom random) {
    String language = random.nextDouble() < 0.7 ? "en" : "id";
    if (random.nextDouble() < 0.03) {
      return random.nextBoolean() ? null : new StoryTerms(language, new String[0], new float[0]);
    }
    Map<String, Float> terms = new LinkedHashMap<>();
    int count = random.nextInt(46);
    for (int i = 0; i < count; i++) {
      int word = (int) Math.floor(Math.pow(random.nextDouble(), 2) * 150);
      String term =
          switch (random.nextInt(4)) {
            case 0 -> "e:Q" + word;
            case 1 -> "n:" + word;
            default -> "w:" + language + ":" + word;
          };
      terms.put(term, WEIGHTS[random.nextInt(WEIGHTS.length)]);
    }
    String[] t = new String[terms.size()];
    float[] w = new float[terms.size()];
    int i = 0;
    for (Map.Entry<String, Float> e : terms.entrySet()) {
      t[i] = new String(e.getKey().toCharArray());
      w[i++] = e.getValue();
    }
    return new StoryTerms(language, t, w);
  }
}
