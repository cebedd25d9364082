package io.newsflow.contracts;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
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

  /**
   * The largest article: its JSON value, in UTF-8 bytes. Every entry point refuses a larger one
   * (the CLI and the watched folder with file and line, the HTTP endpoint with 422, enrich with a
   * dead letter) well below Kafka's default 1 MB record limit, so that the enriched record, which
   * carries the article plus its annotations, still fits in one Kafka record.
   */
  public static final int MAX_BYTES = 256 * 1024;

  /** The longest title, in characters; a longer one is a body sent as a title. */
  public static final int MAX_TITLE_CHARS = 1000;

  /** The longest id, in characters (generated ids have 24). */
  public static final int MAX_ID_CHARS = 200;

  /** The longest outlet, in characters (a host name has at most 253). */
  public static final int MAX_OUTLET_CHARS = 253;

  /** No article was published before this instant; an earlier {@code publishedAt} is an error. */
  public static final Instant EARLIEST_PUBLISHED = Instant.parse("1800-01-01T00:00:00Z");

  /**
   * How far {@code publishedAt} may lie after {@code ingestedAt}, and {@code ingestedAt} after the
   * clock of the reader: clock skew and a local time mislabelled as UTC, not more.
   */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);

  /** {@code ingestedAt} is a Kafka record timestamp, which cannot be before the epoch. */
  public static final Instant EARLIEST_INGESTED = Instant.EPOCH;

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
    int version = schemaVersion == 0 ? CURRENT_SCHEMA_VERSION : schemaVersion;
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

  public Article withIngestedAt(Instant newIngestedAt) {
    return new Article(
        schemaVersion,
        id,
        url,
        outlet,
        title,
        body,
        language,
        publishedAt,
        newIngestedAt,
        credits,
        boilerplate,
        source);
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
   * Empty when valid. Dates in the future are judged against the wall clock.
   */
  public List<String> problems() {
    return problems(Instant.now());
  }

  /**
   * What makes this article unusable downstream, one message per field, each naming the field
   * ({@code field 'NAME' ...}). Empty when valid.
   *
   * <ul>
   *   <li>{@code schemaVersion}: at most {@link #CURRENT_SCHEMA_VERSION} (0 or missing is read as
   *       1); a newer version may change what fields mean, so it is not guessed at
   *   <li>{@code id}, {@code outlet}, {@code title}, {@code body}, {@code ingestedAt}: present
   *   <li>text fields: no control characters other than tab, line feed and carriage return, no
   *       unpaired UTF-16 surrogates (they cannot be written as UTF-8)
   *   <li>lengths: {@link #MAX_ID_CHARS}, {@link #MAX_OUTLET_CHARS}, {@link #MAX_TITLE_CHARS}
   *   <li>{@code publishedAt}: not before {@link #EARLIEST_PUBLISHED}, not more than {@link
   *       #MAX_FUTURE_SKEW} after {@code ingestedAt}; {@code ingestedAt}: not before the epoch, not
   *       more than {@link #MAX_FUTURE_SKEW} after {@code now}
   * </ul>
   *
   * @param now the reader's clock, for {@code ingestedAt}
   */
  public List<String> problems(Instant now) {
    List<String> problems = new ArrayList<>();
    if (schemaVersion > CURRENT_SCHEMA_VERSION) {
      problems.add(
          "field 'schemaVersion' is "
              + schemaVersion
              + ", newer than this reader understands ("
              + CURRENT_SCHEMA_VERSION
              + "): upgrade newsflow, then re-send the record");
    } else if (schemaVersion < 0) {
      problems.add("field 'schemaVersion' is " + schemaVersion + ": expected 1 (or none)");
    }
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
    tooLong(problems, "id", id, MAX_ID_CHARS);
    tooLong(problems, "outlet", outlet, MAX_OUTLET_CHARS);
    tooLong(problems, "title", title, MAX_TITLE_CHARS);
    badCharacters(problems, "id", id);
    badCharacters(problems, "url", url);
    badCharacters(problems, "outlet", outlet);
    badCharacters(problems, "title", title);
    badCharacters(problems, "body", body);
    badCharacters(problems, "language", language);
    badCharacters(problems, "source", source);
    for (String line : credits) {
      badCharacters(problems, "credits", line);
    }
    for (String line : boilerplate) {
      badCharacters(problems, "boilerplate", line);
    }
    if (publishedAt != null) {
      if (publishedAt.isBefore(EARLIEST_PUBLISHED)) {
        problems.add(
            "field 'publishedAt' is "
                + publishedAt
                + ", before "
                + EARLIEST_PUBLISHED
                + ": absurd");
      } else if (ingestedAt != null && publishedAt.isAfter(ingestedAt.plus(MAX_FUTURE_SKEW))) {
        problems.add(
            "field 'publishedAt' is "
                + publishedAt
                + ", more than "
                + MAX_FUTURE_SKEW.toHours()
                + " h after it was ingested ("
                + ingestedAt
                + ")");
      }
    }
    if (ingestedAt != null) {
      if (ingestedAt.isBefore(EARLIEST_INGESTED)) {
        problems.add("field 'ingestedAt' is " + ingestedAt + ", before 1970: absurd");
      } else if (now != null && ingestedAt.isAfter(now.plus(MAX_FUTURE_SKEW))) {
        problems.add(
            "field 'ingestedAt' is "
                + ingestedAt
                + ", more than "
                + MAX_FUTURE_SKEW.toHours()
                + " h in the future");
      }
    }
    return problems;
  }

  private static void tooLong(List<String> problems, String field, String value, int max) {
    if (value != null && value.length() > max) {
      problems.add(
          "field '"
              + field
              + "' is "
              + value.length()
              + " characters long, over the limit of "
              + max);
    }
  }

  /**
   * Reports the first control character (other than tab, LF, CR; C0, DEL and C1) or unpaired
   * surrogate of a text field, with its code point and offset.
   */
  private static void badCharacters(List<String> problems, String field, String value) {
    if (value == null) {
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String what = null;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        what = "an unpaired surrogate";
      } else if (Character.isLowSurrogate(c)) {
        what = "an unpaired surrogate";
      } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
        what = "a control character";
      }
      if (what != null) {
        problems.add(
            String.format(
                Locale.ROOT, "field '%s' holds %s (U+%04X) at offset %d", field, what, (int) c, i));
        return;
      }
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
