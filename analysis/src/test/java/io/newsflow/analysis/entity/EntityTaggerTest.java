package io.newsflow.analysis.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import io.newsflow.contracts.Mention;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntityTaggerTest {
  private static EntityTagger tagger;

  @BeforeAll
  static void load() {
    tagger = EntityTagger.defaults();
  }

  private static Entity only(List<Entity> es, String name) {
    return es.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void shouldMergeRomanisationVariantsWhenTheTableLacksTheAlias() {
    List<Entity> es =
        tagger.tagText(
            "Presiden Yoon Seok Yeol bertemu Georgiy Zinoviev. Zelenskyy juga hadir, kata Yoon.",
            "id");

    assertThat(only(es, "Yoon Suk Yeol").mentions())
        .extracting(Mention::text)
        .containsExactly("Yoon Seok Yeol", "Yoon");
    assertThat(only(es, "Georgy Zinoviev").id()).isEqualTo("kb:georgy-zinoviev");
    assertThat(only(es, "Volodymyr Zelensky").id()).isEqualTo("wd:Q3874799");
  }

  @Test
  void shouldGiveOffsetsInTheFieldWhenMentioned() {
    String text = "Sekretaris Jenderal NATO Mark Rutte tiba di Seoul.";
    Entity rutte = only(tagger.tagText(text, "id"), "Mark Rutte");

    Mention m = rutte.mentions().get(0);
    assertThat(text.substring(m.start(), m.end())).isEqualTo("Mark Rutte");
    assertThat(m.field()).isEqualTo("body");
    assertThat(rutte.externalIds()).containsEntry("wikidata", "Q57792");
  }

  @Test
  void shouldLinkNewsFormsAndCountryNamesToOneIdentityWhenLanguagesDiffer() {
    List<Entity> id =
        tagger.tagText("Korut dan AS bertemu di Moskow, kata pejabat Tiongkok.", "id");
    List<Entity> en =
        tagger.tagText("North Korea and the United States met in Moscow, China said.", "en");

    assertThat(id)
        .extracting(Entity::id)
        .containsExactlyElementsOf(en.stream().map(Entity::id).toList());
    assertThat(only(en, "United States").externalIds()).containsEntry("iso3166", "US");
    assertThat(only(en, "Moscow").externalIds()).containsEntry("geonames", "524901");
  }

  @Test
  void shouldMatchShortUpperCaseAliasesOnlyAsWrittenAndInTheirLanguageWhenRestricted() {
    assertThat(tagger.tagText("Pejabat AS tiba.", "id"))
        .extracting(Entity::name)
        .contains("United States");
    assertThat(tagger.tagText("As the talks began, AS Roma won.", "en"))
        .extracting(Entity::name)
        .doesNotContain("United States");
  }

  @Test
  void shouldPickTheCountryGeorgiaUnlessTheArticleIsAboutAmericanPlaces() {
    Entity country =
        only(tagger.tagText("Protesters gathered in Tbilisi, Georgia.", "en"), "Georgia");
    List<Entity> us =
        tagger.tagText("Voters in Atlanta and Savannah, Georgia, queued for hours.", "en");

    assertThat(country.subtype()).isEqualTo("country");
    assertThat(us).extracting(Entity::name).contains("Georgia (U.S. state)");
  }

  @Test
  void shouldDetectUnknownPeopleAndOrganisationsWithStableLocalIdsWhenCued() {
    List<Entity> es =
        tagger.tagText(
            "Juru Bicara Partai Hijau Nusantara, Budi Santoso, mengatakan hal itu. \"Kami siap,\" ujar"
                + " Santoso.",
            "id");

    Entity person = only(es, "Budi Santoso");
    assertThat(person.type()).isEqualTo(EntityType.PERSON);
    assertThat(person.id()).isEqualTo(EntityTagger.localId(EntityType.PERSON, "Budi Santoso"));
    assertThat(person.mentions())
        .extracting(Mention::text)
        .containsExactly("Budi Santoso", "Santoso");
    assertThat(only(es, "Partai Hijau Nusantara").type()).isEqualTo(EntityType.ORGANIZATION);
  }

  @Test
  void shouldLeaveAPlaceNameToAPersonWhenItIsPartOfTheName() {
    List<Entity> es = tagger.tagText("The club signed Jordan Henderson on Monday.", "en");

    assertThat(es).extracting(Entity::name).doesNotContain("Jordan");
  }

  @Test
  void shouldAddAndOverrideEntriesWhenTheUserFileSaysSo(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("entities.tsv");
    Files.writeString(
        file,
        "budi-santoso\tPERSON\t-\tBudi Santoso\t-\t-\t-\tPak Budi\n"
            + "nato\tORGANIZATION\t-\t-\t-\t-\t-\tAliansi Atlantik\n");
    EntityTagger custom = new EntityTagger(KnowledgeBase.withOverrides(file));

    List<Entity> es = custom.tagText("Pak Budi memuji Aliansi Atlantik.", "id");

    assertThat(es).extracting(Entity::id).containsExactly("kb:budi-santoso", "wd:Q7184");
  }

  @Test
  void shouldRejectAMalformedTableWithItsLineWhenLoaded() {
    assertThatThrownBy(
            () ->
                KnowledgeBase.ofTables(Map.of("bad.tsv", "# c\nx\tPERSON\t-\tX\tQ12x\t-\t-\t-\n")))
        .hasMessageContaining("bad.tsv:2")
        .hasMessageContaining("QID");
    assertThatThrownBy(
            () -> KnowledgeBase.ofTables(Map.of("bad.tsv", "x\tPERSONA\t-\tX\t-\t-\t-\t-\n")))
        .hasMessageContaining("unknown type");
  }

  @Test
  void shouldLoadTheBundledTablesWithUniqueIdsWhenBuilt() {
    KnowledgeBase kb = tagger.knowledgeBase();

    assertThat(kb.entries()).extracting(KbEntry::id).doesNotHaveDuplicates();
    assertThat(kb.entries()).hasSizeGreaterThan(30_000);
    assertThat(kb.entries().stream().filter(KbEntry::curated).count()).isGreaterThan(150);
  }
}
