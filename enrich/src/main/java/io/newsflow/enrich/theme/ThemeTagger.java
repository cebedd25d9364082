package io.newsflow.enrich.theme;

import io.newsflow.common.Text;
import io.newsflow.ingest.Article;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assigns themes from a small bilingual taxonomy ({@code themes.tsv}, extendable by file): an
 * article gets a theme when the theme's keywords occur at least {@value #MIN_HITS} times in title
 * and body, or once in the title. Themes come out ordered by hits (most first), then by id.
 */
public final class ThemeTagger {
  static final int MIN_HITS = 2;

  private final List<Theme> themes;
  private final List<Pattern> patterns;

  public ThemeTagger(List<Theme> themes) {
    this.themes = List.copyOf(themes);
    this.patterns = this.themes.stream().map(ThemeTagger::pattern).toList();
  }

  /** The bundled taxonomy. */
  public static ThemeTagger defaults() {
    try (InputStream in = ThemeTagger.class.getResourceAsStream("themes.tsv")) {
      if (in == null) {
        throw new IllegalStateException("themes.tsv is missing from the classpath");
      }
      return new ThemeTagger(
          parse(new InputStreamReader(in, StandardCharsets.UTF_8), "themes.tsv"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bundled taxonomy with the themes of {@code file} added or, for an existing id, replaced.
   */
  public static ThemeTagger withOverrides(Path file) {
    Map<String, Theme> byId = new LinkedHashMap<>();
    defaults().themes.forEach(t -> byId.put(t.id(), t));
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      parse(in, file.toString()).forEach(t -> byId.put(t.id(), t));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read theme file " + file, e);
    }
    return new ThemeTagger(new ArrayList<>(byId.values()));
  }

  public List<Theme> themes() {
    return themes;
  }

  /** The ids of the article's themes, most hits first. */
  public List<String> tag(Article article) {
    String title = " " + Text.normalize(article.title()) + " ";
    String body = " " + Text.normalize(article.body()) + " ";
    record Hit(String id, int count) {}
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < themes.size(); i++) {
      int inTitle = count(patterns.get(i), title);
      int total = inTitle + count(patterns.get(i), body);
      if (inTitle > 0 || total >= MIN_HITS) {
        hits.add(new Hit(themes.get(i).id(), total));
      }
    }
    hits.sort(
        (a, b) ->
            a.count() != b.count()
                ? Integer.compare(b.count(), a.count())
                : a.id().compareTo(b.id()));
    return hits.stream().map(Hit::id).toList();
  }

  private static int count(Pattern p, String text) {
    Matcher m = p.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static Pattern pattern(Theme theme) {
    List<String> alternatives = new ArrayList<>();
    for (String k : theme.keywords()) {
      boolean prefix = k.endsWith("*");
      String word = Pattern.quote(prefix ? k.substring(0, k.length() - 1) : k);
      alternatives.add(word + (prefix ? "[\\p{L}\\p{N}-]*" : ""));
    }
    return Pattern.compile(
        "(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])");
  }

  static List<Theme> parse(Reader reader, String name) throws IOException {
    List<Theme> out = new ArrayList<>();
    BufferedReader in = new BufferedReader(reader);
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      if (cols.length != 4) {
        throw new IllegalArgumentException(
            name
                + ":"
                + lineNo
                + ": expected 4 tab-separated columns (id, English, Indonesian, keywords), found "
                + cols.length);
      }
      List<String> keywords =
          Arrays.stream(cols[3].split("\\|"))
              .map(Text::normalize)
              .filter(k -> !k.isEmpty())
              .toList();
      try {
        out.add(new Theme(cols[0].strip(), cols[1].strip(), cols[2].strip(), keywords));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ":" + lineNo + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
