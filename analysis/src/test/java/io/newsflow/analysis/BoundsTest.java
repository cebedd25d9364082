package io.newsflow.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import io.newsflow.contracts.Mention;
import io.newsflow.contracts.WireCredit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundsTest {
  private static Entity entity(String id, int mentions, int textChars) {
    List<Mention> ms = new ArrayList<>();
    for (int i = 0; i < mentions; i++) {
      ms.add(new Mention("x".repeat(textChars), "body", i * 10, i * 10 + textChars));
    }
    return new Entity(id, EntityType.PERSON, null, "Name " + id, Map.of(), ms, 0.9);
  }

  @Test
  void shouldKeepTheMostMentionedInTextOrderAndCountTheRestWhenOverTheEntityBound() {
    List<Entity> all = new ArrayList<>();
    for (int i = 0; i < Bounds.MAX_ENTITIES + 20; i++) {
      // entities 0..19 are mentioned once, the others twice: the first 20 are left out
      all.add(entity("kb:" + i, i < 20 ? 1 : 2, 5));
    }

    Bounds.BoundedEntities b = Bounds.entities(all);

    assertThat(b.entities()).hasSize(Bounds.MAX_ENTITIES);
    assertThat(b.omitted()).isEqualTo(20);
    assertThat(b.entities().get(0).id()).isEqualTo("kb:20");
    assertThat(b.entities().get(Bounds.MAX_ENTITIES - 1).id())
        .isEqualTo("kb:" + (Bounds.MAX_ENTITIES + 19));
  }

  @Test
  void shouldListFirstMentionsAndCountAllWhenOverTheMentionBound() {
    Bounds.BoundedEntities b = Bounds.entities(List.of(entity("kb:a", 2_500, 5)));

    Entity e = b.entities().get(0);
    assertThat(e.mentions()).hasSize(Bounds.MAX_MENTIONS);
    assertThat(e.mentions().get(0).start()).isZero();
    assertThat(e.mentionCount()).isEqualTo(2_500);
    assertThat(e.mentionTotal()).isEqualTo(2_500);
    assertThat(b.omitted()).isZero();
  }

  @Test
  void shouldDropOverlongMentionsAndLocalEntitiesNamedByThem() {
    Entity local =
        new Entity(
            "local:abc",
            EntityType.PERSON,
            null,
            "A".repeat(Bounds.MAX_MENTION_CHARS + 1),
            Map.of(),
            List.of(new Mention("A".repeat(Bounds.MAX_MENTION_CHARS + 1), "body", 0, 129)),
            0.5);

    Bounds.BoundedEntities b = Bounds.entities(List.of(local, entity("kb:b", 1, 5)));

    assertThat(b.entities()).extracting(Entity::id).containsExactly("kb:b");
    assertThat(b.omitted()).isEqualTo(1);
    assertThat(Bounds.entities(List.of(entity("kb:c", 1, 5))).entities().get(0).mentionCount())
        .isNull();
  }

  @Test
  void shouldKeepFirstEvidenceAndCutPhrasesWithoutSplittingAPairWhenWireCreditIsLong() {
    List<WireCredit.Evidence> ev = new ArrayList<>();
    String phrase = "a".repeat(Bounds.MAX_PHRASE_CHARS - 1) + "\uD83D\uDE00 (Reuters)";
    for (int i = 0; i < 50; i++) {
      ev.add(new WireCredit.Evidence(phrase, "body", 0, i));
    }

    WireCredit c = Bounds.wire(List.of(new WireCredit("reuters", "Reuters", ev))).get(0);

    assertThat(c.evidence()).hasSize(Bounds.MAX_WIRE_EVIDENCE);
    assertThat(c.evidence().get(0).offset()).isZero();
    assertThat(c.evidence().get(0).phrase()).hasSize(Bounds.MAX_PHRASE_CHARS - 1);
  }
}
