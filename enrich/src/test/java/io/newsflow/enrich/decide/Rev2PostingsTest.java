package io.newsflow.enrich.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Review probes of Postings: the ring against a sorted list model; id look-ups on appends. */
class Rev2PostingsTest {
  record P(long time, String id, int handle) {}

  @Test
  void ringMatchesASortedListModel() {
    for (int seed = 0; seed < 300; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      int cap = 1 + r.nextInt(12);
      Postings list = new Postings("t");
      List<P> model = new ArrayList<>();
      Map<Integer, String> ids = new HashMap<>();
      long time = 1000;
      int nextHandle = 0;
      for (int step = 0; step < 400; step++) {
        double op = r.nextDouble();
        if (op < 0.6) {
          long t = r.nextDouble() < 0.3 ? time - r.nextInt(50) : (time += r.nextInt(3));
          int h = nextHandle++;
          String id = "i" + r.nextInt(1000) + "-" + h;
          ids.put(h, id);
          list.add(t, id, h, 1f, cap, ids::get);
          P p = new P(t, id, h);
          int at = model.size();
          while (at > 0 && Order.compare(t, id, model.get(at - 1).time, model.get(at - 1).id) < 0) {
            at--;
          }
          model.add(at, p);
          while (model.size() > cap) {
            model.remove(0);
          }
        } else if (op < 0.8 && !model.isEmpty()) {
          assertThat(list.oldestHandle()).isEqualTo(model.get(0).handle);
          list.removeOldest();
          model.remove(0);
        } else if (!model.isEmpty()) {
          P victim = model.get(r.nextInt(model.size()));
          list.removeAll(victim.handle);
          model.remove(victim);
        }
        assertThat(list.size()).isEqualTo(model.size());
        for (int k = 0; k < model.size(); k++) {
          int at = list.newest(k);
          P want = model.get(model.size() - 1 - k);
          assertThat(list.handle(at))
              .as("seed %d step %d k %d", seed, step, k)
              .isEqualTo(want.handle);
          assertThat(list.time(at)).isEqualTo(want.time);
        }
        // capacity stays a power of two (masking)
      }
    }
  }

  @Test
  void anInOrderAppendWithALaterTimeNeedsNoIdLookUp() {
    Postings list = new Postings("t");
    AtomicInteger lookUps = new AtomicInteger();
    Map<Integer, String> ids = new HashMap<>();
    for (int h = 0; h < 100; h++) {
      ids.put(h, "a" + h);
      list.add(
          1_000L + h,
          "a" + h,
          h,
          1f,
          16,
          k -> {
            lookUps.incrementAndGet();
            return ids.get(k);
          });
    }
    // every append has a strictly later time than the newest posting: the id is not needed
    assertThat(lookUps.get()).isZero();
  }
}
