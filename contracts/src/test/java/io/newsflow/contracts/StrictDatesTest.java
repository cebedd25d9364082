package io.newsflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 19, case 4: a date is an ISO-8601 string; numbers are refused with a reason. */
class StrictDatesTest {
  private static Article parse(String publishedAt) throws JsonProcessingException {
    return Json.strictMapper()
        .readValue(
            "{\"outlet\":\"a.example\",\"body\":\"b\",\"publishedAt\":" + publishedAt + "}",
            Article.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1e300",
        "-1e300",
        "0",
        "1729584000",
        "1729584000.5",
        "true",
        "\"1729584000\"",
        "\"1e300\"",
        "[2024,10,22]"
      })
  void shouldRefuseWithReasonWhenPublishedAtIsNotADateString(String value) {
    assertThatThrownBy(() -> parse(value))
        .isInstanceOf(JsonProcessingException.class)
        .satisfies(
            e ->
                assertThat(Json.describe((JsonProcessingException) e))
                    .startsWith("field 'publishedAt': ")
                    .contains("not a date"));
  }

  @Test
  void shouldRefuseWhenPublishedAtIsOutOfInstantRange() {
    assertThatThrownBy(() -> parse("\"+1000000001-01-01T00:00:00Z\""))
        .isInstanceOf(JsonProcessingException.class)
        .satisfies(
            e ->
                assertThat(Json.describe((JsonProcessingException) e))
                    .startsWith("field 'publishedAt': "));
  }

  @Test
  void shouldReadIsoDateWhenPublishedAtIsAString() throws JsonProcessingException {
    assertThat(parse("\"2024-10-22T08:00:00Z\"").publishedAt())
        .isEqualTo(Instant.parse("2024-10-22T08:00:00Z"));
    assertThat(parse("null").publishedAt()).isNull();
  }

  @Test
  void shouldRefuseFarFutureWhenItParsesAsAnInstant() throws JsonProcessingException {
    Article a =
        parse("\"+999999999-12-31T23:59:59Z\"")
            .withIngestedAt(Instant.parse("2024-10-22T08:00:00Z"));
    assertThat(a.problems(Instant.parse("2024-10-22T08:00:00Z")))
        .anyMatch(p -> p.startsWith("field 'publishedAt'"));
  }
}
