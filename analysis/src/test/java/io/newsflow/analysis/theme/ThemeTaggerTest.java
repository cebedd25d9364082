package io.newsflow.analysis.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.Article;
import io.newsflow.ingest.NewsPageParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThemeTaggerTest {
  private final ThemeTagger tagger = ThemeTagger.defaults();

  @Test
  void shouldTagEverySeedMilitaryAndDiplomacyWhenTheyReportTroopsSentToRussia() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("..", "seeds"))) {
      files = s.sorted().toList();
    }
    for (Path f : files) {
      Article a =
          new NewsPageParser()
              .parse(Files.readString(f, StandardCharsets.UTF_8), f.toString(), "x");

      assertThat(tagger.tag(a))
          .as(f.toString())
          .contains("military")
          .doesNotContain("disaster", "health");
    }
  }

  /**
   * The one-pass counter must count what the whole-word regular expression of each theme counts
   * (the definition in themes.tsv); checked on the seeds and on edge cases of hyphens, prefixes and
   * phrases that share a first word.
   */
  @Test
  void shouldCountLikeTheWholeWordExpressionOfEachThemeWhenScanningText() throws IOException {
    List<String> texts = new java.util.ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("..", "seeds"))) {
      for (Path f : s.sorted().toList()) {
        texts.add(
            io.newsflow.contracts.Text.normalize(Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    texts.add(
        "mata-mata agen mata-mata pasukan khusus pasukan, attack-ready attacks war-torn warfare"
            + " gempa bumi gempa interest rates 2024 soldiers' soldier");
    for (String text : texts) {
      int[] counts = tagger.count(text);
      for (int t = 0; t < tagger.themes().size(); t++) {
        java.util.regex.Matcher m = wholeWordPattern(tagger.themes().get(t)).matcher(text);
        int expected = 0;
        while (m.find()) {
          expected++;
        }
        assertThat(counts[t]).as(tagger.themes().get(t).id() + " in " + text).isEqualTo(expected);
      }
    }
  }

  private static java.util.regex.Pattern wholeWordPattern(Theme theme) {
    List<String> alternatives = new java.util.ArrayList<>();
    for (String k : theme.keywords()) {
      boolean prefix = k.endsWith("*");
      String word = java.util.regex.Pattern.quote(prefix ? k.substring(0, k.length() - 1) : k);
      alternatives.add(word + (prefix ? "[\\p{L}\\p{N}-]*" : ""));
    }
    return java.util.regex.Pattern.compile(
        "(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])");
  }

  @Test
  void shouldTagThemeWhenKeywordAppearsOnceInTitleOrTwiceInBody() {
    assertThat(tagger.tag(article("Gempa guncang Cianjur", "Warga mengungsi.")))
        .containsExactly("disaster");
    assertThat(tagger.tag(article("Kabar hari ini", "Harga naik karena inflasi.")))
        .doesNotContain("economy");
    assertThat(tagger.tag(article("Kabar hari ini", "Inflation rose; the economy slowed.")))
        .containsExactly("economy");
  }

  @Test
  void shouldMatchWholeWordsAndPrefixesWhenCounting() {
    // "perangkat" (device) is not "perang" (war); "elections" matches the prefix "election*".
    assertThat(tagger.tag(article("Perangkat baru", "Perangkat lunak dan perangkat keras.")))
        .doesNotContain("conflict");
    assertThat(tagger.tag(article("Results", "The elections and the election results.")))
        .containsExactly("elections");
  }

  @Test
  void shouldOrderThemesByHitsWhenSeveralApply() {
    List<String> themes =
        tagger.tag(
            article(
                "Sanksi baru",
                "Sanksi ekonomi dan embargo senjata. Sanksi lagi. Tentara dan pasukan berjaga."));

    assertThat(themes).startsWith("sanctions").contains("military");
  }

  @Test
  void shouldAddAndReplaceThemesWhenUserFileIsGiven(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("themes.tsv");
    Files.writeString(
        file,
        "sport\tSport\tOlahraga\tsepak bola|pertandingan|football\n"
            + "health\tHealth\tKesehatan\tdengue\n");
    ThemeTagger custom = ThemeTagger.withOverrides(file);

    assertThat(custom.tag(article("Sepak bola", "Pertandingan seru."))).contains("sport");
    assertThat(custom.tag(article("Dengue", "Wabah dengue."))).contains("health");
    assertThat(custom.tag(article("Rumah sakit", "Vaksin dan rumah sakit.")))
        .doesNotContain("health");
    assertThat(custom.themes()).extracting(Theme::id).contains("military", "sport");
  }

  @Test
  void shouldNameFileAndLineWhenUserFileIsMalformed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.tsv");
    Files.writeString(file, "# ok\nsport\tSport\n");

    assertThatThrownBy(() -> ThemeTagger.withOverrides(file))
        .hasMessageContaining("bad.tsv:2")
        .hasMessageContaining("4 tab-separated columns");
  }

  private static Article article(String title, String body) {
    return new Article(1, "x", null, "o", title, body, null, null, null, null, null, null);
  }
}
