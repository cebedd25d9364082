package io.newsflow.analysis;

import io.newsflow.analysis.entity.EntityTagger;
import io.newsflow.analysis.entity.KnowledgeBase;
import io.newsflow.analysis.entity.NerModels;
import io.newsflow.analysis.language.LanguageDetector;
import io.newsflow.analysis.theme.ThemeTagger;
import io.newsflow.analysis.wire.WireDetector;
import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichedArticle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Builds an {@link EnrichedArticle} from a validated article: the annotations that depend on the
 * article alone (language when the source left it out, credited wire agencies, themes, entities),
 * computed once per article on its first, non-resent arrival. What it writes is bounded ({@link
 * Bounds}). Shared by all tasks: every part is immutable.
 */
public final class Annotator {
  private final WireDetector wire;
  private final ThemeTagger themes;
  private final EntityTagger entities;

  public Annotator(WireDetector wire, ThemeTagger themes) {
    this(wire, themes, EntityTagger.defaults());
  }

  public Annotator(WireDetector wire, ThemeTagger themes, EntityTagger entities) {
    this.wire = wire;
    this.themes = themes;
    this.entities = entities;
  }

  /**
   * The bundled tables and models, with the user's files where given: a theme file and an entity
   * table that add to or override the bundled ones (null: bundled only), name-finder models by
   * language.
   */
  public static Annotator of(Path themesFile, Path entitiesFile, Map<String, Path> entityModels) {
    return new Annotator(
        WireDetector.defaults(),
        themesFile == null ? ThemeTagger.defaults() : ThemeTagger.withOverrides(themesFile),
        new EntityTagger(KnowledgeBase.of(entitiesFile), NerModels.withFiles(entityModels)));
  }

  public EnrichedArticle annotate(
      Article article, String contentHash, Dedup dedup, Instant enrichedAt) {
    boolean detect = article.language() == null || article.language().isBlank();
    Article withLanguage = article;
    if (detect) {
      String language = LanguageDetector.detect(article.title(), article.body());
      if (language != null) {
        withLanguage = article.withLanguage(language);
      } else {
        detect = false;
      }
    }
    Bounds.BoundedEntities found =
        Bounds.entities(entities.tag(withLanguage, baseLanguage(withLanguage.language())));
    return new EnrichedArticle(
        EnrichedArticle.CURRENT_SCHEMA_VERSION,
        withLanguage,
        contentHash,
        dedup,
        Bounds.wire(wire.detect(article)),
        themes.tag(article),
        enrichedAt,
        found.entities(),
        detect,
        null,
        found.omitted() == 0 ? null : found.omitted());
  }

  /** "id-ID" and "ID" are "id". */
  private static String baseLanguage(String tag) {
    if (tag == null) {
      return null;
    }
    int dash = tag.indexOf('-');
    return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(java.util.Locale.ROOT);
  }
}
