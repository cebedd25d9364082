package io.newsflow.contracts;

import java.time.Instant;
import java.util.List;

/**
 * An article after enrichment: the value of {@code news.articles.enriched}, keyed by article id.
 *
 * <p>Schema version 1. Consumers ignore unknown fields, so later stages add fields (wire credits,
 * entities) without breaking readers of this version.
 *
 * @param schemaVersion contract version
 * @param article the validated article, with defaults filled in
 * @param contentHash SHA-256 (hex, 32 chars) of the normalised body: equal for exact copies
 * @param dedup original, exact or near copy, and of which article
 * @param wire the agencies the article credits, with the evidence (empty when none)
 * @param themes ids of the article's themes from the taxonomy, most evident first (empty when none)
 * @param enrichedAt when enrich emitted it
 * @param entities the people, organisations and places the article names, each linked to one
 *     canonical identity, in order of first mention (empty when none); see docs/ENTITIES.md
 * @param languageDetected true when {@code article.language} was absent and detected by enrich
 * @param storyId the story the article belongs to: the id of the article that opened it (its own id
 *     when it opened one); copies take their original's; null in records written before story
 *     grouping and omitted from the JSON then (see docs/STORIES.md)
 * @param entitiesOmitted how many more entities the article names when {@code entities} holds only
 *     the most mentioned of them (enrich keeps at most 100, docs/SECURITY.md); null when it holds
 *     all of them, and left out of the JSON then
 */
public record EnrichedArticle(
    int schemaVersion,
    Article article,
    String contentHash,
    Dedup dedup,
    List<WireCredit> wire,
    List<String> themes,
    Instant enrichedAt,
    List<Entity> entities,
    boolean languageDetected,
    String storyId,
    Integer entitiesOmitted) {
  public static final int CURRENT_SCHEMA_VERSION = 1;

  public EnrichedArticle {
    wire = wire == null ? List.of() : List.copyOf(wire);
    themes = themes == null ? List.of() : List.copyOf(themes);
    entities = entities == null ? List.of() : List.copyOf(entities);
  }

  /** With every entity the article names. */
  public EnrichedArticle(
      int schemaVersion,
      Article article,
      String contentHash,
      Dedup dedup,
      List<WireCredit> wire,
      List<String> themes,
      Instant enrichedAt,
      List<Entity> entities,
      boolean languageDetected,
      String storyId) {
    this(
        schemaVersion,
        article,
        contentHash,
        dedup,
        wire,
        themes,
        enrichedAt,
        entities,
        languageDetected,
        storyId,
        null);
  }

  /** Without entities (callers that predate entity tagging). */
  public EnrichedArticle(
      int schemaVersion,
      Article article,
      String contentHash,
      Dedup dedup,
      List<WireCredit> wire,
      List<String> themes,
      Instant enrichedAt) {
    this(schemaVersion, article, contentHash, dedup, wire, themes, enrichedAt, List.of(), false);
  }

  /** Without a story (callers that predate story grouping). */
  public EnrichedArticle(
      int schemaVersion,
      Article article,
      String contentHash,
      Dedup dedup,
      List<WireCredit> wire,
      List<String> themes,
      Instant enrichedAt,
      List<Entity> entities,
      boolean languageDetected) {
    this(
        schemaVersion,
        article,
        contentHash,
        dedup,
        wire,
        themes,
        enrichedAt,
        entities,
        languageDetected,
        null);
  }

  /** The same article with another duplicate verdict. */
  public EnrichedArticle withDedup(Dedup newDedup) {
    return new EnrichedArticle(
        schemaVersion,
        article,
        contentHash,
        newDedup,
        wire,
        themes,
        enrichedAt,
        entities,
        languageDetected,
        storyId,
        entitiesOmitted);
  }

  /** The same article, assigned to story {@code id}. */
  public EnrichedArticle withStoryId(String id) {
    return new EnrichedArticle(
        schemaVersion,
        article,
        contentHash,
        dedup,
        wire,
        themes,
        enrichedAt,
        entities,
        languageDetected,
        id,
        entitiesOmitted);
  }

  public String id() {
    return article.id();
  }
}
