package io.newsflow.analysis.theme;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.Text;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns themes from a small bilingual taxonomy ({@code themes.tsv}, extendable by file): an
 * article gets a theme when the theme's keywords occur at least {@value #MIN_HITS} times in title
 * and body, or once in the title. Themes come out ordered by hits (most first), then by id.
 */
public final class ThemeTagger {
  static final int MIN_HITS = 2;

  private final List<Theme> themes;

  /** Keywords by their first word (the letter/digit run they start with). */
  private final WordTable byFirstWord;

  /** One-word prefix keywords ({@code soldier*}) by their stem. */
  private final WordTable byStem;

  /** The distinct lengths of the stems in {@link #byStem}, shortest first. */
  private final int[] stemLengths;

  /**
   * A keyword of theme {@code theme}; {@code order} is its place in the theme's list (at one
   * position the first listed keyword that matches wins, as in a regular-expression alternation).
   */
  private record Keyword(int theme, int order, String text, boolean prefix) {}

  public ThemeTagger(List<Theme> themes) {
    this.themes = List.copyOf(themes);
    Map<String, List<Keyword>> byFirstWord = new HashMap<>();
    Map<String, List<Keyword>> byStem = new HashMap<>();
    for (int t = 0; t < this.themes.size(); t++) {
      List<String> keywords = this.themes.get(t).keywords();
      for (int k = 0; k < keywords.size(); k++) {
        String word = keywords.get(k);
        boolean prefix = word.endsWith("*");
        String text = prefix ? word.substring(0, word.length() - 1) : word;
        Keyword keyword = new Keyword(t, k, text, prefix);
        int firstEnd = wordEnd(text, 0);
        if (firstEnd == 0) {
          throw new IllegalArgumentException(
              "theme " + this.themes.get(t).id() + ": keyword must start with a letter or digit");
        }
        if (prefix && firstEnd == text.length()) {
          byStem.computeIfAbsent(text, x -> new ArrayList<>()).add(keyword);
        } else {
          byFirstWord
              .computeIfAbsent(text.substring(0, firstEnd), x -> new ArrayList<>())
              .add(keyword);
        }
      }
    }
    this.stemLengths =
        byStem.keySet().stream().mapToInt(String::length).distinct().sorted().toArray();
    this.byFirstWord = new WordTable(byFirstWord);
    this.byStem = new WordTable(byStem);
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
    int[] inTitle = count(Text.normalize(article.title()));
    int[] inBody = count(Text.normalize(article.body()));
    record Hit(String id, int count) {}
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < themes.size(); i++) {
      int total = inTitle[i] + inBody[i];
      if (inTitle[i] > 0 || total >= MIN_HITS) {
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

  /**
   * Occurrences per theme in normalised text: whole words or phrases, a prefix keyword also taking
   * the rest of its word (letters, digits, hyphens); within one theme matches do not overlap. One
   * pass over the words with hash lookups, instead of one regular expression per theme (which cost
   * more than all other annotations together, see docs/BENCHMARKS.md).
   */
  int[] count(String text) {
    int themeCount = themes.size();
    int[] counts = new int[themeCount];
    Match match = new Match(themeCount);
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isWordChar(text.charAt(i))) {
        i++;
        continue;
      }
      int end = wordEnd(text, i);
      consider(byFirstWord.get(text, i, end), text, i, match);
      // The stems are looked up by prefixes of the word, shortest first, hashed as they grow.
      int hash = 0;
      int hashed = i;
      for (int len : stemLengths) {
        if (len > end - i) {
          break;
        }
        for (; hashed < i + len; hashed++) {
          hash = 31 * hash + text.charAt(hashed);
        }
        consider(byStem.get(hash, text, i, i + len), text, i, match);
      }
      for (int k = 0; k < match.touched; k++) {
        int t = match.themes[k];
        counts[t]++;
        match.resumeAt[t] = match.bestEnd[t];
        match.best[t] = null;
      }
      match.touched = 0;
      i = end;
    }
    return counts;
  }

  /**
   * The state of one {@link #count} scan: per theme, where it may match next and its best match.
   */
  private static final class Match {
    final int[] resumeAt;
    final Keyword[] best;
    final int[] bestEnd;

    /** The themes with a best match at the current word, {@link #touched} of them. */
    final int[] themes;

    int touched;

    Match(int themeCount) {
      resumeAt = new int[themeCount];
      best = new Keyword[themeCount];
      bestEnd = new int[themeCount];
      themes = new int[themeCount];
    }
  }

  private static void consider(List<Keyword> keywords, String text, int at, Match match) {
    if (keywords == null) {
      return;
    }
    Keyword[] best = match.best;
    for (Keyword k : keywords) {
      int theme = k.theme();
      if (at < match.resumeAt[theme] || (best[theme] != null && best[theme].order() < k.order())) {
        continue;
      }
      int end = at + k.text().length();
      if (!text.startsWith(k.text(), at)) {
        continue;
      }
      if (k.prefix()) {
        while (end < text.length() && (isWordChar(text.charAt(end)) || text.charAt(end) == '-')) {
          end++;
        }
      } else if (end < text.length() && isWordChar(text.charAt(end))) {
        continue;
      }
      if (best[theme] == null) {
        match.themes[match.touched++] = theme;
      }
      best[theme] = k;
      match.bestEnd[theme] = end;
    }
  }

  /**
   * Keyword lists by word, looked up by a stretch of a text without cutting it out (a string per
   * word and stem was most of the cost of tagging). Open addressing over {@link String#hashCode}.
   */
  private static final class WordTable {
    private final String[] keys;
    private final int[] hashes;
    private final List<List<Keyword>> values;
    private final int mask;

    WordTable(Map<String, List<Keyword>> map) {
      int capacity = Integer.highestOneBit(Math.max(4, map.size() * 4) - 1) << 1;
      keys = new String[capacity];
      hashes = new int[capacity];
      values = new ArrayList<>(java.util.Collections.nCopies(capacity, (List<Keyword>) null));
      mask = capacity - 1;
      for (Map.Entry<String, List<Keyword>> e : map.entrySet()) {
        int h = e.getKey().hashCode();
        int slot = spread(h) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = e.getKey();
        hashes[slot] = h;
        values.set(slot, List.copyOf(e.getValue()));
      }
    }

    List<Keyword> get(String text, int from, int to) {
      int h = 0;
      for (int i = from; i < to; i++) {
        h = 31 * h + text.charAt(i);
      }
      return get(h, text, from, to);
    }

    /** The list of the word {@code text[from, to)}, whose {@link String#hashCode} is {@code h}. */
    List<Keyword> get(int h, String text, int from, int to) {
      int len = to - from;
      for (int slot = spread(h) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
        if (hashes[slot] == h
            && keys[slot].length() == len
            && keys[slot].regionMatches(0, text, from, len)) {
          return values.get(slot);
        }
      }
      return null;
    }

    private static int spread(int h) {
      return h ^ (h >>> 16);
    }
  }

  private static boolean isWordChar(char c) {
    if (c < 0x80) {
      return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
    }
    return Character.isLetterOrDigit(c);
  }

  /** End of the letter/digit run starting at {@code from}. */
  private static int wordEnd(String text, int from) {
    int i = from;
    while (i < text.length() && isWordChar(text.charAt(i))) {
      i++;
    }
    return i;
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
