package io.newsflow.enrich;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.Text;
import java.time.Instant;
import java.util.List;

/** The outcome of validating a raw record: an article ready to enrich, or a reason to reject it. */
public sealed interface Validation {
  int CONTENT_HASH_HEX_CHARS = 32;

  /** A complete article with the hash of its normalised body. */
  record Valid(PreparedArticle prepared) implements Validation {}

  /**
   * A record that cannot be enriched.
   *
   * @param reason what is wrong, naming the field
   * @param raw the value bytes as received
   */
  record Invalid(String reason, byte[] raw) implements Validation {}

  /**
   * Fills the defaults a Kafka client may leave out (id, ingest time from the record timestamp,
   * outlet from the URL, title from the body), then checks what enrichment needs; {@code now} is
   * the caller's reading of the clock (a record time more than a day after it is refused).
   */
  static Validation of(Received<Article> received, long recordTimestamp, Instant now) {
    if (received == null) {
      return new Invalid("empty value (null or tombstone); expected an Article JSON object", null);
    }
    if (received.value() == null) {
      return new Invalid(
          "value is the JSON literal null; expected an Article JSON object", received.raw());
    }
    if (received.raw() != null && received.raw().length > Article.MAX_BYTES) {
      return new Invalid(
          "value is "
              + received.raw().length
              + " bytes, over the limit of one article ("
              + Article.MAX_BYTES
              + " bytes)",
          received.raw());
    }
    Article article = received.value().withDefaults(Instant.ofEpochMilli(recordTimestamp));
    if (aheadOfClock(recordTimestamp, now)) {
      // The record time orders the decisions and ages the decide step's index: one far ahead
      // would make every article after it late and expire the index.
      return new Invalid(
          "record timestamp "
              + Instant.ofEpochMilli(recordTimestamp)
              + " is more than "
              + Article.MAX_FUTURE_SKEW.toHours()
              + " h in the future",
          received.raw());
    }
    List<String> problems = article.problems(now);
    if (!problems.isEmpty()) {
      return new Invalid(String.join("; ", problems), received.raw());
    }
    return new Valid(new PreparedArticle(article, contentHash(article.body())));
  }

  /** Whether a record time is more than {@link Article#MAX_FUTURE_SKEW} after {@code now}. */
  static boolean aheadOfClock(long recordTimestamp, Instant now) {
    return Instant.ofEpochMilli(recordTimestamp).isAfter(now.plus(Article.MAX_FUTURE_SKEW));
  }

  /** Equal for bodies that differ only in case, whitespace, quote style or Unicode form. */
  static String contentHash(String body) {
    return Text.sha256Hex(Text.normalize(body), CONTENT_HASH_HEX_CHARS);
  }
}
