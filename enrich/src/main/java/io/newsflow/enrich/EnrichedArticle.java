package io.newsflow.enrich;

import io.newsflow.ingest.Article;
import java.time.Instant;

/**
 * An article after enrichment: the value of {@code news.articles.enriched}, keyed by article id.
 *
 * <p>Schema version 1. Consumers ignore unknown fields, so later stages add fields (wire credits,
 * entities) without breaking readers of this version.
 *
 * @param schemaVersion contract version
 * @param article the validated article, with defaults filled in
 * @param contentHash SHA-256 (hex, 32 chars) of the normalised body: equal for exact copies
 * @param dedup original or copy, and of which article
 * @param enrichedAt when enrich emitted it
 */
public record EnrichedArticle(
    int schemaVersion, Article article, String contentHash, Dedup dedup, Instant enrichedAt) {
  public static final int CURRENT_SCHEMA_VERSION = 1;

  public String id() {
    return article.id();
  }
}
