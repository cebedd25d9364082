package io.newsflow.analysis.story;

import io.newsflow.analysis.Bounds;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an enriched article into its {@link StoryTerms}. Only the enriched record is read (its
 * entities list, language, title and body), never the tagger's internals.
 *
 * <ul>
 *   <li>{@code e:<canonical id>}: each entity once; people and organisations weigh {@value
 *       #ACTOR_WEIGHT}, cities and regions {@value #PLACE_WEIGHT}, countries {@value
 *       #COUNTRY_WEIGHT} (every article of a region names the same few), times {@code 1 + ln
 *       mentions} up to 4 mentions.
 *   <li>{@code d:<MM-DD>}: a day of a month, written as digits (21/10/2024, 18.10.) or with a month
 *       name in one of 12 languages (29 Oktober, October 29, 3 marca); weight {@value
 *       #DATE_WEIGHT}.
 *   <li>{@code n:<value>}: a number of at least 10 that is not a year, thousand separators removed
 *       (1.500 and 1,500 are both 1500); weight {@value #NUMBER_WEIGHT}.
 *   <li>{@code w:<language>:<word>}: the {@value #LEXICAL_TERMS} most frequent words of at least 4
 *       letters outside a small stop list (Han text: character pairs), weight {@code 1 + ln tf}.
 *       They only ever match an article of the same language.
 * </ul>
 */
public final class StoryFeatures {
  static final float ACTOR_WEIGHT = 3f;
  static final float PLACE_WEIGHT = 2f;
  static final float COUNTRY_WEIGHT = 1f;
  static final float DATE_WEIGHT = 2f;
  static final float NUMBER_WEIGHT = 1.5f;
  static final int LEXICAL_TERMS = 25;
  private static final int MAX_MENTIONS = 4;

  private static final Pattern NUMERIC_DATE =
      Pattern.compile("(?<![\\d.,/])(\\d{1,2})[/.](\\d{1,2})(?:[/.](\\d{2}|\\d{4}))?(?![\\d,/])");
  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\d.,])(\\d{1,3}(?:[.,]\\d{3})+|\\d+)(?:[.,](\\d{1,2}))?(?![\\d])");
  private static final Map<String, Integer> MONTHS = new HashMap<>();

  static {
    String[][] names = {
      // en, id, de, nl, fr, es, it, pt, pl (nominative and genitive), tr, ru (genitive)
      {
        "january",
        "januari",
        "januar",
        "janvier",
        "enero",
        "gennaio",
        "janeiro",
        "styczen",
        "stycznia",
        "styczeń",
        "ocak",
        "января",
        "jan"
      },
      {
        "february",
        "februari",
        "februar",
        "fevrier",
        "febrero",
        "febbraio",
        "fevereiro",
        "luty",
        "lutego",
        "subat",
        "février",
        "şubat",
        "февраля",
        "feb",
        "pebruari"
      },
      {
        "march", "maret", "marz", "maart", "mars", "marzo", "marco", "marzec", "marca", "mart",
        "märz", "março", "марта"
      },
      {
        "april",
        "avril",
        "abril",
        "aprile",
        "kwiecien",
        "kwiecień",
        "kwietnia",
        "nisan",
        "апреля",
        "apr"
      },
      {"may", "mei", "mai", "mayo", "maggio", "maio", "maj", "maja", "mayis", "mayıs", "мая"},
      {
        "june",
        "juni",
        "juin",
        "junio",
        "giugno",
        "junho",
        "czerwiec",
        "czerwca",
        "haziran",
        "июня",
        "jun"
      },
      {
        "july", "juli", "juillet", "julio", "luglio", "julho", "lipiec", "lipca", "temmuz", "июля",
        "jul"
      },
      {
        "august",
        "agustus",
        "aout",
        "agosto",
        "augustus",
        "août",
        "sierpień",
        "ağustos",
        "sierpien",
        "sierpnia",
        "agustos",
        "августа",
        "aug",
        "agu"
      },
      {
        "september",
        "septembre",
        "septiembre",
        "settembre",
        "setembro",
        "wrzesien",
        "wrzesnia",
        "wrzesień",
        "września",
        "eylül",
        "eylul",
        "сентября",
        "sep",
        "sept"
      },
      {
        "october",
        "oktober",
        "octobre",
        "octubre",
        "ottobre",
        "outubro",
        "pazdziernik",
        "pazdziernika",
        "październik",
        "października",
        "ekim",
        "октября",
        "oct",
        "okt"
      },
      {
        "november",
        "nopember",
        "novembre",
        "noviembre",
        "novembro",
        "listopad",
        "listopada",
        "kasim",
        "kasım",
        "ноября",
        "nov",
        "nop"
      },
      {
        "december",
        "desember",
        "dezember",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
        "grudzien",
        "grudzień",
        "grudnia",
        "aralik",
        "aralık",
        "décembre",
        "декабря",
        "dec"
      },
    };
    for (int m = 0; m < names.length; m++) {
      for (String n : names[m]) {
        MONTHS.put(n, m + 1);
      }
    }
  }

  /** Words too frequent to say anything about a story (English, Indonesian, other Latin script). */
  private static final Set<String> STOP =
      Set.copyOf(
          List.of(
              // English
              "that",
              "this",
              "with",
              "from",
              "have",
              "were",
              "will",
              "been",
              "their",
              "they",
              "which",
              "about",
              "would",
              "there",
              "said",
              "also",
              "more",
              "after",
              "than",
              "when",
              "into",
              "other",
              "what",
              "some",
              "could",
              "over",
              "only",
              "just",
              "like",
              "says",
              "year",
              "years",
              "first",
              "last",
              "most",
              "where",
              "while",
              "being",
              "such",
              "them",
              "then",
              "these",
              "those",
              "under",
              "what",
              "your",
              "because",
              "before",
              "since",
              "many",
              "much",
              // Indonesian
              "yang",
              "dengan",
              "untuk",
              "dari",
              "pada",
              "dalam",
              "tidak",
              "akan",
              "juga",
              "atau",
              "oleh",
              "karena",
              "bahwa",
              "telah",
              "sudah",
              "saat",
              "kata",
              "para",
              "tersebut",
              "lebih",
              "bisa",
              "dapat",
              "secara",
              "antara",
              "hingga",
              "sebagai",
              "menurut",
              "setelah",
              "namun",
              "masih",
              "kami",
              "mereka",
              "kita",
              "sebelumnya",
              "baca",
              "juga",
              // German
              "nicht",
              "sich",
              "auch",
              "eine",
              "einer",
              "einem",
              "einen",
              "sind",
              "wird",
              "werden",
              "dass",
              "oder",
              "aber",
              "noch",
              "nach",
              "mehr",
              "schon",
              "wurde",
              "haben",
              "über",
              "durch",
              "diese",
              "dieser",
              "sagte",
              "beim",
              "sein",
              "seine",
              "ihre",
              "wenn",
              "kann",
              // French, Spanish, Italian, Portuguese
              "dans",
              "pour",
              "avec",
              "sont",
              "plus",
              "mais",
              "comme",
              "elle",
              "leur",
              "cette",
              "para",
              "como",
              "pero",
              "este",
              "esta",
              "entre",
              "sobre",
              "desde",
              "también",
              "porque",
              "sono",
              "della",
              "delle",
              "degli",
              "anche",
              "questo",
              "questa",
              "come",
              "nella",
              "alla",
              "dopo",
              "essere",
              "stato",
              "molto",
              "mais",
              "pelo",
              "pela",
              "seus",
              "suas",
              // Polish, Turkish
              "jest",
              "się",
              "oraz",
              "przez",
              "jako",
              "może",
              "tylko",
              "bardzo",
              "było",
              "będzie",
              "için",
              "olarak",
              "daha",
              "gibi",
              "olan",
              "kadar",
              "ancak",
              "sonra",
              "değil",
              "ayrıca"));

  private StoryFeatures() {}

  public static StoryTerms of(EnrichedArticle article) {
    return of(
        article.article().language(),
        article.article().title(),
        article.article().body(),
        article.entities());
  }

  public static StoryTerms of(String language, String title, String body, List<Entity> entities) {
    String lang = baseLanguage(language);
    Map<String, Float> terms = new LinkedHashMap<>();
    for (Entity e : entities) {
      float w = typeWeight(e);
      int mentions = Math.max(1, Math.min(MAX_MENTIONS, e.mentions().size()));
      terms.merge("e:" + e.id(), (float) (w * (1 + Math.log(mentions))), Math::max);
    }
    String text = (title == null ? "" : title) + "\n" + (body == null ? "" : body);
    String rest = dates(text, lang, terms);
    numbers(rest, terms);
    lexical(text, lang, terms);
    String[] t = new String[terms.size()];
    float[] w = new float[terms.size()];
    int i = 0;
    for (Map.Entry<String, Float> e : terms.entrySet()) {
      t[i] = e.getKey();
      w[i++] = e.getValue();
    }
    return new StoryTerms(lang, t, w);
  }

  private static float typeWeight(Entity e) {
    if (e.type() != EntityType.LOCATION) {
      return ACTOR_WEIGHT;
    }
    return "country".equals(e.subtype()) ? COUNTRY_WEIGHT : PLACE_WEIGHT;
  }

  /** Adds the dates and returns the text with them blanked, so their digits are no numbers. */
  static String dates(String text, String lang, Map<String, Float> terms) {
    StringBuilder blanked = new StringBuilder(text);
    dayMonth(text, terms, blanked);
    monthDay(blanked.toString(), terms, blanked);
    DigitMatches found = new DigitMatches(NUMERIC_DATE, blanked.toString());
    while (found.find()) {
      Matcher m = found.matcher();
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(2));
      // Day first everywhere but in US English; unambiguous either way when one part is over 12.
      boolean monthFirst = "en".equals(lang) && a <= 12 && b > 12;
      int day = monthFirst ? b : a;
      int month = monthFirst ? a : b;
      if (m.group(3) != null || m.group(0).contains("/")) {
        if (addDate(terms, day, month)) {
          blank(blanked, m.start(), m.end());
        }
      }
    }
    return blanked.toString();
  }

  // The two scans below are hand-written forms of these expressions, with the month looked up in
  // MONTHS (the regex engine tried every position of the text at some 25 ns each, 0.4 ms an
  // article); \\d is ASCII, \\s is [ \\t\\n\\x0B\\f\\r], letters are code points:
  //   day month: (?<!\\d)(\\d{1,2})\\.?\\s+(\\p{L}++)\\.?(?![\\p{L}])
  //   month day: (?<![\\p{L}])(\\p{L}++)\\.?\\s+(\\d{1,2})(?!\\d)
  // StoryFeaturesTest pins them to the former alternation of month names.

  private static void dayMonth(String text, Map<String, Float> terms, StringBuilder blanked) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!isAsciiDigit(c) || (i > 0 && isAsciiDigit(text.charAt(i - 1)))) {
        i++;
        continue;
      }
      int j = digit(text, i + 1) ? i + 2 : i + 1;
      int k = j < n && text.charAt(j) == '.' && space(text, j + 1) ? j + 1 : j;
      if (!space(text, k)) {
        i = j;
        continue;
      }
      while (space(text, k)) {
        k++;
      }
      int e = letters(text, k);
      if (e == k) {
        i = j;
        continue;
      }
      Integer month = MONTHS.get(text.substring(k, e).toLowerCase(Locale.ROOT));
      if (month == null) {
        i = j;
        continue;
      }
      int end = e < n && text.charAt(e) == '.' && !letterAt(text, e + 1) ? e + 1 : e;
      addDate(terms, Integer.parseInt(text, i, j, 10), month);
      blank(blanked, i, end);
      i = end;
    }
  }

  private static void monthDay(String text, Map<String, Float> terms, StringBuilder blanked) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c < 0x80 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
        i++; // no run of letters starts here
        continue;
      }
      // One char back, as the regex's lookbehind does (a low surrogate is no letter).
      if (i > 0 && isLetter(text.charAt(i - 1))) {
        i++;
        continue;
      }
      int e = letters(text, i);
      int k = e < n && text.charAt(e) == '.' && space(text, e + 1) ? e + 1 : e;
      if (e == i || !space(text, k)) {
        i++;
        continue;
      }
      while (space(text, k)) {
        k++;
      }
      int d = digit(text, k + 1) ? k + 2 : k + 1;
      if (!digit(text, k) || digit(text, d)) {
        i++;
        continue;
      }
      Integer month = MONTHS.get(text.substring(i, e).toLowerCase(Locale.ROOT));
      if (month == null) {
        i++;
        continue;
      }
      addDate(terms, Integer.parseInt(text, k, d, 10), month);
      blank(blanked, i, d);
      i = d;
    }
  }

  private static boolean digit(String s, int i) {
    return i >= 0 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
  }

  private static boolean space(String s, int i) {
    if (i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean letterAt(String s, int i) {
    return i < s.length() && Character.isLetter(s.codePointAt(i));
  }

  /** The end of the run of letters (code points) starting at {@code i}; {@code i} if none. */
  private static int letters(String s, int i) {
    int j = i;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (c < 0x80) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
          j++;
          continue;
        }
        break;
      }
      int cp = s.codePointAt(j);
      if (!Character.isLetter(cp)) {
        break;
      }
      j += Character.charCount(cp);
    }
    return j;
  }

  /** {@link Character#isLetter(char)}, ASCII first. */
  private static boolean isLetter(char c) {
    if (c < 0x80) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
    return Character.isLetter(c);
  }

  private static void blank(StringBuilder b, int from, int to) {
    for (int i = from; i < to; i++) {
      b.setCharAt(i, ' ');
    }
  }

  private static boolean addDate(Map<String, Float> terms, int day, Integer month) {
    if (month == null || day < 1 || day > 31 || month < 1 || month > 12) {
      return false;
    }
    // "d:%02d-%02d" of month and day, without the cost of String.format.
    char[] key = {
      'd',
      ':',
      (char) ('0' + month / 10),
      (char) ('0' + month % 10),
      '-',
      (char) ('0' + day / 10),
      (char) ('0' + day % 10)
    };
    terms.merge(new String(key), DATE_WEIGHT, Math::max);
    return true;
  }

  static void numbers(String text, Map<String, Float> terms) {
    int added = 0;
    DigitMatches found = new DigitMatches(NUMBER, text);
    while (found.find()) {
      Matcher m = found.matcher();
      String digits = m.group(1).replace(".", "").replace(",", "");
      if (digits.length() > 12) {
        continue;
      }
      long value = Long.parseLong(digits);
      boolean year = m.group(2) == null && digits.length() == 4 && value >= 1900 && value <= 2100;
      if (value < 10 || year) {
        continue;
      }
      String key = m.group(2) == null ? Long.toString(value) : value + "." + m.group(2);
      if (key.length() > Bounds.MAX_TOKEN_CHARS) {
        continue;
      }
      if (terms.containsKey("n:" + key) || ++added <= Bounds.MAX_NUMBER_TERMS) {
        terms.merge("n:" + key, NUMBER_WEIGHT, Math::max);
      }
    }
  }

  /**
   * The matches of a pattern that begins with a lookbehind ruling out a digit before, then a digit
   * (NUMBER, NUMERIC_DATE), found as {@link Matcher#find()} finds them but tried only at the first
   * digit of each run of ASCII digits: the regex engine tried every position of the text, some 0.1
   * ms an article for each of the two.
   */
  static final class DigitMatches {
    private final String text;
    private final Matcher m;
    private int next;

    DigitMatches(Pattern pattern, String text) {
      this.text = text;
      this.m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /** Moves to the next match; false when there is none. */
    boolean find() {
      int n = text.length();
      for (int i = next; i < n; i++) {
        if (isAsciiDigit(text.charAt(i)) && (i == 0 || !isAsciiDigit(text.charAt(i - 1)))) {
          m.region(i, n);
          if (m.lookingAt()) {
            next = Math.max(m.end(), i + 1);
            return true;
          }
        }
      }
      next = n;
      return false;
    }

    /** The current match. */
    Matcher matcher() {
      return m;
    }
  }

  /** Adds the {@value #LEXICAL_TERMS} most frequent words of 4+ letters (Han: character pairs). */
  static void lexical(String text, String lang, Map<String, Float> terms) {
    Map<String, int[]> counts =
        new LinkedHashMap<>(Math.min(4096, Math.max(16, text.length() / 8)));
    String lower = text.toLowerCase(Locale.ROOT);
    int n = lower.length();
    boolean mayHan = false;
    for (int i = 0; i < n && !mayHan; i++) {
      mayHan = lower.charAt(i) >= FIRST_HAN;
    }
    if (mayHan) {
      for (int i = 0; i < n; ) {
        int start = i;
        while (i < n && isHan(lower.codePointAt(i))) {
          i += Character.charCount(lower.codePointAt(i));
        }
        String run = lower.substring(start, i);
        for (int j = 0; j + 1 < run.length(); j++) {
          counts.computeIfAbsent(run.substring(j, j + 2), k -> new int[1])[0]++;
        }
        if (i == start) {
          i += Character.charCount(lower.codePointAt(i));
        }
      }
    }
    // Words: runs of letters and marks ([\p{L}\p{M}]+), Han characters excepted when present.
    for (int i = 0; i < n; ) {
      int start = i;
      while (i < n) {
        char c = lower.charAt(i);
        if (c < 0x80) {
          if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
            i++;
            continue;
          }
          break;
        }
        int cp = lower.codePointAt(i);
        if (!isWordChar(cp) || (mayHan && isHan(cp))) {
          break;
        }
        i += Character.charCount(cp);
      }
      if (i - start >= 4) { // fewer chars, fewer than 4 code points: no term
        String w = lower.substring(start, i);
        if (w.codePointCount(0, w.length()) >= 4
            && w.length() <= Bounds.MAX_TOKEN_CHARS
            && !STOP.contains(w)) {
          counts.computeIfAbsent(w, k -> new int[1])[0]++;
        }
      } else if (i == start) {
        i += Character.charCount(lower.codePointAt(i));
      }
    }
    List<Map.Entry<String, int[]>> ranked = new ArrayList<>(counts.entrySet());
    // Stable: ties keep text order.
    ranked.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
    String prefix = StoryTerms.LEXICAL_PREFIX + lang + ":";
    for (int i = 0; i < Math.min(LEXICAL_TERMS, ranked.size()); i++) {
      Map.Entry<String, int[]> e = ranked.get(i);
      terms.put(prefix + e.getKey(), (float) (1 + Math.log(e.getValue()[0])));
    }
  }

  /** Below this, no character is Han (U+2E80, CJK Radicals Supplement). */
  private static final char FIRST_HAN = '\u2e80';

  private static boolean isHan(int cp) {
    return cp >= FIRST_HAN && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  /** {@code [\p{L}\p{M}]}: a letter or a mark. */
  private static boolean isWordChar(int cp) {
    if (Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Whether the lexical terms skip {@code lowerCaseWord} as too common. */
  static boolean isStopWord(String lowerCaseWord) {
    return STOP.contains(lowerCaseWord);
  }

  /** The month names known, lower case (every language). */
  static Set<String> monthNames() {
    return Set.copyOf(MONTHS.keySet());
  }

  static String baseLanguage(String tag) {
    if (tag == null || tag.isBlank()) {
      return "und";
    }
    int dash = tag.indexOf('-');
    return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
  }
}
