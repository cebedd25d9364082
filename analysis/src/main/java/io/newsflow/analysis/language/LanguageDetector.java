package io.newsflow.analysis.language;

import io.newsflow.analysis.entity.Names;
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

  /**
   * Characters of each text looked at: a few hundred words decide the language as well as a whole
   * article, at a fraction of the cost.
   */
  static final int MAX_CHARS = 1500;

  private LanguageDetector() {}

  /**
   * The BCP 47 code ({@code id}, {@code en}, ...) of the text, or null when undecided. Only the
   * first {@value #MAX_CHARS} characters of each text count.
   */
  public static String detect(String... texts) {
    Map<String, Set<String>> words = FUNCTION_WORDS;
    Map<String, Double> score = new java.util.HashMap<>();
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      String head = text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
      for (Names.Token t : Names.tokenize(head)) {
        String w = t.norm();
        if (t.numeric()) {
          continue;
        }
        for (Map.Entry<String, Set<String>> e : words.entrySet()) {
          if (e.getValue().contains(w)) {
            score.merge(e.getKey(), 1.0, Double::sum);
          }
        }
        if (w.length() >= 6) {
          double affix = indonesianAffixes(w);
          if (affix > 0) {
            score.merge("id", affix, Double::sum);
          }
        }
      }
    }
    List<Map.Entry<String, Double>> ranked =
        score.entrySet().stream()
            .sorted(
                Map.Entry.<String, Double>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    if (ranked.isEmpty()) {
      return null;
    }
    String best = ranked.get(0).getKey();
    double top = ranked.get(0).getValue();
    double second = ranked.size() > 1 ? ranked.get(1).getValue() : 0;
    return top >= 1 && top > second ? best : null;
  }

  /** 0.5 for a prefix and suffix pair (menarik-kan), 0.5 for -kan or -nya alone, else 0. */
  private static double indonesianAffixes(String w) {
    boolean prefix = ID_PREFIXES.stream().anyMatch(w::startsWith);
    boolean suffix = ID_SUFFIXES.stream().anyMatch(w::endsWith);
    return prefix && suffix || w.endsWith("kan") || w.endsWith("nya") ? 0.5 : 0;
  }
}
