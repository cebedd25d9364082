package io.newsflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TextTest {

  /** The definition the one-pass {@link Text#normalize} must keep: the four-pass original. */
  private static String reference(String text) {
    String s = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
    s = s.replaceAll("[\u201C\u201D\u201E\u00AB\u00BB]", "\"");
    s = s.replaceAll("[\u2018\u2019\u201A`]", "'");
    s = s.replaceAll("[\u2010-\u2015\u2212]", "-");
    s = s.toLowerCase(Locale.ROOT);
    return s.replaceAll("\\s+", " ").trim();
  }

  @Test
  void shouldEqualTheRegularExpressionDefinitionWhenGivenSeedsAndRandomUnicode()
      throws java.io.IOException {
    java.util.List<String> texts = new java.util.ArrayList<>();
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("..", "seeds"))) {
      for (var f : files.sorted().toList()) {
        texts.add(java.nio.file.Files.readString(f));
      }
    }
    texts.add("\u0001 \u0130stanbul\u00A0\u2003x\u000B\u001Fy \uFB01 \u00BD ");
    java.util.Random random = new java.util.Random(7);
    String alphabet =
        " \t\n\r\u000B\f\u00A0\u2003aZ\u00C9\u0130\u0131\u00DF\u201C\u201D\u2018\u2019`"
            + "\u2013\u2212\uFF21\uFB01\u0301\u00BD\u0001\u001F\u3000";
    for (int n = 0; n < 2000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int i = random.nextInt(30); i > 0; i--) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(sb.toString());
    }
    for (String t : texts) {
      assertThat(Text.normalize(t)).as("%s", t).isEqualTo(reference(t));
    }
  }

  @Test
  void shouldEqualTheDefinitionWhenAnyCharacterStandsAmongAsciiText() {
    // The ASCII-and-punctuation shortcut must agree with the general path on every character.
    for (char c = 0; c < 0xFFFF; c++) {
      for (String t :
          java.util.List.of(
              "A" + c + "b", " " + c + " X\t", c + "Q" + c, "\u2019" + c + "\u201Cz")) {
        assertThat(Text.normalize(t)).as("U+%04X in %s", (int) c, t).isEqualTo(reference(t));
      }
    }
  }

  @Test
  void shouldEqualTheDefinitionWhenLatinLettersMeetEachOtherOrCombiningMarks() {
    StringBuilder chars = new StringBuilder();
    for (char c = 0x80; c < 0x250; c++) {
      chars.append(c);
    }
    for (char c = 0x1E00; c < 0x1F00; c++) {
      chars.append(c);
    }
    StringBuilder seconds = new StringBuilder(chars).append("aZ \u2019\u201D");
    for (char c = 0x300; c < 0x370; c++) {
      seconds.append(c);
    }
    seconds.append("\u1161\u11A8\u093C\u0DCF\u0B3E\u302A");
    for (int i = 0; i < chars.length(); i++) {
      for (int j = 0; j < seconds.length(); j++) {
        String t = "" + chars.charAt(i) + seconds.charAt(j);
        assertThat(Text.normalize(t))
            .as("U+%04X U+%04X", (int) t.charAt(0), (int) t.charAt(1))
            .isEqualTo(reference(t));
      }
    }
  }

  @Test
  void shouldUnifyQuotesWhenTextUsesTypographicOnes() {
    assertThat(Text.normalize("\u201CHalo\u201D \u201Edunia\u201D \u00ABkata\u00BB"))
        .isEqualTo("\"halo\" \"dunia\" \"kata\"");
  }

  @Test
  void shouldUnifyApostrophesWhenTextUsesTypographicOnes() {
    assertThat(Text.normalize("Jum\u2019at \u2018ini\u2019 `x\u201A"))
        .isEqualTo("jum'at 'ini' 'x'");
  }

  @Test
  void shouldUnifyDashesWhenTextUsesEnEmOrMinus() {
    assertThat(Text.normalize("a\u2013b \u2014 c\u2212d e\u2010f g\u2015h"))
        .isEqualTo("a-b - c-d e-f g-h");
  }

  @Test
  void shouldCollapseAndTrimWhitespaceWhenTextHasRunsOfIt() {
    assertThat(Text.normalize("  Satu\t\tdua\n\ntiga\r\n  empat  "))
        .isEqualTo("satu dua tiga empat");
  }

  @Test
  void shouldTreatCompatibilityFormsAsEqualWhenNormalised() {
    // NFKC: no-break space, full-width letters, ligatures.
    assertThat(Text.normalize("Harga\u00A0naik")).isEqualTo("harga naik");
    assertThat(Text.normalize("\uFF2E\uFF21\uFF34\uFF2F")).isEqualTo("nato");
    assertThat(Text.normalize("\uFB01nal")).isEqualTo("final");
    assertThat(Text.normalize("Cafe\u0301")).isEqualTo(Text.normalize("Caf\u00E9"));
  }

  @Test
  void shouldGiveSameTextWhenCopiesDifferOnlyInCaseSpacingAndQuotes() {
    String original = "\u201CHari ini,\u201D kata Rutte \u2013 Senin.";
    String copy = "  \"HARI INI,\"   kata  rutte - senin.";

    assertThat(Text.normalize(copy)).isEqualTo(Text.normalize(original));
  }

  @Test
  void shouldReturnEmptyStringWhenTextIsNull() {
    assertThat(Text.normalize(null)).isEmpty();
  }

  @Test
  void shouldLowerCaseIndependentlyOfDefaultLocaleWhenDefaultIsTurkish() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr"));
      // Proves the Turkish rules are in effect: a locale-sensitive lower case gives a dotless i.
      assertThat("TITLE".toLowerCase()).isEqualTo("t\u0131tle");

      assertThat(Text.normalize("TITLE")).isEqualTo("title");
      assertThat(Text.normalize("INDONESIA")).isEqualTo("indonesia");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void shouldReturnLowerCaseHexOfRequestedLengthWhenHashing() {
    assertThat(Text.sha256Hex("abc", 64))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Text.sha256Hex("abc", 24)).isEqualTo("ba7816bf8f01cfea414140de").hasSize(24);
    assertThat(Text.sha256Hex("", 32)).hasSize(32).matches("[0-9a-f]{32}");
  }

  @Test
  void shouldHashUtf8BytesWhenTextIsNotAscii() {
    // printf '\xc3\xa9' | sha256sum: the UTF-8 bytes of "é", whatever the platform encoding.
    assertThat(Text.sha256Hex("\u00E9", 64))
        .isEqualTo("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
  }
}
