package io.newsflow.enrich.decide;

/**
 * An earlier article that shares a band with the one being judged and passed verification.
 *
 * @param id its article id
 * @param time its record time
 * @param similarity estimated similarity to the article being judged
 * @param canonicalId the original it was judged a copy of, or null when it is an original (or its
 *     verdict was not known where it was found)
 */
public record Candidate(String id, long time, double similarity, String canonicalId) {}
