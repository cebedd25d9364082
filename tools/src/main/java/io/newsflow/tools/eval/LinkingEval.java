package io.newsflow.tools.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.analysis.entity.EntityTagger;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.Mention;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores the entity linking of {@link EntityTagger} on the hand-written gold set {@code
 * enrich/src/test/resources/linking/linking-gold.jsonl} (its SOURCES.md says how it was written and
 * annotated); {@code newsflow eval-linking} and {@code LinkingEvalTest} print it.
 *
 * <p>A <b>predicted link</b> is a mention of an entity that carries a {@code wikidata} or {@code
 * geonames} external id (a {@code kb:} entry counts through its externalIds; an entity without
 * either, e.g. {@code local:} or a {@code kb:} entry without ids, links to nothing and is not a
 * predicted link). Each predicted link is matched to the gold mention of its text that it overlaps
 * most (overlapping spans, not only exact: "Kota Malang" for "Malang" still names the city); then
 *
 * <ul>
 *   <li>gold id (Q.. or geo:..) that agrees with the prediction's wikidata or geonames id: correct;
 *   <li>gold id that disagrees: wrong (<i>wrong id</i>);
 *   <li>gold NIL (a real name the project's tables give no id for): wrong (<i>link on NIL</i>);
 *   <li>no gold mention (every name in the texts is annotated, so the span is not a name): wrong
 *       (<i>link on a non-name</i>): a dashboard user sees such an entity just the same;
 *   <li>gold IGNORE (e.g. "Barat" for the West): not counted either way.
 * </ul>
 *
 * Precision = correct / counted predicted links; recall = gold linked mentions with at least one
 * correct predicted link / gold linked mentions (Q.. or geo:..).
 */
public final class LinkingEval {
  /** The gold set, relative to the repository's root. */
  public static final Path GOLD =
      Path.of("enrich", "src", "test", "resources", "linking", "linking-gold.jsonl");

  /** One gold mention: character offsets into the text, surface, type, gold id. */
  public record GoldMention(int start, int end, String text, String type, String gold) {
    boolean linked() {
      return gold.startsWith("Q") || gold.startsWith("geo:");
    }

    boolean agrees(Map<String, String> externalIds) {
      return gold.startsWith("geo:")
          ? gold.substring(4).equals(externalIds.get("geonames"))
          : gold.equals(externalIds.get("wikidata"));
    }
  }

  /** One paragraph of the set. */
  public record GoldText(String id, String language, String text, List<GoldMention> mentions) {}

  /** One wrong predicted link or missed gold link, for the error listing. */
  public record Error(String kind, String textId, String surface, String gold, String predicted) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%s %s \"%s\": gold %s, predicted %s",
          kind,
          textId,
          surface,
          gold,
          predicted);
    }
  }

  /** The figures of one language (or all). */
  public static final class Score {
    public int predicted;
    public int correct;
    public int exactSpan;
    public int goldLinked;
    public int found;
    public int ignored;
    public final Map<String, Integer> errorCounts = new TreeMap<>();
    public final List<Error> errors = new ArrayList<>();

    public double precision() {
      return predicted == 0 ? 0 : (double) correct / predicted;
    }

    public double recall() {
      return goldLinked == 0 ? 0 : (double) found / goldLinked;
    }

    void error(Error e) {
      errorCounts.merge(e.kind(), 1, Integer::sum);
      errors.add(e);
    }

    void add(Score o) {
      predicted += o.predicted;
      correct += o.correct;
      exactSpan += o.exactSpan;
      goldLinked += o.goldLinked;
      found += o.found;
      ignored += o.ignored;
      o.errorCounts.forEach((k, v) -> errorCounts.merge(k, v, Integer::sum));
      errors.addAll(o.errors);
    }

    /** One line: precision, recall and the error classes. */
    public String line(String label) {
      return String.format(
          Locale.ROOT,
          "linking %-3s precision %.3f (%d of %d predicted links, %d with the exact gold span),"
              + " recall %.3f (%d of %d gold links); wrong: %s",
          label,
          precision(),
          correct,
          predicted,
          exactSpan,
          recall(),
          found,
          goldLinked,
          errorCounts);
    }
  }

  private LinkingEval() {}

  /** Reads a gold set file. */
  public static List<GoldText> readGold(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return readGold(in);
    }
  }

  /** Reads a gold set in the format of linking-gold.jsonl. */
  public static List<GoldText> readGold(InputStream in) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<GoldText> texts = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = json.readTree(line);
        List<GoldMention> mentions = new ArrayList<>();
        for (JsonNode m : n.get("mentions")) {
          mentions.add(
              new GoldMention(
                  m.get("start").asInt(),
                  m.get("end").asInt(),
                  m.get("text").asText(),
                  m.get("type").asText(),
                  m.get("gold").asText()));
        }
        texts.add(
            new GoldText(
                n.get("id").asText(),
                n.get("language").asText(),
                n.get("text").asText(),
                mentions));
      }
    }
    return texts;
  }

  /** Tags every text and scores it; the map holds one score per language and "all". */
  public static Map<String, Score> score(EntityTagger tagger, List<GoldText> gold) {
    Map<String, Score> byLanguage = new TreeMap<>();
    for (GoldText t : gold) {
      score(
          t,
          tagger.tagText(t.text(), t.language()),
          byLanguage.computeIfAbsent(t.language(), l -> new Score()));
    }
    Map<String, Score> out = new LinkedHashMap<>(byLanguage);
    Score all = new Score();
    byLanguage.values().forEach(all::add);
    out.put("all", all);
    return out;
  }

  static void score(GoldText t, List<Entity> entities, Score s) {
    boolean[] found = new boolean[t.mentions().size()];
    for (Entity e : entities) {
      Map<String, String> ids = e.externalIds();
      if (!ids.containsKey("wikidata") && !ids.containsKey("geonames")) {
        continue;
      }
      String predicted = e.id() + " " + e.name();
      for (Mention m : e.mentions()) {
        if (!"body".equals(m.field())) {
          continue;
        }
        int best = -1;
        int bestOverlap = 0;
        for (int i = 0; i < t.mentions().size(); i++) {
          GoldMention g = t.mentions().get(i);
          int overlap = Math.min(g.end(), m.end()) - Math.max(g.start(), m.start());
          if (overlap > bestOverlap) {
            best = i;
            bestOverlap = overlap;
          }
        }
        if (best < 0) {
          s.predicted++;
          s.error(new Error("link on a non-name", t.id(), m.text(), "-", predicted));
          continue;
        }
        GoldMention g = t.mentions().get(best);
        if (g.gold().equals("IGNORE")) {
          s.ignored++;
          continue;
        }
        s.predicted++;
        if (g.gold().equals("NIL")) {
          s.error(new Error("link on NIL", t.id(), m.text(), "NIL (" + g.text() + ")", predicted));
        } else if (g.agrees(ids)) {
          s.correct++;
          found[best] = true;
          if (g.start() == m.start() && g.end() == m.end()) {
            s.exactSpan++;
          }
        } else {
          s.error(
              new Error("wrong id", t.id(), m.text(), g.gold() + " (" + g.text() + ")", predicted));
        }
      }
    }
    for (int i = 0; i < found.length; i++) {
      GoldMention g = t.mentions().get(i);
      if (g.linked()) {
        s.goldLinked++;
        if (found[i]) {
          s.found++;
        } else {
          s.errors.add(new Error("missed", t.id(), g.text(), g.gold(), overlapping(entities, g)));
        }
      }
    }
  }

  /** What the tagger found on a gold span it did not link correctly, for the error listing. */
  private static String overlapping(List<Entity> entities, GoldMention g) {
    List<String> found = new ArrayList<>();
    for (Entity e : entities) {
      for (Mention m : e.mentions()) {
        if ("body".equals(m.field())
            && Math.min(g.end(), m.end()) > Math.max(g.start(), m.start())) {
          found.add("\"" + m.text() + "\" as " + e.id() + " " + e.externalIds());
        }
      }
    }
    return found.isEmpty() ? "nothing (no entity on the span)" : String.join(", ", found);
  }

  /** Prints one line per language and overall, then every error. */
  public static void print(Map<String, Score> scores, PrintStream out) {
    scores.forEach((label, s) -> out.println(s.line(label)));
    for (Error e : scores.get("all").errors) {
      out.println("  " + e);
    }
  }
}
