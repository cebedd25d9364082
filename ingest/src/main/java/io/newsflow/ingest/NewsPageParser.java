package io.newsflow.ingest;

import io.newsflow.contracts.Article;
import io.newsflow.contracts.Sentences;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the plain text of a news page (the format of {@code seeds/*.txt}: one paragraph per line,
 * as copied from an outlet's page) into an {@link Article}.
 *
 * <ul>
 *   <li><b>Boilerplate</b> ("Baca juga:" links, "Simak Video:", "SCROLL TO CONTINUE", ad
 *       placeholders, comment counters) is kept out of the body and listed in {@code boilerplate}.
 *   <li><b>Credits</b> ({@code Sumber:}, {@code Source:}, {@code Editor:}, {@code Penulis:} ...
 *       lines) go to {@code credits}: they say who wrote or supplied the story, not what it says.
 *   <li><b>Outlet</b> comes from a dateline such as {@code KONTAN.CO.ID - }, {@code TRIBUNNEWS.COM,
 *       SEOUL - } or {@code BRUSSELS, KOMPAS.TV - } (the part that looks like a domain), else from
 *       an outlet's own boilerplate signature ({@code outlet-fingerprints.tsv}), else the caller's
 *       default.
 *   <li><b>Title</b> is the first line when it reads like a headline (short, no closing
 *       punctuation, more lines follow), else the first sentence of the body.
 * </ul>
 */
public final class NewsPageParser {
  private static final List<Pattern> BOILERPLATE =
      List.of(
          Pattern.compile("^(baca|lihat) (juga|pula)\\s*:", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^simak (video|juga|berita)\\b", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^scroll to continue", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^gabung ke (channel|saluran) whatsapp", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^ikuti (kami|berita|saluran)\\b", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^(dapatkan|download|unduh) (update|aplikasi)", Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "^(read more|also read|read also|related)\\s*:", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^\\[iklan(_\\d+)?]$", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^(advertisement|iklan|adv)$", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^(komentar|comments?) \\(\\d+\\)$", Pattern.CASE_INSENSITIVE));

  private static final Pattern CREDIT =
      Pattern.compile(
          "^(sumber|source|editor|penulis|reporter|pewarta|penyunting|writer|author)\\s*:",
          Pattern.CASE_INSENSITIVE);

  // "KONTAN.CO.ID - ", "TRIBUNNEWS.COM, SEOUL - ", "BRUSSELS, KOMPAS.TV - ", "JAKARTA,
  // KOMPAS.com - ": a short prefix, then a dash. It names the outlet only when one of its
  // comma-separated parts looks like a domain.
  private static final Pattern DATELINE =
      Pattern.compile("^([A-Z][A-Za-z0-9 .,'/]{1,60}?)\\s+[-\u2013\u2014]\\s+\\S");
  private static final Pattern DOMAIN = Pattern.compile("^[A-Za-z0-9-]+(\\.[A-Za-z]{2,})+$");

  private static final int MAX_HEADLINE_CHARS = 200;

  private final Map<String, String> fingerprints;

  public NewsPageParser() {
    this.fingerprints = loadFingerprints();
  }

  /**
   * Parses one page. {@code defaultOutlet} is used when neither dateline nor fingerprint names the
   * outlet. Returns null (nothing to publish) when the page has no body text.
   */
  public Article parse(String text, String source, String defaultOutlet) {
    String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> lines = withoutBom.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    List<String> body = new ArrayList<>();
    List<String> credits = new ArrayList<>();
    List<String> boilerplate = new ArrayList<>();
    String outlet = null;
    for (String line : lines) {
      if (isBoilerplate(line)) {
        boilerplate.add(line);
      } else if (CREDIT.matcher(line).find()) {
        credits.add(line);
      } else {
        if (outlet == null) {
          outlet = datelineOutlet(line);
        }
        body.add(line);
      }
    }
    if (outlet == null) {
      outlet = fingerprintOutlet(boilerplate);
    }
    if (body.isEmpty()) {
      return null;
    }
    String title = null;
    if (body.size() > 1 && looksLikeHeadline(body.get(0))) {
      title = body.remove(0);
    } else {
      title = Sentences.lead(stripDateline(body.get(0)));
    }
    return new Article(
        Article.CURRENT_SCHEMA_VERSION,
        null,
        null,
        outlet != null ? outlet : defaultOutlet,
        title,
        String.join("\n", body),
        null,
        null,
        null,
        credits,
        boilerplate,
        source);
  }

  private static boolean isBoilerplate(String line) {
    for (Pattern p : BOILERPLATE) {
      if (p.matcher(line).find()) {
        return true;
      }
    }
    return false;
  }

  private static boolean looksLikeHeadline(String line) {
    if (line.length() > MAX_HEADLINE_CHARS || datelineOutlet(line) != null) {
      return false;
    }
    char last = line.charAt(line.length() - 1);
    return ".!?:\"\u201D')".indexOf(last) < 0;
  }

  static String datelineOutlet(String line) {
    Matcher m = DATELINE.matcher(line);
    if (!m.find()) {
      return null;
    }
    for (String part : m.group(1).split(",")) {
      String candidate = part.strip();
      if (DOMAIN.matcher(candidate).matches()) {
        return candidate.toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  private static String stripDateline(String line) {
    Matcher m = DATELINE.matcher(line);
    return m.find() && datelineOutlet(line) != null ? line.substring(m.end() - 1) : line;
  }

  private String fingerprintOutlet(List<String> boilerplate) {
    for (String line : boilerplate) {
      String lower = line.toLowerCase(Locale.ROOT);
      for (Map.Entry<String, String> f : fingerprints.entrySet()) {
        if (lower.contains(f.getKey())) {
          return f.getValue();
        }
      }
    }
    return null;
  }

  private static Map<String, String> loadFingerprints() {
    Map<String, String> map = new LinkedHashMap<>();
    try (InputStream in = NewsPageParser.class.getResourceAsStream("outlet-fingerprints.tsv")) {
      if (in == null) {
        throw new IllegalStateException("outlet-fingerprints.tsv is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        if (cols.length != 2) {
          throw new IllegalStateException(
              "outlet-fingerprints.tsv: expected 2 tab-separated columns: " + line);
        }
        map.put(cols[0].strip().toLowerCase(Locale.ROOT), cols[1].strip().toLowerCase(Locale.ROOT));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return map;
  }
}
