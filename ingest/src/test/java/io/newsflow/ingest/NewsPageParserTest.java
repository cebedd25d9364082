package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.Sentences;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NewsPageParserTest {
  // Maven runs tests with the module directory as working directory.
  private static final Path SEEDS = Path.of("..", "seeds");
  private static final String DEFAULT_OUTLET = "default.example";

  private final NewsPageParser parser = new NewsPageParser();

  // --- the seed pages --------------------------------------------------------------------------

  @Test
  void shouldTakeOutletFromDatelineWhenPageStartsWithKontanDateline() throws IOException {
    assertThat(seed("000").outlet()).isEqualTo("kontan.co.id");
  }

  @Test
  void shouldTakeOutletFromDatelineWhenDomainPrecedesPlace() throws IOException {
    // "TRIBUNNEWS.COM, SEOUL - " is on the fourth line, after headline, lead and credit.
    assertThat(seed("001").outlet()).isEqualTo("tribunnews.com");
  }

  @Test
  void shouldTakeOutletFromDatelineWhenPlacePrecedesDomain() throws IOException {
    assertThat(seed("002").outlet()).isEqualTo("kompas.tv");
  }

  @Test
  void shouldTakeOutletFromFingerprintWhenPageHasNoDateline() throws IOException {
    assertThat(seed("003").outlet()).isEqualTo("detik.com");
  }

  @Test
  void shouldUseDefaultOutletWhenNeitherDatelineNorFingerprintNamesOne() throws IOException {
    assertThat(seed("004").outlet()).isEqualTo(DEFAULT_OUTLET);
  }

  @Test
  void shouldTakeFirstLineAsTitleWhenItReadsLikeHeadline() throws IOException {
    Article article = seed("001");

    assertThat(article.title())
        .isEqualTo(
            "Korut-Korsel Memanas, Wamenlu Kim Hong Minta Kim Jong Un Segera Tarik Pasukannya"
                + " dari Rusia");
    assertThat(article.body()).doesNotContain("Korut-Korsel Memanas");
    assertThat(article.body())
        .startsWith("Sekitar 1.500 tentara Korea Utara termasuk dari pasukan khusus");
  }

  @Test
  void shouldDeriveTitleFromFirstSentenceWithoutDatelineWhenPageHasNoHeadline() throws IOException {
    Article article = seed("002");

    assertThat(article.title())
        .isEqualTo(
            "Pihak NATO mengungkapkan Presiden Rusia Vladimir Putin putus asa dan ditunjukkan"
                + " dengan pengiriman tentara Korea Utara ke Rusia")
        .doesNotStartWith("BRUSSELS, KOMPAS.TV");
    // The lead paragraph stays in the body: the title is derived from it, not taken out of it.
    assertThat(article.body()).contains("Pihak NATO mengungkapkan Presiden Rusia");
  }

  @Test
  void shouldDeriveTitleFromFirstSentenceWhenFirstLineHasSeveralSentences() throws IOException {
    assertThat(seed("003").title())
        .isEqualTo(
            "Korea Utara (Korut) membantah laporan yang menyebut pihaknya mengirimkan tentara ke"
                + " Rusia untuk mendukung sekutunya itu dalam perang di Ukraina");
  }

  @ParameterizedTest
  @ValueSource(strings = {"000", "004"})
  void shouldCutDerivedTitleAtWordBoundaryWhenFirstSentenceIsLong(String seed) throws IOException {
    Article article = seed(seed);
    String firstLine = article.body().lines().findFirst().orElseThrow();

    assertThat(article.title())
        .hasSizeLessThanOrEqualTo(Sentences.MAX_TITLE_CHARS)
        .endsWith("\u2026");
    String withoutEllipsis = article.title().substring(0, article.title().length() - 1);
    assertThat(firstLine).contains(withoutEllipsis + " ");
    assertThat(article.title()).doesNotStartWith("KONTAN.CO.ID");
  }

  @Test
  void shouldStartDerivedTitlesWithTheLeadWhenDatelineIsStripped() throws IOException {
    assertThat(seed("000").title())
        .startsWith("Pada Senin (21/10/2024), Sekretaris Jenderal NATO Mark Rutte memperingatkan");
    assertThat(seed("004").title())
        .startsWith("Pada tanggal 29 Oktober, Presiden Korea Selatan Yoon Suk Yeol");
  }

  @Test
  void shouldMoveReadAlsoLinksToBoilerplateWhenPageHasThem() throws IOException {
    Article kontan = seed("000");
    Article tribun = seed("001");
    Article kompas = seed("002");

    assertThat(kontan.boilerplate())
        .containsExactly(
            "Baca Juga: Intelijen Korsel Buktikan 1.500 Pasukan Khusus Korea Utara Telah Dikirim"
                + " ke Rusia",
            "Baca Juga: Pasukan Korea Utara Bantu Putin, Tanda-Tanda Ekonomi Rusia Babak Belur?");
    assertThat(tribun.boilerplate()).hasSize(7).allMatch(l -> l.startsWith("Baca juga: "));
    assertThat(kompas.boilerplate()).filteredOn(l -> l.startsWith("Baca Juga: ")).hasSize(2);
    assertThat(kompas.boilerplate())
        .contains(
            "Gabung ke Channel WhatsApp KompasTV untuk update berita terbaru dan terpercaya.");
    for (Article article : List.of(kontan, tribun, kompas)) {
      assertThat(article.body()).doesNotContainIgnoringCase("Baca juga:");
      assertThat(article.body()).doesNotContain("WhatsApp");
    }
  }

  @Test
  void shouldMoveVideoTeasersAndScrollMarkerToBoilerplateWhenPageIsFromDetik() throws IOException {
    Article article = seed("003");

    assertThat(article.boilerplate())
        .contains(
            "SCROLL TO CONTINUE WITH CONTENT",
            "Simak Video: Kim Jong Un Siapkan 1.500 Pasukan Korut Bantu Rusia Perang di Ukraina",
            "Simak berita selengkapnya di halaman selanjutnya.");
    assertThat(article.body())
        .doesNotContain("SCROLL TO CONTINUE")
        .doesNotContain("Simak Video:")
        .doesNotContain("Simak berita");
  }

  @Test
  void shouldMoveAdPlaceholderAndCommentCounterToBoilerplateWhenPageHasThem() throws IOException {
    Article article = seed("004");

    assertThat(article.boilerplate()).containsExactly("[iklan_2]", "Komentar (0)");
    assertThat(article.body()).doesNotContain("[iklan_2]").doesNotContain("Komentar (0)");
  }

  @Test
  void shouldMoveSourceAndEditorLinesToCreditsWhenPageHasThem() throws IOException {
    Article kontan = seed("000");
    Article tribun = seed("001");
    Article kompas = seed("002");
    Article other = seed("004");

    assertThat(kontan.credits())
        .containsExactly("Sumber: Reuters | Editor: Barratut Taqiyyah Rafie");
    assertThat(tribun.credits()).containsExactly("Editor: willy Widianto");
    assertThat(kompas.credits()).containsExactly("Sumber : CBS News");
    assertThat(other.credits())
        .singleElement()
        .asString()
        .startsWith("Sumber: https://baoquocte.vn/");
    assertThat(kontan.body()).doesNotContain("Sumber: Reuters").doesNotContain("Editor:");
    assertThat(tribun.body()).doesNotContain("Editor: willy");
    assertThat(kompas.body()).doesNotContain("Sumber : CBS News");
    assertThat(other.body()).doesNotContain("baoquocte.vn");
  }

  @ParameterizedTest
  @ValueSource(strings = {"000", "001", "002", "003", "004"})
  void shouldPutEveryLineInExactlyOnePlaceWhenParsingSeed(String seed) throws IOException {
    Path file = seedFile(seed);
    List<String> lines =
        Files.readString(file).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    Article article = parser.parse(Files.readString(file), file.toString(), DEFAULT_OUTLET);

    List<String> placed = new ArrayList<>();
    if (!article.body().lines().toList().contains(article.title())
        && lines.contains(article.title())) {
      placed.add(article.title()); // a headline taken out of the body
    }
    placed.addAll(article.body().lines().toList());
    placed.addAll(article.credits());
    placed.addAll(article.boilerplate());

    assertThat(placed).containsExactlyInAnyOrderElementsOf(lines);
    assertThat(article.source()).isEqualTo(file.toString());
    assertThat(article.schemaVersion()).isEqualTo(Article.CURRENT_SCHEMA_VERSION);
    // The parser leaves id and ingest time to the reader.
    assertThat(article.id()).isNull();
    assertThat(article.ingestedAt()).isNull();
  }

  // --- hand-written pages ----------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n\n  \n", "\r\n\t\r\n"})
  void shouldReturnNullWhenPageIsEmpty(String page) {
    assertThat(parser.parse(page, "empty", DEFAULT_OUTLET)).isNull();
  }

  @Test
  void shouldReturnNullWhenPageIsBoilerplateOnly() {
    String page =
        "Baca juga: Harga Emas Naik\nSCROLL TO CONTINUE WITH CONTENT\n[iklan_2]\nKomentar (12)\n";

    assertThat(parser.parse(page, "boilerplate", DEFAULT_OUTLET)).isNull();
  }

  @Test
  void shouldReturnNullWhenPageIsCreditsOnly() {
    assertThat(parser.parse("Sumber: Reuters\nEditor: Budi\n", "credits", DEFAULT_OUTLET)).isNull();
  }

  @Test
  void shouldTakeOutletAndStripDatelineWhenDatelineIsEnglish() {
    Article article =
        parser.parse(
            "LONDON, REUTERS.COM - The prime minister resigned on Monday. More followed.",
            "hand",
            DEFAULT_OUTLET);

    assertThat(article.outlet()).isEqualTo("reuters.com");
    assertThat(article.title()).isEqualTo("The prime minister resigned on Monday");
    assertThat(article.body())
        .isEqualTo("LONDON, REUTERS.COM - The prime minister resigned on Monday. More followed.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u2013", "\u2014"})
  void shouldRecogniseDatelineWhenSeparatorIsEnOrEmDash(String dash) {
    Article article =
        parser.parse("NEW YORK, CNN.COM " + dash + " Stocks fell. Then rose.", "hand", "x");

    assertThat(article.outlet()).isEqualTo("cnn.com");
    assertThat(article.title()).isEqualTo("Stocks fell");
  }

  @Test
  void shouldUseDefaultOutletWhenDatelineNamesNoDomain() {
    Article article =
        parser.parse("JAKARTA - Harga beras naik lagi. Pedagang mengeluh.", "hand", DEFAULT_OUTLET);

    assertThat(article.outlet()).isEqualTo(DEFAULT_OUTLET);
  }

  @Test
  void shouldTakeOutletFromDatelineWhenDomainIsMixedCase() {
    Article article =
        parser.parse(
            "JAKARTA, KOMPAS.com - Harga beras naik lagi. Pedagang mengeluh.", "hand", "x");

    assertThat(article.outlet()).isEqualTo("kompas.com");
    assertThat(article.title()).isEqualTo("Harga beras naik lagi");
  }

  @Test
  void shouldTakeHeadlineAndOutletWhenDatelineFollowsHeadline() {
    Article article =
        parser.parse(
            "PM Resigns After Vote\nLONDON, REUTERS.COM - The prime minister resigned. More.",
            "hand",
            DEFAULT_OUTLET);

    assertThat(article.title()).isEqualTo("PM Resigns After Vote");
    assertThat(article.outlet()).isEqualTo("reuters.com");
    assertThat(article.body())
        .isEqualTo("LONDON, REUTERS.COM - The prime minister resigned. More.");
  }

  @Test
  void shouldNotTakeFirstLineAsHeadlineWhenItEndsLikeSentence() {
    Article article =
        parser.parse("Harga beras naik lagi.\nPedagang mengeluh.", "hand", DEFAULT_OUTLET);

    assertThat(article.title()).isEqualTo("Harga beras naik lagi");
    assertThat(article.body()).isEqualTo("Harga beras naik lagi.\nPedagang mengeluh.");
  }

  @Test
  void shouldNotTakeFirstLineAsHeadlineWhenItIsTooLong() {
    String longLine = "kata ".repeat(50).strip(); // 249 characters, no closing punctuation
    Article article = parser.parse(longLine + "\nBaris kedua.", "hand", DEFAULT_OUTLET);

    assertThat(article.body()).startsWith(longLine);
    assertThat(article.title())
        .hasSizeLessThanOrEqualTo(Sentences.MAX_TITLE_CHARS)
        .endsWith("\u2026");
  }

  @Test
  void shouldUseOnlyLineAsTitleAndBodyWhenPageHasOneLine() {
    Article article = parser.parse("Gempa kecil di Bandung", "hand", DEFAULT_OUTLET);

    assertThat(article.title()).isEqualTo("Gempa kecil di Bandung");
    assertThat(article.body()).isEqualTo("Gempa kecil di Bandung");
  }

  @Test
  void shouldParseSameWayWhenLinesEndWithCrLf() {
    Article unix = parser.parse("Judul Berita\nKONTAN.CO.ID - Isi berita. Dua.\n", "u", "x");
    Article windows = parser.parse("Judul Berita\r\nKONTAN.CO.ID - Isi berita. Dua.\r\n", "w", "x");

    assertThat(windows.title()).isEqualTo(unix.title()).isEqualTo("Judul Berita");
    assertThat(windows.body()).isEqualTo(unix.body()).doesNotContain("\r");
    assertThat(windows.outlet()).isEqualTo(unix.outlet()).isEqualTo("kontan.co.id");
  }

  @Test
  void shouldMatchBoilerplateIgnoringCaseWhenLineIsUpperCase() {
    Article article =
        parser.parse("Isi berita satu.\nBACA JUGA: Judul Lain\nLIHAT PULA: x\nIsi dua.", "h", "x");

    assertThat(article.boilerplate()).containsExactly("BACA JUGA: Judul Lain", "LIHAT PULA: x");
    assertThat(article.body()).isEqualTo("Isi berita satu.\nIsi dua.");
  }

  @Test
  void shouldKeepLineInBodyWhenBoilerplateWordsAreNotAtLineStart() {
    String line = "Menurut dia, pembaca bisa baca juga: laporan lengkap di situs resmi.";
    Article article = parser.parse("Isi berita satu.\n" + line, "h", "x");

    assertThat(article.body()).contains(line);
    assertThat(article.boilerplate()).isEmpty();
  }

  @Test
  void shouldKeepLineInBodyWhenItStartsWithCreditWordButHasNoColon() {
    String line = "Sumber daya alam Indonesia melimpah.";
    Article article = parser.parse("Isi berita satu.\n" + line, "h", "x");

    assertThat(article.body()).contains(line);
    assertThat(article.credits()).isEmpty();
  }

  @Test
  void shouldMoveEnglishCreditLinesToCreditsWhenPageHasThem() {
    Article article = parser.parse("Body one.\nSource: AP\nAuthor: Jane Doe\nBody two.", "h", "x");

    assertThat(article.credits()).containsExactly("Source: AP", "Author: Jane Doe");
    assertThat(article.body()).isEqualTo("Body one.\nBody two.");
  }

  @Test
  void shouldTakeOutletFromWhatsappFingerprintWhenKompasTvPageHasNoDateline() {
    Article article =
        parser.parse(
            "Isi berita. Dua.\nGabung ke Channel WhatsApp KompasTV untuk update berita terbaru.",
            "h",
            DEFAULT_OUTLET);

    assertThat(article.outlet()).isEqualTo("kompas.tv");
  }

  @Test
  void shouldNotEndSentenceAtThousandsSeparatorOrDateWhenDerivingTitle() {
    Article article =
        parser.parse(
            "KONTAN.CO.ID - Pada Senin (21/10/2024), sekitar 1.500 tentara tiba. Dua.", "h", "x");

    assertThat(article.title()).isEqualTo("Pada Senin (21/10/2024), sekitar 1.500 tentara tiba");
  }

  @Test
  void shouldNotCutTitleAtAbbreviationWhenLeadStartsWithHonorific() {
    Article article =
        parser.parse("Dr. Moon mengatakan perang akan meluas. Dua.", "h", DEFAULT_OUTLET);

    assertThat(article.title()).isEqualTo("Dr. Moon mengatakan perang akan meluas");
  }

  @Test
  void shouldIgnoreByteOrderMarkWhenPageStartsWithOne() {
    Article article = parser.parse("\uFEFFKONTAN.CO.ID - Harga naik. Dua.", "bom", DEFAULT_OUTLET);

    assertThat(article.outlet()).isEqualTo("kontan.co.id");
    assertThat(article.title()).isEqualTo("Harga naik");
  }

  // --- helpers ---------------------------------------------------------------------------------

  private Article seed(String number) throws IOException {
    Path file = seedFile(number);
    Article article =
        parser.parse(
            Files.readString(file, StandardCharsets.UTF_8), file.toString(), DEFAULT_OUTLET);
    assertThat(article).as("parsed %s", file).isNotNull();
    return article;
  }

  private static Path seedFile(String number) throws IOException {
    try (Stream<Path> files = Files.list(SEEDS)) {
      List<Path> found =
          files.filter(f -> f.getFileName().toString().startsWith(number + "_")).toList();
      assertThat(found).as("seed %s in %s", number, SEEDS.toAbsolutePath()).hasSize(1);
      return found.get(0);
    }
  }
}
