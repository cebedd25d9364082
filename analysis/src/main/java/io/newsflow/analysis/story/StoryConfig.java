package io.newsflow.analysis.story;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of story grouping ({@code newsflow.enrich.story.*} keys; defaults tuned on the SemEval
 * training pairs, see docs/STORIES.md).
 *
 * @param window how long a story stays open after its latest article ({@value #WINDOW}, default 7
 *     days): an article joins only stories with an article within this distance in record time; the
 *     decide step's index keeps the longer of this and the dedup horizon, its log twice that, so
 *     state is bounded
 * @param threshold minimum similarity to join a story ({@value #THRESHOLD})
 * @param lexicalShare weight of same-language lexical similarity against the language-independent
 *     evidence when both articles have the same language ({@value #LEXICAL_SHARE})
 * @param minEvidence minimum shared weight of language-independent terms (entities, numbers, dates)
 *     for a cross-language match ({@value #MIN_EVIDENCE})
 * @param postingsPerTerm at most this many newest postings are read per term and lookup ({@value
 *     #POSTINGS_PER_TERM}): bounds the cost of very common terms
 */
public record StoryConfig(
    Duration window,
    double threshold,
    double lexicalShare,
    double minEvidence,
    int postingsPerTerm) {
  public static final String WINDOW = "newsflow.enrich.story.window";
  public static final String THRESHOLD = "newsflow.enrich.story.threshold";
  public static final String LEXICAL_SHARE = "newsflow.enrich.story.lexical-share";
  public static final String MIN_EVIDENCE = "newsflow.enrich.story.min-evidence";
  public static final String POSTINGS_PER_TERM = "newsflow.enrich.story.postings-per-term";

  public static final StoryConfig DEFAULTS =
      new StoryConfig(Duration.ofDays(7), 0.32, 0.8, 3.0, 16);

  public StoryConfig {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(WINDOW + " must be positive, was " + window);
    }
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(THRESHOLD + " must be in (0, 1], was " + threshold);
    }
    if (!(lexicalShare >= 0 && lexicalShare <= 1)) {
      throw new IllegalArgumentException(LEXICAL_SHARE + " must be in [0, 1], was " + lexicalShare);
    }
    if (minEvidence < 0) {
      throw new IllegalArgumentException(MIN_EVIDENCE + " must be >= 0, was " + minEvidence);
    }
    if (postingsPerTerm < 1) {
      throw new IllegalArgumentException(
          POSTINGS_PER_TERM + " must be positive, was " + postingsPerTerm);
    }
  }

  public StoryConfig withThreshold(double t) {
    return new StoryConfig(window, t, lexicalShare, minEvidence, postingsPerTerm);
  }

  public StoryConfig withLexicalShare(double share) {
    return new StoryConfig(window, threshold, share, minEvidence, postingsPerTerm);
  }

  public StoryConfig withMinEvidence(double evidence) {
    return new StoryConfig(window, threshold, lexicalShare, evidence, postingsPerTerm);
  }

  public StoryConfig withWindow(Duration w) {
    return new StoryConfig(w, threshold, lexicalShare, minEvidence, postingsPerTerm);
  }

  /** Reads the {@code newsflow.enrich.story.*} keys; missing keys take their defaults. */
  public static StoryConfig from(Map<String, ?> props) {
    StoryConfig d = DEFAULTS;
    return new StoryConfig(
        props.containsKey(WINDOW) ? Duration.parse(text(props, WINDOW)) : d.window(),
        props.containsKey(THRESHOLD) ? Double.parseDouble(text(props, THRESHOLD)) : d.threshold(),
        props.containsKey(LEXICAL_SHARE)
            ? Double.parseDouble(text(props, LEXICAL_SHARE))
            : d.lexicalShare(),
        props.containsKey(MIN_EVIDENCE)
            ? Double.parseDouble(text(props, MIN_EVIDENCE))
            : d.minEvidence(),
        props.containsKey(POSTINGS_PER_TERM)
            ? Integer.parseInt(text(props, POSTINGS_PER_TERM))
            : d.postingsPerTerm());
  }

  private static String text(Map<String, ?> props, String key) {
    return props.get(key).toString().trim();
  }
}
