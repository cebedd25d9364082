package io.newsflow.aggregate;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The dimensions counts are kept for, and how each is read off an enriched article. */
public enum Facet {
  OUTLET,
  LANGUAGE,
  /** Wire agencies the article credits (one key per agency). */
  AGENCY,
  /** Themes of the taxonomy assigned in enrich (one key per theme). */
  THEME,
  /** People and organisations the article names, by canonical name. */
  ACTOR,
  /** Places the article names, by canonical name. */
  LOCATION;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Store and topic key of a facet value: {@code facet|value}, e.g. {@code outlet|kompas.tv}. */
  public String key(String value) {
    return id() + "|" + value;
  }

  /**
   * The least confidence of an entity that counts (docs/ENTITIES.md): below it is a name found by
   * the English rules alone, without a cue word or the knowledge base (0.5), which stays on the
   * enriched record for readers who want it but is not counted, so a capitalised phrase that is no
   * name does not reach the top-actors list.
   */
  public static final double MIN_ENTITY_CONFIDENCE = 0.6;

  /**
   * Every facet key the article counts towards; a facet absent from the record adds none, an entity
   * below {@link #MIN_ENTITY_CONFIDENCE} neither.
   */
  public static List<String> keysOf(EnrichedArticle enriched) {
    Article article = enriched.article();
    List<String> keys = new ArrayList<>();
    keys.add(OUTLET.key(article.outlet()));
    if (article.language() != null && !article.language().isBlank()) {
      keys.add(LANGUAGE.key(article.language().toLowerCase(Locale.ROOT)));
    }
    enriched.wire().forEach(w -> keys.add(AGENCY.key(w.agency())));
    enriched.themes().forEach(t -> keys.add(THEME.key(t)));
    // Keyed by canonical name, which humans query and read; the canonical id (wd:Q..., geo:...)
    // is on the enriched record. Distinct identities with one name are told apart in the
    // knowledge base's names (e.g. "Georgia (U.S. state)").
    for (Entity e : enriched.entities()) {
      if (e.confidence() < MIN_ENTITY_CONFIDENCE) {
        continue;
      }
      keys.add((e.type() == EntityType.LOCATION ? LOCATION : ACTOR).key(e.name()));
    }
    return keys;
  }
}
