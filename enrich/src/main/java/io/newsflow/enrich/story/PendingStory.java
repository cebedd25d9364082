package io.newsflow.enrich.story;

import java.util.List;
import java.util.Map;

/**
 * A value of the {@code story-pending} store (key: article id): the progress of an article waiting
 * for the answers of the index partitions it queried. The article and the copies of it that arrive
 * meanwhile wait in {@code story-parked}, written once each, so an answer never rewrites them.
 *
 * @param articleId the article
 * @param time its record time
 * @param language its base language
 * @param normIndependent squared norm of its language-independent terms
 * @param normLexical squared norm of its lexical terms
 * @param partitions the index partitions queried (one answer expected from each)
 * @param answered the partitions that have answered
 * @param matches the matches so far, by article id, dot products summed over the answers
 * @param createdAtMs wall-clock time the queries went out (for the stale-entry sweep)
 */
public record PendingStory(
    String articleId,
    long time,
    String language,
    float normIndependent,
    float normLexical,
    List<Integer> partitions,
    List<Integer> answered,
    Map<String, StoryAnswer.Match> matches,
    long createdAtMs) {
  public PendingStory {
    partitions = List.copyOf(partitions);
    answered = answered == null ? List.of() : List.copyOf(answered);
    matches = matches == null ? Map.of() : Map.copyOf(matches);
  }

  PendingStory withAnswer(int partition, Map<String, StoryAnswer.Match> merged) {
    List<Integer> a = new java.util.ArrayList<>(answered);
    a.add(partition);
    return new PendingStory(
        articleId,
        time,
        language,
        normIndependent,
        normLexical,
        partitions,
        a,
        merged,
        createdAtMs);
  }
}
