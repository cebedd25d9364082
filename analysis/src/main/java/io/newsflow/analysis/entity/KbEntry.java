package io.newsflow.analysis.entity;

import io.newsflow.contracts.EntityType;
import java.util.List;
import java.util.Map;

/**
 * One identity of the knowledge base.
 *
 * @param id canonical id (see {@link Entity#id()})
 * @param type person, organisation or location
 * @param subtype country, region or city for locations, else null
 * @param name canonical name
 * @param externalIds {@code wikidata}, {@code geonames}, {@code iso3166} where known
 * @param country ISO 3166-1 alpha-2 code of the country a place is in (its own for a country), else
 *     null
 * @param population GeoNames population (0 when unknown): ranks places of the same name
 * @param curated from a hand-kept table (bundled or the user's), not only from GeoNames
 * @param aliases the names it is matched on
 * @param familyFirst a person whose name is written family name first (Korean, Chinese: "Yoon Suk
 *     Yeol", "Lin Jian"): marked {@code family-first} in the table's subtype column. Its first word
 *     is the family name (a short form of the person), its other words the given name (no short
 *     form: "Jian" is not Lin Jian)
 */
public record KbEntry(
    String id,
    EntityType type,
    String subtype,
    String name,
    Map<String, String> externalIds,
    String country,
    long population,
    boolean curated,
    List<Alias> aliases,
    boolean familyFirst) {

  /**
   * A name of an entry.
   *
   * @param text as written in the table
   * @param norm {@link Names#normalize normal form}
   * @param exactCase matched only when written exactly so (short upper-case forms: AS, NIS, UN)
   * @param language only in articles of this language (e.g. {@code AS@id}), null for any
   */
  public record Alias(String text, String norm, boolean exactCase, String language) {}

  public KbEntry {
    externalIds = Map.copyOf(externalIds);
    aliases = List.copyOf(aliases);
  }

  /** Rank among entries sharing an alias: curated first, then countries, regions, cities. */
  int rank() {
    int base =
        switch (subtype == null ? "" : subtype) {
          case "country" -> 3;
          case "region" -> 2;
          case "city" -> 1;
          default -> 3;
        };
    return (curated ? 10 : 0) + base;
  }
}
