package io.newsflow.enrich;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.Dedup;
import io.newsflow.contracts.EnrichedArticle;
import io.newsflow.contracts.Entity;
import io.newsflow.contracts.Mention;
import io.newsflow.contracts.WireCredit;
import java.util.List;
import java.util.Map;

/**
 * An upper bound of the size of an {@link EnrichedArticle}'s JSON (the value of {@code
 * news.articles.enriched}, UTF-8), computed from its fields without writing it: what lets the
 * prepare step enforce the enriched record's size limit without serialising the record it will
 * serialise again at the sink (issue 22). Where the bound is over the limit, the caller serialises
 * to learn the exact size, so the decision and the dead letter's reason are those of an exact
 * check.
 *
 * <p>Sound for any value of the fields, whatever Jackson's settings for strings: a string's UTF-16
 * unit is at most 6 bytes of JSON ({@code \}{@code uXXXX}; UTF-8 takes at most 3, a surrogate pair
 * 4 for two units), plus its 2 quotes; a number, boolean, instant or enum at most {@value #SCALAR};
 * each field at most {@value #FIELD} bytes for its name, quotes, colon and comma; each object, list
 * or map 2 for its brackets and 1 per element for the comma. Absent (null) fields are counted as if
 * present. It knows the fields of the records by name ({@link #FIELDS}): a field added to one of
 * them fails {@code EnrichedSizeBoundTest} until it is counted here.
 */
public final class EnrichedSizeBound {
  /** Bytes a field's name and punctuation may take: names are at most 16 characters here. */
  static final int FIELD = 32;

  /**
   * Bytes a number, boolean, instant (ISO-8601, at most 38 characters for years of 10 digits) or
   * enum value may take, quotes included.
   */
  static final int SCALAR = 48;

  /** The record components counted, per record: the test compares them with the records'. */
  static final Map<Class<? extends Record>, List<String>> FIELDS =
      Map.of(
          EnrichedArticle.class,
          List.of(
              "schemaVersion",
              "article",
              "contentHash",
              "dedup",
              "wire",
              "themes",
              "enrichedAt",
              "entities",
              "languageDetected",
              "storyId",
              "entitiesOmitted"),
          Article.class,
          List.of(
              "schemaVersion",
              "id",
              "url",
              "outlet",
              "title",
              "body",
              "language",
              "publishedAt",
              "ingestedAt",
              "credits",
              "boilerplate",
              "source"),
          Dedup.class,
          List.of("verdict", "canonicalId", "similarity", "evidence"),
          WireCredit.class,
          List.of("agency", "name", "evidence"),
          WireCredit.Evidence.class,
          List.of("phrase", "field", "index", "offset"),
          Entity.class,
          List.of(
              "id",
              "type",
              "subtype",
              "name",
              "externalIds",
              "mentions",
              "confidence",
              "mentionCount"),
          Mention.class,
          List.of("text", "field", "start", "end"));

  private EnrichedSizeBound() {}

  /** At least the number of bytes {@code a}'s JSON takes. */
  public static long of(EnrichedArticle a) {
    long n = object(11) + SCALAR; // schemaVersion
    n += of(a.article());
    n += string(a.contentHash());
    n += of(a.dedup());
    n += list(a.wire().size());
    for (WireCredit w : a.wire()) {
      n += object(3) + string(w.agency()) + string(w.name()) + list(w.evidence().size());
      for (WireCredit.Evidence e : w.evidence()) {
        n += object(4) + string(e.phrase()) + string(e.field()) + 2L * SCALAR;
      }
    }
    n += strings(a.themes());
    n += SCALAR; // enrichedAt
    n += list(a.entities().size());
    for (Entity e : a.entities()) {
      n += object(8) + string(e.id()) + SCALAR + string(e.subtype()) + string(e.name());
      n += list(e.externalIds().size());
      for (Map.Entry<String, String> x : e.externalIds().entrySet()) {
        n += string(x.getKey()) + 1 + string(x.getValue());
      }
      n += list(e.mentions().size());
      for (Mention m : e.mentions()) {
        n += object(4) + string(m.text()) + string(m.field()) + 2L * SCALAR;
      }
      n += 2L * SCALAR; // confidence, mentionCount
    }
    n += SCALAR; // languageDetected
    n += string(a.storyId());
    n += SCALAR; // entitiesOmitted
    return n;
  }

  private static long of(Article a) {
    if (a == null) {
      return SCALAR;
    }
    return object(12)
        + SCALAR // schemaVersion
        + string(a.id())
        + string(a.url())
        + string(a.outlet())
        + string(a.title())
        + string(a.body())
        + string(a.language())
        + 2L * SCALAR // publishedAt, ingestedAt
        + strings(a.credits())
        + strings(a.boilerplate())
        + string(a.source());
  }

  private static long of(Dedup d) {
    return d == null
        ? SCALAR
        : object(4) + SCALAR + string(d.canonicalId()) + SCALAR + string(d.evidence());
  }

  /** An object's braces and its fields' names and punctuation. */
  private static long object(int fields) {
    return 2 + (long) FIELD * fields;
  }

  /** A list's or map's brackets and commas. */
  private static long list(int elements) {
    return 2 + (long) elements;
  }

  private static long strings(List<String> values) {
    long n = list(values.size());
    for (String s : values) {
      n += string(s);
    }
    return n;
  }

  private static long string(String s) {
    return s == null ? SCALAR : 2 + 6L * s.length();
  }
}
