package io.newsflow.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.entity.EntityTagger;
import io.newsflow.analysis.entity.KbEntry;
import io.newsflow.analysis.entity.KnowledgeBase;
import io.newsflow.analysis.entity.NerCorpus;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.Mention;
import io.newsflow.contracts.Text;
import io.newsflow.testkit.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the entity tagger's whole output (every entity's id, type, name, ids, mentions with offsets,
 * confidence) on a large set of texts to a digest, so that a refactor meant to change only speed
 * shows at once whether it changed anything: the seeds, 3,000 articles of the bench's corpus
 * generator (Indonesian and English), perturbed copies of both (hyphens, line breaks, non-breaking
 * spaces, case), sentences naming every hand-kept alias and a sample of GeoNames aliases, the
 * linking gold set, and (where present) the test splits of ../shared/eval. Each text is tagged by
 * the tagger as enrich runs it (model path for Indonesian) and by dictionary and rules alone, in
 * both languages.
 *
 * <p>When the output changes on purpose (new rules, a retrained model, new knowledge-base data),
 * rewrite the digests with {@code -Dnewsflow.entities.golden=write} (the dump is in {@code
 * target/entity-output.txt}: diff it against one from before the change to review what moved).
 */
class EntityOutputGoldenTest {
  private static final Path SEEDS = Path.of("..", "seeds");
  private static final Path EVAL = Path.of("..", "..", "shared", "eval");
  private static final Path GOLDEN = Path.of("src", "test", "resources", "entity-output.golden");
  private static final Path DUMP = Path.of("target", "entity-output.txt");

  @Test
  void shouldTagEveryTextAsTheGoldenDigestsSay() throws Exception {
    EntityTagger model = EntityTagger.defaults();
    EntityTagger rules = new EntityTagger(KnowledgeBase.defaults());
    StringBuilder dump = new StringBuilder();
    Properties digests = new Properties();

    StringBuilder part = new StringBuilder();
    List<Article> articles = new ArrayList<>(TopNames.seeds(SEEDS));
    Corpus generator = Corpus.fromSeeds(SEEDS);
    articles.addAll(
        generator.articles(3000, 0.2, 42, Instant.EPOCH, new Corpus.Options(0.3, true)));
    Random random = new Random(7);
    int base = articles.size();
    for (int i = 0; i < base; i += 3) {
      Article a = articles.get(i);
      articles.add(withText(a, perturb(a.title(), random), perturb(a.body(), random)));
    }
    for (Article a : articles) {
      for (String lang : List.of("id", "en")) {
        part.append("# ").append(a.id()).append(' ').append(lang).append(" model\n");
        render(model.tag(a, lang), part);
        part.append("# ").append(a.id()).append(' ').append(lang).append(" rules\n");
        render(rules.tag(a, lang), part);
      }
    }
    for (String text : aliasTexts(KnowledgeBase.defaults())) {
      tagBoth(model, rules, text, part);
    }
    for (String line :
        Files.readAllLines(
            Path.of("..", "enrich", "src", "test", "resources", "linking", "linking-gold.jsonl"))) {
      tagBoth(
          model,
          rules,
          io.newsflow.contracts.Json.mapper().readTree(line).get("text").asText(),
          part);
    }
    digests.setProperty("bundled", Text.sha256Hex(part.toString(), 64));
    dump.append(part);

    if (Files.isDirectory(EVAL.resolve("indonesian-ner"))) {
      for (EntityEval.Dataset d : EntityEval.datasets(EVAL, "test")) {
        if (!Files.exists(d.file())) {
          continue;
        }
        StringBuilder eval = new StringBuilder();
        for (NerCorpus.Doc doc : NerCorpus.read(d.file())) {
          tagBoth(model, rules, doc.text(), eval);
        }
        digests.setProperty("eval." + d.name(), Text.sha256Hex(eval.toString(), 64));
        dump.append(eval);
      }
    } else {
      System.out.println("EntityOutputGoldenTest: " + EVAL + " not found: eval texts left out");
    }
    Files.createDirectories(DUMP.getParent());
    Files.writeString(DUMP, dump, StandardCharsets.UTF_8);

    if ("write".equals(System.getProperty("newsflow.entities.golden"))) {
      Properties merged = load();
      Files.createDirectories(GOLDEN.getParent());
      merged.putAll(digests);
      try (var out = Files.newBufferedWriter(GOLDEN, StandardCharsets.UTF_8)) {
        merged.store(
            out, "EntityOutputGoldenTest digests (rewrite: -Dnewsflow.entities.golden=write)");
      }
      System.out.println("EntityOutputGoldenTest: digests written to " + GOLDEN + ": " + digests);
      return;
    }
    Properties golden = load();
    for (String key : digests.stringPropertyNames()) {
      if (golden.getProperty(key) != null) {
        assertThat(digests.getProperty(key))
            .as("entity output on %s (dump: %s)", key, DUMP.toAbsolutePath())
            .isEqualTo(golden.getProperty(key));
      }
    }
    assertThat(golden.getProperty("bundled")).as("golden digest of the bundled texts").isNotNull();
  }

