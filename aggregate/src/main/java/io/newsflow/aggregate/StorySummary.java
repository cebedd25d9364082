package io.newsflow.aggregate;

import io.newsflow.contracts.EnrichedArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A value of the {@code story-summaries} store (key: story id): the fixed-size part of what the
 * query API lists about a current story. What grows with the story (articles per language, agency,
 * outlet and entity) is one {@code story-facets} entry per facet value, see {@link
 * StoryCountProcessor}, so counting an article costs the same in a big story as in a small one.
 *
 * @param storyId the story (the id of the article that opened it)
 * @param title the title of its first article
 * @param firstSeen event time of its first article
 * @param lastSeen event time of its latest article
 * @param articles articles counted, copies included
 * @param originals originals among them
 * @param articleIds the first {@value #MAX_IDS} article ids, in arrival order
 */
public record StorySummary(
    String storyId,
    String title,
    Instant firstSeen,
    Instant lastSeen,
    long articles,
    long originals,
    List<String> articleIds) {
  public static final int MAX_IDS = 100;

  public StorySummary {
    articleIds = articleIds == null ? List.of() : List.copyOf(articleIds);
  }

  public static StorySummary empty(String storyId) {
    return new StorySummary(storyId, null, null, null, 0, 0, null);
  }

  /** This summary with {@code a} (at event time {@code at}) added. */
  public StorySummary plus(EnrichedArticle a, Instant at) {
    return plus(StoryArticle.of(a), at);
  }

  /** This summary with {@code a} (at event time {@code at}) added. */
  public StorySummary plus(StoryArticle a, Instant at) {
    List<String> ids = articleIds;
    if (ids.size() < MAX_IDS) {
      ids = new ArrayList<>(articleIds);
      ids.add(a.articleId());
    }
    return new StorySummary(
        storyId,
        title == null ? a.title() : title,
        firstSeen == null || at.isBefore(firstSeen) ? at : firstSeen,
        lastSeen == null || at.isAfter(lastSeen) ? at : lastSeen,
        articles + 1,
        originals + (a.copy() ? 0 : 1),
        ids);
  }
}
