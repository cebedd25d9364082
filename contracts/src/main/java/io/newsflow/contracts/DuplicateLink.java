package io.newsflow.contracts;

import java.time.Instant;

/**
 * A copy and the original it copies: the value of {@code news.articles.duplicates}, keyed by the
 * copy's article id.
 *
 * @param schemaVersion contract version (1)
 * @param copyId the copy's article id
 * @param canonicalId the original's article id
 * @param verdict {@code exact} or {@code near}
 * @param similarity estimated similarity (1.0 for exact copies)
 * @param evidence what decided it ({@code content-hash} or {@code minhash-lsh})
 * @param outlet the copy's outlet
 * @param detectedAt when enrich decided
 */
public record DuplicateLink(
    int schemaVersion,
    String copyId,
    String canonicalId,
    Verdict verdict,
    double similarity,
    String evidence,
    String outlet,
    Instant detectedAt) {
  public static final int CURRENT_SCHEMA_VERSION = 1;

  public static DuplicateLink of(EnrichedArticle copy) {
    Dedup d = copy.dedup();
    return new DuplicateLink(
        CURRENT_SCHEMA_VERSION,
        copy.id(),
        d.canonicalId(),
        d.verdict(),
        d.similarity(),
        d.evidence(),
        copy.article().outlet(),
        copy.enrichedAt());
  }
}
