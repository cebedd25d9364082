package io.newsflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {
  private final JsonSerde<Article> serde = new JsonSerde<>(Article.class);

  private static Article fullArticle() {
    return new Article(
        1,
        "a1b2c3",
        "https://kontan.co.id/news/x",
        "kontan.co.id",
        "Judul \u201Cberita\u201D",
        "Baris satu.\nBaris dua \u2013 akhir.",
        "id",
        Instant.parse("2024-10-21T05:30:00Z"),
        Instant.parse("2024-10-22T08:00:00.123Z"),
        List.of("Sumber: Reuters | Editor: Budi"),
        List.of("Baca Juga: Lain"),
        "seeds/000.txt");
  }

  @Test
  void shouldReturnEqualArticleWhenRoundTrippedThroughKafkaSerde() {
    Article article = fullArticle();

    byte[] bytes = serde.serializer().serialize("news.articles.raw", article);
    Article back = serde.deserializer().deserialize("news.articles.raw", bytes);

    assertThat(back).isEqualTo(article);
  }

  @Test
  void shouldWriteInstantsAsIsoStringsAndLeaveOutNullFieldsWhenSerialising() {
    Article sparse =
        new Article(
            1,
            "x",
            null,
            "o",
            "t",
            "b",
            null,
            null,
            Instant.parse("2024-10-22T08:00:00Z"),
            null,
            null,
            null);

    String json = new String(serde.toBytes(sparse), StandardCharsets.UTF_8);

    assertThat(json).contains("\"ingestedAt\":\"2024-10-22T08:00:00Z\"");
    assertThat(json)
        .doesNotContain("\"url\"")
        .doesNotContain("\"publishedAt\"")
        .doesNotContain("null");
  }

  @Test
  void shouldReadEmptyListsWhenListFieldsAreMissing() {
    Article article =
        serde.fromBytes(
            "{\"id\":\"x\",\"title\":\"t\",\"body\":\"b\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(article.credits()).isEmpty();
    assertThat(article.boilerplate()).isEmpty();
    assertThat(article.schemaVersion()).isZero();
  }

  @Test
  void shouldIgnoreUnknownFieldsWhenNewerProducerAddsThem() {
    byte[] json =
        ("{\"id\":\"x\",\"title\":\"t\",\"body\":\"b\",\"sentiment\":0.7,"
                + "\"entities\":[{\"name\":\"NATO\"}],\"schemaVersion\":2}")
            .getBytes(StandardCharsets.UTF_8);

    Article article = serde.fromBytes(json);

    assertThat(article.id()).isEqualTo("x");
    assertThat(article.body()).isEqualTo("b");
    assertThat(article.schemaVersion()).isEqualTo(2);
  }

  @Test
  void shouldThrowSerializationExceptionNamingTypeWhenBytesAreNotJson() {
    byte[] garbage = "{\"id\": \"x\", ".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> serde.deserializer().deserialize("news.articles.raw", garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("not a valid Article JSON document: ")
        .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
  }

  @Test
  void shouldThrowSerializationExceptionWhenJsonHasWrongShape() {
    byte[] array = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
    byte[] wrongType = "{\"schemaVersion\":\"one\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> serde.fromBytes(array))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Article");
    assertThatThrownBy(() -> serde.fromBytes(wrongType))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Article");
  }

  @Test
  void shouldThrowSerializationExceptionWhenBytesAreEmpty() {
    assertThatThrownBy(() -> serde.fromBytes(new byte[0]))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Article");
  }

  @Test
  void shouldKeepNullWhenValueIsNull() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void shouldReturnNullWhenJsonIsLiteralNull() {
    assertThat(serde.fromBytes("null".getBytes(StandardCharsets.UTF_8))).isNull();
  }
}
