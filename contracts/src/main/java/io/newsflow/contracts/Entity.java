package io.newsflow.contracts;

import java.util.List;
import java.util.Map;

/**
 * A person, organisation or place an article names, linked to one canonical identity so that counts
 * add up across spellings and languages.
 *
 * @param id canonical id: {@code wd:<QID>} when the Wikidata id is known, else {@code kb:<slug>}
 *     for knowledge-base entries without one, {@code geo:<geonameid>} for GeoNames places, {@code
 *     local:<hash of normalised name and type>} for entities the knowledge base does not know;
 *     stable across runs and instances
 * @param type person, organisation or location
 * @param subtype for locations {@code country}, {@code region} or {@code city} when known, else
 *     null
 * @param name canonical name (English)
 * @param externalIds known external ids under the keys {@code wikidata}, {@code geonames}, {@code
 *     iso3166}
 * @param mentions every mention, title first, in text order
 * @param confidence 0..1, the best of the mentions' (exact alias &gt; name variant &gt; rule)
 * @param mentionCount how many distinct mentions the article has when {@code mentions} holds only
 *     the first of them (enrich keeps at most 10 per entity, docs/SECURITY.md); null when {@code
 *     mentions} holds all of them, and left out of the JSON then
 */
public record Entity(
    String id,
    EntityType type,
    String subtype,
    String name,
    Map<String, String> externalIds,
    List<Mention> mentions,
    double confidence,
    Integer mentionCount) {
  public Entity {
    externalIds = externalIds == null ? Map.of() : Map.copyOf(externalIds);
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
  }

  /** With every mention. */
  public Entity(
      String id,
      EntityType type,
      String subtype,
      String name,
      Map<String, String> externalIds,
      List<Mention> mentions,
      double confidence) {
    this(id, type, subtype, name, externalIds, mentions, confidence, null);
  }

  /** How many distinct mentions the article has, whether or not all are listed. */
  public int mentionTotal() {
    return mentionCount == null ? mentions.size() : mentionCount;
  }

  /** The same entity listing only its first {@code max} mentions (the count keeps the total). */
  public Entity withFirstMentions(int max) {
    if (mentions.size() <= max) {
      return this;
    }
    return new Entity(
        id, type, subtype, name, externalIds, mentions.subList(0, max), confidence, mentionTotal());
  }
}
