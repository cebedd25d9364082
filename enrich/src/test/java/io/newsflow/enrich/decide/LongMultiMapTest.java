package io.newsflow.enrich.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LongMultiMap} answers for a key the handles added under its fingerprint and not removed,
 * oldest first: what a {@code Map<Integer, List<Integer>>} from fingerprints holds.
 */
class LongMultiMapTest {
  /** The inverse of the fingerprint's multiplier modulo 2^64: keys with chosen fingerprints. */
  private static final long INVERSE = inverse(0x9E3779B97F4A7C15L);

  @Test
  void shouldAnswerTheHandlesOfAKeysFingerprintThroughAddsAndRemoves() {
    SplittableRandom random = new SplittableRandom(7);
    LongMultiMap map = new LongMultiMap();
    Map<Integer, List<Integer>> want = new HashMap<>();
    List<Long> keys = new ArrayList<>();
    for (int step = 0; step < 400_000; step++) {
      long key;
      if (keys.isEmpty() || random.nextDouble() < 0.3) {
        // Few fingerprints at first (long runs, shared fingerprints), then many (growth, shifts).
        int fp = step < 50_000 ? random.nextInt(2_000) * 0x9E3779B9 : random.nextInt();
        key = INVERSE * (((long) fp << 32) | (random.nextInt() & 0xffffffffL));
        keys.add(key);
      } else {
        key = keys.get(random.nextInt(keys.size()));
      }
      int fp = LongMultiMap.fingerprint(key);
      List<Integer> handles = want.get(fp);
      if (random.nextDouble() < 0.55 || handles == null) {
        int handle = random.nextInt(1_000);
        map.add(key, handle);
        want.computeIfAbsent(fp, k -> new ArrayList<>()).add(handle);
      } else {
        int handle =
            random.nextDouble() < 0.1
                ? random.nextInt(1_000)
                : handles.get(random.nextInt(handles.size()));
        map.remove(key, handle);
        handles.remove(Integer.valueOf(handle));
        if (handles.isEmpty()) {
          want.remove(fp);
        }
      }
      if (step % 50_000 == 0) {
        assertSame(map, want, keys);
      }
    }
    assertSame(map, want, keys);
  }

  private static void assertSame(
      LongMultiMap map, Map<Integer, List<Integer>> want, List<Long> keys) {
    Map<Integer, List<Integer>> got = new HashMap<>();
    Map<Integer, Long> oneKeyEach = new HashMap<>();
    for (long key : keys) {
      oneKeyEach.putIfAbsent(LongMultiMap.fingerprint(key), key);
    }
    int slots = 0;
    for (long key : oneKeyEach.values()) {
      List<Integer> handles = new ArrayList<>();
      for (int k = 0, n = map.candidates(key); k < n; k++) {
        handles.add(map.found(k));
      }
      if (!handles.isEmpty()) {
        got.put(LongMultiMap.fingerprint(key), handles);
      }
    }
    for (List<Integer> handles : want.values()) {
      slots += handles.size();
    }
    assertThat(got).isEqualTo(want);
    assertThat(map.size()).isEqualTo(slots);
  }

  private static long inverse(long a) {
    long x = a; // Newton's iteration: correct to 3 bits, doubling each time.
    for (int i = 0; i < 6; i++) {
      x *= 2 - a * x;
    }
    return x;
  }
}
