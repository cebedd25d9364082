package io.newsflow.ingest;

import io.newsflow.common.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A news article as read from a source: the value of {@code news.articles.raw}, keyed by {@link
 * #id()}.
 *
 * <p>Schema version 1. Readers ignore fields they do not know, so fields may be added without a
 * version change; a change of meaning bumps {@link #CURRENT_SCHEMA_VERSION}.
 *
 * @param schemaVersion contract version ({@code 0} when a producer left it out: read as version 1)
 * @param id stable id: hash of the canonical URL when there is one, else of the normalised title
 *     and body, so that re-ingesting the same article yields the same id
 * @param url canonical URL of the article (optional)
 * @param outlet the publishing outlet, lower case (e.g. {@code kompas.tv}); {@code unknown} when it
 *     could not be derived
 * @param title headline (derived from the first sentence when the source has none)
 * @param body article text, without boilerplate lines
 * @param language BCP 47 language code when the source states it (optional)
 * @param publishedAt publication time when the source states it (optional)
 * @param ingestedAt when newsflow read it
 * @param credits credit and byline lines such as {@code Sumber: Reuters | Editor: ...} (optional)
 * @param boilerplate lines removed from the body: "Baca juga" links, video teasers, ads (optional)
 * @param source where it was read from, e.g. {@code seeds/000.txt} or {@code stdin:3} (optional)
 */
public record Article(
    int schemaVersion,
    String id,
    String url,
    String outlet,
    String title,
    String body,
    String language,
    Instant publishedAt,
    Instant ingestedAt,
    List<String> credits,
    List<String> boilerplate,
    String source) {

  public static final int CURRENT_SCHEMA_VERSION = 1;
  public static final String UNKNOWN_OUTLET = "unknown";
  private static final int ID_HEX_CHARS = 24;

  public Article {
    credits = credits == null ? List.of() : List.copyOf(credits);
    boilerplate = boilerplate == null ? List.of() : List.copyOf(boilerplate);
  }

  /** The stable id of an article: see {@link #id()}. */
  public static String idOf(String url, String title, String body) {
    String canonical = canonicalUrl(url);
    if (canonical != null) {
      return Text.sha256Hex("url\n" + canonical, ID_HEX_CHARS);
    }
    return Text.sha256Hex(
        "text\n" + Text.normalize(title) + "\n" + Text.normalize(body), ID_HEX_CHARS);
  }

  /**
   * Lower-case scheme and host, no {@code www.}, no fragment, no {@code utm_*} tracking parameters,
   * no trailing slash. Returns null for a blank or unparsable URL.
   */
  public static String canonicalUrl(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      if (host.startsWith("www.")) {
        host = host.substring(4);
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      if (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      List<String> kept = new ArrayList<>();
      if (uri.getRawQuery() != null) {
        for (String param : uri.getRawQuery().split("&")) {
          if (!param.isEmpty() && !param.toLowerCase(Locale.ROOT).startsWith("utm_")) {
            kept.add(param);
          }
        }
      }
      String query = kept.isEmpty() ? "" : "?" + String.join("&", kept);
      int port = uri.getPort();
      return uri.getScheme().toLowerCase(Locale.ROOT)
          + "://"
          + host
          + (port < 0 ? "" : ":" + port)
          + path
          + query;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** Host of the URL without {@code www.}, or null. */
  public static String hostOf(String url) {
    String canonical = canonicalUrl(url);
    return canonical == null ? null : URI.create(canonical).getHost();
  }

  /**
   * Fills what a producer may leave out: schema version, ingest time, outlet (from the URL host),
   * title (the first sentence of the body) and, last, the id. Explicit values are kept.
   */
  public Article withDefaults(Instant now) {
    int version = schemaVersion <= 0 ? CURRENT_SCHEMA_VERSION : schemaVersion;
    String outletOrHost = outlet;
    if (isBlank(outletOrHost)) {
      outletOrHost = hostOf(url);
    }
    String normalisedOutlet =
        isBlank(outletOrHost) ? null : outletOrHost.trim().toLowerCase(Locale.ROOT);
    String titleOrLead = isBlank(title) ? Sentences.lead(body) : title.trim();
    String idOrHash = isBlank(id) ? idOf(url, titleOrLead, body) : id.trim();
    return new Article(
        version,
        idOrHash,
        url,
        normalisedOutlet,
        titleOrLead,
        body,
        language,
        publishedAt,
        ingestedAt == null ? now : ingestedAt,
        credits,
        boilerplate,
        source);
  }

  public Article withSource(String newSource) {
    return new Article(
        schemaVersion,
        id,
        url,
        outlet,
        title,
        body,
        language,
        publishedAt,
        ingestedAt,
        credits,
        boilerplate,
        newSource);
  }

  public Article withLanguage(String newLanguage) {
    return new Article(
        schemaVersion,
        id,
        url,
        outlet,
        title,
        body,
        newLanguage,
        publishedAt,
        ingestedAt,
        credits,
        boilerplate,
        source);
  }

  /**
   * What makes this article unusable downstream, one message per field, each naming the field.
   * Empty when valid.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (isBlank(id)) {
      problems.add("field 'id' is missing or blank");
    }
    if (isBlank(outlet)) {
      problems.add("field 'outlet' is missing or blank (and no 'url' to derive it from)");
    }
    if (isBlank(title)) {
      problems.add("field 'title' is missing or blank");
    }
    if (isBlank(body)) {
      problems.add("field 'body' is missing or blank");
    }
    if (ingestedAt == null) {
      problems.add("field 'ingestedAt' is missing");
    }
    return problems;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
