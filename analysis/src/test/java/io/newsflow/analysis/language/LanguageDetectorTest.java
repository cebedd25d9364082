package io.newsflow.analysis.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.analysis.entity.Names;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
  @Test
  void shouldDetectIndonesianWhenATitleHasNoFunctionWord() {
    assertThat(LanguageDetector.detect("Kim Jong Un Siapkan Pasukan, Korut Kirimkan Tentara"))
        .isEqualTo("id");
  }

  @Test
  void shouldDetectEnglishAndIndonesianWhenSentencesAreShort() {
    assertThat(LanguageDetector.detect("Putin says the war will go on")).isEqualTo("en");
    assertThat(LanguageDetector.detect("Putin mengatakan perang akan berlanjut")).isEqualTo("id");
  }

  @Test
  void shouldReturnNullWhenThereIsNoEvidence() {
    assertThat(LanguageDetector.detect("Kim Jong Un")).isNull();
    assertThat(LanguageDetector.detect("")).isNull();
  }

  /**
   * The detector's own word scan ({@code Words}, kept apart for speed) reads the words {@link
   * Names#tokenize} reads: if one of the two changes its rules, this fails.
   */
  @Test
  void shouldReadTheWordsNamesTokenizeReads() {
    String alphabet = "abcXYZ09 '’-.,:;()\"\n\téÉİıßøŁçñüÜ中国한국ﬁ²½_@#s";
    SplittableRandom random = new SplittableRandom(20);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      List<String> expected =
          Names.tokenize(text.toString()).stream()
              .filter(t -> !t.numeric())
              .map(Names.Token::norm)
              .toList();
      assertThat(LanguageDetector.Words.of(text.toString())).as("%s", text).isEqualTo(expected);
    }
    String longWord = "a".repeat(io.newsflow.analysis.Bounds.MAX_TOKEN_CHARS + 1) + " kata";
    assertThat(LanguageDetector.Words.of(longWord))
        .isEqualTo(
            Names.tokenize(longWord).stream()
                .filter(t -> !t.numeric())
                .map(Names.Token::norm)
                .toList());
  }
}
