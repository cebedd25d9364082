package io.newsflow.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.entity.EntityTagger;
import io.newsflow.analysis.entity.KbEntry;
import io.newsflow.analysis.entity.KnowledgeBase;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import io.newsflow.contracts.Mention;
import io.newsflow.tools.eval.LinkingEval.GoldMention;
import io.newsflow.tools.eval.LinkingEval.GoldText;
import io.newsflow.tools.eval.LinkingEval.Score;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The linking figure of issue 20 on the project's own gold set (enrich/src/test/resources/linking,
 * SOURCES.md): runs the tagger as enrich does and prints precision and recall per language.
 */
class LinkingEvalTest {
  /**
   * The set lives with enrich's test resources (the issue asks for it there); tests run in tools/.
   */
  private static final Path GOLD = Path.of("..").resolve(LinkingEval.GOLD);

  /**
   * What the tagger measured when this test was written (docs/ENTITIES.md, "Linking"), rounded
   * down: a change that links worse fails here. Raise them when linking gets better. (Indonesian
   * recall 0.95 -> 0.94 when ten former NIL mentions, eight of them Indonesian, got the
   * subdivisions' ids of place-wikidata.tsv: nine are linked, "Pemerintah Nusa Tenggara Timur" is
   * the model's organisation span like "Pemerintah Kota Malang"; on the mentions linked before,
   * recall is unchanged, 161 of 169. English precision rose to 0.988, all to 0.994.)
   */
  private static final Map<String, double[]> FLOORS =
      Map.of(
          "en", new double[] {0.98, 0.98},
          "id", new double[] {1.00, 0.94},
          "all", new double[] {0.99, 0.96});

  @Test
  void goldSetIsWellFormedAndUsesOnlyIdsOfTheProjectsTables() throws Exception {
    List<GoldText> gold = LinkingEval.readGold(GOLD);
    Set<String> known = new HashSet<>();
    for (KbEntry e : KnowledgeBase.defaults().entries()) {
      String wd = e.externalIds().get("wikidata");
      String geo = e.externalIds().get("geonames");
      if (wd != null) {
        known.add(wd);
      }
      if (geo != null) {
        known.add("geo:" + geo);
      }
    }
    Set<String> ids = new HashSet<>();
    int[] linked = new int[2];
    for (GoldText t : gold) {
      assertThat(ids.add(t.id())).as("unique id %s", t.id()).isTrue();
      assertThat(t.language()).isIn("id", "en");
      for (GoldMention m : t.mentions()) {
        assertThat(t.text().substring(m.start(), m.end())).as(t.id()).isEqualTo(m.text());
        assertThat(m.type()).isIn("PERSON", "ORGANIZATION", "LOCATION");
        assertThat(m.gold()).matches("Q[1-9][0-9]*|geo:[1-9][0-9]*|NIL|IGNORE");
        if (m.linked()) {
          assertThat(known)
              .as("%s %s: gold id from the KB's tables", t.id(), m.text())
              .contains(m.gold());
          linked[t.language().equals("id") ? 0 : 1]++;
        }
      }
    }
    assertThat(linked[0] + linked[1]).isGreaterThanOrEqualTo(300);
    assertThat(linked[0]).as("Indonesian gold links").isGreaterThanOrEqualTo(140);
    assertThat(linked[1]).as("English gold links").isGreaterThanOrEqualTo(140);
  }

  @Test
  void linkingFigurePerLanguage() throws Exception {
    Map<String, Score> scores =
        LinkingEval.score(EntityTagger.defaults(), LinkingEval.readGold(GOLD));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      LinkingEval.print(scores, out);
    }
    String printed = buf.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertThat(printed).contains("linking all precision", "linking id ", "linking en ");
    assertThat(scores.get("all").goldLinked).isGreaterThanOrEqualTo(300);
    FLOORS.forEach(
        (label, floor) -> {
          Score s = scores.get(label);
          assertThat(s.precision())
              .as("%s precision%n%s", label, printed)
              .isGreaterThanOrEqualTo(floor[0]);
          assertThat(s.recall())
              .as("%s recall%n%s", label, printed)
              .isGreaterThanOrEqualTo(floor[1]);
        });
  }

  @Test
  void scorerCountsEachKindOfError() {
    String text = "Putin met Lloyd Austin in Georgia. Reading it.";
    GoldText t =
        new GoldText(
            "x",
            "en",
            text,
            List.of(
                new GoldMention(0, 5, "Putin", "PERSON", "Q7747"),
                new GoldMention(10, 22, "Lloyd Austin", "PERSON", "NIL"),
                new GoldMention(26, 33, "Georgia", "LOCATION", "Q230")));
    List<Entity> predicted =
        List.of(
            linked("wd:Q7747", Map.of("wikidata", "Q7747"), new Mention("Putin", "body", 0, 5)),
            linked(
                "geo:4671654",
                Map.of("geonames", "4671654"),
                new Mention("Austin", "body", 16, 22)),
            linked(
                "kb:georgia-us",
                Map.of("iso3166", "US-GA"),
                new Mention("Georgia", "body", 26, 33)),
            linked(
                "geo:2639577",
                Map.of("geonames", "2639577"),
                new Mention("Reading", "body", 35, 42)));
    Score s = new Score();
    LinkingEval.score(t, predicted, s);
    assertThat(s.predicted).isEqualTo(3);
    assertThat(s.correct).isEqualTo(1);
    assertThat(s.exactSpan).isEqualTo(1);
    assertThat(s.goldLinked).isEqualTo(2);
    assertThat(s.found).isEqualTo(1);
    assertThat(s.errorCounts).isEqualTo(Map.of("link on NIL", 1, "link on a non-name", 1));

    Score wrong = new Score();
    LinkingEval.score(
        t,
        List.of(
            linked("wd:Q30", Map.of("wikidata", "Q30"), new Mention("Georgia", "body", 26, 33))),
        wrong);
    assertThat(wrong.errorCounts).isEqualTo(Map.of("wrong id", 1));
    assertThat(wrong.precision()).isZero();
    assertThat(wrong.recall()).isZero();
  }

  private static Entity linked(String id, Map<String, String> ids, Mention m) {
    return new Entity(id, EntityType.LOCATION, null, id, ids, List.of(m), 0.9);
  }
}
