package io.newsflow.analysis.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.language.LanguageDetector;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.Mention;
import io.newsflow.ingest.NewsPageParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every actor and place of the five seeds comes out, linked to one identity per article. */
class SeedEntitiesTest {
  private static final Path SEEDS = Path.of("..", "seeds");
  private static EntityTagger tagger;
  private static Map<String, List<Entity>> bySeed;

  @BeforeAll
  static void tagSeeds() throws IOException {
    tagger = EntityTagger.defaults();
    bySeed = new LinkedHashMap<>();
    NewsPageParser parser = new NewsPageParser();
    try (Stream<Path> files = Files.list(SEEDS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        Article a =
            parser
                .parse(Files.readString(f, StandardCharsets.UTF_8), f.toString(), "unknown")
                .withDefaults(Instant.EPOCH);
        String language = LanguageDetector.detect(a.title(), a.body());
        bySeed.put(f.getFileName().toString(), tagger.tag(a, language));
      }
    }
  }

  @Test
  void shouldLinkEveryActorAndPlaceOfTheSeedsWhenTagged() {
    bySeed.forEach(
        (seed, entities) -> {
          System.out.println("== " + seed);
          entities.forEach(
              e ->
                  System.out.printf(
                      "  %-14s %-9s %-28s %-36s %.2f %s%n",
                      e.type(),
                      e.subtype() == null ? "" : e.subtype(),
                      e.id(),
                      e.name(),
                      e.confidence(),
                      e.mentions().stream().map(Mention::text).toList()));
        });
    List<String> names = new ArrayList<>();
    bySeed.values().forEach(es -> es.forEach(e -> names.add(e.name())));
    assertThat(names)
        .contains(
            "Mark Rutte",
            "Yoon Suk Yeol",
            "Kim Hong Kyun",
            "Georgy Zinoviev",
            "Dmitry Peskov",
            "Vladimir Putin",
            "Kim Jong Un",
            "Volodymyr Zelensky",
            "Rustem Umerov",
            "David Lammy",
            "Lin Jian",
            "Moon Seong-Mok",
            "Valeriy Ryabykh",
            "NATO",
            "National Intelligence Service (South Korea)",
            "Yonhap",
            "United Nations",
            "Kremlin",
            "North Korea",
            "South Korea",
            "Russia",
            "Ukraine",
            "Seoul",
            "Moscow",
            "Pyongyang",
            "Vladivostok",
            "Kursk",
            "Brussels",
            "Kyiv",
            "New York",
            "Japan",
            "Australia",
            "China",
            "United States",
            "United Kingdom");
  }

  @Test
  void shouldTagNoSpanThatIsNotANameWhenTheSeedsAreTagged() {
    List<String> mentions = new ArrayList<>();
    bySeed
        .values()
        .forEach(es -> es.forEach(e -> e.mentions().forEach(m -> mentions.add(m.text()))));

    // issue 20: spans that were not names or swallowed their neighbours
    assertThat(mentions)
        .doesNotContain(
            "Keterlibatan Korea Utara",
            "Korut-Korsel",
            "Ukraina Volodymyr Zelensky",
            "Ukraina Zelensky",
            "Ukraina Defence Express",
            "Otoritas Seoul",
            "TRIBUNNEWS.COM",
            "Dr. Moon",
            "Tn. Yoon Seok Yeol");
    assertThat(mentions).noneMatch(m -> m.startsWith("Ukraina ") || m.contains(".COM"));
  }

  @Test
  void shouldLinkShortFormsAfterTitlesToTheFullNameWhenTheSeedUsesThem() {
    Entity moon = named("001_b0220605effb7f3f.txt", "Moon Seong-Mok");
    Entity yoon = named("004_e5291802c13fe799.txt", "Yoon Suk Yeol");

    assertThat(moon.mentions()).extracting(Mention::text).contains("Moon");
    assertThat(yoon.mentions()).extracting(Mention::text).contains("Yoon Seok Yeol");
    bySeed
        .values()
        .forEach(
            es ->
                assertThat(es)
                    .filteredOn(e -> e.name().contains("Moon") || e.name().contains("Yoon"))
                    .allMatch(e -> e.type() == io.newsflow.contracts.EntityType.PERSON));
  }

  private static Entity named(String seed, String name) {
    return bySeed.get(seed).stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void shouldNameEachIdentityOnceWhenAnArticleSpellsItSeveralWays() {
    bySeed.forEach(
        (seed, entities) -> {
          assertThat(entities.stream().map(Entity::id)).as(seed).doesNotHaveDuplicates();
          assertThat(entities.stream().map(Entity::name)).as(seed).doesNotHaveDuplicates();
        });
  }
}
