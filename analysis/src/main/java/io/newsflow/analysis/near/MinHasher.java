package io.newsflow.analysis.near;

import io.newsflow.contracts.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MinHash signatures over word shingles: the Jaccard similarity of two texts' shingle sets is
 * estimated by the share of signature slots on which they agree.
 *
 * <p>Words are the letter/digit runs of the {@linkplain Text#normalize normalised} text; a shingle
 * is {@code shingleSize} consecutive words. Each of the {@code permutations} hash functions is a
 * 64-bit mix of the shingle hash with its own fixed seed, so signatures are stable across JVMs and
 * releases (they are stored in state and compared across instances).
 */
public final class MinHasher {
  private static final long SEED = 0x6E657773666C6F77L; // "newsflow"

  private final int shingleSize;
  private final long[] seeds;

  public MinHasher(int shingleSize, int permutations) {
    if (shingleSize < 1 || permutations < 1) {
      throw new IllegalArgumentException("shingle size and permutations must be positive");
    }
    if (permutations > io.newsflow.analysis.Bounds.MAX_SIGNATURE) {
      throw new IllegalArgumentException(
          "permutations must be at most " + io.newsflow.analysis.Bounds.MAX_SIGNATURE);
    }
    this.shingleSize = shingleSize;
    this.seeds = new long[permutations];
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < permutations; i++) {
      seeds[i] = random.nextLong();
    }
  }

  public int permutations() {
    return seeds.length;
  }

  /** The signature of a text; a text shorter than one shingle is hashed as one shorter shingle. */
  public int[] signature(String text) {
    long[] shingles = shingleHashes(Text.normalize(text), shingleSize);
    int[] signature = new int[seeds.length];
    // Four slots at a time, their running minima in registers and no branch: faster than shingle
    // by shingle over an array of minima, and the same minima.
    int i = 0;
    for (; i + 4 <= seeds.length; i += 4) {
      long s0 = seeds[i];
      long s1 = seeds[i + 1];
      long s2 = seeds[i + 2];
      long s3 = seeds[i + 3];
      long m0 = Long.MAX_VALUE;
      long m1 = Long.MAX_VALUE;
      long m2 = Long.MAX_VALUE;
      long m3 = Long.MAX_VALUE;
      for (long shingle : shingles) {
        m0 = Math.min(m0, mix(shingle ^ s0));
        m1 = Math.min(m1, mix(shingle ^ s1));
        m2 = Math.min(m2, mix(shingle ^ s2));
        m3 = Math.min(m3, mix(shingle ^ s3));
      }
      signature[i] = (int) (m0 >>> 32);
      signature[i + 1] = (int) (m1 >>> 32);
      signature[i + 2] = (int) (m2 >>> 32);
      signature[i + 3] = (int) (m3 >>> 32);
    }
    for (; i < seeds.length; i++) {
      long seed = seeds[i];
      long min = Long.MAX_VALUE;
      for (long shingle : shingles) {
        min = Math.min(min, mix(shingle ^ seed));
      }
      signature[i] = (int) (min >>> 32);
    }
    return signature;
  }

  /** Estimated Jaccard similarity: the share of equal slots. */
  public static double similarity(int[] a, int[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "signatures of different lengths: " + a.length + ", " + b.length);
    }
    int equal = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        equal++;
      }
    }
    return (double) equal / a.length;
  }

  static List<String> words(String text) {
    String normalised = Text.normalize(text);
    int[] bounds = wordBounds(normalised);
    List<String> words = new ArrayList<>();
    for (int w = 0; w < bounds[0]; w++) {
      words.add(normalised.substring(bounds[1 + 2 * w], bounds[2 + 2 * w]));
    }
    return words;
  }

  /**
   * The letter/digit runs of {@code s}: the count, then start and end of each run (the array may be
   * longer).
   */
  private static int[] wordBounds(String s) {
    int n = s.length();
    int[] bounds = new int[1 + n + 1];
    int count = 0;
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean wordChar = i < n && isLetterOrDigit(s.charAt(i));
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        bounds[1 + 2 * count] = start;
        bounds[2 + 2 * count] = i;
        count++;
        start = -1;
      }
    }
    bounds[0] = count;
    return bounds;
  }

  private static boolean isLetterOrDigit(char c) {
    if (c < 0x80) {
      return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
    }
    return Character.isLetterOrDigit(c);
  }

  /**
   * FNV-1a 64 of each run of {@code size} words, each word's chars followed by a space, read from
   * the text in place (no word strings).
   */
  private static long[] shingleHashes(String normalised, int size) {
    int[] bounds = wordBounds(normalised);
    int words = bounds[0];
    if (words == 0) {
      return new long[0];
    }
    int n = Math.max(1, words - size + 1);
    long[] hashes = new long[n];
    for (int i = 0; i < n; i++) {
      long h = 0xcbf29ce484222325L; // FNV-1a 64
      for (int w = i; w < Math.min(i + size, words); w++) {
        for (int c = bounds[1 + 2 * w], end = bounds[2 + 2 * w]; c < end; c++) {
          h ^= normalised.charAt(c);
          h *= 0x100000001b3L;
        }
        h ^= ' ';
        h *= 0x100000001b3L;
      }
      hashes[i] = h;
    }
    return hashes;
  }

  /** SplitMix64's finaliser: a cheap, well-distributed 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
