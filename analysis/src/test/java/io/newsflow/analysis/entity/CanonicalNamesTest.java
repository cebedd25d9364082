package io.newsflow.analysis.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.EntityType;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CanonicalNamesTest {
  private static final Set<EntityType> PLACES = EnumSet.of(EntityType.LOCATION);
  private static final Set<EntityType> ACTORS =
      EnumSet.of(EntityType.PERSON, EntityType.ORGANIZATION);
  private static CanonicalNames names;

  @BeforeAll
  static void load() {
    names = new CanonicalNames(KnowledgeBase.defaults());
  }

  @Test
  void shouldResolveAPlacesAliasesToItsCanonicalName() {
    assertThat(names.resolve("Moskow", PLACES).name()).isEqualTo("Moscow");
    assertThat(names.resolve("moskva", PLACES).name()).isEqualTo("Moscow");
    assertThat(names.resolve("Korut", PLACES).name()).isEqualTo("North Korea");
    assertThat(names.resolve("Korea Utara", PLACES).name()).isEqualTo("North Korea");
    assertThat(names.resolve("Moskow", PLACES).isAlias("Moskow")).isTrue();
  }

  @Test
  void shouldKeepACanonicalNameAsItIs() {
    CanonicalNames.Resolution moscow = names.resolve("Moscow", PLACES);

    assertThat(moscow.name()).isEqualTo("Moscow");
    assertThat(moscow.isAlias("Moscow")).isFalse();
  }

  @Test
  void shouldResolveAnActorsSpellingVariantAndAlias() {
    assertThat(names.resolve("Yoon Seok Yeol", ACTORS).name()).isEqualTo("Yoon Suk Yeol");
    assertThat(names.resolve("Yoon Suk-yeol", ACTORS).name()).isEqualTo("Yoon Suk Yeol");
  }

  @Test
  void shouldResolveOnlyWithinTheTypesAskedFor() {
    assertThat(names.resolve("Moskow", ACTORS)).isNull();
    assertThat(names.resolve("Yoon Seok Yeol", PLACES)).isNull();
  }

  @Test
  void shouldMatchAShortUpperCaseFormOnlyAsWritten() {
    assertThat(names.resolve("AS", PLACES).name()).isEqualTo("United States");
    CanonicalNames.Resolution lower = names.resolve("as", PLACES);
    assertThat(lower == null || !lower.name().equals("United States")).isTrue();
  }

  @Test
  void shouldKnowNothingOfANameNoTableHas() {
    assertThat(names.resolve("Qwzxv Nowhere", PLACES)).isNull();
    assertThat(names.resolve("  ", PLACES)).isNull();
  }
}
