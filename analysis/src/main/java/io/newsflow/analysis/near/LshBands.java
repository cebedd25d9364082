package io.newsflow.analysis.near;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * LSH banding: a signature of {@code bands * rows} slots is cut into bands; two signatures become
 * candidates when any band is equal. With similarity s the chance of that is {@code 1 - (1 -
 * s^rows)^bands}, an S-curve whose midpoint is near {@code (1/bands)^(1/rows)}.
 */
public final class LshBands {
  private final int bands;
  private final int rows;

  public LshBands(int permutations, int bands) {
    if (bands < 1 || permutations % bands != 0) {
      throw new IllegalArgumentException(
          "bands (" + bands + ") must divide the number of permutations (" + permutations + ")");
    }
    this.bands = bands;
    this.rows = permutations / bands;
  }

  public int bands() {
    return bands;
  }

  public int rows() {
    return rows;
  }

  /**
   * The band keys of a signature, one per band: {@code <band index>:<hex hash of its rows>}. Equal
   * keys mean equal bands.
   */
  public List<String> keys(int[] signature) {
    List<String> keys = new ArrayList<>(bands);
    for (int b = 0; b < bands; b++) {
      long h = b;
      for (int r = b * rows; r < (b + 1) * rows; r++) {
        h = MinHasher.mix(h * 31 + signature[r]);
      }
      keys.add(b + ":" + Long.toHexString(h));
    }
    return keys;
  }

  /**
   * The band keys of a signature as numbers, one per band: the same hashes as {@link #keys}, which
   * start from the band index, so equal bands of different indexes do not meet.
   */
  public long[] longKeys(int[] signature) {
    long[] keys = new long[bands];
    for (int b = 0; b < bands; b++) {
      long h = b;
      for (int r = b * rows; r < (b + 1) * rows; r++) {
        h = MinHasher.mix(h * 31 + signature[r]);
      }
      keys[b] = h;
    }
    return keys;
  }

  /** The partition of the band index topic a band key belongs to. */
  public static int partitionOf(String bandKey, int partitions) {
    return Math.floorMod(MinHasher.mix(bandKey.hashCode()), partitions);
  }

  /** Band keys grouped by partition: one query record per partition carries its group. */
  public static Map<Integer, List<String>> byPartition(List<String> keys, int partitions) {
    Map<Integer, List<String>> grouped = new TreeMap<>();
    for (String key : keys) {
      grouped.computeIfAbsent(partitionOf(key, partitions), p -> new ArrayList<>()).add(key);
    }
    return grouped;
  }

  /** The probability that two signatures of similarity {@code s} become candidates. */
  public double candidateProbability(double s) {
    return 1 - Math.pow(1 - Math.pow(s, rows), bands);
  }
}
