package io.newsflow.analysis.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Json;
import io.newsflow.contracts.WireCredit;
import io.newsflow.contracts.WireCredit.Evidence;
import io.newsflow.ingest.NewsPageParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireDetectorTest {
  // Maven runs tests with the module directory as working directory.
  private static final Path SEEDS = Path.of("..", "seeds");
  private static final String FILLER_PARAGRAPH = "Harga beras naik lagi di pasar tradisional.";

  private final WireDetector detector = WireDetector.defaults();

  // --- the seed pages --------------------------------------------------------------------------

  @Test
  void shouldCreditReutersAndDpaButNotYonhapWhenSeedIsKontan() throws IOException {
    Article article = seed("000");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("reuters", "dpa");
    assertThat(credits.get(0).name()).isEqualTo("Reuters");
    assertThat(credits.get(0).evidence())
        .containsExactly(new Evidence("Sumber: Reuters", "credits", 0, 0));
    assertThat(credits.get(1).evidence())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.phrase()).isEqualTo("Melansir DPA International");
              assertThat(e.field()).isEqualTo("body");
              assertThat(paragraphOf(article, e)).isEqualTo(1);
            });
    // "Kantor berita Yonhap melaporkan" is in paragraph 8: a mention, not a credit.
    assertThat(article.body()).contains("Kantor berita Yonhap melaporkan");
  }

  @Test
  void shouldCreditBbcBySignOffOnlyWhenSeedIsTribunnews() throws IOException {
    Article article = seed("001");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("bbc");
    // The mid-article "pertanyaan BBC" and "kepada BBC Korea" are mentions, not evidence.
    assertThat(credits.get(0).evidence())
        .containsExactly(new Evidence("(BBC)", "body", 0, article.body().length() - 5));
    // Tass is quoted in paragraph 8 ("dikutip dari kantor berita negara Rusia, Tass").
    assertThat(article.body()).contains("kantor berita negara Rusia, Tass");
  }

  @Test
  void shouldCreditCbsNewsFromCreditLineAndLeadWhenSeedIsKompasTv() throws IOException {
    Article article = seed("002");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("cbs-news");
    assertThat(credits.get(0).name()).isEqualTo("CBS News");
    assertThat(credits.get(0).evidence())
        .extracting(Evidence::phrase, Evidence::field)
        .containsExactly(
            tuple("Sumber : CBS News", "credits"), tuple("dikutip dari CBS News", "body"));
    assertThat(paragraphOf(article, credits.get(0).evidence().get(1))).isEqualTo(2);
  }

  @Test
  void shouldCreditAfpWhenSeedIsDetik() throws IOException {
    List<WireCredit> credits = detector.detect(seed("003"));

    assertThat(credits).extracting(WireCredit::agency).containsExactly("afp");
    assertThat(credits.get(0).evidence())
        .extracting(Evidence::phrase, Evidence::field)
        .containsExactly(tuple("seperti dilansir AFP", "body"));
  }

  @Test
  void shouldCreditYonhapButNotSourceUrlWhenSeedHasBracketedSourceAndLeadPhrase()
      throws IOException {
    List<WireCredit> credits = detector.detect(seed("004"));

    assertThat(credits).extracting(WireCredit::agency).containsExactly("yonhap");
    assertThat(credits.get(0).evidence())
        .extracting(Evidence::phrase, Evidence::field)
        .containsExactly(
            tuple("(Sumber: Yonhap)", "body"), tuple("Menurut kantor berita Yonhap", "body"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"000", "001", "002", "003", "004"})
  void shouldPointEveryEvidenceAtItsPhraseWhenSeedIsDetected(String number) throws IOException {
    Article article = seed(number);

    List<Evidence> evidence =
        detector.detect(article).stream().flatMap(c -> c.evidence().stream()).toList();

    assertThat(evidence).isNotEmpty().allSatisfy(e -> assertPointsAtPhrase(article, e));
  }

  // --- (a) source statements -------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Sumber: Reuters",
        "Sumber : Reuters",
        "Sumber:Reuters",
        "SUMBER: Reuters",
        "Sumber berita: Reuters",
        "Source: Reuters",
        "Sources: Reuters",
        "Penulis: Reuters",
        "Sumber: Reuters | Editor: Barratut Taqiyyah Rafie"
      })
  void shouldCreditAgencyWhenCreditLineNamesIt(String line) {
    Article article = article("Judul", List.of("Editor: Budi", line), FILLER_PARAGRAPH);

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("reuters");
    Evidence evidence = credits.get(0).evidence().get(0);
    assertThat(evidence.field()).isEqualTo("credits");
    assertThat(evidence.index()).isEqualTo(1);
    assertThat(evidence.offset()).isZero();
    assertThat(evidence.phrase()).endsWith("Reuters").doesNotContain("|");
    assertPointsAtPhrase(article, evidence);
  }

  @Test
  void shouldNotCreditAgencyWhenCreditLineIsEditorOrPhotoCredit() {
    Article article =
        article(
            "Judul",
            List.of("Editor: Reuters", "Foto: AFP/Jung Yeon-je"),
            FILLER_PARAGRAPH,
            "(Foto: AFP) Tentara berbaris di Pyongyang.",
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH);

    assertThat(detector.detect(article)).isEmpty();
  }

  @Test
  void shouldCreditEveryListedAgencyWhenSourceLineListsSeveral() {
    Article article =
        article("Judul", List.of("Sumber: Reuters, AFP/AP dan Kyodo"), FILLER_PARAGRAPH);

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits)
        .extracting(WireCredit::agency)
        .containsExactly("reuters", "afp", "ap", "kyodo");
    assertThat(credits)
        .allSatisfy(
            c ->
                assertThat(c.evidence())
                    .containsExactly(
                        new Evidence("Sumber: Reuters, AFP/AP dan Kyodo", "credits", 0, 0)));
  }

  @Test
  void shouldCreditAgencyWhenBracketedSourceIsInBodyAfterLead() {
    String sixth = "Tentara berbaris di Pyongyang. (Sumber: Al Jazeera) | Foto oleh staf.";
    Article article =
        article(
            "Judul",
            List.of(),
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            sixth,
            FILLER_PARAGRAPH);

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("al-jazeera");
    Evidence evidence = credits.get(0).evidence().get(0);
    assertThat(evidence.phrase()).isEqualTo("(Sumber: Al Jazeera)");
    assertThat(evidence.offset()).isEqualTo(article.body().indexOf("(Sumber: Al Jazeera)"));
    assertPointsAtPhrase(article, evidence);
  }

  @Test
  void shouldCreditAgencyWhenEnglishSourceLineEndsBody() {
    Article article =
        article("Headline", List.of(), "The minister resigned on Monday.", "Source: AP");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("ap");
    assertThat(credits.get(0).evidence())
        .containsExactly(
            new Evidence("Source: AP", "body", 0, article.body().indexOf("Source: AP")));
  }

  @Test
  void shouldCreditNobodyWhenSourceIsUrlOfNonAgencySite() {
    Article article =
        article(
            "Judul",
            List.of("Sumber: https://baoquocte.vn/thong-tin-quan-doi-trieu-tien-291854.html"),
            FILLER_PARAGRAPH);

    assertThat(detector.detect(article)).isEmpty();
  }

  @Test
  void shouldCreditAgencyWhenSourceUrlIsOnItsDomain() {
    String line = "Sumber: https://www.reuters.com/world/asia-pacific/north-korea-2024-10-21/";
    Article article = article("Judul", List.of(line), FILLER_PARAGRAPH);

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("reuters");
    assertThat(credits.get(0).evidence()).containsExactly(new Evidence(line, "credits", 0, 0));
  }

  @Test
  void shouldNotTreatSourceWordAsLabelWhenItHasNoColon() {
    Article article =
        article("Judul", List.of(), "Sumber daya alam Reuters melimpah.", FILLER_PARAGRAPH);

    assertThat(detector.detect(article)).isEmpty();
  }

  @Test
  void shouldCreditNobodyWhenSourceValueDoesNotStartWithAgency() {
    Article article =
        article("Judul", List.of("Sumber: Kementerian Luar Negeri yang mengutip Reuters"), "Isi.");

    assertThat(detector.detect(article)).isEmpty();
  }

  // --- (b) sign-off ----------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"Kami siap,\" katanya. (BBC)' | bbc | (BBC)",
        "'Harga naik lagi. (ANTARA/abc)' | antara | (ANTARA/abc)",
        "'Prices rose again. (AP)' | ap | (AP)",
        "'Prices rose again.(Reuters).' | reuters | (Reuters)",
        "'(dpa)' | dpa | (dpa)"
      })
  void shouldCreditAgencyWhenLastParagraphSignsOffWithIt(
      String last, String agency, String phrase) {
    Article article =
        article("Judul", List.of(), FILLER_PARAGRAPH, FILLER_PARAGRAPH, FILLER_PARAGRAPH, last);

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly(agency);
    Evidence evidence = credits.get(0).evidence().get(0);
    assertThat(evidence.phrase()).isEqualTo(phrase);
    assertPointsAtPhrase(article, evidence);
  }

  @Test
  void shouldCreditEachAgencyWhenSignOffListsSeveral() {
    Article article =
        article("Judul", List.of(), FILLER_PARAGRAPH, "Harga naik lagi. (Reuters/AFP/ant)");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("reuters", "afp");
    assertThat(credits)
        .extracting(c -> c.evidence().get(0).phrase())
        .containsOnly("(Reuters/AFP/ant)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Pasukan dikirim ke perbatasan Korea Utara (Korut).",
        "Pasukan dikirim ke perbatasan. (Foto: AFP)",
        "Jurnalis yang hadir bekerja untuk stasiun televisi (BBC)",
        "Pasukan dikirim ke perbatasan. (Kim Jong Un/BBC)"
      })
  void shouldCreditNobodyWhenLastParagraphEndsWithOtherBracket(String last) {
    Article article = article("Judul", List.of(), FILLER_PARAGRAPH, FILLER_PARAGRAPH, last);

    assertThat(detector.detect(article)).isEmpty();
  }

  @Test
  void shouldCreditNobodyWhenSignOffIsNotInLastParagraph() {
    Article article =
        article(
            "Judul",
            List.of(),
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            "Harga naik lagi. (BBC)",
            FILLER_PARAGRAPH);

    assertThat(detector.detect(article)).isEmpty();
  }

  // --- (c) dateline ----------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "WASHINGTON (Reuters) - The president said. | reuters | WASHINGTON (Reuters) -",
        "(Reuters) - The president said. | reuters | (Reuters) -",
        "JAKARTA (ANTARA) - Harga beras naik. | antara | JAKARTA (ANTARA) -",
        "'KYIV, Ukraine (AP) \u2014 Drones struck.' | ap | 'KYIV, Ukraine (AP) \u2014'",
        "'SEOUL, Oct 21 (Yonhap) -- Troops moved.' | yonhap | 'SEOUL, Oct 21 (Yonhap) --'",
        "Jakarta (ANTARA/abc) - Harga naik. | antara | Jakarta (ANTARA/abc) -"
      })
  void shouldCreditAgencyWhenParagraphStartsWithDateline(
      String paragraph, String agency, String phrase) {
    // In the fifth paragraph: a dateline credits wherever a paragraph starts with one.
    Article article =
        article(
            "Judul",
            List.of(),
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            paragraph,
            FILLER_PARAGRAPH);

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly(agency);
    Evidence evidence = credits.get(0).evidence().get(0);
    assertThat(evidence.phrase()).isEqualTo(phrase);
    assertThat(evidence.offset()).isEqualTo(article.body().indexOf(paragraph));
    assertPointsAtPhrase(article, evidence);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Korea Utara (Korut) - negara tertutup - membantah laporan itu.",
        "JAKARTA, KOMPAS.com - Harga beras naik.",
        "The president said (Reuters) that troops moved.",
        "Pejabat itu berkata kepada wartawan (Reuters) - lalu pergi."
      })
  void shouldCreditNobodyWhenParagraphStartIsNotAgencyDateline(String paragraph) {
    Article article = article("Judul", List.of(), FILLER_PARAGRAPH, paragraph, FILLER_PARAGRAPH);

    assertThat(detector.detect(article)).isEmpty();
  }

  // --- (d) sourcing phrases in the lead --------------------------------------------------------

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Indonesian
        "Hal itu dikutip dari Reuters, Selasa. | reuters | dikutip dari Reuters",
        "Seperti dikutip dari AFP, ia menolak. | afp | Seperti dikutip dari AFP",
        "Rutte berbicara, mengutip Xinhua. | xinhua | mengutip Xinhua",
        "Ia menolak, dilansir Al Jazeera. | al-jazeera | dilansir Al Jazeera",
        "Ia menolak, dilansir dari Kyodo News. | kyodo | dilansir dari Kyodo News",
        "Ia menolak, seperti dilansir AP, Senin. | ap | seperti dilansir AP",
        "Melansir Bernama, banjir meluas. | bernama | Melansir Bernama",
        "Menurut kantor berita Yonhap , Seoul bersiap. | yonhap | Menurut kantor berita Yonhap",
        "Menurut Xinhua, Beijing menolak. | xinhua | Menurut Xinhua",
        "Kantor berita KCNA melaporkan uji coba rudal. | kcna | Kantor berita KCNA melaporkan",
        "Yonhap melaporkan, Seoul bersiap. | yonhap | Yonhap melaporkan",
        "Berdasarkan laporan Anadolu, serangan terjadi. | anadolu | Berdasarkan laporan Anadolu",
        "'Ujarnya dikutip dari kantor berita negara Rusia, Tass.' | tass"
            + " | 'dikutip dari kantor berita negara Rusia, Tass'",
        "Hal itu dilansir stasiun televisi NHK. | nhk | dilansir stasiun televisi NHK",
        "Seperti dilaporkan oleh CNN, pasukan tiba. | cnn | Seperti dilaporkan oleh CNN",
        "Ia mengatakan kepada BBC bahwa perang meluas. | bbc | mengatakan kepada BBC",
        "Dikutip dari CNN Indonesia, harga naik. | cnn-indonesia | Dikutip dari CNN Indonesia",
        "Ia menolak, mengutip laporan kantor berita Reuters. | reuters"
            + " | mengutip laporan kantor berita Reuters",
        // English
        "Troops moved, according to Reuters. | reuters | according to Reuters",
        "Troops moved, according to the BBC. | bbc | according to the BBC",
        "'Troops moved, according to the Russian state news agency TASS.' | tass"
            + " | according to the Russian state news agency TASS",
        "Troops moved, AFP reported. | afp | AFP reported",
        "'Troops moved, Yonhap news agency reported.' | yonhap | Yonhap news agency reported",
        "The news agency (AFP) reported the strike. | afp | news agency (AFP) reported",
        "Kantor berita Prancis (AFP) melaporkan serangan. | afp"
            + " | Kantor berita Prancis (AFP) melaporkan",
        "He told the Associated Press the war would widen. | ap | told the Associated Press",
        "Troops moved, citing Yonhap. | yonhap | citing Yonhap",
        "The strike, as reported by CNN, killed two. | cnn | as reported by CNN",
        "The statement came via Bloomberg. | bloomberg | via Bloomberg"
      })
  void shouldCreditAgencyWhenLeadHasSourcingPhrase(String paragraph, String agency, String phrase) {
    Article article =
        article("Judul", List.of(), FILLER_PARAGRAPH, paragraph, FILLER_PARAGRAPH, "Akhir.");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly(agency);
    Evidence evidence = credits.get(0).evidence().get(0);
    assertThat(evidence.phrase()).isEqualTo(phrase);
    assertThat(evidence.field()).isEqualTo("body");
    assertThat(evidence.index()).isZero();
    assertPointsAtPhrase(article, evidence);
  }

  @Test
  void shouldCreditAgencyWhenTitleHasSourcingPhrase() {
    String title = "Korut Kirim Tentara ke Rusia, Menurut Yonhap";
    Article article = article(title, List.of(), FILLER_PARAGRAPH, "Akhir.");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("yonhap");
    assertThat(credits.get(0).evidence())
        .containsExactly(new Evidence("Menurut Yonhap", "title", 0, title.indexOf("Menurut")));
  }

  @Test
  void shouldCreditAgencyWhenSourcingPhraseIsInThirdParagraph() {
    Article article =
        article(
            "Judul",
            List.of(),
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            "Ia menolak, dilansir AFP.",
            FILLER_PARAGRAPH);

    assertThat(detector.detect(article)).extracting(WireCredit::agency).containsExactly("afp");
  }

  @Test
  void shouldTreatSourcingPhraseAsMentionWhenItIsInFourthParagraph() {
    Article article =
        article(
            "Judul",
            List.of(),
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            "Ia menolak, dilansir AFP.",
            FILLER_PARAGRAPH);

    assertThat(detector.detect(article)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Ia menolak, dilansir AFP.",
        "Kantor berita Yonhap melaporkan, Seoul memanggil duta besar Rusia.",
        "\"Tidak perlu khawatir,\" ujarnya dikutip dari kantor berita negara Rusia, Tass.",
        "\"The war will widen,\" a senior official told Reuters.",
        "Troops moved, according to Reuters."
      })
  void shouldTreatSourcingPhraseAsMentionWhenItIsAfterLead(String paragraph) {
    Article article =
        article(
            "Judul",
            List.of(),
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            FILLER_PARAGRAPH,
            paragraph,
            FILLER_PARAGRAPH);

    assertThat(detector.detect(article)).isEmpty();
  }

  @Test
  void shouldNotCountBlankLinesWhenBoundingTheLead() {
    Article article =
        article(
            "Judul",
            List.of(),
            FILLER_PARAGRAPH,
            "",
            "  ",
            FILLER_PARAGRAPH,
            "Dilansir AFP.",
            "X.");

    assertThat(detector.detect(article)).extracting(WireCredit::agency).containsExactly("afp");
  }

  // --- mentions and look-alikes ----------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Dalam menanggapi pertanyaan BBC, juru bicara itu menolak.",
        "Beberapa pakar pertahanan berbicara dalam siaran BBC Korea.",
        "Reuters dan AFP hadir di Seoul.",
        "Menurut APBN 2024, anggaran pertahanan naik.",
        "Dana itu dikutip dari APBN dan APBD.",
        "Harga naik, dilansir dari ap dan reuters.",
        "Hubungan antara Korea dan Rusia memburuk, menurut antara lain pejabat.",
        "Menurut Rutte, AFP sudah hadir.",
        "Menurut Rutte di media sosial X, perang meluas.",
        "Hal itu dikutip dari laporan panjang yang pernah ditulis wartawan Reuters.",
        "Zelenskyy mengutip laporan intelijen."
      })
  void shouldCreditNobodyWhenLeadOnlyMentionsAgencyOrLookAlike(String paragraph) {
    Article article = article("Judul", List.of(), paragraph, FILLER_PARAGRAPH, "Akhir.");

    assertThat(detector.detect(article)).isEmpty();
  }

  @Test
  void shouldMatchShortAliasOnlyAsUpperCaseWholeWordWhenCueNamesIt() {
    Article article = article("Judul", List.of(), "Dilansir AP, harga APBN naik.", "Akhir.");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("ap");
    assertThat(credits.get(0).evidence())
        .extracting(Evidence::phrase)
        .containsExactly("Dilansir AP");
  }

  @Test
  void shouldPreferLongestAliasWhenOneAliasExtendsAnother() {
    Article article = article("Judul", List.of("Sumber: CBS News"), "Dilansir CBS, harga naik.");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("cbs-news");
    assertThat(credits.get(0).evidence())
        .extracting(Evidence::phrase)
        .containsExactly("Sumber: CBS News", "Dilansir CBS");
  }

  @Test
  void shouldMatchMultiWordAliasWhenWordsAreSeparatedByNonBreakingSpace() {
    Article article = article("Judul", List.of(), "Hal itu dikutip dari CBS\u00A0News.", "X.");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("cbs-news");
    assertThat(credits.get(0).evidence())
        .extracting(Evidence::phrase)
        .containsExactly("dikutip dari CBS\u00A0News");
  }

  @Test
  void shouldCreditOnlyTableAgenciesWhenDetectorIsBuiltFromCustomTable() {
    WireDetector custom =
        WireDetector.of(
            List.of(new Agency("kompas", "Kompas", List.of("Kompas", "KOMPAS"), List.of())));
    Article article =
        article("Judul", List.of("Sumber: Kompas"), "Hal itu dilansir Reuters.", "Akhir. (AFP)");

    assertThat(custom.detect(article))
        .containsExactly(
            new WireCredit(
                "kompas", "Kompas", List.of(new Evidence("Sumber: Kompas", "credits", 0, 0))));
  }

  @Test
  void shouldRejectAgenciesWhenTwoClaimTheSameAlias() {
    List<Agency> agencies =
        List.of(
            new Agency("ap", "AP", List.of("AP"), List.of()),
            new Agency("afp", "AFP", List.of("AFP", "AP"), List.of()));

    assertThatThrownBy(() -> WireDetector.of(agencies))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'AP'")
        .hasMessageContaining("ap")
        .hasMessageContaining("afp");
  }

  // --- merging and order -----------------------------------------------------------------------

  @Test
  void shouldMergeEvidenceIntoOneCreditWhenAgencyIsCreditedSeveralTimes() {
    Article article =
        article(
            "Judul",
            List.of("Sumber: Agence France-Presse"),
            "PARIS (AFP) - Pemerintah Prancis jatuh.",
            FILLER_PARAGRAPH,
            "Ia berkata, dilansir AFP.",
            "Akhir cerita. (AFP)");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).singleElement().extracting(WireCredit::agency).isEqualTo("afp");
    assertThat(credits.get(0).evidence())
        .extracting(Evidence::phrase, Evidence::field)
        .containsExactly(
            tuple("Sumber: Agence France-Presse", "credits"),
            tuple("PARIS (AFP) -", "body"),
            tuple("dilansir AFP", "body"),
            tuple("(AFP)", "body"));
    assertThat(credits.get(0).evidence()).allSatisfy(e -> assertPointsAtPhrase(article, e));
  }

  @Test
  void shouldGiveOneEvidenceWhenTwoFormsMatchTheSameName() {
    Article article = article("Judul", List.of(), "Harga naik. Sumber: laporan Reuters", "Akhir.");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits).extracting(WireCredit::agency).containsExactly("reuters");
    assertThat(credits.get(0).evidence())
        .containsExactly(new Evidence("Sumber: laporan Reuters", "body", 0, 12));
  }

  @Test
  void shouldOrderCreditsByFirstEvidenceWhenSeveralAgenciesAreCredited() {
    Article article =
        article(
            "Judul",
            List.of("Editor: Budi", "Sumber: Kyodo"),
            "Menurut Xinhua, Beijing menolak.",
            "Tokyo bersiap, dilansir Kyodo.",
            "Seoul menunggu, kata Yonhap.",
            "Akhir cerita. (Reuters)");

    List<WireCredit> credits = detector.detect(article);

    // Title, then credit lines, then body by offset.
    assertThat(credits)
        .extracting(WireCredit::agency)
        .containsExactly("kyodo", "xinhua", "reuters");
    assertThat(credits.get(0).evidence())
        .extracting(Evidence::field, Evidence::index)
        .containsExactly(tuple("credits", 1), tuple("body", 0));
  }

  @Test
  void shouldNotSearchTitleSeparatelyWhenItRepeatsFirstParagraph() {
    String first = "Seperti dilansir AFP, Korut membantah laporan itu. Seoul menuduh.";
    Article article =
        article("Seperti dilansir AFP, Korut membantah\u2026", List.of(), first, "X.");

    List<WireCredit> credits = detector.detect(article);

    assertThat(credits.get(0).evidence())
        .containsExactly(new Evidence("Seperti dilansir AFP", "body", 0, 0));
  }

  @Test
  void shouldCreditNobodyWhenArticleNamesNoAgency() {
    assertThat(detector.detect(article("Judul", List.of(), FILLER_PARAGRAPH))).isEmpty();
    assertThat(detector.detect(article(null, null, ""))).isEmpty();
  }

  // --- serialisation ---------------------------------------------------------------------------

  @Test
  void shouldSerialiseAsPlainRecordsWhenWrittenAsJson() throws IOException {
    List<WireCredit> credits = detector.detect(seed("004"));

    JsonNode json = Json.mapper().valueToTree(credits);

    assertThat(json.get(0).properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("agency", "name", "evidence");
    assertThat(json.get(0).get("evidence").get(0).properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("phrase", "field", "index", "offset");
    assertThat(Json.mapper().convertValue(json.get(0), WireCredit.class)).isEqualTo(credits.get(0));
  }

  // --- the agency table ------------------------------------------------------------------------

  @Test
  void shouldLoadEveryRequiredAgencyWhenDefaultTableIsOnClasspath() {
    assertThat(detector.agencies())
        .extracting(Agency::id)
        .contains(
            "reuters",
            "afp",
            "ap",
            "dpa",
            "bbc",
            "cbs-news",
            "yonhap",
            "antara",
            "tass",
            "xinhua",
            "kyodo",
            "bernama",
            "cnn",
            "al-jazeera",
            "anadolu",
            "kcna",
            "sputnik",
            "ria-novosti",
            "nhk",
            "bloomberg",
            "efe",
            "ansa",
            "upi",
            "npr")
        .doesNotHaveDuplicates();
  }

  @Test
  void shouldSkipCommentsAndBlankLinesWhenParsingTable() {
    List<Agency> agencies =
        AgencyTable.parse("# comment\n\nreuters\tReuters\tReuters|REUTERS\treuters.com\n", "t");

    assertThat(agencies)
        .containsExactly(
            new Agency(
                "reuters", "Reuters", List.of("Reuters", "REUTERS"), List.of("reuters.com")));
  }

  static Stream<Arguments> invalidTables() {
    return Stream.of(
        arguments("x\tX\tX\nreuters\tReuters", "line 2: expected 3 or 4 tab-separated columns"),
        arguments("a\tA\tA\tx.com\textra", "line 1: expected 3 or 4 tab-separated columns"),
        arguments("Reuters\tReuters\tReuters", "line 1: id 'Reuters' is not a lower-case slug"),
        arguments("cbs news\tCBS\tCBS", "line 1: id 'cbs news' is not a lower-case slug"),
        arguments("reuters\t\tReuters", "line 1: display name of 'reuters' is blank"),
        arguments("reuters\tReuters\t", "line 1: agency 'reuters' has no alias"),
        arguments("reuters\tReuters\tReuters|", "line 1: alias '' of 'reuters'"),
        arguments("reuters\tReuters\t Reuters", "line 1: alias ' Reuters' of 'reuters'"),
        arguments("reuters\tReuters\tReuters|Reuters", "line 1: agency 'reuters' lists an alias"),
        arguments("reuters\tReuters\tReuters\tReuters.com", "line 1: domain 'Reuters.com'"),
        arguments("a\tA\tA\n#\nb\tB\tB\na\tA2\tA2", "line 4: id 'a' is already defined on line 1"),
        arguments(
            "ap\tAP\tAP\nafp\tAFP\tAFP|AP", "line 2: alias 'AP' is already claimed on line 1"));
  }

  @ParameterizedTest
  @MethodSource("invalidTables")
  void shouldRejectTableNamingTheLineWhenLineIsInvalid(String table, String message) {
    assertThatThrownBy(() -> AgencyTable.parse(table, "agencies.tsv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("agencies.tsv " + message);
  }

  @Test
  void shouldRejectTableWhenItHasNoAgencies() {
    assertThatThrownBy(() -> AgencyTable.parse("# only a comment\n", "agencies.tsv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no agencies");
  }

  // --- helpers ---------------------------------------------------------------------------------

  // --- the shortcuts ---------------------------------------------------------------------------

  @Test
  void shouldCreditAsTheFullScansWhenSearchingOnlyNearNamesOnSeedsAndRandomText()
      throws IOException {
    WireDetector full = WireDetector.withoutShortcuts();
    List<Article> articles = new ArrayList<>();
    try (Stream<Path> files = Files.list(SEEDS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        articles.add(seed(f.getFileName().toString().substring(0, 3)));
      }
    }
    List<String> pieces =
        new ArrayList<>(
            List.of(
                " ",
                " ",
                " ",
                "  ",
                "\u00A0",
                "\t",
                ", ",
                ". ",
                "(",
                ")",
                ") .",
                ":",
                " | ",
                "/",
                "\n",
                "\u2028",
                "dilansir",
                "seperti yang dilaporkan oleh",
                "menurut",
                "according to",
                "as reported by",
                "the",
                "kantor berita",
                "news agency",
                "stasiun televisi",
                "situs web",
                "reported",
                "has reported",
                "melaporkan",
                "Sumber",
                "Source: ",
                "pemerintah",
                "Presiden",
                "kata",
                "Jakarta",
                "JAKARTA",
                "APBN",
                "ap",
                "antara",
                "sangatpanjangsekalikatayangtidakadaartinya",
                // every cue, in other cases, and glued to a word
                "Dikutip dari",
                "DILANSIR",
                "sebagaimana diberitakan",
                "disiarkan",
                "mengutip",
                "Melansir dari",
                "berdasarkan laporan",
                "Laporan",
                "mengatakan kepada",
                "berbicara kepada",
                "menuturkan kepada",
                "menjelaskan kepada",
                "mengungkapkan kepada",
                "ujarnya kepada",
                "katanya kepada",
                "According to",
                "citing",
                "Cited by",
                "quoted by",
                "Reported by",
                "via",
                "told",
                "TOLD",
                "xmenurut",
                "1dilansir",
                "\u00E9citing",
                // every label, in other cases and spacings
                "Penulis:",
                "Sumber berita :",
                "sumber artikel:",
                "WRITER\u00A0:",
                "Author",
                "pewarta",
                "Reporter",
                "Sources",
                "(Sumber:",
                "xsumber:"));
    for (Agency agency : full.agencies()) {
      pieces.addAll(agency.aliases());
    }
    Random random = new Random(13);
    for (int a = 0; a < 3000; a++) {
      StringBuilder[] fields = {new StringBuilder(), new StringBuilder()};
      for (StringBuilder field : fields) {
        int length = 5 + random.nextInt(a % 10 == 0 ? 200 : 40);
        for (int i = 0; i < length; i++) {
          field.append(pieces.get(random.nextInt(pieces.size())));
          if (random.nextInt(3) > 0) {
            field.append(' ');
          }
        }
      }
      articles.add(article(fields[0].toString(), List.of(), fields[1].toString()));
    }

    int credits = 0;
    for (Article article : articles) {
      List<WireCredit> expected = full.detect(article);
      assertThat(detector.detect(article)).as(article.title()).isEqualTo(expected);
      credits += expected.size();
    }
    assertThat(credits).as("credits found, so the comparison means something").isGreaterThan(3000);
  }

  private static Article article(String title, List<String> credits, String... paragraphs) {
    return new Article(
        Article.CURRENT_SCHEMA_VERSION,
        "id",
        null,
        "test.example",
        title,
        String.join("\n", paragraphs),
        "id",
        null,
        null,
        credits,
        List.of(),
        "hand");
  }

  private static void assertPointsAtPhrase(Article article, Evidence evidence) {
    String text =
        switch (evidence.field()) {
          case "title" -> article.title();
          case "body" -> article.body();
          case "credits" -> article.credits().get(evidence.index());
          default -> throw new AssertionError("unknown field " + evidence.field());
        };
    if (!evidence.field().equals("credits")) {
      assertThat(evidence.index()).as("index of %s", evidence).isZero();
    }
    assertThat(text)
        .as("%s text at offset %d", evidence.field(), evidence.offset())
        .hasSizeGreaterThanOrEqualTo(evidence.offset() + evidence.phrase().length());
    assertThat(text.substring(evidence.offset(), evidence.offset() + evidence.phrase().length()))
        .isEqualTo(evidence.phrase());
  }

  /** Index of the body paragraph (line) that holds the evidence. */
  private static int paragraphOf(Article article, Evidence evidence) {
    return (int)
        article.body().substring(0, evidence.offset()).chars().filter(c -> c == '\n').count();
  }

  private Article seed(String number) throws IOException {
    Path file;
    try (Stream<Path> files = Files.list(SEEDS)) {
      List<Path> found =
          files.filter(f -> f.getFileName().toString().startsWith(number + "_")).toList();
      assertThat(found).as("seed %s in %s", number, SEEDS.toAbsolutePath()).hasSize(1);
      file = found.get(0);
    }
    Article article =
        new NewsPageParser()
            .parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), "x.example");
    assertThat(article).as("parsed %s", file).isNotNull();
    return article;
  }

  /**
   * The scan's shortcut skips positions whose letter starts no cue ({@code CUE_FIRST_LETTERS}, a
   * hand-kept list): the letters that can start a match of {@code CUE_BEFORE}, asked of the regex
   * itself (a one-letter input the pattern does not reject before its end), must be that list.
   */
  @Test
  void shouldSkipOnlyLettersThatStartNoCue() {
    java.util.regex.Pattern cue =
        java.util.regex.Pattern.compile("(?:" + WireDetector.CUE_BEFORE + ")");
    StringBuilder starts = new StringBuilder();
    for (char c = 'a'; c <= 'z'; c++) {
      for (char letter : new char[] {c, Character.toUpperCase(c)}) {
        java.util.regex.Matcher m = cue.matcher(String.valueOf(letter));
        if ((m.lookingAt() || m.hitEnd()) && starts.indexOf(String.valueOf(c)) < 0) {
          starts.append(c);
        }
      }
    }
    assertThat(sorted(WireDetector.CUE_FIRST_LETTERS)).isEqualTo(sorted(starts.toString()));
  }

  private static String sorted(String letters) {
    char[] c = letters.toCharArray();
    java.util.Arrays.sort(c);
    return new String(c);
  }
}
