package io.newsflow.enrich.decide;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A multimap from {@code long} keys to values, open addressing with linear probing: the LSH band
 * index holds 64 keys per indexed article, and a {@code HashMap<Long, List<V>>} spends about 150
 * bytes on each where this spends about 24 (a key, a reference, a free slot). A key's values are
 * stored as one value or an array of them, in insertion order.
 */
final class LongMultiMap<V> {
  private static final float LOAD = 0.6f;

  private long[] keys;
  private Object[] values; // null: free; a V, or an Object[] of V
  private int size;

  LongMultiMap() {
    keys = new long[16];
    values = new Object[16];
  }

  int size() {
    return size;
  }

  /** Calls {@code action} with each value of {@code key}, oldest first. */
  @SuppressWarnings("unchecked")
  void forEach(long key, Consumer<V> action) {
    int i = find(key);
    if (i < 0) {
      return;
    }
    Object v = values[i];
    if (v instanceof Object[] many) {
      for (Object o : many) {
        action.accept((V) o);
      }
    } else {
      action.accept((V) v);
    }
  }

  void add(long key, V value) {
    if (size + 1 > keys.length * LOAD) {
      grow();
    }
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (values[i] != null) {
      if (keys[i] == key) {
        Object v = values[i];
        if (v instanceof Object[] many) {
          Object[] more = Arrays.copyOf(many, many.length + 1);
          more[many.length] = value;
          values[i] = more;
        } else {
          values[i] = new Object[] {v, value};
        }
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    size++;
  }

  /** Removes one value (by identity) of {@code key}; the key goes when it has none left. */
  void remove(long key, V value) {
    int i = find(key);
    if (i < 0) {
      return;
    }
    Object v = values[i];
    if (v instanceof Object[] many) {
      int at = -1;
      for (int k = 0; k < many.length; k++) {
        if (many[k] == value) {
          at = k;
          break;
        }
      }
      if (at < 0) {
        return;
      }
      if (many.length == 2) {
        values[i] = many[1 - at];
      } else {
        Object[] fewer = new Object[many.length - 1];
        System.arraycopy(many, 0, fewer, 0, at);
        System.arraycopy(many, at + 1, fewer, at, many.length - at - 1);
        values[i] = fewer;
      }
      return;
    }
    if (v == value) {
      delete(i);
    }
  }

  private int find(long key) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (values[i] != null) {
      if (keys[i] == key) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** Backward-shift deletion: no tombstones, so lookups stay short as articles expire. */
  private void delete(int i) {
    int mask = keys.length - 1;
    values[i] = null;
    size--;
    int free = i;
    int j = (i + 1) & mask;
    while (values[j] != null) {
      int home = slot(keys[j], mask);
      // Move j back into the free slot when its home is not in (free, j] cyclically.
      boolean between = free <= j ? (home > free && home <= j) : (home > free || home <= j);
      if (!between) {
        keys[free] = keys[j];
        values[free] = values[j];
        values[j] = null;
        free = j;
      }
      j = (j + 1) & mask;
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int k = 0; k < oldKeys.length; k++) {
      if (oldValues[k] != null) {
        int i = slot(oldKeys[k], mask);
        while (values[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[k];
        values[i] = oldValues[k];
      }
    }
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
