package io.newsflow.ingest.feed;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the HTML of a feed's summary or content into article text: one paragraph per line (the
 * convention of {@code Article.body}), tags dropped, entities decoded. Not a general HTML parser:
 * feed markup is simple, and what this misses stays readable text.
 */
final class HtmlText {
  private static final Pattern DROPPED =
      Pattern.compile(
          "(?is)<!--.*?-->|<(script|style|noscript|iframe|figure)\\b[^>]*>.*?</\\1\\s*>");
  private static final Pattern BREAK =
      Pattern.compile(
          "(?i)<\\s*(br|/?p|/?div|/?li|/?ul|/?ol|/?h[1-6]|/?tr|/?blockquote|/?section|/?article"
              + "|/?pre|/?table|hr)\\b[^>]*>");
  private static final Pattern TAG = Pattern.compile("<[a-zA-Z/!?][^>]*>");
  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\u00A0]+");
  private static final Map<String, String> NAMED =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", " "),
          Map.entry("ndash", "\u2013"),
          Map.entry("mdash", "\u2014"),
          Map.entry("hellip", "\u2026"),
          Map.entry("lsquo", "\u2018"),
          Map.entry("rsquo", "\u2019"),
          Map.entry("ldquo", "\u201C"),
          Map.entry("rdquo", "\u201D"),
          Map.entry("laquo", "\u00AB"),
          Map.entry("raquo", "\u00BB"),
          Map.entry("copy", "\u00A9"),
          Map.entry("reg", "\u00AE"),
          Map.entry("trade", "\u2122"),
          Map.entry("deg", "\u00B0"),
          Map.entry("middot", "\u00B7"),
          Map.entry("bull", "\u2022"),
          Map.entry("euro", "\u20AC"),
          Map.entry("eacute", "\u00E9"),
          Map.entry("egrave", "\u00E8"),
          Map.entry("aacute", "\u00E1"),
          Map.entry("uuml", "\u00FC"),
          Map.entry("ouml", "\u00F6"),
          Map.entry("auml", "\u00E4"));

  private HtmlText() {}

  /** Text of an HTML fragment; null stays null, and blank text becomes null. */
  static String toText(String html) {
    if (html == null) {
      return null;
    }
    String s = DROPPED.matcher(html).replaceAll(" ");
    s = BREAK.matcher(s).replaceAll("\n");
    s = TAG.matcher(s).replaceAll("");
    s = decodeEntities(s);
    return tidy(s);
  }

  /** Collapses spaces in each line and drops blank lines; null when nothing is left. */
  static String tidy(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n")) {
      String clean = SPACES.matcher(line).replaceAll(" ").strip();
      if (!clean.isEmpty()) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(clean);
      }
    }
    return out.length() == 0 ? null : out.toString();
  }

  static String decodeEntities(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (name.startsWith("#")) {
        int code =
            name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                ? Integer.parseInt(name.substring(2), 16)
                : Integer.parseInt(name.substring(1));
        replacement =
            Character.isValidCodePoint(code) && code != 0
                ? new String(Character.toChars(code))
                : m.group();
      } else {
        replacement = NAMED.getOrDefault(name, m.group());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
