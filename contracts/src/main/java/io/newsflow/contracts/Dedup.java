package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The duplicate verdict of an enriched article.
 *
 * @param verdict original or copy
 * @param canonicalId id of the first article seen with this text (its own id when original)
 * @param similarity estimated similarity to the canonical article, 1.0 for exact copies
 * @param evidence what decided it, e.g. {@code content-hash}
 */
public record Dedup(Verdict verdict, String canonicalId, double similarity, String evidence) {
  public static final String CONTENT_HASH = "content-hash";
  public static final String MINHASH_LSH = "minhash-lsh";

  public static Dedup original(String id) {
    return new Dedup(Verdict.ORIGINAL, id, 1.0, CONTENT_HASH);
  }

  public static Dedup exactCopyOf(String canonicalId) {
    return new Dedup(Verdict.EXACT, canonicalId, 1.0, CONTENT_HASH);
  }

  public static Dedup nearCopyOf(String canonicalId, double similarity) {
    return new Dedup(Verdict.NEAR, canonicalId, similarity, MINHASH_LSH);
  }

  @JsonIgnore
  public boolean isCopy() {
    return verdict != Verdict.ORIGINAL;
  }
}
