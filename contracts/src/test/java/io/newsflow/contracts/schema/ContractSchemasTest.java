package io.newsflow.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.CountRecord;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.DuplicateLink;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.EntityType;
import io.newsflow.contracts.Json;
import io.newsflow.contracts.Mention;
import io.newsflow.contracts.WireCredit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed schemas in {@code docs/schemas/} are what {@link ContractSchemas} generates from
 * the current records (rewrite them with {@code -Dnewsflow.golden.update=true}), and they accept
 * the JSON the records are written as and refuse what breaks the contract.
 */
class ContractSchemasTest {
  static final Path SCHEMAS = Path.of("..", "docs", "schemas");
  private static final String UPDATE = "newsflow.golden.update";
  private static final Instant T = Instant.parse("2024-10-22T08:00:00Z");

  private final ContractSchemas generator = new ContractSchemas(Path.of("src", "main", "java"));

  /**
   * With {@code -Dnewsflow.golden.update=true}: rewrites the schemas before any test reads them.
   */
  @BeforeAll
  static void updateWhenAsked() throws IOException {
    if (Boolean.getBoolean(UPDATE)) {
      Files.createDirectories(SCHEMAS);
      var generated = new ContractSchemas(Path.of("src", "main", "java")).generateAll();
      for (var e : generated.entrySet()) {
        Files.writeString(SCHEMAS.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
      }
    }
  }

  @Test
  void shouldMatchTheCommittedSchemasWhenGeneratedFromTheCurrentRecords() throws IOException {
    Map<String, String> generated = generator.generateAll();
    Set<String> committed;
    try (Stream<Path> files = Files.list(SCHEMAS)) {
      committed =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".schema.json"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(committed)
        .as(
            "schema files in %s (a record type added or removed? rerun with -D%s=true)",
            SCHEMAS, UPDATE)
        .isEqualTo(new TreeSet<>(generated.keySet()));
    for (var e : generated.entrySet()) {
      assertEquals(
          Files.readString(SCHEMAS.resolve(e.getKey()), StandardCharsets.UTF_8),
          e.getValue(),
          SCHEMAS.resolve(e.getKey())
              + " differs from the records: if the record changed on purpose, rerun with -D"
              + UPDATE
              + "=true, commit the file and say in the record's Javadoc what changed for"
              + " consumers");
    }
  }

  @Test
  void shouldAcceptEveryRecordAsJsonWritesItWhenFullyPopulated() throws IOException {
    Article article = fullArticle();
    EnrichedArticle enriched =
        new EnrichedArticle(
            1,
            article,
            "0123456789abcdef0123456789abcdef",
            Dedup.nearCopyOf("c0ffee", 0.91),
            List.of(
                new WireCredit(
                    "reuters",
                    "Reuters",
                    List.of(new WireCredit.Evidence("(Reuters)", WireCredit.Evidence.BODY, 0, 9)))),
            List.of("military"),
            T,
            List.of(
                new Entity(
                    "wd:Q252",
                    EntityType.LOCATION,
                    "country",
                    "Indonesia",
                    Map.of("wikidata", "Q252"),
                    List.of(new Mention("Indonesia", "body", 0, 9)),
                    0.9,
                    12)),
            true,
            "c0ffee",
            3);
    DuplicateLink link = DuplicateLink.of(enriched);
    CountRecord count = new CountRecord(1, "outlet", "kompas.tv", "1h", 5, 4, T, 3);

    assertValid("Article.schema.json", article);
    assertValid("EnrichedArticle.schema.json", enriched);
    assertValid("DuplicateLink.schema.json", link);
    assertValid("CountRecord.schema.json", count);
    assertValid(
        "CountRecord.schema.json", new CountRecord(1, "theme", "military", "all", 1, 1, null));
  }

  @Test
  void shouldAcceptAMinimalRawArticleAndRefuseOneWithoutBodyOrOutletOrWithAWrongValue() {
    Schema raw = schema("Article.schema.json");

    assertThat(raw.validate("{\"outlet\":\"x.example\",\"body\":\"Isi.\"}", InputFormat.JSON))
        .isEmpty();
    assertThat(
            raw.validate("{\"url\":\"https://x.example/a\",\"body\":\"Isi.\"}", InputFormat.JSON))
        .isEmpty();
    assertThat(raw.validate("{\"body\":\"Isi.\"}", InputFormat.JSON))
        .extracting(Error::toString)
        .anyMatch(m -> m.contains("outlet"))
        .anyMatch(m -> m.contains("url"));
    assertThat(raw.validate("{\"outlet\":\"x.example\",\"title\":\"Judul\"}", InputFormat.JSON))
        .extracting(Error::toString)
        .anyMatch(m -> m.contains("body"));
    assertThat(
            raw.validate(
                "{\"outlet\":\"x\",\"body\":\"Isi.\",\"publishedAt\":1729584000}",
                InputFormat.JSON))
        .extracting(Error::toString)
        .anyMatch(m -> m.contains("publishedAt"));
    assertThat(
            raw.validate(
                "{\"outlet\":\"x\",\"body\":\"Isi.\",\"schemaVersion\":2}", InputFormat.JSON))
        .extracting(Error::toString)
        .anyMatch(m -> m.contains("schemaVersion"));
    assertThat(
            raw.validate(
                "{\"outlet\":\"x\",\"body\":\"Isi.\",\"title\":\""
                    + "x".repeat(Article.MAX_TITLE_CHARS + 1)
                    + "\"}",
                InputFormat.JSON))
        .extracting(Error::toString)
        .anyMatch(m -> m.contains("title"));
  }

  @Test
  void shouldRequireTheFilledInFieldsOfTheArticleInsideAnEnrichedArticle() throws IOException {
    Article partial =
        new Article(0, null, null, null, null, "Isi.", null, null, null, null, null, null);
    EnrichedArticle enriched =
        new EnrichedArticle(1, partial, "ab", Dedup.original("x"), null, null, T);

    List<Error> errors =
        schema("EnrichedArticle.schema.json")
            .validate(Json.mapper().writeValueAsString(enriched), InputFormat.JSON);

    assertThat(errors)
        .extracting(Error::toString)
        .anyMatch(m -> m.contains("id"))
        .anyMatch(m -> m.contains("ingestedAt"));
  }

  @Test
  void shouldWriteVerdictsAndEntityTypesAsTheJsonHasThem() throws IOException {
    String text = Files.readString(SCHEMAS.resolve("EnrichedArticle.schema.json"));

    assertThat(text).contains("\"original\"", "\"exact\"", "\"near\"", "\"PERSON\"");
    assertThat(Json.mapper().writeValueAsString(Dedup.original("x"))).contains("\"original\"");
  }

  private static Article fullArticle() {
    return new Article(
        1,
        "0123456789abcdef01234567",
        "https://kompas.tv/a/1",
        "kompas.tv",
        "Judul",
        "Isi artikel.",
        "id",
        T.minusSeconds(60),
        T,
        List.of("Sumber: Reuters"),
        List.of("Baca juga: lain"),
        "seeds/000.txt");
  }

  private static void assertValid(String file, Object record) throws IOException {
    String json = Json.mapper().writeValueAsString(record);
    assertThat(schema(file).validate(json, InputFormat.JSON))
        .as("%s against %s", json, file)
        .isEmpty();
  }

  static Schema schema(String file) {
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    try {
      return registry.getSchema(Files.readString(SCHEMAS.resolve(file)), InputFormat.JSON);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
