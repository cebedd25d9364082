package io.newsflow.aggregate.query;

import java.util.List;

/**
 * Resolves what a user asked for to the key counts are kept under: counts of actors and places are
 * keyed by the canonical name enrich links every alias to (Moscow, not Moskow), so {@code
 * /api/counts?facet=location&key=Moskow} asks the knowledge base first. The aggregate has no
 * knowledge base of its own (it depends on contracts and kit only); the app hands one in.
 */
@FunctionalInterface
public interface KeyAliases {
  /** No resolution: keys are looked up as asked. */
  KeyAliases NONE = (facet, key) -> null;

  /**
   * The key of {@code facet} that {@code asked} stands for, or null to look it up as asked.
   *
   * @return the canonical key and every canonical name the asked name could mean (best first)
   */
  Resolved resolve(String facet, String asked);

  /** A resolved key and the candidates it was chosen from. */
  record Resolved(String key, List<String> candidates) {
    public Resolved {
      candidates = List.copyOf(candidates);
    }
  }
}
