package io.newsflow.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Text normalisation and hashing shared by ingest (article ids) and enrich (content hashes), so
 * that both sides agree on what "the same text" means.
 */
public final class Text {
  // Typographic quotes (U+201C U+201D U+201E U+00AB U+00BB), apostrophes (U+2018 U+2019 U+201A `)
  // and dashes (U+2010..U+2015, U+2212) vary between outlets copying the same wire text.
  private Text() {}

  /**
   * NFKC, unified quotes and dashes, lower case (locale independent), whitespace collapsed to one
   * space and trimmed.
   */
  public static String normalize(String text) {
    if (text == null) {
      return "";
    }
    String fast = normalizeStable(text);
    return fast != null ? fast : normalizeAny(text);
  }

  /**
   * The common case in one pass and one copy: a text of ASCII, of the quotes and dashes above, and
   * of {@linkplain #STABLE stable} Latin letters. NFKC leaves each of these as it is (U+2011
   * becomes U+2010, unified to the same hyphen) and none combines with a neighbour, and
   * lower-casing them one by one is what lower-casing the whole string does; so neither NFKC nor a
   * second pass is needed. Null when the text holds any other character.
   */
  private static String normalizeStable(String text) {
    // A copy of the chars and a table for ASCII: several times faster than charAt and a switch.
    char[] in = text.toCharArray();
    char[] out = new char[in.length];
    int len = 0;
    boolean space = false;
    for (char c : in) {
      char u;
      if (c < 0x80) {
        u = ASCII[c];
        if (u == SPACE) {
          space = true;
          continue;
        }
      } else {
        u = unify(c);
        if (u == c) {
          if (!stable(c)) {
            return null;
          }
          u = Character.toLowerCase(c);
        }
      }
      if (space && len > 0) {
        out[len++] = ' ';
      }
      space = false;
      out[len++] = u;
    }
    return new String(out, 0, len).trim();
  }

  /** Marks whitespace in {@link #ASCII}. */
  private static final char SPACE = '\uFFFF';

  /** Each ASCII char lower-cased and unified, or {@link #SPACE}. */
  private static final char[] ASCII = new char[0x80];

  /**
   * The letters of Latin-1, Latin Extended-A and -B and Latin Extended Additional (the accents of
   * names in Vietnamese, Turkish, Polish, Portuguese...) that NFKC leaves alone and that lower-case
   * to one char: {@link Normalizer} decides which, once. No such letter is the second of a
   * composition (those are combining marks, Hangul vowels and trailing consonants, and a few Indic
   * vowel signs), so it stays what it is next to any neighbour. U+0130 is left out: it lower-cases
   * to two chars.
   */
  private static final boolean[] STABLE = new boolean[0x1F00];

  static {
    for (char c = 0; c < 0x80; c++) {
      ASCII[c] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : unify(c);
    }
    for (char c : new char[] {' ', '\t', '\n', '\u000B', '\f', '\r'}) {
      ASCII[c] = SPACE;
    }
    for (char c = 0x80; c < STABLE.length; c++) {
      if (c == 0x250) {
        c = 0x1E00;
      }
      String one = String.valueOf(c);
      STABLE[c] =
          c != '\u0130'
              && Character.isLetter(c)
              && Normalizer.isNormalized(one, Normalizer.Form.NFKC)
              && one.toLowerCase(Locale.ROOT).equals(String.valueOf(Character.toLowerCase(c)));
    }
  }

  private static boolean stable(char c) {
    return c < STABLE.length && STABLE[c];
  }

  private static String normalizeAny(String text) {
    // One pass instead of four regular-expression passes: this runs several times per article and
    // was the largest single cost of enrich (docs/BENCHMARKS.md). TextTest pins it to the
    // definition above, character for character.
    String s =
        Normalizer.isNormalized(text, Normalizer.Form.NFKC)
            ? text
            : Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ' ', '\t', '\n', '\u000B', '\f', '\r' -> space = true;
        default -> {
          if (space && !out.isEmpty()) {
            out.append(' ');
          }
          space = false;
          out.append(unify(c));
        }
      }
    }
    return out.toString().toLowerCase(Locale.ROOT).trim();
  }

  private static char unify(char c) {
    return switch (c) {
      case '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB' -> '"';
      case '\u2018', '\u2019', '\u201A', '`' -> '\'';
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> '-';
      default -> c;
    };
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes, cut to {@code hexChars} characters. */
  public static String sha256Hex(String text, int hexChars) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, hexChars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
