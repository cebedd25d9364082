package io.newsflow.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Derives a headline from a body when the source has none. */
final class Sentences {
  static final int MAX_TITLE_CHARS = 160;
  // A sentence ends at . ! ? (optionally closed by a quote) followed by whitespace; "1.500" and
  // "21/10/2024" do not end one because no whitespace follows the dot.
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?][\"\u201D']?\\s");

  private Sentences() {}

  /** The first sentence of {@code text}, cut at a word boundary to {@value #MAX_TITLE_CHARS}. */
  static String lead(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String firstLine = text.strip().lines().findFirst().orElse("");
    String sentence = firstLine;
    Matcher end = SENTENCE_END.matcher(firstLine);
    if (end.find()) {
      sentence = firstLine.substring(0, end.start() + 1);
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
}
