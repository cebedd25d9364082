package io.newsflow.analysis.near;

/**
 * Near-duplicate settings.
 *
 * @param shingleSize words per shingle
 * @param permutations MinHash signature length
 * @param bands LSH bands (must divide permutations)
 * @param threshold minimum estimated similarity for a candidate to count as a copy
 */
public record NearConfig(int shingleSize, int permutations, int bands, double threshold) {
  public NearConfig {
    if (threshold <= 0 || threshold > 1) {
      throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
    }
    new LshBands(permutations, bands); // validates bands | permutations
  }
}
