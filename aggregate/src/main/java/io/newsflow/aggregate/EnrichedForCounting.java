package io.newsflow.aggregate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.Json;
import io.newsflow.contracts.JsonSerde;
import io.newsflow.contracts.WireCredit;

/**
 * How the aggregate reads {@code news.articles.enriched}: an {@link EnrichedArticle} holding only
 * what counting uses (the stream of {@link AggregateTopology}, {@link Facet#keysOf}, {@link
 * StoryArticle#of}, {@link EventTimeExtractor}): the article's id, outlet, title, language,
 * publishedAt and ingestedAt; the dedup verdict and original; the wire agencies; the themes; each
 * entity's type, name and confidence; the story id.
 *
 * <p>The rest, most of the record's bytes (the body above all, then the entities' mentions), is
 * passed over by the parser without being decoded or built ({@code skipChildren}), and is null or
 * empty on the value read: the body, url, credits, boilerplate and source of the article, the
 * content hash, enrichedAt, languageDetected and entitiesOmitted, each entity's id, subtype,
 * external ids, mentions and mention count, each wire credit's name and evidence. Code on the
 * aggregate's stream must not read them; the query API's {@code /api/latest} reads the whole record
 * with its own deserializer.
 *
 * <p>Invalid input is dead-lettered as with the full serde, with the same reason ({@code not a
 * valid EnrichedArticle JSON document: ...}): the whole document is still tokenised, so malformed
 * JSON anywhere in it, trailing tokens, and a wrongly typed field that counting reads all fail
 * here. A wrongly typed value in a field passed over (e.g. a body that is a number) no longer does:
 * the aggregate does not use it.
 */
public final class EnrichedForCounting {
  /**
   * The source serde of the aggregate topology. It writes the whole record, as the full serde does
   * (the skipped fields are ignored when reading only: {@code allowGetters}).
   */
  public static final JsonSerde<EnrichedArticle> SERDE =
      new JsonSerde<>(EnrichedArticle.class, mapper());

  private EnrichedForCounting() {}

  private static ObjectMapper mapper() {
    ObjectMapper mapper = Json.mapper().copy();
    mapper.addMixIn(EnrichedArticle.class, EnrichedSkips.class);
    mapper.addMixIn(Article.class, ArticleSkips.class);
    mapper.addMixIn(Entity.class, EntitySkips.class);
    mapper.addMixIn(WireCredit.class, WireSkips.class);
    return mapper;
  }

  @JsonIgnoreProperties(
      value = {"contentHash", "enrichedAt", "languageDetected", "entitiesOmitted"},
      allowGetters = true)
  private abstract static class EnrichedSkips {}

  @JsonIgnoreProperties(
      value = {"url", "body", "credits", "boilerplate", "source"},
      allowGetters = true)
  private abstract static class ArticleSkips {}

  @JsonIgnoreProperties(
      value = {"id", "subtype", "externalIds", "mentions", "mentionCount"},
      allowGetters = true)
  private abstract static class EntitySkips {}

  @JsonIgnoreProperties(
      value = {"name", "evidence"},
      allowGetters = true)
  private abstract static class WireSkips {}
}
