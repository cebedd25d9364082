package io.newsflow.enrich;

import io.newsflow.enrich.theme.ThemeTagger;
import io.newsflow.enrich.wire.WireDetector;
import io.newsflow.ingest.Article;
import java.time.Instant;

/**
 * Builds an {@link EnrichedArticle} from a validated article: the annotations that depend on the
 * article alone (credited wire agencies, themes), computed once per article on its first,
 * non-resent arrival. Shared by all tasks: every part is immutable.
 */
public final class Annotator {
  private final WireDetector wire;
  private final ThemeTagger themes;

  public Annotator(WireDetector wire, ThemeTagger themes) {
    this.wire = wire;
    this.themes = themes;
  }

  /** The bundled tables, with the user's theme file when the config names one. */
  public static Annotator of(EnrichConfig config) {
    return new Annotator(
        WireDetector.defaults(),
        config.themesFile() == null
            ? ThemeTagger.defaults()
            : ThemeTagger.withOverrides(config.themesFile()));
  }

  public EnrichedArticle annotate(
      Article article, String contentHash, Dedup dedup, Instant enrichedAt) {
    return new EnrichedArticle(
        EnrichedArticle.CURRENT_SCHEMA_VERSION,
        article,
        contentHash,
        dedup,
        wire.detect(article),
        themes.tag(article),
        enrichedAt);
  }
}
