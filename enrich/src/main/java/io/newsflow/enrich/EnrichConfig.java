package io.newsflow.enrich;

import io.newsflow.analysis.Annotator;
import io.newsflow.analysis.near.NearConfig;
import io.newsflow.analysis.story.StoryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the enrich topology ({@code newsflow.enrich.*} keys; defaults chosen by measurement,
 * see docs/SYNDICATION.md).
 *
 * @param dedupHorizon how long an article is remembered for duplicate detection ({@value
 *     #DEDUP_HORIZON}, ISO-8601, default 7 days)
 * @param near MinHash/LSH settings: {@value #SHINGLE_SIZE} (words per shingle, default 2), {@value
 *     #PERMUTATIONS} (signature length, 192), {@value #BANDS} (64, so 3 rows per band), {@value
 *     #THRESHOLD} (minimum estimated similarity of a near copy, 0.40)
 * @param orderGrace the reorder grace of the decide step ({@value #ORDER_GRACE}, default 200 ms):
 *     an article is decided once every raw partition has passed its record time by this much, so
 *     timestamps that go backwards within a raw partition by less than this are still decided in
 *     order (see {@link io.newsflow.enrich.decide.DecideProcessor})
 * @param themesFile a theme file that adds to or overrides the bundled taxonomy ({@value
 *     #THEMES_FILE}; null: the bundled one)
 * @param entitiesFile an entity table that adds to or overrides the bundled knowledge base ({@value
 *     #ENTITIES_FILE}; null: the bundled one; format in docs/ENTITIES.md)
 * @param story story grouping ({@code newsflow.enrich.story.*}, see {@link StoryConfig})
 * @param entityModels name-finder models by language ({@value #ENTITY_MODEL_PREFIX}{@code
 *     <language>=FILE}, files written by {@code newsflow train-ner}), used instead of the bundled
 *     model of that language (Indonesian) or where there is none (English: dictionary and rules)
 */
public record EnrichConfig(
    Duration dedupHorizon,
    NearConfig near,
    Duration orderGrace,
    Path themesFile,
    Path entitiesFile,
    StoryConfig story,
    Map<String, Path> entityModels) {
  public static final String DEDUP_HORIZON = "newsflow.enrich.dedup.horizon";
  public static final String SHINGLE_SIZE = "newsflow.enrich.near.shingle-size";
  public static final String PERMUTATIONS = "newsflow.enrich.near.permutations";
  public static final String BANDS = "newsflow.enrich.near.bands";
  public static final String THRESHOLD = "newsflow.enrich.near.threshold";
  public static final String ORDER_GRACE = "newsflow.enrich.order.grace";
  public static final String THEMES_FILE = "newsflow.enrich.themes.file";
  public static final String ENTITIES_FILE = "newsflow.enrich.entities.file";
  public static final String ENTITY_MODEL_PREFIX = "newsflow.enrich.entities.model.";

  public static final Duration DEFAULT_DEDUP_HORIZON = Duration.ofDays(7);
  public static final NearConfig DEFAULT_NEAR = new NearConfig(2, 192, 64, 0.40);
  public static final Duration DEFAULT_ORDER_GRACE = Duration.ofMillis(200);

  public EnrichConfig {
    story = story == null ? StoryConfig.DEFAULTS : story;
    if (dedupHorizon.isNegative() || dedupHorizon.isZero()) {
      throw new IllegalArgumentException(DEDUP_HORIZON + " must be positive, was " + dedupHorizon);
    }
    if (orderGrace.isNegative()) {
      throw new IllegalArgumentException(ORDER_GRACE + " must not be negative, was " + orderGrace);
    }
    entityModels = entityModels == null ? Map.of() : Map.copyOf(entityModels);
  }

  public static EnrichConfig defaults() {
    return new EnrichConfig(
        DEFAULT_DEDUP_HORIZON,
        DEFAULT_NEAR,
        DEFAULT_ORDER_GRACE,
        null,
        null,
        StoryConfig.DEFAULTS,
        Map.of());
  }

  /** Without story settings or models (callers that predate them): their defaults. */
  public EnrichConfig(
      Duration dedupHorizon,
      NearConfig near,
      Duration orderGrace,
      Path themesFile,
      Path entitiesFile) {
    this(dedupHorizon, near, orderGrace, themesFile, entitiesFile, null, null);
  }

  /** The article annotator: bundled tables and models with this config's files. */
  public Annotator annotator() {
    return Annotator.of(themesFile, entitiesFile, entityModels);
  }

  public EnrichConfig withDedupHorizon(Duration horizon) {
    return new EnrichConfig(
        horizon, near, orderGrace, themesFile, entitiesFile, story, entityModels);
  }

  public EnrichConfig withOrderGrace(Duration grace) {
    return new EnrichConfig(
        dedupHorizon, near, grace, themesFile, entitiesFile, story, entityModels);
  }

  public EnrichConfig withStory(StoryConfig s) {
    return new EnrichConfig(
        dedupHorizon, near, orderGrace, themesFile, entitiesFile, s, entityModels);
  }

  /** Reads the {@code newsflow.enrich.*} keys; missing keys take their defaults. */
  public static EnrichConfig from(Map<String, ?> props) {
    NearConfig near =
        new NearConfig(
            intOf(props, SHINGLE_SIZE, DEFAULT_NEAR.shingleSize()),
            intOf(props, PERMUTATIONS, DEFAULT_NEAR.permutations()),
            intOf(props, BANDS, DEFAULT_NEAR.bands()),
            props.containsKey(THRESHOLD)
                ? Double.parseDouble(props.get(THRESHOLD).toString().trim())
                : DEFAULT_NEAR.threshold());
    return new EnrichConfig(
        durationOf(props, DEDUP_HORIZON, DEFAULT_DEDUP_HORIZON),
        near,
        durationOf(props, ORDER_GRACE, DEFAULT_ORDER_GRACE),
        props.containsKey(THEMES_FILE) ? Path.of(props.get(THEMES_FILE).toString().trim()) : null,
        props.containsKey(ENTITIES_FILE)
            ? Path.of(props.get(ENTITIES_FILE).toString().trim())
            : null,
        StoryConfig.from(props),
        entityModels(props));
  }

  private static Map<String, Path> entityModels(Map<String, ?> props) {
    Map<String, Path> models = new java.util.TreeMap<>();
    props.forEach(
        (k, v) -> {
          if (k.startsWith(ENTITY_MODEL_PREFIX) && k.length() > ENTITY_MODEL_PREFIX.length()) {
            models.put(k.substring(ENTITY_MODEL_PREFIX.length()), Path.of(v.toString().trim()));
          }
        });
    return models;
  }

  private static int intOf(Map<String, ?> props, String key, int fallback) {
    Object v = props.get(key);
    return v == null ? fallback : Integer.parseInt(v.toString().trim());
  }

  private static Duration durationOf(Map<String, ?> props, String key, Duration fallback) {
    Object v = props.get(key);
    return v == null ? fallback : Duration.parse(v.toString().trim());
  }
}
