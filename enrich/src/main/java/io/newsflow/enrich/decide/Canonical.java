package io.newsflow.enrich.decide;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the original an article copies, from its verified candidates, without chaining: an
 * article joins an original it is itself similar to, never a copy. A candidate that is a copy
 * stands for its original only when that original is a verified candidate too. Among the eligible
 * originals the most similar wins, then the earliest, then the smaller id, so every instance
 * decides alike. (Most similar first: two distinct originals on one topic can both pass the
 * threshold against a copy of one of them.)
 */
public final class Canonical {
  private Canonical() {}

  public static Optional<Candidate> choose(Collection<Candidate> verified) {
    Map<String, Candidate> byId = new HashMap<>();
    for (Candidate c : verified) {
      byId.merge(c.id(), c, (a, b) -> a.similarity() >= b.similarity() ? a : b);
    }
    return byId.values().stream()
        .map(
            c ->
                c.canonicalId() == null || c.canonicalId().equals(c.id())
                    ? c
                    : byId.get(c.canonicalId()))
        .filter(c -> c != null && (c.canonicalId() == null || c.canonicalId().equals(c.id())))
        .min(
            Comparator.comparingDouble(Candidate::similarity)
                .reversed()
                .thenComparingLong(Candidate::time)
                .thenComparing(Candidate::id));
  }
}
