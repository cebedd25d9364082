package io.newsflow.analysis.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StoryFeaturesTest {
  private static final Path SEEDS = Path.of("..", "seeds");

  /**
   * The definition the date scan had before it was made cheap: one case-insensitive alternation of
   * every month name. Kept here to pin the scan to it.
   */
  private static final class AlternationDates {
    private final Pattern dayMonth;
    private final Pattern monthDay;
    private static final Pattern NUMERIC_DATE =
        Pattern.compile("(?<![\\d.,/])(\\d{1,2})[/.](\\d{1,2})(?:[/.](\\d{2}|\\d{4}))?(?![\\d,/])");
    private final Map<String, Integer> months = new LinkedHashMap<>();

    AlternationDates() {
      for (String name : StoryFeatures.monthNames()) {
        Map<String, Float> one = new LinkedHashMap<>();
        StoryFeatures.dates("1 " + name, "id", one);
        months.put(name, Integer.parseInt(one.keySet().iterator().next().substring(2, 4)));
      }
      String alternatives = String.join("|", months.keySet());
      dayMonth =
          Pattern.compile(
              "(?<!\\d)(\\d{1,2})\\.?\\s+(" + alternatives + ")\\.?(?![\\p{L}])",
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      monthDay =
          Pattern.compile(
              "(?<![\\p{L}])(" + alternatives + ")\\.?\\s+(\\d{1,2})(?!\\d)",
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The former {@code StoryFeatures.dates}: adds the dates, returns the text blanked. */
    String dates(String text, String lang, Map<String, Float> terms) {
      StringBuilder blanked = new StringBuilder(text);
      Matcher m = dayMonth.matcher(text);
      while (m.find()) {
        add(terms, Integer.parseInt(m.group(1)), months.get(m.group(2).toLowerCase(Locale.ROOT)));
        blank(blanked, m);
      }
      m = monthDay.matcher(blanked.toString());
      while (m.find()) {
        add(terms, Integer.parseInt(m.group(2)), months.get(m.group(1).toLowerCase(Locale.ROOT)));
        blank(blanked, m);
      }
      m = NUMERIC_DATE.matcher(blanked.toString());
      while (m.find()) {
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        boolean monthFirst = "en".equals(lang) && a <= 12 && b > 12;
        if (m.group(3) != null || m.group(0).contains("/")) {
          if (add(terms, monthFirst ? b : a, monthFirst ? a : b)) {
            blank(blanked, m);
          }
        }
      }
      return blanked.toString();
    }

    private static boolean add(Map<String, Float> terms, int day, Integer month) {
      if (month == null || day < 1 || day > 31 || month < 1 || month > 12) {
        return false;
      }
      terms.merge(
          String.format(Locale.ROOT, "d:%02d-%02d", month, day),
          StoryFeatures.DATE_WEIGHT,
          Math::max);
      return true;
    }

    private static void blank(StringBuilder b, Matcher m) {
      for (int i = m.start(); i < m.end(); i++) {
        b.setCharAt(i, ' ');
      }
    }
  }

  @Test
  void shouldFindTheSameDatesAsTheMonthAlternationWhenScanningSeedsAndRandomText()
      throws IOException {
    AlternationDates reference = new AlternationDates();
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.list(SEEDS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        texts.add(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    Random random = new Random(7);
    List<String> months = new ArrayList<>(StoryFeatures.monthNames());
    String[] pieces = {
      " ",
      " ",
      "  ",
      ".",
      ",",
      "/",
      "\n",
      "pada",
      "x",
      "É",
      " 1 ",
      " 12 ",
      "31 ",
      " 5.",
      "2024",
      "99",
      "-",
      ". ",
      "\t",
      "\uD835\uDC00",
      "123 "
    };
    for (int t = 0; t < 20000; t++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 12; i++) {
        if (random.nextInt(3) == 0) {
          String month = months.get(random.nextInt(months.size()));
          sb.append(random.nextBoolean() ? month : month.toUpperCase(Locale.ROOT));
        } else {
          sb.append(pieces[random.nextInt(pieces.length)]);
        }
      }
      texts.add(sb.toString());
    }
    texts.add("Pada 29 Oktober, dan October 29; 3 marca. 12 mar.x 1 dan 2 Mei; pukul 10 Juni 5");

    int dates = 0;
    for (String text : texts) {
      for (String lang : List.of("id", "en")) {
        Map<String, Float> expected = new LinkedHashMap<>();
        String expectedBlanked = reference.dates(text, lang, expected);
        Map<String, Float> terms = new LinkedHashMap<>();
        String blanked = StoryFeatures.dates(text, lang, terms);
        assertThat(terms).as(text).containsExactlyEntriesOf(expected);
        assertThat(blanked).as(text).isEqualTo(expectedBlanked);
        dates += expected.size();
      }
    }
    assertThat(dates).as("dates found in the texts").isGreaterThan(1000);
  }

  /** The former regex forms of {@code StoryFeatures.numbers} and {@code lexical}, to pin them. */
  private static final class RegexTerms {
    private static final Pattern NUMBER =
        Pattern.compile("(?<![\\d.,])(\\d{1,3}(?:[.,]\\d{3})+|\\d+)(?:[.,](\\d{1,2}))?(?![\\d])");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}+");

    static void numbers(String text, Map<String, Float> terms) {
      Matcher m = NUMBER.matcher(text);
      while (m.find()) {
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
        terms.merge("n:" + key, StoryFeatures.NUMBER_WEIGHT, Math::max);
      }
    }

    /** The words and Han pairs the former lexical scan counted, in its order. */
    static Map<String, Integer> words(String text) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      String lower = text.toLowerCase(Locale.ROOT);
      Matcher han = HAN.matcher(lower);
      boolean anyHan = false;
      while (han.find()) {
        anyHan = true;
        String run = han.group();
        for (int i = 0; i + 1 < run.length(); i++) {
          counts.merge(run.substring(i, i + 2), 1, Integer::sum);
        }
      }
      Matcher m = WORD.matcher(anyHan ? HAN.matcher(lower).replaceAll(" ") : lower);
      while (m.find()) {
        String w = m.group();
        if (w.codePointCount(0, w.length()) >= 4) {
          counts.merge(w, 1, Integer::sum);
        }
      }
      return counts;
    }
  }

  @Test
  void shouldFindTheSameNumbersAndWordsAsTheRegexScansWhenScanningSeedsAndRandomText()
      throws IOException {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.list(SEEDS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        texts.add(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    Random random = new Random(11);
    String[] pieces = {
      " ",
      "1",
      "12",
      "123",
      "1.234",
      "1,234.5",
      "2024",
      "0",
      ".",
      ",",
      "/",
      "-",
      "x",
      "abcd",
      "Éclair",
      "e\u0301te\u0301",
      "\u0915\u093f\u0924\u093e\u092c",
      "\u4e2d\u56fd\u4eba",
      "\u5317",
      "\uD840\uDC00\uD840\uDC01",
      "\uD835\uDC00",
      "\uD800",
      "\u00AD",
      "_",
      "\n",
      "İstanbul",
      "ΣΟΦΊΑ",
      "12.5",
      "99,99",
      "1.000.000",
      "123456789012345",
      "o\u20dd"
    };
    for (int t = 0; t < 20000; t++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 14; i++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      texts.add(sb.toString());
    }

    int numbers = 0;
    int words = 0;
    for (String text : texts) {
      Map<String, Float> expectedNumbers = new LinkedHashMap<>();
      RegexTerms.numbers(text, expectedNumbers);
      Map<String, Float> actualNumbers = new LinkedHashMap<>();
      StoryFeatures.numbers(text, actualNumbers);
      assertThat(actualNumbers).as(text).containsExactlyEntriesOf(expectedNumbers);
      numbers += expectedNumbers.size();

      Map<String, Integer> expectedWords = RegexTerms.words(text);
      Map<String, Float> expectedTerms = new LinkedHashMap<>();
      Map<String, Float> actualTerms = new LinkedHashMap<>();
      // Every word counted, so the ranking and weights below compare all of them.
      StoryFeatures.lexical(text, "id", actualTerms);
      List<Map.Entry<String, Integer>> ranked =
          new ArrayList<>(
              expectedWords.entrySet().stream()
                  .filter(e -> !StoryFeatures.isStopWord(e.getKey()))
                  .toList());
      ranked.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
      for (int i = 0; i < Math.min(StoryFeatures.LEXICAL_TERMS, ranked.size()); i++) {
        expectedTerms.put(
            StoryTerms.LEXICAL_PREFIX + "id:" + ranked.get(i).getKey(),
            (float) (1 + Math.log(ranked.get(i).getValue())));
      }
      assertThat(actualTerms).as(text).containsExactlyEntriesOf(expectedTerms);
      words += expectedTerms.size();
    }
    assertThat(numbers).as("numbers found").isGreaterThan(10000);
    assertThat(words).as("words found").isGreaterThan(10000);
  }
}
