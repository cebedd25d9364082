package io.newsflow.analysis.story;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The weighted terms of one article that story grouping compares: language-independent ones
 * (canonical entity ids {@code e:}, numbers {@code n:}, dates {@code d:}) and same-language lexical
 * ones ({@code w:<language>:<word>}), with the squared norm of each group.
 *
 * @param language base language of the article ({@code und} when unknown)
 * @param terms the terms, each once
 * @param weights the weight of each term, same order
 */
public record StoryTerms(String language, String[] terms, float[] weights) {
  public static final String LEXICAL_PREFIX = "w:";

  /** True for a same-language lexical term, false for language-independent evidence. */
  public static boolean lexical(String term) {
    return term.startsWith(LEXICAL_PREFIX);
  }

  public boolean isEmpty() {
    return terms.length == 0;
  }

  /** Sum of squared weights of the language-independent terms. */
  public double normIndependent() {
    return norm(false);
  }

  /** Sum of squared weights of the lexical terms. */
  public double normLexical() {
    return norm(true);
  }

  private double norm(boolean lex) {
    double n = 0;
    for (int i = 0; i < terms.length; i++) {
      if (lexical(terms[i]) == lex) {
        n += (double) weights[i] * weights[i];
      }
    }
    return n;
  }

  /** The terms as a map (for pairwise scoring in memory). */
  public Map<String, Float> asMap() {
    Map<String, Float> m = new HashMap<>();
    for (int i = 0; i < terms.length; i++) {
      m.put(terms[i], weights[i]);
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoryTerms t
        && language.equals(t.language)
        && Arrays.equals(terms, t.terms)
        && Arrays.equals(weights, t.weights);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * language.hashCode() + Arrays.hashCode(terms)) + Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(language).append('{');
    for (int i = 0; i < terms.length; i++) {
      b.append(i == 0 ? "" : ", ").append(terms[i]).append('=').append(weights[i]);
    }
    return b.append('}').toString();
  }
}
