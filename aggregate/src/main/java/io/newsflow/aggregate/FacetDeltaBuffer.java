package io.newsflow.aggregate;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The {@value AggregateTopology#FACET_DELTAS_STORE} store: facet count changes summed per (facet
 * key, hour of event time, windows counted in) since the last commit, in memory, forwarded to
 * {@code by-facet} when Kafka Streams commits. See {@link FacetDeltaCombiner} for why this is exact
 * under exactly-once.
 *
 * <p>Why a store and not a field of the processor: the processor API has no "before commit" hook,
 * and a punctuation is not tied to commits (counts buffered after it would be lost in a crash, or
 * forwarded after the offsets they came from were committed). A task's state manager flushes every
 * record cache inside the commit, before the producer is flushed and the transaction committed
 * ({@code StreamTask.prepareCommit} calls {@code ProcessorStateManager.flushCache}, which calls
 * {@link CachedStateStore#flushCache} of each store); this store takes part in that step as the
 * caching key-value stores of the DSL do, and forwards the way they do (as the processor that owns
 * it, with a record context of its own). {@link StateStore#flush} is not used: in Kafka Streams 4.3
 * it runs from the state manager's checkpoint, after the transaction has committed.
 *
 * <p>Kafka Streams internals are used for it ({@code CachedStateStore}, {@code
 * InternalProcessorContext}, {@code ProcessorNode}, {@code ProcessorRecordContext}): the same ones
 * the DSL's caches use; {@code FacetDeltaCombinerTest} and {@code AggregateTopologyTest} fail if
 * they change.
 *
 * <p>No changelog, not persistent: it is empty at every commit, so there is nothing to restore.
 * Bounded: past {@link #MAX_BUCKETS} entries it forwards its content at once (within the running
 * transaction, so as safe as at the commit).
 */
final class FacetDeltaBuffer implements StateStore, CachedStateStore<String, FacetDelta> {
  /** Entries held before the buffer forwards without waiting for the commit. */
  static final int MAX_BUCKETS = 20_000;

  private final String name;
  private final Map<Bucket, Sum> sums = new LinkedHashMap<>();
  private boolean open;
  private InternalProcessorContext<String, FacetDelta> context;
  private ProcessorNode<?, ?, ?, ?> node;

  FacetDeltaBuffer(String name) {
    this.name = name;
  }

  /** Builds the store: in memory, no changelog, no record cache (it is one). */
  static StoreBuilder<FacetDeltaBuffer> builder(String name) {
    return new StoreBuilder<>() {
      @Override
      public StoreBuilder<FacetDeltaBuffer> withCachingEnabled() {
        return this;
      }

      @Override
      public StoreBuilder<FacetDeltaBuffer> withCachingDisabled() {
        return this;
      }

      @Override
      public StoreBuilder<FacetDeltaBuffer> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("empty at every commit: nothing to log");
      }

      @Override
      public StoreBuilder<FacetDeltaBuffer> withLoggingDisabled() {
        return this;
      }

      @Override
      public FacetDeltaBuffer build() {
        return new FacetDeltaBuffer(name);
      }

      @Override
      public Map<String, String> logConfig() {
        return Map.of();
      }

      @Override
      public boolean loggingEnabled() {
        return false;
      }

      @Override
      public String name() {
        return name;
      }
    };
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

  /**
   * Forwards as the processor whose context this is (called from its {@code init}, while Kafka
   * Streams has it as the current node).
   */
  @SuppressWarnings("unchecked")
  void forwardAs(ProcessorContext<String, FacetDelta> processorContext) {
    this.context = (InternalProcessorContext<String, FacetDelta>) processorContext;
    this.node = context.currentNode();
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

  private ProcessorRecordContext origin(long time) {
    ProcessorRecordContext current = context == null ? null : context.recordContext();
    return current == null
        ? new ProcessorRecordContext(time, -1, -1, null, new RecordHeaders())
        : new ProcessorRecordContext(
            time, current.offset(), current.partition(), current.topic(), new RecordHeaders());
  }

  int size() {
    return sums.size();
  }

  /**
   * Hands every summed change over and empties the buffer, in the order the buckets were first
   * added, each with the event time of its first change (and where that change came from): key
   * facet key, value the change and its windows. A change that sums to zero (a story moved out of
   * and back into an hour) is dropped.
   */
  void drain(BiConsumer<ProcessorRecordContext, Record<String, FacetDelta>> to) {
    Iterator<Map.Entry<Bucket, Sum>> it = sums.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Bucket, Sum> e = it.next();
      it.remove();
      Sum sum = e.getValue();
      FacetCount c = sum.count;
      if (c.mentions() != 0 || c.stories() != 0 || c.distinctStories() != 0) {
        to.accept(
            sum.origin,
            new Record<>(
                e.getKey().facetKey(), new FacetDelta(c, e.getKey().windows()), sum.firstTime));
      }
    }
  }

  /** Called by Kafka Streams inside the commit, before the transaction commits. */
  @Override
  public void flushCache() {
    if (sums.isEmpty()) {
      return;
    }
    ProcessorNode<?, ?, ?, ?> previousNode = context.currentNode();
    ProcessorRecordContext previous = context.recordContext();
    try {
      context.setCurrentNode(node);
      drain(
          (origin, record) -> {
            // A sink reads topic, partition and offset from the record context to report errors.
            context.setRecordContext(origin);
            context.forward(record);
          });
    } finally {
      context.setRecordContext(previous);
      context.setCurrentNode(previousNode);
    }
  }

  /** Called when a task is closed unclean: the transaction is aborted, the input read again. */
  @Override
  public void clearCache() {
    sums.clear();
  }

  @Override
  public boolean setFlushListener(
      CacheFlushListener<String, FacetDelta> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext stateStoreContext, StateStore root) {
    sums.clear();
    stateStoreContext.register(root, (key, value) -> {});
    open = true;
  }

  @Override
  public void close() {
    sums.clear();
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }
}
