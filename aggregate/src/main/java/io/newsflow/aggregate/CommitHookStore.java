package io.newsflow.aggregate;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
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
 * An in-memory store without a changelog that holds what its processor forwards when Kafka Streams
 * commits, inside the commit, before the transaction commits: {@link FacetDeltaBuffer} (summed
 * facet changes before {@code by-facet}) and {@link FacetCounter}'s changed keys (one {@code
 * news.counts} record per changed key and window per commit).
 *
 * <p>Why a store and not a field of the processor: the processor API has no "before commit" hook,
 * and a punctuation is not tied to commits (what is buffered after it would be lost in a crash, or
 * forwarded after the offsets it came from were committed). A task's state manager flushes every
 * record cache inside the commit, before the producer is flushed and the transaction committed
 * ({@code StreamTask.prepareCommit} calls {@code ProcessorStateManager.flushCache}, which calls
 * {@link CachedStateStore#flushCache} of each store); this store takes part in that step as the
 * caching stores of the DSL do, and forwards the way they do (as the processor that owns it, with a
 * record context of its own). {@link StateStore#flush} is not used: in Kafka Streams 4.3 it runs
 * from the state manager's checkpoint, after the transaction has committed.
 *
 * <p>Kafka Streams internals are used for it ({@code CachedStateStore}, {@code
 * InternalProcessorContext}, {@code ProcessorNode}, {@code ProcessorRecordContext}): the same ones
 * the DSL's caches use; {@code FacetDeltaCombinerTest} and {@code AggregateTopologyTest} fail if
 * they change.
 *
 * <p>No changelog, not persistent: it is empty after every commit, so there is nothing to restore;
 * when a task is closed unclean the transaction is aborted and the input read again, so what it
 * held is rebuilt.
 *
 * @param <K> key forwarded
 * @param <V> value forwarded
 */
abstract class CommitHookStore<K, V> implements StateStore, CachedStateStore<Object, Object> {
  private final String name;
  private boolean open;
  private InternalProcessorContext<K, V> context;
  private ProcessorNode<?, ?, ?, ?> node;

  CommitHookStore(String name) {
    this.name = name;
  }

  /** Builds such a store: in memory, no changelog, no record cache (it is one). */
  static <S extends CommitHookStore<?, ?>> StoreBuilder<S> builder(
      String name, Function<String, S> factory) {
    return new StoreBuilder<>() {
      @Override
      public StoreBuilder<S> withCachingEnabled() {
        return this;
      }

      @Override
      public StoreBuilder<S> withCachingDisabled() {
        return this;
      }

      @Override
      public StoreBuilder<S> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("empty at every commit: nothing to log");
      }

      @Override
      public StoreBuilder<S> withLoggingDisabled() {
        return this;
      }

      @Override
      public S build() {
        return factory.apply(name);
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

  /**
   * Forwards as the processor whose context this is (called from its {@code init}, while Kafka
   * Streams has it as the current node).
   */
  @SuppressWarnings("unchecked")
  final void forwardAs(ProcessorContext<K, V> processorContext) {
    this.context = (InternalProcessorContext<K, V>) processorContext;
    this.node = context.currentNode();
  }

  /**
   * Where the record being processed came from, stamped with {@code time}: a sink reads topic,
   * partition and offset from the record context to report errors.
   */
  final ProcessorRecordContext origin(long time) {
    ProcessorRecordContext current = context == null ? null : context.recordContext();
    return current == null
        ? new ProcessorRecordContext(time, -1, -1, null, new RecordHeaders())
        : new ProcessorRecordContext(
            time, current.offset(), current.partition(), current.topic(), new RecordHeaders());
  }

  /** Whether nothing is held. */
  abstract boolean isEmpty();

  /** Hands every held record over, each with the record context to forward it in, and empties. */
  abstract void drain(BiConsumer<ProcessorRecordContext, Record<K, V>> to);

  /** Drops what is held (the task closed unclean: the input is read again). */
  abstract void clear();

  /** Called by Kafka Streams inside the commit, before the transaction commits. */
  @Override
  public final void flushCache() {
    if (isEmpty()) {
      return;
    }
    ProcessorNode<?, ?, ?, ?> previousNode = context.currentNode();
    ProcessorRecordContext previous = context.recordContext();
    try {
      context.setCurrentNode(node);
      drain(
          (origin, record) -> {
            context.setRecordContext(origin);
            context.forward(record);
          });
    } finally {
      context.setRecordContext(previous);
      context.setCurrentNode(previousNode);
    }
  }

  @Override
  public final void clearCache() {
    clear();
  }

  @Override
  public final boolean setFlushListener(
      CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext stateStoreContext, StateStore root) {
    clear();
    stateStoreContext.register(root, (key, value) -> {});
    open = true;
  }

  @Override
  public void close() {
    clear();
    open = false;
  }

  @Override
  public final boolean persistent() {
    return false;
  }

  @Override
  public final boolean isOpen() {
    return open;
  }
}
