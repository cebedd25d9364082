package io.newsflow.analysis.entity;

import io.newsflow.contracts.EntityType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

  private final KnowledgeBase kb;

  /** Looks names up in {@code kb}'s own alias index: nothing is built or copied here. */
  public CanonicalNames(KnowledgeBase kb) {
    this.kb = kb;
  }

  /**
   * The canonical name {@code name} stands for among entries of {@code types}, or null when the
   * knowledge base knows no such name (a name the model found in an article is counted as written).
   */
  public Resolution resolve(String name, Set<EntityType> types) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String norm = Names.normalize(name);
    List<KbEntry> found = new ArrayList<>();
    for (KnowledgeBase.Candidate c : kb.candidates(norm)) {
      KbEntry e = c.entry();
      if (!types.contains(e.type())) {
        continue;
      }
      if (e.name().equals(name)) {
        return new Resolution(name, List.of(name));
      }
      // A short upper-case form (AS, NIS, UN) is that name only as written.
      if ((!c.alias().exactCase() || c.alias().text().equals(name.strip())) && !found.contains(e)) {
        found.add(e);
      }
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
    return new Resolution(
        found.get(0).name(), found.stream().map(KbEntry::name).distinct().toList());
  }
}
