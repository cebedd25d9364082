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
 */
public record Entity(
    String id,
    EntityType type,
    String subtype,
    String name,
    Map<String, String> externalIds,
    List<Mention> mentions,
    double confidence) {
  public Entity {
    externalIds = externalIds == null ? Map.of() : Map.copyOf(externalIds);
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
  }
}
