package io.newsflow.enrich.near;

/**
 * A value of the {@code lsh-signatures} store: an indexed article's signature, and the original it
 * copies once its verdict is known (null: an original, or not yet known).
 */
public record SignatureEntry(int[] signature, String canonicalId) {}
