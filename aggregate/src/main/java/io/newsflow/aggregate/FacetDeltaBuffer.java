package io.newsflow.aggregate;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The {@value AggregateTopology#FACET_DELTAS_STORE} store: facet count changes summed per (facet
 * key, hour of event time, windows counted in) since the last commit, in memory, forwarded to
 * {@code by-facet} when Kafka Streams commits ({@link CommitHookStore}). See {@link
 * FacetDeltaCombiner} for why this is exact under exactly-once.
 *
 * <p>Forwarded as one {@link FacetDeltas} record per partition of {@code by-facet} (at most {@link
 * FacetDeltas#MAX_ENTRIES} entries each), keyed by its first facet key, once the partition count is
 * known ({@link BatchPartitioner}); before that (the first commit after a start), one record per
 * entry.
 *
 * <p>Bounded: past {@link #MAX_BUCKETS} entries it forwards its content at once (within the running
 * transaction, so as safe as at the commit).
 */
final class FacetDeltaBuffer extends CommitHookStore<String, FacetDeltas> {
  /** Entries held before the buffer forwards without waiting for the commit. */
  static final int MAX_BUCKETS = 20_000;

  private final Map<Bucket, Sum> sums = new LinkedHashMap<>();
  private IntSupplier partitions = () -> 0;

  FacetDeltaBuffer(String name) {
    super(name);
  }

  /** Builds the store: in memory, no changelog, no record cache (it is one). */
  static StoreBuilder<FacetDeltaBuffer> builder(String name) {
    return CommitHookStore.builder(name, FacetDeltaBuffer::new);
  }

  /** Where the partition count of {@code by-facet} is learnt (0 while unknown). */
  void partitionsFrom(IntSupplier partitions) {
    this.partitions = partitions;
  }

  /** Key of an entry: a facet key, the start of the hour of event time, the windows bits. */
  record Bucket(String facetKey, long hour, int windows) {}

  /** The change summed so far; its first change's event time and source position. */
  private static final class Sum {
    FacetCount count;
    final long firstTime;
    final ProcessorRecordContext origin;

    Sum(FacetCount count, long firstTime, ProcessorRecordContext origin) {
      this.count = count;
      this.firstTime = firstTime;
      this.origin = origin;
    }
  }

  /** Adds a change at event time {@code time} that counts in {@code windows}. */
  void add(String facetKey, FacetCount change, long time, int windows) {
    Bucket bucket = new Bucket(facetKey, FacetDelta.start(time, Window.HOUR), windows);
    Sum sum = sums.get(bucket);
    if (sum == null) {
      sums.put(bucket, new Sum(change, time, origin(time)));
      if (sums.size() > MAX_BUCKETS) {
        flushCache();
      }
    } else {
      sum.count = sum.count.plus(change);
    }
  }

  int size() {
    return sums.size();
  }

  @Override
  boolean isEmpty() {
    return sums.isEmpty();
  }

  @Override
  void clear() {
    sums.clear();
  }

  /**
   * Hands every summed change over and empties the buffer, in the order the buckets were first
   * added (within each record), each with the event time of its first change: grouped by the
   * partition of {@code by-facet} its facet key goes to, a record keyed by the group's first facet
   * key (so it lands in that partition) with the event time and origin of its first change. A
   * change that sums to zero (a story moved out of and back into an hour) is dropped.
   */
  @Override
  void drain(BiConsumer<ProcessorRecordContext, Record<String, FacetDeltas>> to) {
    int n = partitions.getAsInt();
    PartitionGroups<FacetDeltas.Entry> groups =
        new PartitionGroups<>(
            FacetDeltas.MAX_ENTRIES,
            FacetDeltas.MAX_BYTES,
            FacetDeltas::sizeOf,
            (entries, origin) -> send(to, entries, origin));
    Iterator<Map.Entry<Bucket, Sum>> it = sums.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Bucket, Sum> e = it.next();
      it.remove();
      Sum sum = e.getValue();
      FacetCount c = sum.count;
      if (c.mentions() == 0 && c.stories() == 0 && c.distinctStories() == 0) {
        continue;
      }
      String key = e.getKey().facetKey();
      FacetDeltas.Entry entry =
          new FacetDeltas.Entry(key, new FacetDelta(c, e.getKey().windows()), sum.firstTime);
      if (n <= 0) {
        send(to, List.of(entry), sum.origin);
        continue;
      }
      groups.add(BatchPartitioner.partitionOf(key, n), entry, sum.origin);
    }
    groups.finish();
  }

  private static void send(
      BiConsumer<ProcessorRecordContext, Record<String, FacetDeltas>> to,
      List<FacetDeltas.Entry> entries,
      ProcessorRecordContext origin) {
    FacetDeltas.Entry first = entries.get(0);
    to.accept(origin, new Record<>(first.facetKey(), new FacetDeltas(entries), first.time()));
  }
}
