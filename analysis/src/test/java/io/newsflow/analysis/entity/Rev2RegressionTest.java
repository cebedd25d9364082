package io.newsflow.analysis.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Review rev2: cases the top-list junk rules (junk20) changed for the worse; pass on c5876fb. */
class Rev2RegressionTest {
  private static EntityTagger tagger;

  @BeforeAll
  static void load() {
    tagger = EntityTagger.defaults();
  }

  private static List<Entity> counted(List<Entity> es) {
    return es.stream().filter(e -> e.confidence() >= 0.6).toList();
  }

  @Test
  void shouldKeepTheCityOfVladimirAsAPlaceWithoutASpeakerCue() {
    // Vladimir (GeoNames 473247, an oblast's capital, ~350,000 people): no locative right before
    // it, no speech verb after it, no Vladimir named in full in the article
    for (List<Entity> es :
        List.of(
            tagger.tagText("Ukrainian drones hit Vladimir and Kursk overnight.", "en"),
            tagger.tagText("Drone menyerang Vladimir pada Senin malam, kata gubernur.", "id"))) {
      assertThat(counted(es))
          .as(es.toString())
          .anyMatch(e -> e.type() == EntityType.LOCATION && e.name().equals("Vladimir"));
    }
  }

  @Test
  void shouldStillLinkJinpingAloneToXiJinping() {
    List<Entity> es = tagger.tagText("Presiden Jinping mengatakan China akan membalas.", "id");
    assertThat(counted(es)).as(es.toString()).anyMatch(e -> e.name().equals("Xi Jinping"));
  }
}
