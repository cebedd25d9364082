package io.newsflow.aggregate;

import io.newsflow.enrich.EnrichedArticle;
import io.newsflow.enrich.entity.Entity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A value of the {@code story-summaries} store (key: story id): what the query API lists about a
 * current story.
 *
 * @param storyId the story (the id of the article that opened it)
 * @param title the title of its first article
 * @param firstSeen event time of its first article
 * @param lastSeen event time of its latest article
 * @param articles articles counted, copies included
 * @param originals originals among them
 * @param articleIds the first {@value #MAX_IDS} article ids, in arrival order
 * @param languages articles per language
 * @param agencies articles per credited wire agency
 * @param outlets articles per outlet
 * @param entities articles per named person, organisation or place (canonical name)
 * @param facetKeys the facet keys ({@link Facet#keysOf}) the story has counted once already
 */
public record StorySummary(
    String storyId,
    String title,
    Instant firstSeen,
    Instant lastSeen,
    long articles,
    long originals,
    List<String> articleIds,
    Map<String, Long> languages,
    Map<String, Long> agencies,
    Map<String, Long> outlets,
    Map<String, Long> entities,
    Set<String> facetKeys) {
  public static final int MAX_IDS = 100;

  public StorySummary {
    articleIds = articleIds == null ? List.of() : List.copyOf(articleIds);
    languages = languages == null ? Map.of() : Map.copyOf(languages);
    agencies = agencies == null ? Map.of() : Map.copyOf(agencies);
    outlets = outlets == null ? Map.of() : Map.copyOf(outlets);
    entities = entities == null ? Map.of() : Map.copyOf(entities);
    facetKeys = facetKeys == null ? Set.of() : Set.copyOf(facetKeys);
  }

  public static StorySummary empty(String storyId) {
    return new StorySummary(storyId, null, null, null, 0, 0, null, null, null, null, null, null);
  }

  /** This summary with {@code a} (at event time {@code at}) added. */
  public StorySummary plus(EnrichedArticle a, Instant at, List<String> keys) {
    List<String> ids = new ArrayList<>(articleIds);
    if (ids.size() < MAX_IDS) {
      ids.add(a.id());
    }
    Map<String, Long> lang = new LinkedHashMap<>(languages);
    if (a.article().language() != null && !a.article().language().isBlank()) {
      lang.merge(a.article().language(), 1L, Long::sum);
    }
    Map<String, Long> ag = new LinkedHashMap<>(agencies);
    a.wire().stream().map(w -> w.agency()).distinct().forEach(x -> ag.merge(x, 1L, Long::sum));
    Map<String, Long> out = new LinkedHashMap<>(outlets);
    out.merge(a.article().outlet(), 1L, Long::sum);
    Map<String, Long> ent = new LinkedHashMap<>(entities);
    a.entities().stream().map(Entity::name).distinct().forEach(x -> ent.merge(x, 1L, Long::sum));
    Set<String> fk = new LinkedHashSet<>(facetKeys);
    fk.addAll(keys);
    return new StorySummary(
        storyId,
        title == null ? a.article().title() : title,
        firstSeen == null || at.isBefore(firstSeen) ? at : firstSeen,
        lastSeen == null || at.isAfter(lastSeen) ? at : lastSeen,
        articles + 1,
        originals + (a.dedup().isCopy() ? 0 : 1),
        ids,
        lang,
        ag,
        out,
        ent,
        fk);
  }

  /** The {@code n} most named entities, most first (ties: by name). */
  public List<Map.Entry<String, Long>> topEntities(int n) {
    return entities.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .toList();
  }
}
