package io.newsflow.enrich.near;

import java.util.List;

/**
 * One band-index partition's answer to a {@link BandQuery}: the value of the internal {@code
 * lsh-band-answers} topic, keyed by article id and routed back to {@link #replyPartition()}.
 *
 * @param articleId the article being judged
 * @param replyPartition where its decision waits
 * @param fromPartition the band-index partition that answered
 * @param candidates earlier articles sharing a band there whose signature passed verification
 */
public record BandAnswer(
    String articleId, int replyPartition, int fromPartition, List<Candidate> candidates) {}
