package io.newsflow.analysis.entity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tokens and the normal forms names are matched on: case, diacritics, hyphens and spacing do not
 * count ({@link #normalize}); transliteration variants do not count either ({@link #variantKey}).
 */
public final class Names {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private Names() {}

  /**
   * A word of a field: a run of letters, digits and apostrophes inside a word.
   *
   * @param text as written
   * @param norm {@link #normalizeToken normalised}
   * @param start offset in the field
   * @param end offset one past the end
   * @param capitalized starts with an upper-case letter
   */
  public record Token(String text, String norm, int start, int end, boolean capitalized) {
    /** Computes {@link #capitalized()} once: the scans ask it of every word, several times. */
    public Token(String text, String norm, int start, int end) {
      this(text, norm, start, end, upperCaseFirst(text));
    }

    /** Two or more letters, all upper case. */
    public boolean allCaps() {
      int letters = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isLetter(c)) {
          if (!Character.isUpperCase(c)) {
            return false;
          }
          letters++;
        }
      }
      return letters >= 2;
    }

    public boolean numeric() {
      return Character.isDigit(text.charAt(0));
    }
  }

  /** Starts with an upper-case letter. */
  private static boolean upperCaseFirst(String text) {
    char c = text.charAt(0);
    if (c < 0x80) {
      return c >= 'A' && c <= 'Z';
    }
    return Character.isUpperCase(text.codePointAt(0));
  }

  /**
   * The words of {@code text} with their offsets; words longer than {@link
   * io.newsflow.analysis.Bounds#MAX_TOKEN_CHARS} are left out.
   */
  public static List<Token> tokenize(String text) {
    List<Token> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
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
      // A possessive "'s" is not part of the name: "Japan's" is Japan.
      int end = i;
      if (end - start > 3
          && (text.charAt(end - 1) == 's' || text.charAt(end - 1) == 'S')
          && isApostrophe(text.charAt(end - 2))) {
        end -= 2;
      }
      // A "word" longer than the bound (an inline base64 image) is no name: skipped.
      if (end > start && end - start <= io.newsflow.analysis.Bounds.MAX_TOKEN_CHARS) {
        String word = text.substring(start, end);
        out.add(new Token(word, normalizeToken(word), start, end));
      }
    }
    return out;
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

  /** Lower case (Locale.ROOT), no diacritics, typographic apostrophes unified. */
  public static String normalizeToken(String word) {
    boolean ascii = true;
    for (int i = 0; i < word.length() && ascii; i++) {
      ascii = word.charAt(i) < 0x80;
    }
    if (ascii) {
      return word.toLowerCase(Locale.ROOT);
    }
    String s = Normalizer.normalize(word, Normalizer.Form.NFD);
    s = MARKS.matcher(s).replaceAll("");
    return s.replace('\u2019', '\'').toLowerCase(Locale.ROOT);
  }

  /** A name as the space-joined normal forms of its words: "Yoon Suk-yeol" is "yoon suk yeol". */
  public static String normalize(String name) {
    List<Token> tokens = tokenize(name);
    StringBuilder sb = new StringBuilder();
    for (Token t : tokens) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(t.norm());
    }
    return sb.toString();
  }

  /**
   * A key equal for common romanisation variants of one name: words joined without spaces, {@code
   * eo} read as {@code u} (Seok/Suk), {@code iy}/{@code ii}/{@code yy} as {@code y} (Georgiy,
   * Zelenskyy, Zelenskii), {@code kh} as {@code h}, {@code j} as {@code y} before a vowel at word
   * start is kept (Jong), doubled letters single, apostrophes dropped.
   */
  public static String variantKey(String normalizedName) {
    String s = normalizedName.replace("'", "").replace(" ", "");
    s = s.replace("eo", "u").replace("kh", "h").replace("iy", "y").replace("yy", "y");
    if (s.endsWith("ii")) {
      s = s.substring(0, s.length() - 2) + "y";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (i == 0 || c != s.charAt(i - 1)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** A URL- and id-safe slug of a name: "Kim Jong Un" is "kim-jong-un". */
  public static String slug(String name) {
    return normalize(name).replace(' ', '-');
  }
}
