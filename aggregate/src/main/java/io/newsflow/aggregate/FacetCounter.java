package io.newsflow.aggregate;

import io.newsflow.contracts.CountRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Counts the facet changes that crossed {@code by-facet} ({@link FacetDeltas}: every entry of a
 * record belongs to this task's partition) into the three count stores, and sends the new totals of
 * every key and window it changed to {@code news.counts} once per commit.
 *
 * <p>What the DSL's {@code reduce} and windowed {@code reduce} did, for records that carry many
 * keys (the DSL counts one key per record, and re-keying a record inside the DSL adds another
 * repartition): the stores are the same (names, timestamped key-value and window stores, {@link
 * FacetCount} JSON values, changelogs, record cache), so state written by the DSL version is read
 * on as it is. An entry counts all-time when its windows bits say so, and in its hour and day
 * window when its bits say so and the window is still open by this task's own stream time (the
 * largest event time it has counted, as the DSL's windowed aggregation keeps it): a window {@code
 * [start, end)} takes it while {@code end > streamTime - grace}.
 *
 * <p>Each changed (key, window) is noted in {@value AggregateTopology#COUNT_CHANGES_STORE} ({@link
 * Changed}) and its new totals forwarded at the commit, as the DSL's caching stores forwarded
 * theirs: one {@code news.counts} record per key and window per commit, with the stored timestamp
 * (the latest event time counted in it).
 */
final class FacetCounter implements Processor<String, FacetDeltas, String, CountRecord> {
  private final Duration grace;
  private TimestampedKeyValueStore<String, FacetCount> allTime;
  private TimestampedWindowStore<String, FacetCount> hourly;
  private TimestampedWindowStore<String, FacetCount> daily;
  private Changed changed;
  private long streamTime = -1;

  FacetCounter(Duration grace) {
    this.grace = grace;
  }

  @Override
  public void init(ProcessorContext<String, CountRecord> context) {
    allTime = context.getStateStore(AggregateTopology.COUNTS_STORE);
    hourly = context.getStateStore(AggregateTopology.HOURLY_STORE);
    daily = context.getStateStore(AggregateTopology.DAILY_STORE);
    changed = context.getStateStore(AggregateTopology.COUNT_CHANGES_STORE);
    changed.forwardAs(context);
    changed.resolveWith(this::record);
    // Kafka Streams may initialise this processor again when it revives a task in place (an
    // exactly-once commit that timed out): the stream time of the aborted work must go, as after a
    // restart, or changes read again could be judged late by it.
    streamTime = -1;
  }

  @Override
  public void process(Record<String, FacetDeltas> record) {
    if (record.value() == null) {
      return;
    }
    changed.arrived(record.timestamp());
    for (FacetDeltas.Entry e : record.value().entries()) {
      String key = e.facetKey() == null ? record.key() : e.facetKey();
      long time = e.time() < 0 ? record.timestamp() : e.time();
      count(key, e.delta(), time);
    }
  }

  private void count(String key, FacetDelta delta, long time) {
    streamTime = Math.max(streamTime, time);
    FacetCount change = delta.count();
    if (delta.countsIn(Window.ALL)) {
      allTime.put(key, plus(allTime.get(key), change, time));
      changed.add(key, Window.ALL, -1);
    }
    long closeTime = streamTime - grace.toMillis();
    countIn(hourly, Window.HOUR, key, delta, time, closeTime);
    countIn(daily, Window.DAY, key, delta, time, closeTime);
  }

  private void countIn(
      TimestampedWindowStore<String, FacetCount> store,
      Window window,
      String key,
      FacetDelta delta,
      long time,
      long closeTime) {
    if (!delta.countsIn(window)) {
      return;
    }
    if (!FacetDelta.isOpen(time, window, closeTime)) {
      return; // closed: the DSL's windowed aggregation drops it too (all-time counted it)
    }
    long start = FacetDelta.start(time, window);
    store.put(key, plus(store.fetch(key, start), delta.count(), time), start);
    changed.add(key, window, start);
  }

  private static ValueAndTimestamp<FacetCount> plus(
      ValueAndTimestamp<FacetCount> old, FacetCount change, long time) {
    return old == null
        ? ValueAndTimestamp.make(change, time)
        : ValueAndTimestamp.make(old.value().plus(change), Math.max(old.timestamp(), time));
  }

  /** The {@code news.counts} record of a changed key and window: its totals now. */
  private Record<String, CountRecord> record(Change c) {
    ValueAndTimestamp<FacetCount> value =
        switch (c.window()) {
          case ALL -> allTime.get(c.facetKey());
          case HOUR -> hourly.fetch(c.facetKey(), c.windowStart());
          case DAY -> daily.fetch(c.facetKey(), c.windowStart());
        };
    if (value == null) {
      return null; // its window's segment expired meanwhile
    }
    CountRecord record =
        AggregateTopology.countRecord(
            c.facetKey(),
            c.window(),
            c.window() == Window.ALL ? null : Instant.ofEpochMilli(c.windowStart()),
            value.value());
    return new Record<>(record.topicKey(), record, value.timestamp());
  }

  /** A key and window changed since the last commit. */
  record Change(String facetKey, Window window, long windowStart) {}

  /**
   * The {@value AggregateTopology#COUNT_CHANGES_STORE} store: the (key, window) pairs counted into
   * since the last commit, forwarded with their totals at the commit ({@link CommitHookStore}).
   */
  static final class Changed extends CommitHookStore<String, CountRecord> {
    private final Set<Change> changes = new LinkedHashSet<>();
    private ProcessorRecordContext origin;
    private Function<Change, Record<String, CountRecord>> resolve;

    Changed(String name) {
      super(name);
    }

    static StoreBuilder<Changed> builder(String name) {
      return CommitHookStore.builder(name, Changed::new);
    }

    void resolveWith(Function<Change, Record<String, CountRecord>> resolve) {
      this.resolve = resolve;
    }

    /** Notes where the record being counted came from (the sink reports errors with it). */
    void arrived(long time) {
      origin = origin(time);
    }

    void add(String facetKey, Window window, long windowStart) {
      changes.add(new Change(facetKey, window, windowStart));
    }

    @Override
    boolean isEmpty() {
      return changes.isEmpty();
    }

    @Override
    void clear() {
      changes.clear();
    }

    @Override
    void drain(BiConsumer<ProcessorRecordContext, Record<String, CountRecord>> to) {
      Iterator<Change> it = changes.iterator();
      while (it.hasNext()) {
        Change c = it.next();
        it.remove();
        Record<String, CountRecord> record = resolve.apply(c);
        if (record != null) {
          to.accept(origin, record);
        }
      }
    }
  }
}
