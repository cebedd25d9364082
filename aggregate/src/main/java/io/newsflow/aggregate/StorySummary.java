package io.newsflow.aggregate;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value of the {@code story-summaries} store (key: story id): the bounded part of what the query
 * API lists about a current story. What grows with the story (articles per language, agency, outlet
 * and entity) is one {@code story-facets} entry per facet value, see {@link StoryCountProcessor},
 * so counting an article costs the same in a big story as in a small one.
 *
 * @param storyId the story (the id of the article that opened it)
 * @param title the title of its first article
 * @param firstSeen event time of its first article
 * @param lastSeen event time of its latest article
 * @param articles articles counted, copies included
 * @param originals originals among them
 * @param articleIds ids of the articles that have no entry, in arrival order: those after the first
 *     {@value #MAX_ENTRIES}, up to {@value #MAX_IDS} articles in all; in a summary written by an
 *     earlier version (no entries), every id, and its later articles add ids only
 * @param entries the first {@value #MAX_ENTRIES} articles as the story view lists them, in arrival
 *     order
 * @param lastIngested the latest ingest time ({@code ingestedAt}) of its articles, by which the
 *     story is forgotten ({@link StoryCountProcessor}); null in a summary of an earlier version, or
 *     when no article carried one
 */
public record StorySummary(
    String storyId,
    String title,
    Instant firstSeen,
    Instant lastSeen,
    long articles,
    long originals,
    List<String> articleIds,
    List<Entry> entries,
    Instant lastIngested) {
  public static final int MAX_IDS = 100;

  /**
   * Articles listed with outlet, language, verdict and original. The summary is rewritten at every
   * commit that adds to its story, so its size is what each such commit logs, and a bigger one
   * crowds the record cache: 20 entries without titles add about 0.8 KB to the ids alone.
   */
  public static final int MAX_ENTRIES = 20;

  /**
   * One article of a story, compact: it is rewritten with the summary at every commit that adds to
   * the story, so it is written as an array (no field names) with a one-letter verdict.
   *
   * @param id the article id
   * @param at its event time, epoch milliseconds
   * @param outlet its outlet
   * @param lang its language, null when unknown
   * @param v {@code o} original, {@code e} exact copy, {@code n} near copy, or {@code c} a copy
   *     whose kind was not carried (see {@link StoryArticle})
   * @param of the original a copy copies (null for originals, and for copies of unknown kind)
   */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"id", "at", "outlet", "lang", "v", "of"})
  public record Entry(String id, long at, String outlet, String lang, String v, String of) {
    static Entry from(StoryArticle a, Instant at) {
      String verdict =
          a.verdict() == null ? "c" : a.verdict().name().substring(0, 1).toLowerCase(Locale.ROOT);
      return new Entry(
          a.articleId(),
          at.toEpochMilli(),
          a.facetValue(Facet.OUTLET),
          a.facetValue(Facet.LANGUAGE),
          verdict,
          a.verdict() == Verdict.ORIGINAL ? null : a.originalId());
    }
  }

  public StorySummary {
    articleIds = articleIds == null ? List.of() : List.copyOf(articleIds);
    entries = entries == null ? List.of() : List.copyOf(entries);
  }

  public static StorySummary empty(String storyId) {
    return new StorySummary(storyId, null, null, null, 0, 0, null, null, null);
  }

  /** The ids of the first {@value #MAX_IDS} articles, in arrival order. */
  @JsonIgnore
  public List<String> ids() {
    if (entries.isEmpty()) {
      return articleIds;
    }
    List<String> ids = new ArrayList<>(entries.size() + articleIds.size());
    entries.forEach(e -> ids.add(e.id()));
    ids.addAll(articleIds);
    return ids;
  }

  /** This summary with {@code a} (at event time {@code at}) added. */
  public StorySummary plus(EnrichedArticle a, Instant at) {
    return plus(StoryArticle.of(a), at, a.article().ingestedAt());
  }

  /** This summary with {@code a} (at event time {@code at}, ingest time unknown) added. */
  public StorySummary plus(StoryArticle a, Instant at) {
    return plus(a, at, null);
  }

  /**
   * This summary with {@code a} (at event time {@code at}, ingested at {@code ingested}, null when
   * unknown) added.
   */
  public StorySummary plus(StoryArticle a, Instant at, Instant ingested) {
    List<Entry> more = entries;
    List<String> ids = articleIds;
    // A summary of an earlier version has ids and no entries: its articles keep their order as ids.
    if (articleIds.isEmpty() && entries.size() < MAX_ENTRIES) {
      more = new ArrayList<>(entries);
      more.add(Entry.from(a, at));
    } else if (articleIds.size() + entries.size() < MAX_IDS) {
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
        ids,
        more,
        ingested == null || (lastIngested != null && !ingested.isAfter(lastIngested))
            ? lastIngested
            : ingested);
  }
}
