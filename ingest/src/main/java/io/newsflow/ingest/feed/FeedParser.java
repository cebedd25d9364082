package io.newsflow.ingest.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.newsflow.contracts.Article;
import io.newsflow.ingest.ReadResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 with Rome and maps each item to an {@link Article}:
 *
 * <ul>
 *   <li>{@code url}: the item's link (Atom: the alternate link; else an http(s) guid/id), resolved
 *       against the feed URL; the article id comes from it ({@link Article#idOf}), so the same item
 *       has the same id in every poll;
 *   <li>{@code title}: the item title; {@code body}: its full content when the feed carries it,
 *       else its summary/description, HTML turned into one paragraph per line;
 *   <li>{@code publishedAt}: published date, else updated date; {@code language}: the feed's
 *       ({@code <language>} or {@code dc:language});
 *   <li>{@code outlet}: the feed's {@code outlet=} when configured, else the host of the feed's own
 *       link ({@code <channel><link>}), else the host of the feed URL;
 *   <li>{@code credits}: {@code Author: NAME} per author; {@code source}: the feed URL.
 * </ul>
 *
 * DOCTYPE declarations are refused (no external entities are ever resolved).
 */
public final class FeedParser {

  /** The feed could not be parsed at all: not XML, or not a feed. */
  public static final class MalformedFeedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedFeedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * One item of a feed: a valid article, or why it cannot be one.
   *
   * @param id the article id the item maps to (also for invalid items, so they are reported once)
   */
  public record Item(String id, ReadResult result) {}

  /**
   * The items of one fetch, in feed order, one per distinct id.
   *
   * @param type the feed type Rome detected, e.g. {@code rss_2.0} or {@code atom_1.0}
   */
  public record Parsed(String type, String title, List<Item> items) {}

  /** Parses {@code body}, using {@code contentType}'s charset when the XML does not declare one. */
  public Parsed parse(byte[] body, String contentType, FeedSpec spec, Instant now)
      throws MalformedFeedException {
    SyndFeed feed;
    try (InputStream in = new ByteArrayInputStream(body);
        XmlReader reader =
            contentType == null ? new XmlReader(in, true) : new XmlReader(in, contentType, true)) {
      SyndFeedInput input = new SyndFeedInput();
      input.setAllowDoctypes(false);
      feed = input.build(reader);
    } catch (FeedException | IllegalArgumentException | IOException e) {
      throw new MalformedFeedException("not a valid RSS or Atom feed: " + reason(e), e);
    }
    String outlet = spec.outlet() != null ? spec.outlet() : outletOf(feed, spec.url());
    String language = languageOf(feed);
    List<Item> items = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    List<SyndEntry> entries = feed.getEntries();
    for (int i = 0; i < entries.size(); i++) {
      Item item = item(entries.get(i), i + 1, language, spec, outlet, now);
      // The same link twice in one feed is one article.
      if (ids.add(item.id())) {
        items.add(item);
      }
    }
    return new Parsed(feed.getFeedType(), feed.getTitle(), List.copyOf(items));
  }

  private static Item item(
      SyndEntry entry, int index, String language, FeedSpec spec, String outlet, Instant now) {
    String link = linkOf(entry, spec.url());
    String title = text(entry.getTitleEx(), entry.getTitle(), false);
    String body = bodyOf(entry);
    Date date =
        entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    Article article =
        new Article(
                Article.CURRENT_SCHEMA_VERSION,
                null,
                link,
                outlet,
                title,
                body,
                language,
                date == null ? null : date.toInstant(),
                now,
                credits(entry),
                List.of(),
                spec.key())
            .withDefaults(now);
    List<String> problems = article.problems();
    if (problems.isEmpty()) {
      return new Item(article.id(), new ReadResult.Ok(article));
    }
    String location = spec.key() + " item " + index + (link == null ? "" : " (" + link + ")");
    return new Item(article.id(), new ReadResult.Failed(location, String.join("; ", problems)));
  }

  private static String linkOf(SyndEntry entry, URI feedUrl) {
    String link = blankToNull(entry.getLink());
    if (link == null) {
      String uri = blankToNull(entry.getUri());
      if (uri != null && uri.toLowerCase(Locale.ROOT).matches("https?://.*")) {
        link = uri;
      }
    }
    if (link == null) {
      return null;
    }
    try {
      return feedUrl.resolve(link.strip()).toString();
    } catch (IllegalArgumentException e) {
      return link.strip();
    }
  }

  private static String bodyOf(SyndEntry entry) {
    List<String> parts = new ArrayList<>();
    for (SyndContent content : entry.getContents()) {
      String text = text(content, null, true);
      if (text != null) {
        parts.add(text);
      }
    }
    if (!parts.isEmpty()) {
      return String.join("\n", parts);
    }
    return text(entry.getDescription(), null, true);
  }

  /**
   * The text of a content element: HTML is turned into text when its type says so (for bodies, also
   * when no type is given: RSS descriptions are HTML by custom).
   */
  private static String text(SyndContent content, String fallback, boolean htmlByDefault) {
    String value = content == null ? fallback : content.getValue();
    if (value == null) {
      return null;
    }
    String type = content == null ? null : content.getType();
    boolean html = type == null ? htmlByDefault : type.toLowerCase(Locale.ROOT).contains("html");
    return html ? HtmlText.toText(value) : HtmlText.tidy(value);
  }

  private static List<String> credits(SyndEntry entry) {
    Set<String> names = new LinkedHashSet<>();
    for (SyndPerson person : entry.getAuthors()) {
      if (blankToNull(person.getName()) != null) {
        names.add(person.getName().strip());
      }
    }
    if (names.isEmpty() && blankToNull(entry.getAuthor()) != null) {
      names.add(entry.getAuthor().strip());
    }
    return names.stream().map(n -> "Author: " + n).toList();
  }

  private static String languageOf(SyndFeed feed) {
    // RSS <language> or dc:language; Rome does not carry Atom's xml:lang over.
    String language = blankToNull(feed.getLanguage());
    return language == null ? null : language.strip();
  }

  private static String outletOf(SyndFeed feed, URI feedUrl) {
    String host = Article.hostOf(feed.getLink());
    return host != null ? host : Article.hostOf(feedUrl.toString());
  }

  private static String reason(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // Rome wraps the XML parser's message; the first line says where it broke.
    return message.lines().findFirst().orElse(message).strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
