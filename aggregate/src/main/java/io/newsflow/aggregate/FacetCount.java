package io.newsflow.aggregate;

/**
 * The two measures kept per facet key.
 *
 * @param mentions every enriched article, copies included
 * @param stories originals only: a syndicated copy does not add a story
 * @param distinctStories distinct story ids (enrich's {@code storyId}) among the articles counted:
 *     reports of one event from many outlets count once
 */
public record FacetCount(long mentions, long stories, long distinctStories) {
  public FacetCount(long mentions, long stories) {
    this(mentions, stories, 0);
  }

  /** One more story for a facet value (its first article with that value). */
  public static FacetCount oneStory() {
    return new FacetCount(0, 0, 1);
  }

  /** The opposite delta (a story moved out of a window). */
  public FacetCount negate() {
    return new FacetCount(-mentions, -stories, -distinctStories);
  }

  public static FacetCount of(boolean original) {
    return new FacetCount(1, original ? 1 : 0);
  }

  public FacetCount plus(FacetCount other) {
    return new FacetCount(
        mentions + other.mentions,
        stories + other.stories,
        distinctStories + other.distinctStories);
  }
}
