package io.newsflow.enrich.near;

import java.util.List;

/**
 * One article's request to one partition of the band index: the value of the internal {@code
 * lsh-band-queries} topic, keyed by article id and routed to {@link #targetPartition()}. It carries
 * all of the article's bands that belong to that partition, so an article sends at most one query
 * per partition, however many bands it has.
 *
 * @param articleId the article being judged
 * @param time its record time
 * @param replyPartition the partition of {@code lsh-band-answers} where its decision waits
 * @param targetPartition the band-index partition this query is for
 * @param bands the article's band keys that belong to {@code targetPartition}
 * @param signature the article's MinHash signature, to verify candidates and to store
 */
public record BandQuery(
    String articleId,
    long time,
    int replyPartition,
    int targetPartition,
    List<String> bands,
    int[] signature) {}
