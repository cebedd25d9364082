package io.newsflow.analysis.theme;

import java.util.List;

/**
 * A theme of the taxonomy.
 *
 * @param id stable id, e.g. {@code military}
 * @param nameEn English name
 * @param nameId Indonesian name
 * @param keywords normalised keywords and phrases; a trailing {@code *} matches a word prefix
 */
public record Theme(String id, String nameEn, String nameId, List<String> keywords) {
  public Theme {
    if (id == null || id.isBlank() || keywords == null || keywords.isEmpty()) {
      throw new IllegalArgumentException("a theme needs an id and keywords");
    }
    keywords = List.copyOf(keywords);
  }
}
