package io.newsflow.analysis.wire;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A news agency (or broadcaster whose copy outlets re-use) that {@link WireDetector} can credit:
 * one row of {@code agencies.tsv}.
 *
 * @param id stable lower-case slug used as {@link WireCredit#agency()}, e.g. {@code cbs-news}
 * @param name display name, e.g. {@code CBS News}
 * @param aliases the names the agency goes by in text, matched case-sensitively and only as whole
 *     words, so that {@code AP} matches neither {@code APBN} nor {@code ap}
 * @param domains host names of the agency's own sites (a host matches when it equals one or is a
 *     sub-domain of one), used for source lines that give a URL instead of a name; may be empty
 */
public record Agency(String id, String name, List<String> aliases, List<String> domains) {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  // Whole-word matching needs an alias to start and end with a letter or digit.
  private static final Pattern ALIAS =
      Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N} .'\u2019&-]*[\\p{L}\\p{N}])?");
  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)+");

  /**
   * @throws IllegalArgumentException naming the offending value when a component is invalid
   */
  public Agency {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id '" + id + "' is not a lower-case slug such as 'reuters' or 'cbs-news'");
    }
    if (name == null || name.isBlank() || !name.equals(name.strip())) {
      throw new IllegalArgumentException(
          "display name of '" + id + "' is blank or has leading or trailing spaces");
    }
    if (aliases == null || aliases.isEmpty()) {
      throw new IllegalArgumentException("agency '" + id + "' has no alias");
    }
    aliases = List.copyOf(aliases);
    for (String alias : aliases) {
      if (!ALIAS.matcher(alias).matches()) {
        throw new IllegalArgumentException(
            "alias '"
                + alias
                + "' of '"
                + id
                + "' must start and end with a letter or digit and contain only letters, digits,"
                + " spaces and . ' & -");
      }
    }
    if (aliases.stream().distinct().count() != aliases.size()) {
      throw new IllegalArgumentException("agency '" + id + "' lists an alias twice");
    }
    domains = domains == null ? List.of() : List.copyOf(domains);
    for (String domain : domains) {
      if (!DOMAIN.matcher(domain).matches()) {
        throw new IllegalArgumentException(
            "domain '"
                + domain
                + "' of '"
                + id
                + "' is not a lower-case host name like reuters.com");
      }
    }
  }

  /** Whether {@code host} (lower case, without {@code www.} or not) is one of this agency's. */
  boolean ownsHost(String host) {
    for (String domain : domains) {
      if (host.equals(domain) || host.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }
}
