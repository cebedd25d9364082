package io.newsflow.enrich.decide;

import java.util.Arrays;

/**
 * The LSH band index: band keys ({@code long}) to entry handles ({@code int}, not negative), each
 * (key, handle) pair one slot of one {@code long[]}, open addressing with linear probing, at most
 * half full (short probes and short shifts on removal). A slot holds the handle and a 32-bit
 * fingerprint of the key, not the key: eight slots to a cache line. An index holds 64 keys per
 * original: at a million articles this table is a gigabyte, and nearly every look-up misses the
 * caches. The garbage collector has nothing to scan in it.
 *
 * <p>It is a multimap from fingerprints: a key's home slot comes from its fingerprint, so keys with
 * one fingerprint share their slots' probe sequence, and {@link #candidates} answers the handles of
 * all of them (rarely another key's: it needs another key with the same home slot and the same
 * remaining fingerprint bits). The caller keeps those whose entry has the key. Handles come oldest
 * first.
 */
final class LongMultiMap {
  private static final float LOAD = 0.5f;

  /** Slots: 0 free, else {@code (handle + 1) << 32 | fingerprint}. */
  private long[] table = new long[16];

  private int size;
  private int[] found = new int[8];

  /** Slots used. */
  int size() {
    return size;
  }

  /**
   * Finds the handles stored under {@code key}'s fingerprint, oldest first; returns how many
   * ({@link #found} gives them).
   */
  int candidates(long key) {
    long[] t = table;
    int mask = t.length - 1;
    int fp = fingerprint(key);
    int i = home(fp, mask);
    int n = 0;
    while (true) {
      long s = t[i];
      if (s == 0) {
        return n;
      }
      if ((int) s == fp) {
        if (n == found.length) {
          found = Arrays.copyOf(found, 2 * n);
        }
        found[n++] = (int) (s >>> 32) - 1;
      }
      i = (i + 1) & mask;
    }
  }

  /** Handle {@code k} the last {@link #candidates} found. */
  int found(int k) {
    return found[k];
  }

  /**
   * Reads the home slot of each key, so the cache misses of the look-ups that follow overlap
   * instead of coming one after the other; returns a number to keep the reads from being optimised
   * away.
   */
  long prefetch(long[] keys) {
    long[] t = table;
    int mask = t.length - 1;
    long sum = 0;
    for (long key : keys) {
      sum += t[home(fingerprint(key), mask)];
    }
    return sum;
  }

  void add(long key, int handle) {
    if (handle < 0) {
      throw new IllegalArgumentException("negative handle " + handle);
    }
    if (size + 1 > table.length * LOAD) {
      grow();
    }
    long[] t = table;
    int mask = t.length - 1;
    int fp = fingerprint(key);
    int i = home(fp, mask);
    while (t[i] != 0) {
      i = (i + 1) & mask;
    }
    t[i] = slot(handle, fp);
    size++;
  }

  /** Removes the oldest slot of {@code handle} under {@code key}'s fingerprint, if any. */
  void remove(long key, int handle) {
    long[] t = table;
    int mask = t.length - 1;
    int fp = fingerprint(key);
    long wanted = slot(handle, fp);
    int i = home(fp, mask);
    while (t[i] != 0) {
      if (t[i] == wanted) {
        delete(i);
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Backward-shift deletion: no tombstones, so lookups stay short as articles expire. */
  private void delete(int i) {
    long[] t = table;
    int mask = t.length - 1;
    t[i] = 0;
    size--;
    int free = i;
    int j = (i + 1) & mask;
    while (t[j] != 0) {
      int home = home((int) t[j], mask);
      // Move j back into the free slot when its home is not in (free, j] cyclically.
      boolean between = free <= j ? (home > free && home <= j) : (home > free || home <= j);
      if (!between) {
        t[free] = t[j];
        t[j] = 0;
        free = j;
      }
      j = (j + 1) & mask;
    }
  }

  private void grow() {
    long[] old = table;
    long[] t = new long[old.length * 2];
    int mask = t.length - 1;
    // In slot order from the start of a cluster, so a key's slots keep their order.
    int start = 0;
    while (start < old.length && old[start] != 0) {
      start++;
    }
    for (int k = 0; k < old.length; k++) {
      long s = old[(start + k) & (old.length - 1)];
      if (s != 0) {
        int i = home((int) s, mask);
        while (t[i] != 0) {
          i = (i + 1) & mask;
        }
        t[i] = s;
      }
    }
    table = t;
  }

  private static long slot(int handle, int fp) {
    return ((long) handle + 1) << 32 | (fp & 0xffffffffL);
  }

  /** The top 32 bits of a mix of the key; its home slot is the top bits of this. */
  static int fingerprint(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32);
  }

  private static int home(int fp, int mask) {
    // The top bits of the fingerprint: the table has at most 2^31 slots.
    return (int) ((fp & 0xffffffffL) * (mask + 1L) >>> 32);
  }
}