  private static Properties load() throws IOException {
    Properties p = new Properties();
    if (Files.exists(GOLDEN)) {
      try (var in = Files.newBufferedReader(GOLDEN, StandardCharsets.UTF_8)) {
        p.load(in);
      }
    }
    return p;
  }

  private static void tagBoth(
      EntityTagger model, EntityTagger rules, String text, StringBuilder out) {
    for (String lang : List.of("id", "en")) {
      out.append("# text ").append(lang).append(" model\n");
      render(model.tagText(text, lang), out);
      out.append("# text ").append(lang).append(" rules\n");
      render(rules.tagText(text, lang), out);
    }
  }

  private static void render(List<Entity> entities, StringBuilder out) {
    for (Entity e : entities) {
      out.append(e.id())
          .append('\t')
          .append(e.type())
          .append('\t')
          .append(e.subtype())
          .append('\t')
          .append(e.name())
          .append('\t')
          .append(new TreeMap<>(e.externalIds()))
          .append('\t')
          .append(String.format(Locale.ROOT, "%.4f", e.confidence()));
      for (Mention m : e.mentions()) {
        out.append('\t')
            .append(m.field())
            .append(':')
            .append(m.start())
            .append('-')
            .append(m.end())
            .append(':')
            .append(m.text());
      }
      out.append('\n');
    }
  }

  /** Sentences naming every hand-kept alias and every 40th other alias, in both languages' cues. */
  private static List<String> aliasTexts(KnowledgeBase kb) {
    List<String> texts = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    String[] frames = {
      "Kemarin %s mengatakan bahwa rapat ditunda.",
      "Presiden %s bertemu warga di %s pada Senin.",
      "The talks in %s ended, %s said on Monday.",
      "%s dan %s menandatangani perjanjian.",
      "\"Kami siap,\" kata %s kepada %s.",
    };
    int k = 0;
    int f = 0;
    String pending = null;
    for (KbEntry e : kb.entries()) {
      for (KbEntry.Alias a : e.aliases()) {
        if (!e.curated() && k++ % 40 != 0) {
          continue;
        }
        if (pending == null) {
          pending = a.text();
          continue;
        }
        sb.append(String.format(Locale.ROOT, frames[f++ % frames.length], pending, a.text()))
            .append(f % 7 == 0 ? "\n" : " ");
        pending = null;
        if (sb.length() > 2500) {
          texts.add(sb.toString());
          sb.setLength(0);
        }
      }
    }
    texts.add(sb.toString());
    return texts;
  }

  /** Spaces turned into hyphens, double spaces, line breaks, no-break spaces; case changed. */
  private static String perturb(String s, Random r) {
    if (s == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      double x = r.nextDouble();
      if (c == ' ' && x < 0.03) {
        sb.append(new String[] {"-", "  ", "\n", "\u00A0", ". ", " - "}[r.nextInt(6)]);
      } else if (Character.isLetter(c) && x < 0.01) {
        sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
      } else if (c == 'e' && x < 0.02) {
        sb.append('\u00E9');
      } else if (c == 's' && x < 0.02 && i > 0 && Character.isLetter(s.charAt(i - 1))) {
        sb.append("'s");
      } else {
        sb.append(c);
      }
    }
    if (r.nextInt(8) == 0) {
      return sb.toString().toUpperCase(Locale.ROOT);
    }
    return sb.toString();
  }

  private static Article withText(Article a, String title, String body) {
    return new Article(
        a.schemaVersion(),
        a.id() + "-p",
        a.url(),
        a.outlet(),
        title,
        body,
        a.language(),
        a.publishedAt(),
        a.ingestedAt(),
        a.credits(),
        a.boilerplate(),
        a.source());
  }
}
