package io.newsflow.enrich.near;

/**
 * Tells a band-index partition that an article it indexed is a near copy, so that later articles
 * find its original through it and never chain onto the copy: the value of the internal {@code
 * lsh-verdict-updates} topic, keyed by article id.
 *
 * @param articleId the copy
 * @param time its record time (its entry's key in the signature store)
 * @param canonicalId the original it copies
 * @param targetPartition the band-index partition to update
 */
public record VerdictUpdate(String articleId, long time, String canonicalId, int targetPartition) {}
