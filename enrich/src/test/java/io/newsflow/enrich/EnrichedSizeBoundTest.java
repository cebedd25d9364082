package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.Annotator;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichTopics;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import io.newsflow.contracts.Mention;
import io.newsflow.contracts.Verdict;
import io.newsflow.contracts.WireCredit;
import io.newsflow.testkit.Corpus;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class EnrichedSizeBoundTest {
  private static final Serializer<EnrichedArticle> JSON =
      EnrichTopics.ENRICHED.valueSerde().serializer();

  @Test
  void shouldCountEveryFieldOfEveryRecordTheEnrichedArticleHolds() {
    Set<Class<?>> reached = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(EnrichedArticle.class));
    while (!todo.isEmpty()) {
      Class<?> type = todo.pop();
      if (!reached.add(type)) {
        continue;
      }
      assertThat(EnrichedSizeBound.FIELDS.keySet())
          .as("a record the bound counts")
          .contains(type.asSubclass(Record.class));
      RecordComponent[] components = type.getRecordComponents();
      assertThat(Arrays.stream(components).map(RecordComponent::getName).toList())
          .as("the fields of %s, in order", type.getSimpleName())
          .isEqualTo(EnrichedSizeBound.FIELDS.get(type));
      for (RecordComponent c : components) {
        for (Class<?> t : classesIn(c.getGenericType())) {
          if (t.isRecord()) {
            todo.push(t);
          }
        }
      }
    }
    assertThat(reached).isEqualTo(new HashSet<Class<?>>(EnrichedSizeBound.FIELDS.keySet()));
  }

  @Test
  void shouldCountEveryPropertyTheJsonHoldsWhenEveryFieldIsSet() throws Exception {
    EnrichedArticle full = null;
    Random random = new Random(5);
    while (full == null
        || full.article().url() == null
        || full.entities().isEmpty()
        || full.entities().get(0).mentionCount() == null
        || full.entities().get(0).subtype() == null
        || full.entities().get(0).mentions().isEmpty()
        || full.wire().isEmpty()
        || full.storyId() == null
        || full.entitiesOmitted() == null
        || full.article().publishedAt() == null
        || full.article().source() == null) {
      full = extreme(random, false);
    }
    com.fasterxml.jackson.databind.JsonNode root =
        io.newsflow.contracts.Json.mapper().readTree(JSON.serialize("t", full));
    assertFields(root, EnrichedArticle.class);
    assertFields(root.get("article"), Article.class);
    assertFields(root.get("dedup"), Dedup.class);
    assertFields(root.get("wire").get(0), WireCredit.class);
    assertFields(root.get("wire").get(0).get("evidence").get(0), WireCredit.Evidence.class);
    assertFields(root.get("entities").get(0), Entity.class);
    assertFields(root.get("entities").get(0).get("mentions").get(0), Mention.class);
  }

  private static void assertFields(com.fasterxml.jackson.databind.JsonNode node, Class<?> type) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .as("the JSON properties of %s", type.getSimpleName())
        .isSubsetOf(EnrichedSizeBound.FIELDS.get(type))
        .allSatisfy(n -> assertThat(n.length() + 4).isLessThanOrEqualTo(EnrichedSizeBound.FIELD));
  }

  @Test
  void shouldBoundTheJsonFromAboveWhenArticlesAreAnnotatedBenchArticles() throws Exception {
    Annotator annotator = EnrichConfig.defaults().annotator();
    List<Article> articles =
        Corpus.fromSeeds(Path.of("..", "seeds"))
            .articles(300, 0.3, 42, Instant.parse("2024-10-29T08:00:00Z"), Corpus.Options.news());
    double worst = 0;
    for (Article a : articles) {
      EnrichedArticle e =
          annotator
              .annotate(
                  a, "0123456789abcdef0123456789abcdef", Dedup.original(a.id()), Instant.EPOCH)
              .withStoryId(a.id());
      int size = JSON.serialize("t", e).length;
      long bound = EnrichedSizeBound.of(e);
      assertThat(bound).as(a.id()).isGreaterThanOrEqualTo(size);
      worst = Math.max(worst, (double) bound / size);
    }
    // Loose by design (6 bytes a character), yet far below the limit for any news-sized article.
    System.out.printf("bound / size, worst of %d bench articles: %.1f%n", articles.size(), worst);
  }

  @Test
  void shouldBoundTheJsonFromAboveWhenFieldsHoldTheWorstCharactersAndExtremes() {
    Random random = new Random(22);
    for (int i = 0; i < 2_000; i++) {
      EnrichedArticle e = extreme(random, i % 3 == 0);
      int size = JSON.serialize("t", e).length;
      assertThat(EnrichedSizeBound.of(e)).as("article %d", i).isGreaterThanOrEqualTo(size);
    }
  }

  /** Every Class a field type names: the type and its type arguments (List, Map). */
  private static List<Class<?>> classesIn(Type type) {
    List<Class<?>> out = new ArrayList<>();
    if (type instanceof Class<?> c) {
      out.add(c);
    } else if (type instanceof ParameterizedType p) {
      out.addAll(classesIn(p.getRawType()));
      for (Type arg : p.getActualTypeArguments()) {
        out.addAll(classesIn(arg));
      }
    }
    return out;
  }

  private static final String[] NASTY = {
    "\"",
    "\\",
    "\n",
    "\u0000",
    "\u001f",
    "\u007f",
    "é",
    "\u2028",
    "中",
    "\ud83d\ude00",
    "\ud800",
    "\udfff",
    "/",
    "<",
    "a"
  };

  private static String text(Random random, int max) {
    int n = random.nextInt(max + 1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(NASTY[random.nextInt(NASTY.length)]);
    }
    return b.toString();
  }

  private static String maybe(Random random, int max) {
    return random.nextInt(4) == 0 ? null : text(random, max);
  }

  private static Instant instant(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> null;
      case 1 -> Instant.MAX;
      case 2 -> Instant.MIN;
      default -> Instant.ofEpochSecond(random.nextLong() % 1_000_000_000_000L, 123_456_789);
    };
  }

  private static double number(Random random) {
    double[] extremes = {
      -Double.MAX_VALUE, Double.MIN_VALUE, -4.9e-324, 1.0 / 3, -1.2345678901234567e-300, 0.0
    };
    return extremes[random.nextInt(extremes.length)];
  }

  private static EnrichedArticle extreme(Random random, boolean empty) {
    Article article =
        new Article(
            Integer.MIN_VALUE,
            text(random, 20),
            maybe(random, 20),
            text(random, 10),
            text(random, 30),
            text(random, empty ? 0 : 400),
            maybe(random, 3),
            instant(random),
            instant(random),
            List.of(text(random, 5), text(random, 5)),
            empty ? List.of() : List.of(text(random, 8)),
            maybe(random, 5));
    List<Entity> entities = new ArrayList<>();
    for (int i = 0; i < (empty ? 0 : random.nextInt(6)); i++) {
      Map<String, String> ids = new HashMap<>();
      for (int k = 0; k < random.nextInt(3); k++) {
        ids.put(text(random, 4) + k, text(random, 6));
      }
      List<Mention> mentions = new ArrayList<>();
      for (int m = 0; m < random.nextInt(4); m++) {
        mentions.add(
            new Mention(text(random, 8), maybe(random, 4), Integer.MIN_VALUE, Integer.MAX_VALUE));
      }
      entities.add(
          new Entity(
              maybe(random, 8),
              EntityType.values()[random.nextInt(3)],
              maybe(random, 5),
              text(random, 12),
              ids,
              mentions,
              number(random),
              random.nextBoolean() ? null : Integer.MIN_VALUE));
    }
    List<WireCredit> wire = new ArrayList<>();
    for (int i = 0; i < (empty ? 0 : random.nextInt(3)); i++) {
      wire.add(
          new WireCredit(
              text(random, 6),
              maybe(random, 6),
              List.of(new WireCredit.Evidence(text(random, 9), maybe(random, 4), -1, 1 << 30))));
    }
    Dedup dedup =
        new Dedup(
            Verdict.values()[random.nextInt(3)],
            maybe(random, 10),
            number(random),
            maybe(random, 5));
    return new EnrichedArticle(
        Integer.MAX_VALUE,
        article,
        maybe(random, 32),
        random.nextInt(5) == 0 ? null : dedup,
        wire,
        List.of(text(random, 7)),
        instant(random),
        entities,
        random.nextBoolean(),
        maybe(random, 10),
        random.nextBoolean() ? null : Integer.MIN_VALUE);
  }
}
