package io.newsflow.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import io.newsflow.contracts.Json;
import io.newsflow.contracts.Mention;
import io.newsflow.contracts.WireCredit;
import io.newsflow.testkit.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class EnrichedForCountingTest {
  private static final Instant AT = Instant.parse("2024-10-21T08:00:00Z");
  private static final Serializer<EnrichedArticle> FULL_WRITER =
      EnrichTopics.ENRICHED.valueSerde().serializer();
  private static final Deserializer<EnrichedArticle> FULL_READER =
      EnrichTopics.ENRICHED.valueSerde().deserializer();
  private static final Deserializer<EnrichedArticle> READER =
      EnrichedForCounting.SERDE.deserializer();

  @Test
  void shouldReadEveryCountedFieldAsTheFullSerdeDoesWhenArticlesAreRealistic() {
    List<EnrichedArticle> articles = corpusArticles(300);
    for (EnrichedArticle written : articles) {
      byte[] json = FULL_WRITER.serialize("t", written);
      EnrichedArticle full = FULL_READER.deserialize("t", json);
      EnrichedArticle slim = READER.deserialize("t", json);

      assertThat(Facet.keysOf(slim)).as(written.id()).isEqualTo(Facet.keysOf(full)).isNotEmpty();
      assertThat(StoryArticle.of(slim)).isEqualTo(StoryArticle.of(full));
      assertThat(eventTime(slim)).isEqualTo(eventTime(full));
      assertThat(slim.id()).isEqualTo(full.id());
      assertThat(slim.storyId()).isEqualTo(full.storyId());
      assertThat(slim.dedup()).isEqualTo(full.dedup());
      assertThat(slim.article().ingestedAt()).isEqualTo(full.article().ingestedAt());
      assertThat(slim.article().publishedAt()).isEqualTo(full.article().publishedAt());
      assertThat(slim.article().title()).isEqualTo(full.article().title());
      assertThat(slim.article().outlet()).isEqualTo(full.article().outlet());
      assertThat(slim.article().language()).isEqualTo(full.article().language());
    }
    assertThat(articles)
        .as("the corpus has copies, stories, entities below the threshold, agencies and themes")
        .anyMatch(a -> a.dedup().isCopy())
        .anyMatch(a -> a.storyId() == null)
        .anyMatch(a -> a.entities().stream().anyMatch(e -> e.confidence() < 0.6))
        .anyMatch(a -> !a.wire().isEmpty())
        .anyMatch(a -> !a.themes().isEmpty());
  }

  @Test
  void shouldLeaveWhatCountingDoesNotReadUnbuiltWhenReading() {
    EnrichedArticle written = corpusArticles(1).get(0);
    EnrichedArticle slim = READER.deserialize("t", FULL_WRITER.serialize("t", written));

    assertThat(written.article().body()).isNotEmpty();
    assertThat(slim.article().body()).isNull();
    assertThat(slim.article().url()).isNull();
    assertThat(slim.article().credits()).isEmpty();
    assertThat(slim.contentHash()).isNull();
    assertThat(slim.enrichedAt()).isNull();
    assertThat(slim.entities()).hasSameSizeAs(written.entities());
    assertThat(slim.entities()).allSatisfy(e -> assertThat(e.mentions()).isEmpty());
    assertThat(slim.entities()).allSatisfy(e -> assertThat(e.id()).isNull());
    assertThat(slim.wire()).allSatisfy(w -> assertThat(w.evidence()).isEmpty());
  }

  @Test
  void shouldWriteTheSameBytesAsTheFullSerdeWhenWriting() {
    for (EnrichedArticle a : corpusArticles(20)) {
      assertThat(EnrichedForCounting.SERDE.serializer().serialize("t", a))
          .isEqualTo(FULL_WRITER.serialize("t", a));
    }
  }

  @Test
  void shouldRefuseWithTheFullSerdesReasonWhenTheDocumentIsMalformedAnywhere() {
    String good = new String(FULL_WRITER.serialize("t", corpusArticles(1).get(0)), UTF8);
    List<String> bad =
        List.of(
            "not json",
            good.substring(0, good.length() / 2),
            good + "{}",
            // malformed inside the body, which is skipped, not decoded
            good.replaceFirst("\"body\":\"", "\"body\":\"\\\\q"),
            good.replaceFirst("\"body\":\"", "\"body\":[\"x\"}"),
            // wrongly typed fields that counting reads
            good.replaceFirst("\"verdict\":\"[a-z]+\"", "\"verdict\":\"maybe\""),
            good.replaceFirst("\"type\":\"[A-Z]+\"", "\"type\":\"ALIEN\""),
            good.replaceFirst("\"confidence\":[0-9.]+", "\"confidence\":\"high\""),
            good.replaceFirst("\"ingestedAt\":\"[^\"]+\"", "\"ingestedAt\":\"yesterday\""),
            good.replaceFirst("\"themes\":\\[", "\"themes\":[{},"));
    for (String json : bad) {
      assertThat(json).isNotEqualTo(good);
      byte[] bytes = json.getBytes(UTF8);
      assertThatThrownBy(() -> READER.deserialize("t", bytes))
          .as(json.length() > 120 ? json.substring(0, 120) : json)
          .isInstanceOf(SerializationException.class)
          .hasMessageStartingWith("not a valid EnrichedArticle JSON document");
      assertThatThrownBy(() -> FULL_READER.deserialize("t", bytes))
          .isInstanceOf(SerializationException.class)
          .hasMessageStartingWith("not a valid EnrichedArticle JSON document");
    }
  }

  @Test
  void shouldCountAnArticleWhenOnlyAFieldCountingDoesNotReadIsWronglyTyped() throws Exception {
    EnrichedArticle written = corpusArticles(1).get(0);
    String good = new String(FULL_WRITER.serialize("t", written), UTF8);
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(good);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("article"))
        .putObject("body")
        .putArray("text")
        .add(1);
    byte[] objectBody = Json.mapper().writeValueAsBytes(tree);

    assertThatThrownBy(() -> FULL_READER.deserialize("t", objectBody))
        .isInstanceOf(SerializationException.class);
    assertThat(Facet.keysOf(READER.deserialize("t", objectBody))).isEqualTo(Facet.keysOf(written));
  }

  private static long eventTime(EnrichedArticle a) {
    return new EventTimeExtractor()
        .extract(new ConsumerRecord<Object, Object>("t", 0, 0, null, a), 0);
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /**
   * Bench-corpus articles dressed as enrich dresses them: entities with mentions (some below the
   * counting threshold), wire credits with evidence, themes, stories, copies, some without a
   * language or publication time.
   */
  static List<EnrichedArticle> corpusArticles(int n) {
    List<Article> articles;
    try {
      articles =
          Corpus.fromSeeds(Path.of("..", "seeds")).articles(n, 0.3, 42, AT, Corpus.Options.news());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Random random = new Random(7);
    List<EnrichedArticle> out = new ArrayList<>();
    for (int i = 0; i < articles.size(); i++) {
      Article a = articles.get(i);
      if (i % 7 == 3) {
        a = a.withLanguage(null);
      }
      List<Entity> entities = new ArrayList<>();
      int count = random.nextInt(40);
      for (int e = 0; e < count; e++) {
        EntityType type = EntityType.values()[random.nextInt(3)];
        List<Mention> mentions = new ArrayList<>();
        for (int m = 0; m <= random.nextInt(4); m++) {
          mentions.add(new Mention("Nama " + e, "body", 10 * m, 10 * m + 6));
        }
        entities.add(
            new Entity(
                "wd:Q" + (1000 + e),
                type,
                type == EntityType.LOCATION ? "city" : null,
                "Nama \"" + e + "\" é",
                Map.of("wikidata", "Q" + (1000 + e)),
                mentions,
                e % 5 == 0 ? 0.5 : 0.9,
                e % 9 == 0 ? mentions.size() + 3 : null));
      }
      List<WireCredit> wire =
          i % 4 == 0
              ? List.of(
                  new WireCredit(
                      "antara",
                      "Antara",
                      List.of(new WireCredit.Evidence("(ANTARA)", "body", 0, 12))))
              : List.of();
      List<String> themes = i % 3 == 0 ? List.of("economy", "diplomacy") : List.of();
      Dedup dedup =
          i % 5 == 4
              ? Dedup.nearCopyOf(articles.get(i - 1).id(), 0.91)
              : i % 11 == 5 ? Dedup.exactCopyOf(articles.get(0).id()) : Dedup.original(a.id());
      EnrichedArticle enriched =
          new EnrichedArticle(
              1,
              a,
              "0123456789abcdef0123456789abcdef",
              dedup,
              wire,
              themes,
              AT.plusSeconds(i),
              entities,
              i % 7 == 3,
              i % 6 == 0 ? null : "story-" + (i % 13),
              i % 8 == 0 ? 12 : null);
      out.add(enriched);
    }
    return out;
  }
}
