package io.newsflow.aggregate;

/**
 * The two measures kept per facet key.
 *
 * @param mentions every enriched article, copies included
 * @param stories originals only: a syndicated copy does not add a story
 */
public record FacetCount(long mentions, long stories) {
  public static FacetCount of(boolean original) {
    return new FacetCount(1, original ? 1 : 0);
  }

  public FacetCount plus(FacetCount other) {
    return new FacetCount(mentions + other.mentions, stories + other.stories);
  }
}
