package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.DeadLetters;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import io.newsflow.contracts.Mention;
import io.newsflow.contracts.WireCredit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EnrichMetersTest {
  private static final Instant T = Instant.parse("2024-10-21T08:00:00Z");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EnrichMeters meters = new EnrichMeters(registry);

  @Test
  void shouldCountCopiesPerAgencyAndVerdictEntitiesAndLatencyWhenArticlesAreEmitted() {
    WireCredit reuters =
        new WireCredit(
            "reuters",
            "Reuters",
            List.of(new WireCredit.Evidence("Sumber: Reuters", "credits", 0, 0)));
    Entity known =
        new Entity(
            "wd:Q57792",
            EntityType.PERSON,
            null,
            "Mark Rutte",
            Map.of(),
            List.of(new Mention("Rutte", "body", 0, 5)),
            1.0);
    Entity unknown =
        new Entity(
            "local:abc",
            EntityType.ORGANIZATION,
            null,
            "Badan X",
            Map.of(),
            List.of(new Mention("Badan X", "body", 10, 17), new Mention("Badan X", "body", 30, 37)),
            0.5);

    meters.enriched(
        article("a", Dedup.original("a"), List.of(), List.of(known, unknown)), T.plusMillis(250));
    meters.enriched(
        article("b", Dedup.nearCopyOf("a", 0.8), List.of(reuters), List.of()), T.plusMillis(750));
    meters.enriched(article("c", Dedup.exactCopyOf("a"), List.of(), List.of()), T.plusSeconds(1));

    assertThat(
            registry
                .counter("newsflow.enrich.articles", "verdict", "original", "language", "id")
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .counter("newsflow.enrich.copies", "agency", "reuters", "verdict", "near")
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .counter("newsflow.enrich.copies", "agency", "none", "verdict", "exact")
                .count())
        .isEqualTo(1);
    assertThat(registry.counter("newsflow.enrich.entities", "type", "person").count()).isEqualTo(1);
    assertThat(registry.counter("newsflow.enrich.entities", "type", "organization").count())
        .isEqualTo(1);
    assertThat(registry.counter("newsflow.enrich.mentions.unlinked").count()).isEqualTo(2);
    assertThat(registry.timer("newsflow.enrich.latency").count()).isEqualTo(3);
    assertThat(registry.timer("newsflow.enrich.latency").max(TimeUnit.MILLISECONDS))
        .isEqualTo(1000);
  }

  @Test
  void shouldTagDeadLettersWithTheFieldWhenReasonNamesOne() {
    meters.deadLetter(DeadLetters.STAGE_VALIDATE, "field 'body' is missing or blank");
    meters.deadLetter(DeadLetters.STAGE_VALIDATE, "empty value (null or tombstone)");

    assertThat(
            registry
                .counter("newsflow.enrich.dead.letters", "stage", "validate", "field", "body")
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .counter("newsflow.enrich.dead.letters", "stage", "validate", "field", "none")
                .count())
        .isEqualTo(1);
  }

  private static EnrichedArticle article(
      String id, Dedup dedup, List<WireCredit> wire, List<Entity> entities) {
    Article a = new Article(1, id, null, "o", "t", "b", "id", null, T, null, null, null);
    return new EnrichedArticle(
        1, a, "h", dedup, wire, List.of(), T.plus(Duration.ofMillis(1)), entities, false);
  }
}
