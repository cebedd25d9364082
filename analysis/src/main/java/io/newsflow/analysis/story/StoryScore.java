package io.newsflow.analysis.story;

import java.util.Map;

/**
 * The similarity of two articles for story grouping, from the dot products and squared norms of
 * their two term groups. The index computes the dot products term by term on the partitions the
 * terms live on; {@link #pair} computes the same in memory for the evaluation.
 *
 * <p>{@code independent} = cosine of the entity, number and date terms, counted only when the
 * shared weight reaches {@link StoryConfig#minEvidence()}; {@code lexical} = cosine of the word
 * terms (non-zero only within one language). Same language: {@code (1 - share) * independent +
 * share * lexical}, never below {@code independent}; otherwise {@code independent}. Then times the
 * time factor: 1 up to a day apart, falling linearly to 0.5 at the story window.
 */
public final class StoryScore {
  private static final long DAY_MS = 86_400_000L;

  private StoryScore() {}

  public static double of(
      StoryConfig config,
      double dotIndependent,
      double dotLexical,
      double normIndependentA,
      double normIndependentB,
      double normLexicalA,
      double normLexicalB,
      boolean sameLanguage,
      long gapMs) {
    return of(
        config,
        config.window().toMillis(),
        dotIndependent,
        dotLexical,
        normIndependentA,
        normIndependentB,
        normLexicalA,
        normLexicalB,
        sameLanguage,
        gapMs);
  }

  /** As above, with the story window in milliseconds given (a look-up scores a hundred). */
  public static double of(
      StoryConfig config,
      long windowMs,
      double dotIndependent,
      double dotLexical,
      double normIndependentA,
      double normIndependentB,
      double normLexicalA,
      double normLexicalB,
      boolean sameLanguage,
      long gapMs) {
    double independent =
        dotIndependent < config.minEvidence()
            ? 0
            : cosine(dotIndependent, normIndependentA, normIndependentB);
    double score = independent;
    if (sameLanguage) {
      double lexical = cosine(dotLexical, normLexicalA, normLexicalB);
      double share = config.lexicalShare();
      score = Math.max(independent, (1 - share) * independent + share * lexical);
    }
    return score * timeFactor(Math.abs(gapMs), windowMs);
  }

  static double timeFactor(long gapMs, long windowMs) {
    if (gapMs <= DAY_MS) {
      return 1;
    }
    if (windowMs <= DAY_MS) {
      return 0.5;
    }
    return 1 - 0.5 * Math.min(1.0, (double) (gapMs - DAY_MS) / (windowMs - DAY_MS));
  }

  private static double cosine(double dot, double a, double b) {
    return a <= 0 || b <= 0 ? 0 : Math.min(1.0, dot / Math.sqrt(a * b));
  }

  /** The score of two articles' terms, computed directly (what the index computes by parts). */
  public static double pair(StoryConfig config, StoryTerms a, StoryTerms b, long gapMs) {
    Map<String, Float> other = b.asMap();
    double dotInd = 0;
    double dotLex = 0;
    for (int i = 0; i < a.terms().length; i++) {
      Float w = other.get(a.terms()[i]);
      if (w != null) {
        if (StoryTerms.lexical(a.terms()[i])) {
          dotLex += (double) a.weights()[i] * w;
        } else {
          dotInd += (double) a.weights()[i] * w;
        }
      }
    }
    return of(
        config,
        dotInd,
        dotLex,
        a.normIndependent(),
        b.normIndependent(),
        a.normLexical(),
        b.normLexical(),
        a.language().equals(b.language()),
        gapMs);
  }
}
