package io.newsflow.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.entity.EntityTagger;
import io.newsflow.analysis.entity.KnowledgeBase;
import io.newsflow.analysis.language.LanguageDetector;
import io.newsflow.analysis.near.MinHasher;
import io.newsflow.analysis.story.StoryFeatures;
import io.newsflow.analysis.story.StoryTerms;
import io.newsflow.analysis.theme.ThemeTagger;
import io.newsflow.analysis.wire.WireDetector;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.Text;
import io.newsflow.contracts.WireCredit;
import io.newsflow.testkit.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pins the output of enrich's per-article annotations other than the entity tagger (which {@link
 * EntityOutputGoldenTest} pins) to one digest per step, so that work meant to change only speed
 * shows at once whether it changed anything: {@link Text#normalize}, the detected language (title
 * and body together, each alone), wire credits with all their evidence, themes, story features
 * (every term and its weight, bit for bit) and MinHash signatures (stored in state: they must not
 * move). The texts: the seeds, 3,000 articles of the bench's corpus generator (Indonesian and
 * English), perturbed copies of a third of them (hyphens, line breaks, no-break spaces, typographic
 * quotes and dashes, case, accents) and wire-shaped copies of a fifth (datelines, sign-offs, source
 * statements, sourcing phrases).
 *
 * <p>When an output changes on purpose, rewrite the digests with {@code
 * -Dnewsflow.annotations.golden=write}; the dump is in {@code target/annotation-output-*.txt} (diff
 * it against one from before the change to review what moved).
 */
class AnnotationOutputGoldenTest {
  private static final Path SEEDS = Path.of("..", "seeds");
  private static final Path GOLDEN =
      Path.of("src", "test", "resources", "annotation-output.golden");
  private static final Path DUMP_DIR = Path.of("target");

  @Test
  void shouldAnnotateEveryTextAsTheGoldenDigestsSay() throws Exception {
    List<Article> articles = articles();
    WireDetector wire = WireDetector.defaults();
    ThemeTagger themes = ThemeTagger.defaults();
    EntityTagger entities = new EntityTagger(KnowledgeBase.defaults());
    MinHasher hasher = new MinHasher(3, 128);
    MinHasher enrichDefault = new MinHasher(2, 192); // EnrichConfig.DEFAULT_NEAR's
    MinHasher words = new MinHasher(1, 16);

    Map<String, StringBuilder> parts = new LinkedHashMap<>();
    for (String step : List.of("normalize", "language", "wire", "themes", "story", "minhash")) {
      parts.put(step, new StringBuilder());
    }
    for (Article a : articles) {
      String head = "# " + a.id() + "\n";
      parts
          .get("normalize")
          .append(head)
          .append(Text.normalize(a.title()))
          .append('\n')
          .append(Text.normalize(a.body()))
          .append('\n');
      parts
          .get("language")
          .append(head)
          .append(LanguageDetector.detect(a.title(), a.body()))
          .append('\t')
          .append(LanguageDetector.detect(a.title()))
          .append('\t')
          .append(LanguageDetector.detect(a.body()))
          .append('\n');
      StringBuilder w = parts.get("wire").append(head);
      for (WireCredit c : wire.detect(a)) {
        w.append(c.agency()).append('\t').append(c.name());
        for (WireCredit.Evidence e : c.evidence()) {
          w.append('\t')
              .append(e.field())
              .append(':')
              .append(e.index())
              .append(':')
              .append(e.offset())
              .append(':')
              .append(e.phrase());
        }
        w.append('\n');
      }
      parts.get("themes").append(head).append(themes.tag(a)).append('\n');
      StringBuilder s = parts.get("story").append(head);
      for (String lang : List.of("id", "en")) {
        List<Entity> found = entities.tag(a, lang);
        StoryTerms terms = StoryFeatures.of(lang, a.title(), a.body(), found);
        s.append(terms.language());
        for (int i = 0; i < terms.terms().length; i++) {
          s.append('\t')
              .append(terms.terms()[i])
              .append('=')
              .append(Integer.toHexString(Float.floatToRawIntBits(terms.weights()[i])));
        }
        s.append('\n');
      }
      StoryTerms unknown = StoryFeatures.of(a.language(), a.title(), a.body(), List.of());
      s.append(unknown).append('\n');
      parts
          .get("minhash")
          .append(head)
          .append(Arrays.toString(hasher.signature(a.body())))
          .append('\n')
          .append(Arrays.toString(enrichDefault.signature(a.body())))
          .append('\n')
          .append(Arrays.toString(words.signature(a.title())))
          .append('\n');
    }

    Properties digests = new Properties();
    Files.createDirectories(DUMP_DIR);
    for (Map.Entry<String, StringBuilder> part : parts.entrySet()) {
      digests.setProperty(part.getKey(), Text.sha256Hex(part.getValue().toString(), 64));
      Files.writeString(
          DUMP_DIR.resolve("annotation-output-" + part.getKey() + ".txt"),
          part.getValue(),
          StandardCharsets.UTF_8);
    }
    if ("write".equals(System.getProperty("newsflow.annotations.golden"))) {
      try (var out = Files.newBufferedWriter(GOLDEN, StandardCharsets.UTF_8)) {
        digests.store(
            out,
            "AnnotationOutputGoldenTest digests (rewrite: -Dnewsflow.annotations.golden=write)");
      }
      System.out.println("AnnotationOutputGoldenTest: digests written to " + GOLDEN);
      return;
    }
    Properties golden = new Properties();
    try (var in = Files.newBufferedReader(GOLDEN, StandardCharsets.UTF_8)) {
      golden.load(in);
    }
    for (String step : parts.keySet()) {
      assertThat(digests.getProperty(step))
          .as(
              "%s output (dump: %s)",
              step, DUMP_DIR.resolve("annotation-output-" + step + ".txt").toAbsolutePath())
          .isEqualTo(golden.getProperty(step));
    }
    // The texts must exercise every step, or a digest would pin nothing.
    assertThat(parts.get("wire").toString())
        .contains("\tbody:")
        .contains("\ttitle:")
        .contains("\tcredits:");
    assertThat(parts.get("themes").toString()).contains("[" + themes.themes().get(0).id());
  }

