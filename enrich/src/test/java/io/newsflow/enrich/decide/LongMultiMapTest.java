package io.newsflow.enrich.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongMultiMapTest {

  /** The values of {@code key}, in the order {@link LongMultiMap#forEach} gives them. */
  private static <V> List<V> values(LongMultiMap<V> map, long key) {
    List<V> out = new ArrayList<>();
    map.forEach(key, out::add);
    return out;
  }

  /**
   * The home slot the map computes for a key (a copy of its private hash): lets the tests build
   * clusters of keys that really share slots (checked by {@link
   * #shouldPlaceKeysOfOneHomeInOneRunWhenTheyCollide}).
   */
  private static int home(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** {@code n} distinct keys whose home slot is {@code slot} for every table up to 2^16 slots. */
  private static List<Long> keysWithHome(int slot, int n, long from) {
    List<Long> keys = new ArrayList<>();
    for (long k = from; keys.size() < n; k++) {
      if (home(k, 0xFFFF) == slot) {
        keys.add(k);
      }
    }
    return keys;
  }

  @Test
  void shouldGiveValuesInInsertionOrderWhenKeyHasMany() {
    LongMultiMap<String> map = new LongMultiMap<>();
    map.add(7L, "a");
    map.add(7L, "b");
    map.add(-3L, "x");
    map.add(7L, "c");

    assertThat(values(map, 7L)).containsExactly("a", "b", "c");
    assertThat(values(map, -3L)).containsExactly("x");
    assertThat(map.size()).isEqualTo(2);
  }

  @Test
  void shouldCallNothingWhenKeyIsAbsent() {
    LongMultiMap<String> map = new LongMultiMap<>();
    assertThat(values(map, 0L)).isEmpty();
    map.add(1L, "one");
    assertThat(values(map, 0L)).isEmpty();
    assertThat(values(map, 2L)).isEmpty();
    assertThat(values(map, Long.MIN_VALUE)).isEmpty();
  }

  @Test
  void shouldKeepZeroAndExtremeKeysApart() {
    LongMultiMap<String> map = new LongMultiMap<>();
    map.add(0L, "zero");
    map.add(Long.MIN_VALUE, "min");
    map.add(Long.MAX_VALUE, "max");
    map.add(-1L, "minus one");

    assertThat(values(map, 0L)).containsExactly("zero");
    assertThat(values(map, Long.MIN_VALUE)).containsExactly("min");
    assertThat(values(map, Long.MAX_VALUE)).containsExactly("max");
    assertThat(values(map, -1L)).containsExactly("minus one");
  }

  @Test
  void shouldPlaceKeysOfOneHomeInOneRunWhenTheyCollide() throws ReflectiveOperationException {
    // The colliding-key tests rely on home() being the map's own slot function: 9 keys of home 5
    // in a 16-slot table (no growth below 10 keys) must fill slots 5..13, in insertion order.
    List<Long> keys = keysWithHome(5, 9, 0);
    LongMultiMap<Long> map = new LongMultiMap<>();
    keys.forEach(k -> map.add(k, k));
    Field field = LongMultiMap.class.getDeclaredField("keys");
    field.setAccessible(true);
    long[] table = (long[]) field.get(map);
    assertThat(table).hasSize(16);
    for (int i = 0; i < keys.size(); i++) {
      assertThat(table[5 + i]).isEqualTo(keys.get(i));
    }
    // Emptying the run from its front shifts the rest back; each stays reachable.
    for (int i = 0; i < keys.size(); i++) {
      map.remove(keys.get(i), keys.get(i));
      for (int j = i + 1; j < keys.size(); j++) {
        assertThat(values(map, keys.get(j))).containsExactly(keys.get(j));
      }
    }
    assertThat(map.size()).isZero();
  }

  @Test
  void shouldFindEveryKeyWhenManyKeysShareOneSlot() {
    List<Long> keys = keysWithHome(3, 200, 0);
    LongMultiMap<Long> map = new LongMultiMap<>();
    for (long k : keys) {
      map.add(k, k);
      map.add(k, k + 1);
    }
    assertThat(map.size()).isEqualTo(200);
    for (long k : keys) {
      assertThat(values(map, k)).containsExactly(k, k + 1);
    }
    assertThat(values(map, keys.get(199) + 1)).isEmpty();
  }

  @Test
  void shouldFindOtherKeysWhenKeyInMiddleOfCollidingRunIsRemoved() {
    // Three clusters back to back: homes 4, 5 and 6, interleaved so their runs overlap.
    List<Long> at4 = keysWithHome(4, 3, 0);
    List<Long> at5 = keysWithHome(5, 3, 0);
    List<Long> at6 = keysWithHome(6, 3, 0);
    List<Long> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      all.add(at4.get(i));
      all.add(at5.get(i));
      all.add(at6.get(i));
    }
    for (int victim = 0; victim < all.size(); victim++) {
      LongMultiMap<Long> map = new LongMultiMap<>();
      all.forEach(k -> map.add(k, k));
      Long gone = all.get(victim); // the stored instance: removal is by identity
      map.remove(gone, gone);

      assertThat(values(map, gone)).as("removed %s", gone).isEmpty();
      assertThat(map.size()).isEqualTo(all.size() - 1);
      for (long k : all) {
        if (k != gone) {
          assertThat(values(map, k)).as("after removing %s", gone).containsExactly(k);
        }
      }
    }
  }

  @Test
  void shouldFindOtherKeysWhenRunWrapsAroundTheTableEnd() {
    // 9 keys keep the table at 16 slots: a run starting at slot 14 wraps to slots 0, 1, ...
    List<Long> at14 = keysWithHome(14, 3, 0);
    List<Long> at15 = keysWithHome(15, 3, 0);
    List<Long> at0 = keysWithHome(0, 2, 0);
    List<Long> at1 = keysWithHome(1, 1, 0);
    List<Long> all = new ArrayList<>();
    all.addAll(at14);
    all.addAll(at15);
    all.addAll(at0);
    all.addAll(at1);
    for (int victim = 0; victim < all.size(); victim++) {
      LongMultiMap<Long> map = new LongMultiMap<>();
      all.forEach(k -> map.add(k, k));
      Long gone = all.get(victim); // the stored instance: removal is by identity
      map.remove(gone, gone);
      for (long k : all) {
        assertThat(values(map, k))
            .as("key %s after removing %s", k, gone)
            .isEqualTo(k == gone ? List.of() : List.of(k));
      }
      // Removing everything else in reverse order leaves the table empty and consistent.
      for (int i = all.size() - 1; i >= 0; i--) {
        map.remove(all.get(i), all.get(i));
        for (int j = 0; j < i; j++) {
          long k = all.get(j);
          assertThat(values(map, k)).isEqualTo(k == gone ? List.of() : List.of(k));
        }
      }
      assertThat(map.size()).isZero();
    }
  }

  @Test
  void shouldRemoveByIdentityWhenValuesAreEqual() {
    String first = new String("v");
    String second = new String("v");
    String third = new String("v");
    LongMultiMap<String> map = new LongMultiMap<>();
    map.add(1L, first);
    map.add(1L, second);
    map.add(1L, third);

    map.remove(1L, new String("v")); // equal, but none of them
    assertThat(values(map, 1L)).hasSize(3);

    map.remove(1L, second);
    List<String> left = values(map, 1L);
    assertThat(left).hasSize(2);
    assertThat(left.get(0)).isSameAs(first);
    assertThat(left.get(1)).isSameAs(third);

    map.remove(1L, first);
    assertThat(values(map, 1L)).singleElement().isSameAs(third);

    map.remove(1L, new String("v"));
    assertThat(values(map, 1L)).singleElement().isSameAs(third);
    assertThat(map.size()).isEqualTo(1);

    map.remove(1L, third);
    assertThat(values(map, 1L)).isEmpty();
    assertThat(map.size()).isZero();
  }

  @Test
  void shouldIgnoreRemoveWhenKeyOrValueIsUnknown() {
    LongMultiMap<String> map = new LongMultiMap<>();
    map.add(1L, "a");
    map.remove(2L, "a");
    map.remove(1L, "b");
    assertThat(values(map, 1L)).containsExactly("a");
    assertThat(map.size()).isEqualTo(1);
  }

  @Test
  void shouldRemoveOneOccurrenceWhenSameValueWasAddedTwice() {
    LongMultiMap<String> map = new LongMultiMap<>();
    String v = "v";
    map.add(9L, v);
    map.add(9L, "w");
    map.add(9L, v);
    map.remove(9L, v);
    assertThat(values(map, 9L)).containsExactly("w", "v");
    map.remove(9L, v);
    assertThat(values(map, 9L)).containsExactly("w");
  }

  @Test
  void shouldKeepEveryKeyWhenGrowingTo100kRandomKeys() {
    Random random = new Random(42);
    LongMultiMap<Integer> map = new LongMultiMap<>();
    Map<Long, List<Integer>> expected = new HashMap<>();
    List<Long> added = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      // One in ten repeats an earlier key.
      long key =
          !added.isEmpty() && random.nextInt(10) == 0
              ? added.get(random.nextInt(added.size()))
              : random.nextLong();
      added.add(key);
      map.add(key, i);
      expected.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    assertThat(map.size()).isEqualTo(expected.size());
    assertThat(expected.size()).isLessThan(100_000);
    expected.forEach((key, list) -> assertThat(values(map, key)).isEqualTo(list));
    Set<Long> keys = new HashSet<>(expected.keySet());
    int absentChecked = 0;
    for (int i = 0; i < 10_000; i++) {
      long probe = random.nextLong();
      if (!keys.contains(probe)) {
        assertThat(values(map, probe)).isEmpty();
        absentChecked++;
      }
    }
    assertThat(absentChecked).isPositive();
  }

  @Test
  void shouldMatchReferenceModelWhenAddsAndRemovesInterleave() {
    Random random = new Random(20241022);
    LongMultiMap<Object> map = new LongMultiMap<>();
    Map<Long, List<Object>> model = new HashMap<>();
    int removedKeys = 0;
    // Few distinct keys, so the table keeps growing and shrinking runs; sequential keys as well
    // as spread ones, so clusters form.
    for (int step = 0; step < 200_000; step++) {
      long key =
          random.nextBoolean() ? random.nextInt(3_000) : random.nextInt(3_000) * 0x1_0000_0000L;
      List<Object> current = model.get(key);
      if (current != null && random.nextInt(100) < 48) {
        Object victim = current.get(random.nextInt(current.size()));
        map.remove(key, victim);
        removeByIdentity(current, victim);
        if (current.isEmpty()) {
          model.remove(key);
          removedKeys++;
        }
      } else {
        Object value = new Object();
        map.add(key, value);
        model.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
      if (step % 10_000 == 9_999) {
        assertSame(map, model, step);
      }
    }
    assertSame(map, model, -1);
    assertThat(removedKeys).isGreaterThan(1_000);

    // Drain it: every key removed, the map ends empty, and nothing is found any more.
    for (Map.Entry<Long, List<Object>> e : new ArrayList<>(model.entrySet())) {
      for (Object v : e.getValue()) {
        map.remove(e.getKey(), v);
      }
    }
    assertThat(map.size()).isZero();
    for (long key : model.keySet()) {
      assertThat(values(map, key)).isEmpty();
    }
  }

  private static void removeByIdentity(List<Object> list, Object value) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == value) {
        list.remove(i);
        return;
      }
    }
  }

  private static void assertSame(LongMultiMap<Object> map, Map<Long, List<Object>> model, int at) {
    assertThat(map.size()).as("size at step %d", at).isEqualTo(model.size());
    for (int k = 0; k < 3_000; k++) {
      for (long key : new long[] {k, k * 0x1_0000_0000L}) {
        List<Object> got = values(map, key);
        List<Object> want = model.getOrDefault(key, List.of());
        assertThat(got).as("key %d at step %d", key, at).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
          assertThat(got.get(i)).as("key %d value %d at step %d", key, i, at).isSameAs(want.get(i));
        }
      }
    }
  }
}
