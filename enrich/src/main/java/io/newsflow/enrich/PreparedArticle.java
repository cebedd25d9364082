package io.newsflow.enrich;

import io.newsflow.contracts.Article;

/** A validated article with its content hash: what validation hands the prepare step. */
public record PreparedArticle(Article article, String contentHash) {}
