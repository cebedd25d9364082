package io.newsflow.analysis.entity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Small word lists of the rules (English and Indonesian, normalised): common words that are not
 * names even when capitalised, titles and roles that announce a person, speech cues, and words that
 * make a capitalised sequence an organisation. The lists are resources ({@code words/*.txt} beside
 * this class): one word per line, {@code #} starts a comment.
 */
final class CommonWords {
  private CommonWords() {}

  /** Function and frequent words, days and months: never a name on their own. */
  static final Set<String> COMMON = load("common.txt");

  /** Titles and roles written before a name: "Presiden", "Menteri Luar Negeri", "said". */
  static final Set<String> PERSON_TITLES = load("person-titles.txt");

  /** Titles and roles that announce a person by themselves (not "Luar", "Negeri", "Besar"). */
  static final Set<String> PERSON_CUES = load("person-cues.txt");

  /** Speech and attribution verbs next to a person: "kata Kim", "Kim said". */
  static final Set<String> SPEECH = load("speech.txt");

  /** Words that make a capitalised sequence an organisation. */
  static final Set<String> ORG_WORDS = load("org-words.txt");

  /** Prepositions before a place: "di Seoul", "in Brussels". */
  static final Set<String> LOCATIVE = load("locative.txt");

  /** Compass words, written after a place's name ("Korea Utara", "Jawa Barat", "South"). */
  static final Set<String> COMPASS =
      Set.of(
          "utara",
          "selatan",
          "barat",
          "timur",
          "tengah",
          "tenggara",
          "north",
          "south",
          "east",
          "west");

  // The span rules' lists (EntityTagger#hygiene): not model features, so the bundled model does
  // not depend on them.

  /** Honorifics: the name after them is a person and they are not part of it ("Dr.", "Tn."). */
  static final Set<String> HONORIFICS = load("honorifics.txt");

  /** Job words besides the titles ("Utama", "Executive", "Foreign"). */
  static final Set<String> ROLES = load("roles.txt");

  /** Capitalised headline verbs and nouns, and words before a place ("Tolak", "Otoritas"). */
  static final Set<String> NOT_NAMES = load("not-names.txt");

  /** Words that make a name a natural place: island, sea, river ("Pulau", "Sea"). */
  static final Set<String> GEO_FEATURES = load("geo-features.txt");

  /** Outlet and exchange words that make a leftover span an organisation ("Express"). */
  static final Set<String> MEDIA_WORDS = load("media-words.txt");

  static boolean contains(String normalized) {
    return COMMON.contains(normalized);
  }

  private static Set<String> load(String name) {
    String resource = "words/" + name;
    try (InputStream in = CommonWords.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      Set<String> words = new HashSet<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        int hash = line.indexOf('#');
        String word = (hash < 0 ? line : line.substring(0, hash)).strip();
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
      return Set.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
