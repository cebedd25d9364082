package io.newsflow.enrich.near;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The near-duplicate decision in one place and in memory: what the enrich topology computes across
 * partitions (band lookup on the band's partition, decision on the article's), without Kafka. The
 * evaluation harness measures this; topology tests check the two agree.
 */
public final class NearDuplicateIndex {
  private final MinHasher hasher;
  private final LshBands bands;
  private final double threshold;
  private final Map<String, List<String>> idsByBand = new HashMap<>();
  private final Map<String, Entry> entries = new HashMap<>();

  private record Entry(int[] signature, long time, String canonicalId) {}

  public NearDuplicateIndex(NearConfig config) {
    this.hasher = new MinHasher(config.shingleSize(), config.permutations());
    this.bands = new LshBands(config.permutations(), config.bands());
    this.threshold = config.threshold();
  }

  /** Judges an article against everything added before it, then adds it. */
  public Optional<Candidate> add(String id, long time, String text) {
    int[] signature = hasher.signature(text);
    List<String> keys = bands.keys(signature);
    Set<String> seen = new LinkedHashSet<>();
    for (String key : keys) {
      seen.addAll(idsByBand.getOrDefault(key, List.of()));
    }
    List<Candidate> verified = new ArrayList<>();
    for (String other : seen) {
      Entry e = entries.get(other);
      double s = MinHasher.similarity(signature, e.signature());
      if (s >= threshold) {
        verified.add(new Candidate(other, e.time(), s, e.canonicalId()));
      }
    }
    Optional<Candidate> canonical = Canonical.choose(verified);
    entries.put(id, new Entry(signature, time, canonical.map(Candidate::id).orElse(null)));
    for (String key : keys) {
      idsByBand.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
    }
    return canonical;
  }
}
