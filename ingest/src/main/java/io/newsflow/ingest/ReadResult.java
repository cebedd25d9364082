package io.newsflow.ingest;

import io.newsflow.contracts.Article;

/** One outcome of reading input: an article to publish, or an error naming where it happened. */
public sealed interface ReadResult {

  /** A valid article, ready to publish. */
  record Ok(Article article) implements ReadResult {}

  /**
   * Input that cannot become an article.
   *
   * @param location file and line, e.g. {@code data/a.jsonl:3}, or {@code stdin:3}
   * @param message what is wrong, naming the field where there is one
   */
  record Failed(String location, String message) implements ReadResult {
    @Override
    public String toString() {
      return location + ": " + message;
    }
  }
}
