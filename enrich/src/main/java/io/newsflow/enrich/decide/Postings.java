package io.newsflow.enrich.decide;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The postings of one story term: a ring of at most {@code cap} (record time, entry handle, weight)
 * triples, first in the order (record time, article id) first, in one {@code long[]} (two longs
 * each). A look-up reads a term's newest postings and filters them by time without touching the
 * entries: a few adjacent cache lines per term instead of two objects per posting, and nothing for
 * the garbage collector to trace.
 */
final class Postings {
  private final String term;
  private long[] ring = new long[2 * 2];
  private int head;
  private int size;

  Postings(String term) {
    this.term = term;
  }

  /** The term (the key of this list in the index). */
  String term() {
    return term;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /**
   * Adds a posting in its place in the order (record time, then article id: {@code idOf} gives the
   * id of a handle); when there are {@code cap} already, the first in the order goes, which may be
   * the new one. An article decided in the order comes after every posting and is appended; only a
   * late one is put among them, so that the list is the same as if it had come on time (the index
   * rebuilt from the log adds every article in the order).
   */
  void add(long time, String id, int handle, float weight, int cap, IntFunction<String> idOf) {
    if (size > 0) {
      int last = newest(0);
      long lastTime = ring[last];
      // the id only on a tie of times: reading it touches the entry (a cache miss per term)
      if (time < lastTime || time == lastTime && id.compareTo(idOf.apply(handle(last))) < 0) {
        insertEarlier(time, id, handle, weight, cap, idOf);
        return;
      }
    }
    append(time, handle, weight, cap);
  }

  /** Appends a posting; when there are {@code cap} already, the first in the order goes. */
  private void append(long time, int handle, float weight, int cap) {
    if (size == cap) {
      removeOldest();
    }
    int capacity = ring.length >> 1;
    if (size == capacity) {
      // Capacities are powers of two (positions are masked), up to the first one >= cap.
      long[] grown = new long[2 * capacity * 2];
      for (int k = 0; k < size; k++) {
        int from = 2 * ((head + k) & (capacity - 1));
        grown[2 * k] = ring[from];
        grown[2 * k + 1] = ring[from + 1];
      }
      ring = grown;
      head = 0;
      capacity = ring.length >> 1;
    }
    int at = 2 * ((head + size) & (capacity - 1));
    ring[at] = time;
    ring[at + 1] = packed(handle, weight);
    size++;
  }

  private static long packed(int handle, float weight) {
    return ((long) handle << 32) | (Float.floatToRawIntBits(weight) & 0xffffffffL);
  }

  /** The rare path of {@link #add}: a posting before the newest, laid out anew. */
  private void insertEarlier(
      long time, String id, int handle, float weight, int cap, IntFunction<String> idOf) {
    int capacity = ring.length >> 1;
    long[] all = new long[2 * (size + 1)];
    int n = 0;
    boolean placed = false;
    for (int k = 0; k < size; k++) {
      int from = 2 * ((head + k) & (capacity - 1));
      if (!placed
          && Order.compare(time, id, ring[from], idOf.apply((int) (ring[from + 1] >>> 32))) < 0) {
        all[2 * n] = time;
        all[2 * n + 1] = packed(handle, weight);
        n++;
        placed = true;
      }
      all[2 * n] = ring[from];
      all[2 * n + 1] = ring[from + 1];
      n++;
    }
    int keep = Math.min(n, cap);
    int c = Math.max(2, capacity);
    while (c < keep) {
      c <<= 1;
    }
    ring = new long[2 * c];
    System.arraycopy(all, 2 * (n - keep), ring, 0, 2 * keep);
    head = 0;
    size = keep;
  }

  /** Index (for {@link #time}, {@link #handle}, {@link #weight}) of the {@code k}-th newest. */
  int newest(int k) {
    return 2 * ((head + size - 1 - k) & ((ring.length >> 1) - 1));
  }

  long time(int at) {
    return ring[at];
  }

  int handle(int at) {
    return (int) (ring[at + 1] >>> 32);
  }

  float weight(int at) {
    return Float.intBitsToFloat((int) ring[at + 1]);
  }

  /** The handle of the oldest posting; there must be one. */
  int oldestHandle() {
    return (int) (ring[2 * head + 1] >>> 32);
  }

  void removeOldest() {
    head = (head + 1) & ((ring.length >> 1) - 1);
    size--;
  }

  /** Removes every posting of {@code handle}, keeping the others' order. */
  void removeAll(int handle) {
    int capacity = ring.length >> 1;
    long[] kept = new long[ring.length];
    int n = 0;
    for (int k = 0; k < size; k++) {
      int from = 2 * ((head + k) & (capacity - 1));
      if ((int) (ring[from + 1] >>> 32) != handle) {
        kept[2 * n] = ring[from];
        kept[2 * n + 1] = ring[from + 1];
        n++;
      }
    }
    if (n != size) {
      Arrays.fill(ring, 0);
      System.arraycopy(kept, 0, ring, 0, 2 * n);
      head = 0;
      size = n;
    }
  }
}
