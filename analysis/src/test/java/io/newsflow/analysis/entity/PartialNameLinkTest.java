package io.newsflow.analysis.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A part of a hand-kept person's name, met in an article that never gives the full name, is that
 * person when no other entry, place or common word shares it (issue 20, "one entity per real-world
 * person"). The sentences are written for these tests.
 */
class PartialNameLinkTest {
  private static EntityTagger tagger;

  /** Two people sharing a surname, one with a surname of their own, one whose surname is a city. */
  private static final String TABLE =
      "anna-lindqvist\tPERSON\t-\tAnna Lindqvist\t-\t-\t-\t-\n"
          + "erik-lindqvist\tPERSON\t-\tErik Lindqvist\t-\t-\t-\t-\n"
          + "marta-okonkwo\tPERSON\t-\tMarta Okonkwo\t-\t-\t-\t-\n"
          + "karin-bergen\tPERSON\t-\tKarin Bergen\t-\t-\t-\t-\n"
          + "bergen\tLOCATION\tcity\tBergen\t-\t-\t-\t-\n";

  @BeforeAll
  static void load() {
    tagger = EntityTagger.defaults();
  }

  private static List<Entity> persons(List<Entity> es) {
    return es.stream().filter(e -> e.type() == EntityType.PERSON).toList();
  }

  @Test
  void shouldKnowTheUnambiguousPartsOfTheBundledPeoplesNames() {
    KnowledgeBase kb = tagger.knowledgeBase();

    assertThat(kb.personByPart("zinoviev").name()).isEqualTo("Georgy Zinoviev");
    assertThat(kb.personByPart("suk yeol").name()).isEqualTo("Yoon Suk Yeol");
    assertThat(kb.personByPart("seok yeol").name()).isEqualTo("Yoon Suk Yeol");
    assertThat(kb.personByPart("kim hong").name()).isEqualTo("Kim Hong Kyun");
    assertThat(kb.personByPart("ryabykh").name()).isEqualTo("Valeriy Ryabykh");
    // given names, a surname of three people, a word of two names, a surname that is a city
    assertThat(kb.personByPart("vladimir")).isNull();
    assertThat(kb.personByPart("georgy")).isNull();
    assertThat(kb.personByPart("kim")).isNull();
    assertThat(kb.personByPart("jong")).isNull();
    assertThat(kb.personByPart("austin")).isNull();
    // a full alias is the dictionary's, not a part
    assertThat(kb.personByPart("putin")).isNull();
    // the name without its suffix is no part of it: the father is not the son
    assertThat(kb.personByPart("ferdinand marcos")).isNull();
    // a given name spelled otherwise is still a given name
    assertThat(kb.personByPart("vladimyr")).isNull();
  }

  @Test
  void shouldLinkAUniqueSurnameWithoutTheFullNameInTheArticle() {
    List<Entity> id =
        tagger.tagText("Zinoviev mengatakan perundingan akan dilanjutkan pekan depan.", "id");
    List<Entity> en =
        tagger.tagText("The talks will resume next week, Zinoviev said on Monday.", "en");

    for (List<Entity> es : List.of(id, en)) {
      Entity z =
          es.stream()
              .filter(e -> e.name().equals("Georgy Zinoviev"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("Georgy Zinoviev not in " + es));
      assertThat(z.confidence()).isEqualTo(EntityTagger.KB_PARTIAL).isGreaterThanOrEqualTo(0.6);
    }
    Entity full =
        tagger.tagText("Georgy Zinoviev said the talks will resume.", "en").stream()
            .filter(e -> e.name().equals("Georgy Zinoviev"))
            .findFirst()
            .orElseThrow();
    assertThat(full.confidence()).isGreaterThan(EntityTagger.KB_PARTIAL);
  }

  @Test
  void shouldLinkARunOfTwoNameWordsToThePerson() {
    List<Entity> es =
        tagger.tagText("Suk Yeol mengatakan Seoul akan memperkuat pertahanan udara.", "id");

    assertThat(persons(es)).extracting(Entity::name).containsExactly("Yoon Suk Yeol");
  }

  @Test
  void shouldLinkAShortFormAfterAPartToTheSamePersonNotToALocalName() {
    List<Entity> es =
        tagger.tagText(
            "Yoon Suk mengatakan Seoul akan memperkuat pertahanan udara. \"Kami siap,\" kata"
                + " Yoon kepada wartawan.",
            "id");

    Entity yoon =
        es.stream()
            .filter(e -> e.name().equals("Yoon Suk Yeol"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("Yoon Suk Yeol not in " + es));
    assertThat(yoon.mentions()).extracting(m -> m.text()).containsExactly("Yoon Suk", "Yoon");
    assertThat(yoon.confidence()).isEqualTo(EntityTagger.KB_PARTIAL);
    assertThat(persons(es)).hasSize(1);
  }

  @Test
  void shouldNotLinkASurnameTwoPeopleShare() {
    KnowledgeBase kb = KnowledgeBase.ofTables(Map.of("people.tsv", TABLE));
    EntityTagger rules = new EntityTagger(kb);

    List<Entity> shared = rules.tagText("The budget is too small, Lindqvist said on Monday.", "en");
    List<Entity> unique = rules.tagText("The budget is too small, Okonkwo said on Monday.", "en");

    assertThat(kb.personByPart("lindqvist")).isNull();
    assertThat(shared).noneMatch(e -> e.name().contains("Anna") || e.name().contains("Erik"));
    assertThat(shared).noneMatch(e -> e.id().startsWith("kb:"));
    assertThat(unique).extracting(Entity::name).contains("Marta Okonkwo");
  }

  @Test
  void shouldNotLinkAGivenNameAlone() {
    List<Entity> en = tagger.tagText("The ceasefire holds, Vladimir said on Monday.", "en");
    List<Entity> id = tagger.tagText("Georgy mengatakan perundingan akan dilanjutkan.", "id");

    assertThat(en)
        .noneMatch(e -> e.name().equals("Vladimir Putin") || e.name().equals("Volodymyr Zelensky"));
    assertThat(id).noneMatch(e -> e.name().equals("Georgy Zinoviev"));
  }

  @Test
  void shouldNotLinkASurnameThatIsAlsoAPlace() {
    KnowledgeBase kb = KnowledgeBase.ofTables(Map.of("people.tsv", TABLE));
    List<Entity> es =
        new EntityTagger(kb).tagText("The harbour will reopen, Bergen said on Monday.", "en");
    List<Entity> austin =
        tagger.tagText("The ships will come next year, Austin said on Monday.", "en");

    assertThat(kb.personByPart("bergen")).isNull();
    assertThat(es).noneMatch(e -> e.name().equals("Karin Bergen"));
    assertThat(austin).noneMatch(e -> e.name().equals("Lloyd Austin"));
  }
}
