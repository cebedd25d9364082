package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.Article;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleReaderTest {
  private static final Path SEEDS = Path.of("..", "seeds");
  private static final Instant NOW = Instant.parse("2024-10-22T08:00:00Z");
  private static final String DEFAULT_OUTLET = "default.example";

  @TempDir Path dir;

  private final ArticleReader reader =
      new ArticleReader(Clock.fixed(NOW, ZoneOffset.UTC), DEFAULT_OUTLET, "id");

  @Test
  void shouldReportBadLinesByFileAndLineAndKeepValidOnesWhenJsonLinesFileIsMixed()
      throws IOException {
    Path file =
        write(
            "mixed.jsonl",
            "{\"id\":\"a1\",\"url\":\"https://www.kontan.co.id/news/a1\",\"title\":\"Satu\","
                + "\"body\":\"Isi satu.\"}",
            "{\"id\":\"a2\",\"title\": ",
            "",
            "{\"id\":\"a4\",\"outlet\":\"kompas.tv\",\"title\":\"Empat\"}",
            "{\"id\":\"a5\",\"outlet\":\"kompas.tv\",\"title\":\"Lima\",\"body\":\"Isi lima.\"}");

    List<ReadResult> results = read(file);

    assertThat(results).hasSize(4);
    assertThat(ok(results)).extracting(Article::id).containsExactly("a1", "a5");
    assertThat(failed(results))
        .extracting(ReadResult.Failed::location)
        .containsExactly(file + ":2", file + ":4");
    assertThat(failed(results).get(0).message()).startsWith("malformed JSON");
    assertThat(failed(results).get(1).message())
        .contains("'body'")
        .doesNotContain("'title'")
        .doesNotContain("'outlet'");
  }

  @Test
  void shouldFillDefaultsWhenJsonLineLeavesThemOut() throws IOException {
    Path file =
        write(
            "defaults.jsonl",
            "{\"url\":\"https://www.Kontan.co.id/news/x\",\"body\":\"Harga naik. Pedagang"
                + " mengeluh.\"}");

    Article article = ok(read(file)).get(0);

    assertThat(article.outlet()).isEqualTo("kontan.co.id");
    assertThat(article.title()).isEqualTo("Harga naik");
    assertThat(article.language()).isEqualTo("id");
    assertThat(article.ingestedAt()).isEqualTo(NOW);
    assertThat(article.schemaVersion()).isEqualTo(Article.CURRENT_SCHEMA_VERSION);
    assertThat(article.source()).isEqualTo(file + ":1");
    assertThat(article.id()).matches("[0-9a-f]{24}");
  }

  @Test
  void shouldKeepExplicitValuesWhenJsonLineHasThem() throws IOException {
    Path file =
        write(
            "explicit.jsonl",
            "{\"id\":\" a1 \",\"outlet\":\"kompas.tv\",\"title\":\"Judul\",\"body\":\"Isi.\","
                + "\"language\":\"en\",\"ingestedAt\":\"2020-01-01T00:00:00Z\","
                + "\"source\":\"crawler-7\"}");

    Article article = ok(read(file)).get(0);

    assertThat(article.id()).isEqualTo("a1");
    assertThat(article.language()).isEqualTo("en");
    assertThat(article.ingestedAt()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(article.source()).isEqualTo("crawler-7");
  }

  @Test
  void shouldReportLineWithReasonWhenPublishedAtIsANumber() throws IOException {
    Path file =
        write(
            "dates.jsonl",
            "{\"outlet\":\"a.example\",\"body\":\"one\",\"publishedAt\":1e300}",
            "{\"outlet\":\"a.example\",\"body\":\"two\",\"publishedAt\":1729584000}",
            "{\"outlet\":\"a.example\",\"body\":\"three\",\"publishedAt\":\"2024-10-22T07:00:00Z\"}");

    List<ReadResult> results = read(file);

    assertThat(ok(results)).extracting(Article::body).containsExactly("three");
    assertThat(failed(results))
        .extracting(ReadResult.Failed::location)
        .containsExactly(file + ":1", file + ":2");
    assertThat(failed(results))
        .allSatisfy(f -> assertThat(f.message()).contains("publishedAt").contains("not a date"));
  }

  @Test
  void shouldReportLineWhenItIsJsonButNotAnObject() throws IOException {
    Path file = write("odd.jsonl", "null", "[1,2]", "\"text\"");

    List<ReadResult> results = read(file);

    assertThat(ok(results)).isEmpty();
    assertThat(failed(results))
        .extracting(ReadResult.Failed::location)
        .containsExactly(file + ":1", file + ":2", file + ":3");
    assertThat(failed(results).get(0).message()).contains("expected a JSON object");
  }

  @Test
  void shouldReportLineWhenItHoldsTrailingContentAfterTheObject() throws IOException {
    Path file =
        write(
            "joined.jsonl",
            "{\"id\":\"a\",\"outlet\":\"o\",\"title\":\"t\",\"body\":\"b\"}"
                + "{\"id\":\"b\",\"outlet\":\"o\",\"title\":\"t\",\"body\":\"b\"}");

    List<ReadResult> results = read(file);

    assertThat(failed(results))
        .extracting(ReadResult.Failed::location)
        .containsExactly(file + ":1");
  }

  @Test
  void shouldReportFileWhenExtensionIsUnknown() throws IOException {
    Path file = write("articles.csv", "id,title,body");

    List<ReadResult> results = read(file);

    assertThat(results).singleElement().isInstanceOf(ReadResult.Failed.class);
    ReadResult.Failed failed = failed(results).get(0);
    assertThat(failed.location()).isEqualTo(file.toString());
    assertThat(failed.message()).contains("unknown format");
  }

  @Test
  void shouldReadFileInRequestedFormatWhenFormatIsExplicit() throws IOException {
    Path file =
        write("articles.data", "{\"id\":\"a\",\"outlet\":\"o\",\"title\":\"t\",\"body\":\"b\"}");
    List<ReadResult> results = new ArrayList<>();

    reader.read(file, InputFormat.JSONL, results::add);

    assertThat(ok(results)).extracting(Article::id).containsExactly("a");
  }

  @Test
  void shouldReadFiveArticlesWhenReadingSeedsDirectory() {
    List<ReadResult> results = new ArrayList<>();

    reader.read(SEEDS, InputFormat.AUTO, results::add);

    assertThat(failed(results)).isEmpty();
    List<Article> articles = ok(results);
    assertThat(articles)
        .extracting(Article::outlet)
        .containsExactly(
            "kontan.co.id", "tribunnews.com", "kompas.tv", "detik.com", DEFAULT_OUTLET);
    assertThat(articles)
        .extracting(Article::id)
        .doesNotHaveDuplicates()
        .allMatch(id -> id.matches("[0-9a-f]{24}"));
    assertThat(articles).extracting(Article::ingestedAt).containsOnly(NOW);
    assertThat(articles).extracting(Article::language).containsOnly("id");
    assertThat(articles)
        .extracting(Article::source)
        .allMatch(s -> s.startsWith(SEEDS.toString()) && s.endsWith(".txt"));
  }

  @Test
  void shouldSkipHiddenFilesWhenReadingDirectory() throws IOException {
    write(".draft.txt", "KONTAN.CO.ID - Tersembunyi. Dua.");
    write("visible.txt", "KONTAN.CO.ID - Terlihat. Dua.");

    List<ReadResult> results = new ArrayList<>();
    reader.read(dir, InputFormat.AUTO, results::add);

    assertThat(ok(results)).extracting(Article::title).containsExactly("Terlihat");
    assertThat(failed(results)).isEmpty();
  }

  @Test
  void shouldReportDirectoryWhenItIsEmpty() {
    List<ReadResult> results = new ArrayList<>();

    reader.read(dir, InputFormat.AUTO, results::add);

    assertThat(failed(results))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location()).isEqualTo(dir.toString());
              assertThat(f.message()).contains("no files");
            });
  }

  @Test
  void shouldReportPathWhenItDoesNotExist() {
    Path missing = dir.resolve("missing.jsonl");
    List<ReadResult> results = new ArrayList<>();

    reader.read(missing, InputFormat.AUTO, results::add);

    assertThat(failed(results))
        .singleElement()
        .satisfies(f -> assertThat(f.location()).isEqualTo(missing.toString()));
  }

  @Test
  void shouldReportFileWhenPageHasNoArticleText() throws IOException {
    Path file = write("ads.txt", "Baca juga: Harga Emas", "[iklan_2]");

    List<ReadResult> results = read(file);

    assertThat(failed(results))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location()).isEqualTo(file.toString());
              assertThat(f.message()).contains("no article text");
            });
  }

  @Test
  void shouldReportFileWhenItIsNotUtf8() throws IOException {
    Path latin1 = dir.resolve("latin1.txt");
    Files.write(
        latin1, "Kafe di Bogor, caf\u00e9 baru. Dua.".getBytes(StandardCharsets.ISO_8859_1));
    Path good = write("good.txt", "KONTAN.CO.ID - Baik. Dua.");

    List<ReadResult> results = new ArrayList<>();
    reader.read(dir, InputFormat.AUTO, results::add);

    // The bad file does not stop the good one next to it.
    assertThat(ok(results)).extracting(Article::source).containsExactly(good.toString());
    assertThat(failed(results))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location()).isEqualTo(latin1.toString());
              assertThat(f.message()).contains("not UTF-8");
            });
  }

  @Test
  void shouldReportFileWhenTextHoldsNulBytes() throws IOException {
    Path file = dir.resolve("binary.txt");
    Files.write(file, new byte[] {'A', 'B', 0, 'C', '.', ' ', 'D', '.'});

    List<ReadResult> results = read(file);

    assertThat(failed(results))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("NUL"));
  }

  @Test
  void shouldNameLinesAfterStreamWhenReadingJsonLinesFromStdin() {
    byte[] input =
        ("{\"id\":\"s1\",\"outlet\":\"o\",\"title\":\"t\",\"body\":\"b\"}\n" + "not json\n")
            .getBytes(StandardCharsets.UTF_8);
    List<ReadResult> results = new ArrayList<>();

    reader.read(new ByteArrayInputStream(input), "stdin", InputFormat.AUTO, results::add);

    assertThat(ok(results))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.id()).isEqualTo("s1");
              assertThat(a.source()).isEqualTo("stdin:1");
              assertThat(a.ingestedAt()).isEqualTo(NOW);
            });
    assertThat(failed(results)).extracting(ReadResult.Failed::location).containsExactly("stdin:2");
  }

  @Test
  void shouldParsePageWhenReadingTextFromStdin() {
    byte[] page = "BRUSSELS, KOMPAS.TV - NATO bersiap. Dua.\n".getBytes(StandardCharsets.UTF_8);
    List<ReadResult> results = new ArrayList<>();

    reader.read(new ByteArrayInputStream(page), "stdin", InputFormat.TEXT, results::add);

    assertThat(ok(results))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outlet()).isEqualTo("kompas.tv");
              assertThat(a.title()).isEqualTo("NATO bersiap");
              assertThat(a.source()).isEqualTo("stdin");
            });
  }

  @Test
  void shouldReportLineAndReadTheRestWhenStdinLineIsNotUtf8() {
    byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
    byte[] good =
        "{\"id\":\"g\",\"outlet\":\"o\",\"title\":\"t\",\"body\":\"b\"}\n"
            .getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bad.length + good.length];
    System.arraycopy(bad, 0, bytes, 0, bad.length);
    System.arraycopy(good, 0, bytes, bad.length, good.length);
    List<ReadResult> results = new ArrayList<>();

    reader.read(new ByteArrayInputStream(bytes), "stdin", InputFormat.AUTO, results::add);

    assertThat(failed(results))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location()).isEqualTo("stdin:1");
              assertThat(f.message()).contains("not UTF-8");
            });
    assertThat(ok(results)).extracting(Article::id).containsExactly("g");
  }

  @Test
  void shouldReportLineSizeAndReadTheRestWhenJsonLineIsLargerThanAnArticle() throws IOException {
    String huge =
        "{\"outlet\":\"o\",\"title\":\"t\",\"body\":\"" + "x".repeat(Article.MAX_BYTES) + "\"}";
    Path file =
        write(
            "huge.jsonl",
            huge,
            "{\"id\":\"after\",\"outlet\":\"o\",\"title\":\"t\",\"body\":\"b\"}");

    List<ReadResult> results = read(file);

    assertThat(failed(results))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location()).isEqualTo(file + ":1");
              assertThat(f.message())
                  .contains(huge.length() + " bytes")
                  .contains("limit of one article");
            });
    assertThat(ok(results)).extracting(Article::id).containsExactly("after");
  }

  @Test
  void shouldReportFileWhenNewsPageIsLargerThanAnArticle() throws IOException {
    Path page = write("huge.txt", "KONTAN.CO.ID - " + "Kata. ".repeat(Article.MAX_BYTES / 5));

    assertThat(failed(read(page)))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("limit of one article"));
  }

  @Test
  void shouldReportFieldWhenJsonLineBreaksTheContract() throws IOException {
    Path file =
        write(
            "contract.jsonl",
            "{\"outlet\":\"o\",\"title\":\"t\",\"body\":42}",
            "{\"outlet\":\"o\",\"title\":\"t\",\"body\":\"a\",\"body\":\"b\"}",
            "{\"outlet\":\"o\",\"title\":\"be\\u0007ll\",\"body\":\"b\"}",
            "{\"outlet\":\"o\",\"title\":\"t\",\"body\":\"b\",\"publishedAt\":\"0001-01-01T00:00:00Z\"}",
            "{\"outlet\":\"o\",\"title\":\"t\",\"body\":\"b\",\"schemaVersion\":2}",
            "{\"outlet\":\"o\",\"title\":\"t\",\"body\":\"b\",\"newField\":{\"x\":1}}");

    List<ReadResult> results = read(file);

    assertThat(failed(results))
        .extracting(ReadResult.Failed::message)
        .satisfiesExactly(
            m -> assertThat(m).startsWith("malformed JSON: field 'body'").contains("Integer"),
            m -> assertThat(m).startsWith("malformed JSON").contains("Duplicate field 'body'"),
            m -> assertThat(m).contains("field 'title' holds a control character (U+0007)"),
            m -> assertThat(m).contains("field 'publishedAt' is 0001-01-01T00:00:00Z"),
            m -> assertThat(m).contains("field 'schemaVersion' is 2"));
    // Unknown fields of the current version are ignored: fields are added without a new version.
    assertThat(ok(results)).singleElement().satisfies(a -> assertThat(a.body()).isEqualTo("b"));
  }

  @Test
  void shouldGiveSameIdsWhenSameInputIsReadTwice() throws IOException {
    ArticleReader later =
        new ArticleReader(Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC), DEFAULT_OUTLET, "id");
    List<ReadResult> first = new ArrayList<>();
    List<ReadResult> second = new ArrayList<>();

    reader.read(SEEDS, InputFormat.AUTO, first::add);
    later.read(SEEDS, InputFormat.AUTO, second::add);

    assertThat(ok(second))
        .extracting(Article::id)
        .containsExactlyElementsOf(ok(first).stream().map(Article::id).toList());
    assertThat(ok(second)).extracting(Article::ingestedAt).containsOnly(NOW.plusSeconds(3600));
  }

  @Test
  void shouldGiveSameIdWhenUrlsDifferOnlyInTrackingParametersHostCaseAndTrailingSlash()
      throws IOException {
    Path file =
        write(
            "urls.jsonl",
            line("https://kontan.co.id/news/korut-kirim-tentara", "Satu"),
            line(
                "https://www.Kontan.co.id/news/korut-kirim-tentara/?utm_source=tw&utm_medium=social",
                "Dua"),
            line("https://kontan.co.id/news/korut-kirim-tentara#komentar", "Tiga"),
            line("https://kontan.co.id/news/korea-selatan", "Lain"));

    List<Article> articles = ok(read(file));

    assertThat(articles).hasSize(4);
    assertThat(articles.get(1).id()).isEqualTo(articles.get(0).id());
    assertThat(articles.get(2).id()).isEqualTo(articles.get(0).id());
    assertThat(articles.get(3).id()).isNotEqualTo(articles.get(0).id());
  }

  @Test
  void shouldKeepNonTrackingQueryParametersWhenComputingId() throws IOException {
    Path file =
        write(
            "query.jsonl",
            line("https://kontan.co.id/read?page=1&utm_campaign=x", "Satu"),
            line("https://kontan.co.id/read?page=2", "Dua"),
            line("https://kontan.co.id/read?page=1", "Tiga"));

    List<Article> articles = ok(read(file));

    assertThat(articles.get(0).id()).isEqualTo(articles.get(2).id());
    assertThat(articles.get(1).id()).isNotEqualTo(articles.get(0).id());
  }

  @Test
  void shouldGiveSameIdWhenTextDiffersOnlyInCaseWhitespaceAndQuotesWithoutUrl() throws IOException {
    Path file =
        write(
            "text.jsonl",
            "{\"outlet\":\"o\",\"title\":\"Harga Naik\",\"body\":\"Kata dia \\\"naik\\\".\"}",
            "{\"outlet\":\"o\",\"title\":\"  harga  naik \",\"body\":\"KATA DIA \u201Cnaik\u201D.\"}",
            "{\"outlet\":\"o\",\"title\":\"Harga Turun\",\"body\":\"Kata dia \\\"naik\\\".\"}");

    List<Article> articles = ok(read(file));

    assertThat(articles).hasSize(3);
    assertThat(articles.get(1).id()).isEqualTo(articles.get(0).id());
    assertThat(articles.get(2).id()).isNotEqualTo(articles.get(0).id());
  }

  @Test
  void shouldIgnoreByteOrderMarkWhenJsonLinesFileStartsWithOne() throws IOException {
    Path file = dir.resolve("bom.jsonl");
    Files.write(
        file,
        "\uFEFF{\"id\":\"a\",\"outlet\":\"o\",\"title\":\"t\",\"body\":\"b\"}\n"
            .getBytes(StandardCharsets.UTF_8));

    assertThat(ok(read(file))).extracting(Article::id).containsExactly("a");
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static String line(String url, String title) {
    return "{\"url\":\"" + url + "\",\"title\":\"" + title + "\",\"body\":\"Isi " + title + ".\"}";
  }

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private List<ReadResult> read(Path path) {
    List<ReadResult> results = new ArrayList<>();
    reader.read(path, InputFormat.AUTO, results::add);
    return results;
  }

  private static List<Article> ok(List<ReadResult> results) {
    return results.stream()
        .filter(ReadResult.Ok.class::isInstance)
        .map(r -> ((ReadResult.Ok) r).article())
        .toList();
  }

  private static List<ReadResult.Failed> failed(List<ReadResult> results) {
    return results.stream()
        .filter(ReadResult.Failed.class::isInstance)
        .map(ReadResult.Failed.class::cast)
        .toList();
  }
}
