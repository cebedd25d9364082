package io.newsflow.analysis.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every country and continent carries its Wikidata id (issue 20). */
class KnowledgeBaseWikidataTest {
  private final List<KbEntry> entries = KnowledgeBase.defaults().entries();

  @Test
  void shouldGiveEveryIso3166CountryItsWikidataId() {
    Map<String, KbEntry> countries =
        entries.stream()
            .filter(e -> "country".equals(e.subtype()) && e.externalIds().containsKey("iso3166"))
            .collect(
                Collectors.toMap(
                    e -> e.externalIds().get("iso3166"), Function.identity(), (a, b) -> a));
    List<String> missing = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    for (String iso : Locale.getISOCountries()) {
      KbEntry e = countries.get(iso);
      if (e == null) {
        absent.add(iso);
      } else if (!e.externalIds().containsKey("wikidata")) {
        missing.add(iso + " " + e.name());
      }
    }

    assertThat(missing).as("ISO 3166-1 countries without a Wikidata id").isEmpty();
    // GeoNames lists every current ISO 3166-1 code but a handful of uninhabited ones.
    assertThat(absent.size()).as("ISO codes with no country entry: " + absent).isLessThan(5);
  }

  @Test
  void shouldIdentifyCountriesByTheirWikidataId() {
    assertThat(id("Indonesia")).isEqualTo("wd:Q252");
    assertThat(id("Kosovo")).isEqualTo("wd:Q1246");
    assertThat(id("Netherlands")).isEqualTo("wd:Q55");
    assertThat(id("Mongolia")).isEqualTo("wd:Q711");
  }

  @Test
  void shouldKnowTheContinentsWithTheirWikidataIds() {
    for (String continent :
        List.of(
            "Africa",
            "Asia",
            "Europe",
            "North America",
            "South America",
            "Oceania",
            "Antarctica")) {
      KbEntry e = place(continent);
      assertThat(e).as(continent).isNotNull();
      assertThat(e.externalIds()).as(continent).containsKey("wikidata");
    }
    assertThat(
            new CanonicalNames(KnowledgeBase.defaults())
                .resolve("Afrika", Set.of(EntityType.LOCATION))
                .name())
        .isEqualTo("Africa");
  }

  private String id(String name) {
    // the country, not Serbia's province of Kosovo and Metohija (a region of place-wikidata.tsv)
    return entries.stream()
        .filter(e -> "country".equals(e.subtype()) && e.name().equals(name))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private KbEntry place(String name) {
    return entries.stream()
        .filter(e -> e.type() == EntityType.LOCATION && e.name().equals(name))
        .filter(e -> !"city".equals(e.subtype()))
        .sorted(java.util.Comparator.comparing(e -> !"region".equals(e.subtype())))
        .findFirst()
        .orElse(null);
  }
}
