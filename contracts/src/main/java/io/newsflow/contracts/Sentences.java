package io.newsflow.contracts;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Derives a headline from a body when the source has none. */
public final class Sentences {
  public static final int MAX_TITLE_CHARS = 160;
  // A sentence ends at . ! ? (optionally closed by a quote) followed by whitespace; "1.500" and
  // "21/10/2024" do not end one because no whitespace follows the dot.
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?][\"\u201D']?\\s");
  // Titles and abbreviations that end in a dot mid-sentence, Indonesian and English (lower case).
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "dr", "drs", "prof", "tn", "ny", "nn", "sdr", "bpk", "ir", "hj", "kh", "st", "mr", "mrs",
          "ms", "jr", "sr", "no", "jl", "kol", "jend", "letjen", "mayjen", "brigjen", "kapt", "dll",
          "dsb", "vs", "etc", "gen", "gov", "sen", "rep", "u.s", "a.s");

  private Sentences() {}

  /** The first sentence of {@code text}, cut at a word boundary to {@value #MAX_TITLE_CHARS}. */
  public static String lead(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String firstLine = text.strip().lines().findFirst().orElse("");
    String sentence = firstLine;
    Matcher end = SENTENCE_END.matcher(firstLine);
    while (end.find()) {
      if (firstLine.charAt(end.start()) != '.' || !endsWithAbbreviation(firstLine, end.start())) {
        sentence = firstLine.substring(0, end.start() + 1);
        break;
      }
    }
    sentence = sentence.strip();
    if (sentence.endsWith(".")) {
      sentence = sentence.substring(0, sentence.length() - 1);
    }
    if (sentence.length() <= MAX_TITLE_CHARS) {
      return sentence;
    }
    int cut = sentence.lastIndexOf(' ', MAX_TITLE_CHARS - 1);
    return sentence.substring(0, cut > 0 ? cut : MAX_TITLE_CHARS - 1).strip() + "\u2026";
  }

  /** True when the word before the dot at {@code dot} is a known abbreviation or an initial. */
  private static boolean endsWithAbbreviation(String text, int dot) {
    int start = dot;
    while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
      start--;
    }
    String word = text.substring(start, dot).toLowerCase(Locale.ROOT);
    return (word.length() == 1 && Character.isLetter(word.charAt(0)))
        || ABBREVIATIONS.contains(word);
  }
}
