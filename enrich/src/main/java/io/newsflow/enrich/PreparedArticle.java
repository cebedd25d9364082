package io.newsflow.enrich;

import io.newsflow.ingest.Article;

/**
 * A validated article with its content hash: the value of the internal {@code by-content-hash}
 * repartition topic (keyed by {@link #contentHash()}).
 */
public record PreparedArticle(Article article, String contentHash) {}
