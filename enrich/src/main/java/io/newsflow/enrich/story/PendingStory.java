package io.newsflow.enrich.story;

import io.newsflow.enrich.EnrichedArticle;
import java.util.List;
import java.util.Map;

/**
 * A value of the {@code story-pending} store (key: article id): an article waiting for the answers
 * of the index partitions it queried, and the copies of it that arrived meanwhile.
 *
 * @param article the article
 * @param time its record time
 * @param language its base language
 * @param normIndependent squared norm of its language-independent terms
 * @param normLexical squared norm of its lexical terms
 * @param partitions the index partitions queried (one answer expected from each)
 * @param answered the partitions that have answered
 * @param matches the matches so far, by article id, dot products summed over the answers
 * @param waiting copies of this article waiting for its story
 * @param createdAtMs wall-clock time the queries went out (for the stale-entry sweep)
 */
public record PendingStory(
    EnrichedArticle article,
    long time,
    String language,
    float normIndependent,
    float normLexical,
    List<Integer> partitions,
    List<Integer> answered,
    Map<String, StoryAnswer.Match> matches,
    List<EnrichedArticle> waiting,
    long createdAtMs) {
  public PendingStory {
    partitions = List.copyOf(partitions);
    answered = answered == null ? List.of() : List.copyOf(answered);
    matches = matches == null ? Map.of() : Map.copyOf(matches);
    waiting = waiting == null ? List.of() : List.copyOf(waiting);
  }

  PendingStory withAnswer(int partition, Map<String, StoryAnswer.Match> merged) {
    List<Integer> a = new java.util.ArrayList<>(answered);
    a.add(partition);
    return new PendingStory(
        article,
        time,
        language,
        normIndependent,
        normLexical,
        partitions,
        a,
        merged,
        waiting,
        createdAtMs);
  }

  PendingStory withWaiting(EnrichedArticle copy) {
    List<EnrichedArticle> w = new java.util.ArrayList<>(waiting);
    w.add(copy);
    return new PendingStory(
        article,
        time,
        language,
        normIndependent,
        normLexical,
        partitions,
        answered,
        matches,
        w,
        createdAtMs);
  }
}
