package io.newsflow.analysis.entity;

import io.newsflow.contracts.EntityType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canonical name of an actor or place asked for by any of its names: "Moskow", "moskva" and
 * "Moscow" are Moscow; "Korut" is North Korea; "Yoon Seok Yeol" (a romanisation variant) is Yoon
 * Suk Yeol. What the query API uses so that a user's spelling finds the counts, which enrich keys
 * by canonical name.
 *
 * <p>A name that is itself some entry's canonical name stays as it is. Otherwise every entry with
 * that alias (normal form, {@link Names#normalize}) is a candidate; the knowledge base's rank
 * (curated first, then countries, regions, cities) and then the population pick one, as the tagger
 * does for an alias in an article without context. Names of people and organisations also match by
 * their romanisation variant key when nothing else does.
 */
public final class CanonicalNames {
  /** What a name resolved to. */
  public record Resolution(String name, List<String> candidates) {
    /** Whether the name asked for is another name of {@link #name()}. */
    public boolean isAlias(String asked) {
      return !name.equals(asked);
    }
  }

  private static final String EXACT = "\u0000";

  private final KnowledgeBase kb;
  private final Map<EntityType, Set<String>> canonical = new HashMap<>();
  private final Map<EntityType, Map<String, List<KbEntry>>> byAlias = new HashMap<>();

  public CanonicalNames(KnowledgeBase kb) {
    this.kb = kb;
    for (EntityType type : EntityType.values()) {
      canonical.put(type, new java.util.HashSet<>());
      byAlias.put(type, new HashMap<>());
    }
    for (KbEntry e : kb.entries()) {
      canonical.get(e.type()).add(e.name());
      Map<String, List<KbEntry>> aliases = byAlias.get(e.type());
      aliases.computeIfAbsent(Names.normalize(e.name()), k -> new ArrayList<>(1)).add(e);
      for (KbEntry.Alias a : e.aliases()) {
        // A short upper-case form (AS, NIS, UN) is that name only as written.
        String key = a.exactCase() ? EXACT + a.text() : a.norm();
        List<KbEntry> list = aliases.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (!list.contains(e)) {
          list.add(e);
        }
      }
    }
  }

  /**
   * The canonical name {@code name} stands for among entries of {@code types}, or null when the
   * knowledge base knows no such name (a name the model found in an article is counted as written).
   */
  public Resolution resolve(String name, Set<EntityType> types) {
    if (name == null || name.isBlank()) {
      return null;
    }
    for (EntityType type : types) {
      if (canonical.get(type).contains(name)) {
        return new Resolution(name, List.of(name));
      }
    }
    String norm = Names.normalize(name);
    List<KbEntry> found = new ArrayList<>();
    for (EntityType type : types) {
      found.addAll(byAlias.get(type).getOrDefault(norm, List.of()));
      found.addAll(byAlias.get(type).getOrDefault(EXACT + name.strip(), List.of()));
    }
    if (found.isEmpty()
        && (types.contains(EntityType.PERSON) || types.contains(EntityType.ORGANIZATION))) {
      KbEntry variant = kb.byVariant(norm);
      if (variant != null && types.contains(variant.type())) {
        found.add(variant);
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    found.sort(
        Comparator.comparingInt(KbEntry::rank).thenComparingLong(KbEntry::population).reversed());
    Map<String, Boolean> names = new LinkedHashMap<>();
    found.forEach(e -> names.put(e.name(), true));
    return new Resolution(found.get(0).name(), List.copyOf(names.keySet()));
  }
}
