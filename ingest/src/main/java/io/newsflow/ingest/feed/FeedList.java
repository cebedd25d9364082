package io.newsflow.ingest.feed;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a feed list file: one feed per line,
 *
 * <pre>
 * # comment
 * URL [interval=PT5M] [outlet=NAME] [timeout=PT10S]
 * https://www.antaranews.com/rss/terkini.xml interval=2m outlet=antaranews.com
 * </pre>
 *
 * Blank lines and {@code #} comments (whole line, or after whitespace) are skipped. Durations are
 * ISO-8601 ({@code PT5M}) or a number with {@code s}, {@code m} or {@code h} ({@code 90s}, {@code
 * 5m}). Every problem is reported, each as {@code file:line: message}, in one {@link
 * IllegalArgumentException}.
 */
public final class FeedList {
  /** The shortest interval accepted: anything faster is unkind to the publisher. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([smh])");
  private static final Pattern OUTLET = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");

  private FeedList() {}

  /** Reads and validates {@code file}. */
  public static List<FeedSpec> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read feed list " + file + ": " + e.getMessage(), e);
    }
    return parse(lines, file.toString());
  }

  /** Parses the lines of a feed list named {@code name} (for error messages). */
  public static List<FeedSpec> parse(List<String> lines, String name) {
    List<FeedSpec> feeds = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String location = name + ":" + (i + 1);
      String line = stripComment(lines.get(i)).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty()) {
        continue;
      }
      try {
        FeedSpec spec = parseLine(line);
        if (!seen.add(spec.key())) {
          errors.add(location + ": feed " + spec.key() + " is listed twice");
          continue;
        }
        feeds.add(spec);
      } catch (IllegalArgumentException e) {
        errors.add(location + ": " + e.getMessage());
      }
    }
    if (feeds.isEmpty() && errors.isEmpty()) {
      errors.add(name + ": no feeds listed (one URL per line, # for comments)");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "feed list " + name + " has errors:\n  " + String.join("\n  ", errors));
    }
    return List.copyOf(feeds);
  }

  private static String stripComment(String line) {
    // '#' starts a comment at the start of a line or after whitespace; inside a URL it is a
    // fragment.
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static FeedSpec parseLine(String line) {
    String[] words = line.split("\\s+");
    FeedSpec spec =
        new FeedSpec(parseUrl(words[0]), FeedSpec.DEFAULT_INTERVAL, null, FeedSpec.DEFAULT_TIMEOUT);
    Set<String> keys = new HashSet<>();
    for (int w = 1; w < words.length; w++) {
      String word = words[w];
      int eq = word.indexOf('=');
      if (eq <= 0 || eq == word.length() - 1) {
        throw new IllegalArgumentException(
            "expected key=value after the URL (interval=, outlet=, timeout=), found '"
                + word
                + "'");
      }
      String key = word.substring(0, eq).toLowerCase(Locale.ROOT);
      String value = word.substring(eq + 1);
      if (!keys.add(key)) {
        throw new IllegalArgumentException("'" + key + "' is given twice");
      }
      spec =
          switch (key) {
            case "interval" -> {
              Duration interval = parseDuration(key, value);
              if (interval.compareTo(MIN_INTERVAL) < 0) {
                throw new IllegalArgumentException(
                    "interval=" + value + " is shorter than " + MIN_INTERVAL.toSeconds() + "s");
              }
              yield spec.withInterval(interval);
            }
            case "timeout" -> spec.withTimeout(parseDuration(key, value));
            case "outlet" -> {
              String outlet = value.toLowerCase(Locale.ROOT);
              if (!OUTLET.matcher(outlet).matches()) {
                throw new IllegalArgumentException(
                    "outlet=" + value + " is not an outlet name like kompas.tv");
              }
              yield spec.withOutlet(outlet);
            }
            default ->
                throw new IllegalArgumentException(
                    "unknown key '" + key + "': expected interval, outlet or timeout");
          };
    }
    return spec;
  }

  private static URI parseUrl(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + text + " (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "expected an http:// or https:// URL, found '" + text + "'");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("URL has no host: " + text);
    }
    return uri;
  }

  static Duration parseDuration(String key, String value) {
    Matcher m = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          };
    } else {
      try {
        d = Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            key + "=" + value + " is not a duration (e.g. PT5M, 90s, 5m, 1h)");
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key + "=" + value + " must be positive");
    }
    return d;
  }
}
