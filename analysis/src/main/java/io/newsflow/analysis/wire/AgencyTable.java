package io.newsflow.analysis.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the agency table: UTF-8, one agency per line, tab-separated columns {@code id}, {@code
 * name}, {@code aliases} ({@code |}-separated) and an optional {@code domains} ({@code
 * |}-separated). Blank lines and lines starting with {@code #} are skipped.
 *
 * <p>The table is validated as a whole: a bad line fails the load with a message that names the
 * source and line number, because a silently skipped agency would silently stop being credited.
 */
final class AgencyTable {
  static final String DEFAULT_RESOURCE = "agencies.tsv";

  private AgencyTable() {}

  /** Loads a table from the classpath, relative to this package. */
  static List<Agency> load(String resource) {
    try (InputStream in = AgencyTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "agency table "
                + resource
                + " is not on the classpath next to "
                + AgencyTable.class.getName());
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read agency table " + resource, e);
    }
  }

  /**
   * Parses table text; {@code source} names it in error messages.
   *
   * @throws IllegalArgumentException naming {@code source} and the line when a line is invalid, an
   *     id repeats or two agencies claim the same alias
   */
  static List<Agency> parse(String text, String source) {
    List<Agency> agencies = new ArrayList<>();
    Map<String, Integer> idLines = new HashMap<>();
    Map<String, Integer> aliasLines = new HashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length < 3 || columns.length > 4) {
        throw error(
            source,
            lineNumber,
            "expected 3 or 4 tab-separated columns (id, name, aliases[, domains]) but found "
                + columns.length
                + ": '"
                + line
                + "'");
      }
      Agency agency;
      try {
        agency =
            new Agency(
                columns[0],
                columns[1],
                split(columns[2]),
                columns.length == 4 ? split(columns[3]) : List.of());
      } catch (IllegalArgumentException e) {
        throw error(source, lineNumber, e.getMessage());
      }
      Integer firstIdLine = idLines.putIfAbsent(agency.id(), lineNumber);
      if (firstIdLine != null) {
        throw error(
            source,
            lineNumber,
            "id '" + agency.id() + "' is already defined on line " + firstIdLine);
      }
      for (String alias : agency.aliases()) {
        Integer aliasLine = aliasLines.putIfAbsent(alias, lineNumber);
        if (aliasLine != null) {
          throw error(
              source, lineNumber, "alias '" + alias + "' is already claimed on line " + aliasLine);
        }
      }
      agencies.add(agency);
    }
    if (agencies.isEmpty()) {
      throw new IllegalArgumentException(source + ": the agency table has no agencies");
    }
    return List.copyOf(agencies);
  }

  // An empty column gives an empty list, so that Agency rejects "no alias" with its own message.
  private static List<String> split(String column) {
    return column.isEmpty() ? List.of() : Arrays.asList(column.split("\\|", -1));
  }

  private static IllegalArgumentException error(String source, int line, String problem) {
    return new IllegalArgumentException(source + " line " + line + ": " + problem);
  }
}
