package io.newsflow.analysis.language;

import static org.assertj.core.api.Assertions.assertThat;

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
}
