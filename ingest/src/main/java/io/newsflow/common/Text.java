package io.newsflow.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text normalisation and hashing shared by ingest (article ids) and enrich (content hashes), so
 * that both sides agree on what "the same text" means.
 */
public final class Text {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  // Typographic quotes, dashes and apostrophes vary between outlets copying the same wire text.
  private static final Pattern QUOTES = Pattern.compile("[\u201C\u201D\u201E\u00AB\u00BB]");
  private static final Pattern APOSTROPHES = Pattern.compile("[\u2018\u2019\u201A`]");
  private static final Pattern DASHES = Pattern.compile("[\u2010-\u2015\u2212]");

  private Text() {}

  /**
   * NFKC, unified quotes and dashes, lower case (locale independent), whitespace collapsed to one
   * space and trimmed.
   */
  public static String normalize(String text) {
    if (text == null) {
      return "";
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    s = QUOTES.matcher(s).replaceAll("\"");
    s = APOSTROPHES.matcher(s).replaceAll("'");
    s = DASHES.matcher(s).replaceAll("-");
    s = s.toLowerCase(Locale.ROOT);
    return WHITESPACE.matcher(s).replaceAll(" ").trim();
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes, cut to {@code hexChars} characters. */
  public static String sha256Hex(String text, int hexChars) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, hexChars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
