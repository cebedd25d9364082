package io.newsflow.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.JsonSerde;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class InternalSerdeTest {
  private static final Article ARTICLE =
      new Article(
          Article.CURRENT_SCHEMA_VERSION,
          "a-1",
          "https://example.org/a-1",
          "example.org",
          "Judul",
          "Isi berita yang panjang, dengan \u00e9 dan \u4e2d.",
          "id",
          null,
          Instant.parse("2024-10-29T09:00:00Z"),
          null,
          java.util.List.of("Baca juga: lain"),
          "test");

  @Test
  void shouldReadBackWhatItWroteWhenWritingSmile() {
    InternalSerde<Article> serde = new InternalSerde<>(Article.class);
    byte[] bytes = serde.toBytes(ARTICLE);
    assertThat(new String(bytes, 0, 3, java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo(":)\n");
    assertThat(serde.fromBytes(bytes)).isEqualTo(ARTICLE);
    assertThat(bytes.length).isLessThan(new JsonSerde<>(Article.class).toBytes(ARTICLE).length);
  }

  @Test
  void shouldReadJsonTextWhenStateWasWrittenByTheJsonSerde() {
    byte[] json = new JsonSerde<>(Article.class).toBytes(ARTICLE);
    assertThat(new InternalSerde<>(Article.class).fromBytes(json)).isEqualTo(ARTICLE);
  }

  @Test
  void shouldLeaveOutNullFieldsAndKeepNullsWhenGivenNull() {
    InternalSerde<Article> serde = new InternalSerde<>(Article.class);
    assertThat(serde.toBytes(null)).isNull();
    assertThat(serde.fromBytes(null)).isNull();
    String text = new String(serde.toBytes(ARTICLE), java.nio.charset.StandardCharsets.ISO_8859_1);
    // Field names are written as text: a null field (publishedAt) is left out, as in JSON.
    assertThat(text).contains("ingestedAt").doesNotContain("publishedAt");
  }

  @Test
  void shouldFailWithTheTypeNamedWhenTheBytesAreCorrupt() {
    byte[] bytes = new InternalSerde<>(Article.class).toBytes(ARTICLE);
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> new InternalSerde<>(Article.class).fromBytes(cut))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Article");
  }
}
