package io.newsflow.enrich.near;

import io.newsflow.enrich.EnrichedArticle;
import java.util.List;

/**
 * The decided article, its record time, and the band-index partitions that indexed it (to tell them
 * when it is a copy).
 */
public record NearDecision(EnrichedArticle article, long time, List<Integer> partitions) {}
