package io.newsflow.analysis.language;

import io.newsflow.analysis.entity.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Detects the language of a news text from function words and, for Indonesian, affixes ({@code
 * me-/ber-/di-...-kan/-nya}), so that a short title with no function word still counts. Covers
 * Indonesian and English, with German, French, Spanish, Dutch, Portuguese and Italian function
 * words so that those are not taken for English. Returns null when there is no evidence.
 */
public final class LanguageDetector {
  private static final Map<String, Set<String>> FUNCTION_WORDS =
      Map.of(
          "id",
          Set.of(
              "yang",
              "dan",
              "di",
              "ke",
              "dari",
              "ini",
              "itu",
              "dengan",
              "untuk",
              "pada",
              "dalam",
              "tidak",
              "akan",
              "telah",
              "sudah",
              "juga",
              "bahwa",
              "oleh",
              "karena",
              "tersebut",
              "adalah",
              "atau",
              "kata",
              "mereka",
              "kami",
              "saat",
              "bisa",
              "dapat",
              "ada",
              "para",
              "sebagai",
              "namun",
              "serta",
              "hingga",
              "menurut",
              "ia",
              "ujarnya",
              "tahun",
              "baru"),
          "en",
          Set.of(
              "the", "of", "and", "to", "in", "is", "was", "for", "that", "on", "with", "as", "by",
              "at", "from", "his", "her", "it", "are", "were", "has", "have", "had", "said", "will",
              "be", "an", "not", "this", "which", "after", "who", "its", "their", "but", "been"),
          "de",
          Set.of(
              "der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "sich", "auf", "dem",
              "ein", "eine", "zu", "für", "wird", "auch"),
          "fr",
          Set.of(
              "le", "la", "les", "et", "des", "est", "une", "du", "dans", "pour", "qui", "que",
              "pas", "sur", "au", "avec", "il", "ses"),
          "es",
          Set.of(
              "el", "los", "las", "del", "y", "que", "en", "por", "con", "una", "para", "es", "se",
              "su", "como", "más", "fue"),
          "nl",
          Set.of(
              "de", "het", "een", "en", "van", "niet", "dat", "zijn", "op", "voor", "met", "ook",
              "werd", "naar", "bij"),
          "pt",
          Set.of(
              "o", "os", "as", "da", "do", "das", "dos", "em", "não", "uma", "com", "para", "que",
              "foi", "ao", "pelo", "pela"),
          "it",
          Set.of(
              "il", "della", "di", "che", "non", "gli", "una", "per", "con", "sono", "del", "nel",
              "alla", "anche", "è"));

  private static final List<String> ID_PREFIXES =
      List.of("meng", "meny", "mem", "men", "me", "ber", "ter", "di", "per", "pe", "ke");
  private static final List<String> ID_SUFFIXES = List.of("kan", "nya", "an", "lah", "kah");

  /** The languages, sorted: the order ties are broken in. */
  private static final String[] LANGUAGES =
      FUNCTION_WORDS.keySet().stream().sorted().toArray(String[]::new);

  private static final int INDONESIAN = List.of(LANGUAGES).indexOf("id");

  /**
   * Each function word with the languages it belongs to, as indices into {@link #LANGUAGES}: one
   * lookup per word instead of one per language.
   */
  private static final Map<String, int[]> LANGUAGES_OF_WORD = languagesOfWords();

  /**
   * Characters of each text looked at: a few hundred words decide the language as well as a whole
   * article, at a fraction of the cost.
   */
  static final int MAX_CHARS = 1500;

  private LanguageDetector() {}

  private static Map<String, int[]> languagesOfWords() {
    Map<String, int[]> out = new HashMap<>();
    for (int l = 0; l < LANGUAGES.length; l++) {
      for (String word : FUNCTION_WORDS.get(LANGUAGES[l])) {
        int[] old = out.getOrDefault(word, new int[0]);
        int[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = l;
        out.put(word, grown);
      }
    }
    return Map.copyOf(out);
  }

  /**
   * The BCP 47 code ({@code id}, {@code en}, ...) of the text, or null when undecided. Only the
   * first {@value #MAX_CHARS} characters of each text count.
   */
  public static String detect(String... texts) {
    // Scores are sums of 1 and 0.5: exact in any order.
    double[] score = new double[LANGUAGES.length];
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      String head = text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
      for (String w : Words.of(head)) {
        int[] languages = LANGUAGES_OF_WORD.get(w);
        if (languages != null) {
          for (int l : languages) {
            score[l] += 1.0;
          }
        }
        if (w.length() >= 6) {
          score[INDONESIAN] += indonesianAffixes(w);
        }
      }
    }
    // The best score, ties to the first code; undecided unless it is at least 1 and above all
    // others.
    int best = -1;
    for (int l = 0; l < score.length; l++) {
      if (score[l] > 0 && (best < 0 || score[l] > score[best])) {
        best = l;
      }
    }
    if (best < 0) {
      return null;
    }
    double second = 0;
    for (int l = 0; l < score.length; l++) {
      if (l != best) {
        second = Math.max(second, score[l]);
      }
    }
    return score[best] >= 1 && score[best] > second ? LANGUAGES[best] : null;
  }

  /** 0.5 for a prefix and suffix pair (menarik-kan), 0.5 for -kan or -nya alone, else 0. */
  private static double indonesianAffixes(String w) {
    if (w.endsWith("kan") || w.endsWith("nya")) {
      return 0.5;
    }
    boolean prefix = false;
    for (String p : ID_PREFIXES) {
      prefix |= w.startsWith(p);
    }
    boolean suffix = false;
    for (String x : ID_SUFFIXES) {
      suffix |= w.endsWith(x);
    }
    return prefix && suffix ? 0.5 : 0;
  }

  /**
   * The normalised non-numeric words of a text, as {@link Names#tokenize} finds and {@link
   * Names#normalizeToken} normalises them, without their offsets and case (which the detector does
   * not need and which cost most of its time).
   */
  static final class Words {
    private Words() {}

    static List<String> of(String text) {
      List<String> out = new ArrayList<>();
      int n = text.length();
      int i = 0;
      while (i < n) {
        while (i < n && !isWordChar(text.charAt(i))) {
          i++;
        }
        int start = i;
        while (i < n
            && (isWordChar(text.charAt(i))
                || (isApostrophe(text.charAt(i))
                    && i > start
                    && i + 1 < n
                    && Character.isLetter(text.charAt(i + 1))))) {
          i++;
        }
        int end = i;
        if (end - start > 3
            && (text.charAt(end - 1) == 's' || text.charAt(end - 1) == 'S')
            && isApostrophe(text.charAt(end - 2))) {
          end -= 2;
        }
        if (end > start
            && end - start <= io.newsflow.analysis.Bounds.MAX_TOKEN_CHARS
            && !Character.isDigit(text.charAt(start))) {
          out.add(normalize(text, start, end));
        }
      }
      return out;
    }

    private static String normalize(String text, int start, int end) {
      char[] lower = new char[end - start];
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if (c >= 0x80) {
          return Names.normalizeToken(text.substring(start, end));
        }
        lower[i - start] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
      }
      return new String(lower);
    }

    private static boolean isWordChar(char c) {
      if (c < 0x80) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
      }
      return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    private static boolean isApostrophe(char c) {
      return c == '\'' || c == '\u2019';
    }
  }
}