  private static List<Article> articles() throws IOException {
    List<Article> articles = new ArrayList<>(TopNames.seeds(SEEDS));
    Corpus generator = Corpus.fromSeeds(SEEDS);
    articles.addAll(
        generator.articles(3000, 0.2, 42, Instant.EPOCH, new Corpus.Options(0.3, true)));
    Random random = new Random(11);
    int base = articles.size();
    for (int i = 0; i < base; i += 3) {
      Article a = articles.get(i);
      articles.add(withText(a, "-p", perturb(a.title(), random), perturb(a.body(), random)));
    }
    String[] agencies = {"Reuters", "AFP", "AP", "ANTARA", "Yonhap", "BBC", "Kyodo", "Xinhua"};
    String[] leads = {
      "JAKARTA (%s) - ",
      "WASHINGTON, Oct 21 (%s) \u2014 ",
      "(%s) -- ",
      "Seperti dilansir dari kantor berita %s, ",
      "According to the state news agency %s, ",
      "%s melaporkan bahwa ",
      "",
    };
    String[] tails = {
      "\n(%s/abc)", " (Sumber: %s, AFP/AP)", "\nSumber : https://www.reuters.com/x", "(%s).", ""
    };
    for (int i = 0; i < base; i += 5) {
      Article a = articles.get(i);
      String agency = agencies[random.nextInt(agencies.length)];
      String lead = String.format(Locale.ROOT, leads[random.nextInt(leads.length)], agency);
      String tail = String.format(Locale.ROOT, tails[random.nextInt(tails.length)], agency);
      String title =
          a.title() == null
              ? null
              : a.title() + (random.nextBoolean() ? " - " + agency + " reported" : "");
      String body = a.body() == null ? null : lead + a.body() + tail;
      articles.add(withText(a, "-w", title, body));
    }
    return articles;
  }

  /** Spaces turned into hyphens, double spaces, line breaks, no-break spaces; quotes, case. */
  private static String perturb(String s, Random r) {
    if (s == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      double x = r.nextDouble();
      if (c == ' ' && x < 0.04) {
        sb.append(
            new String[] {"-", "  ", "\n", "\u00A0", ". ", " \u2013 ", "\t", "\r\n", " \u201C"}
                [r.nextInt(9)]);
      } else if (Character.isLetter(c) && x < 0.01) {
        sb.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
      } else if (c == 'e' && x < 0.02) {
        sb.append(r.nextBoolean() ? "\u00E9" : "e\u0301");
      } else if (c == '"' && x < 0.5) {
        sb.append(r.nextBoolean() ? '\u201C' : '\u00BB');
      } else if (c == 'f' && x < 0.02) {
        sb.append('\uFB01'); // a ligature NFKC takes apart
      } else if (c == 's' && x < 0.02 && i > 0 && Character.isLetter(s.charAt(i - 1))) {
        sb.append(r.nextBoolean() ? "'s" : "\u2019s");
      } else {
        sb.append(c);
      }
    }
    if (r.nextInt(8) == 0) {
      return sb.toString().toUpperCase(Locale.ROOT);
    }
    return sb.toString();
  }

  private static Article withText(Article a, String suffix, String title, String body) {
    return new Article(
        a.schemaVersion(),
        a.id() + suffix,
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
