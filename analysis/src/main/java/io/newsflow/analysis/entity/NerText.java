package io.newsflow.analysis.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tokens as the statistical name finder sees them: close to CoNLL's tokenisation (punctuation
 * apart, hyphenated words, initials and abbreviations like "U.S." and "Dr." in one token, "'s"
 * apart), so that a model trained on CoNLL-format files sees the same units in articles.
 */
public final class NerText {
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "dr", "mr", "mrs", "ms", "jr", "sr", "st", "prof", "gen", "col", "lt", "sgt", "capt",
          "gov", "sen", "rep", "rev", "inc", "corp", "co", "ltd", "bros", "vs", "mt", "ft", "hj",
          "ir", "drs", "kh", "tn", "ny", "sdr", "bpk", "jl", "jln", "pt", "tbk", "cv");

  private NerText() {}

  /**
   * A token with its offsets in the text.
   *
   * @param text as written
   * @param start offset of its first character
   * @param end offset one past its last
   * @param sentenceStart first token of a sentence (after . ! ? or a line break, or the text's
   *     first)
   */
  public record Tok(String text, int start, int end, boolean sentenceStart) {}

  /** Tokens of {@code text}. */
  public static List<Tok> tokenize(String text) {
    List<Tok> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int n = text.length();
    int i = 0;
    boolean newSentence = true;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0') {
        if (c == '\n') {
          newSentence = true;
        }
        i++;
        continue;
      }
      int chunkEnd = i;
      while (chunkEnd < n
          && !Character.isWhitespace(text.charAt(chunkEnd))
          && text.charAt(chunkEnd) != '\u00A0') {
        chunkEnd++;
      }
      newSentence = chunk(text, i, chunkEnd, out, newSentence);
      i = chunkEnd;
    }
    return out;
  }

  /** Splits one whitespace-free chunk; returns whether the next token starts a sentence. */
  private static boolean chunk(String text, int from, int to, List<Tok> out, boolean sentence) {
    int s = from;
    int e = to;
    // leading punctuation, one token each
    while (s < e && !Character.isLetterOrDigit(text.charAt(s))) {
      out.add(new Tok(text.substring(s, s + 1), s, s + 1, sentence));
      sentence = false;
      s++;
    }
    // trailing punctuation, kept apart (but the dot of an abbreviation or initials stays)
    List<Tok> tail = null; // most chunks have no trailing punctuation
    while (e > s && !Character.isLetterOrDigit(text.charAt(e - 1))) {
      char c = text.charAt(e - 1);
      if (c == '.' && keepsDot(text, s, e - 1)) {
        break;
      }
      if (tail == null) {
        tail = new ArrayList<>(2);
      }
      tail.add(0, new Tok(text.substring(e - 1, e), e - 1, e, false));
      e--;
    }
    if (s < e) {
      // "'s" of a possessive apart, as CoNLL writes it
      int apos = e - 2;
      if (e - s > 2
          && (text.charAt(apos) == '\'' || text.charAt(apos) == '\u2019')
          && (text.charAt(e - 1) == 's' || text.charAt(e - 1) == 'S')) {
        out.add(new Tok(text.substring(s, apos), s, apos, sentence));
        out.add(new Tok(text.substring(apos, e), apos, e, false));
      } else {
        out.add(new Tok(text.substring(s, e), s, e, sentence));
      }
      sentence = false;
    }
    if (tail != null) {
      for (Tok t : tail) {
        out.add(t);
        char c = t.text().charAt(0);
        if (c == '.' || c == '!' || c == '?') {
          sentence = true;
        }
      }
    }
    if (tail == null && s < e && text.charAt(e - 1) == '.' && !keepsDot(text, s, e - 1)) {
      sentence = true;
    }
    return sentence;
  }

  /** "U.S.", "Dr.", "J." keep their final dot. */
  private static boolean keepsDot(String text, int from, int dot) {
    if (dot <= from) {
      return false;
    }
    String word = text.substring(from, dot);
    if (word.indexOf('.') >= 0) {
      return true; // U.S. , a.m.
    }
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
      return true; // an initial
    }
    return ABBREVIATIONS.contains(Names.normalizeToken(word));
  }
}
